import EdgeModel
import EdgeWire
import Foundation
import ManagedRules
import RulesLanguage
import Testing

/// What the compiled evaluator leaves to libmodsecurity: requests that reach an untranslated rule, and bodies only
/// libmodsecurity's parsers read. Those requests get libmodsecurity's verdict and are counted; the others never
/// touch it.
@Suite(.enabled(if: CRSAvailability.installed, CRSAvailability.skipMessage))
struct CompiledCRSFallbackTests {
    /// A rules directory with one rule whose transformation (`t:trimLeft`) is not ported, and one that is (the
    /// scores start at 0 as CRS's initialisation sets them, which the engine's score report reads).
    static func installation() throws -> (CRSInstallation, cleanup: () -> Void) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crs-fallback-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let rules = """
            SecAction "id:99,phase:1,pass,nolog,setvar:tx.anomaly_score_pl1=0,setvar:tx.anomaly_score_pl2=0,\
                setvar:tx.anomaly_score_pl3=0,setvar:tx.anomaly_score_pl4=0"
            SecRule ARGS:probe "@rx attack" "id:100,phase:2,pass,log,t:none,t:trimLeft,\\
                setvar:'tx.anomaly_score_pl1=+5'"
            SecRule ARGS:other "@rx attack" "id:101,phase:2,pass,log,t:none,t:lowercase,\\
                setvar:'tx.anomaly_score_pl2=+3'"

            """
        try rules.write(
            to: directory.appendingPathComponent("REQUEST-900-TEST.conf"), atomically: true, encoding: .utf8)
        let installation = CRSInstallation(rulesDirectory: directory.path, setupFile: CRSInstallation.debian.setupFile)
        return (installation, { try? FileManager.default.removeItem(at: directory) })
    }

    @Test("A rule with an unported transformation is listed as untranslated, with the reason")
    func untranslatedListed() throws {
        let (installation, cleanup) = try Self.installation()
        defer { cleanup() }
        let evaluator = try CompiledCRSEvaluator(installation: installation)
        #expect(evaluator.untranslatedRules.map(\.id) == [100])
        #expect(evaluator.untranslatedRules.first?.reason.contains("trimLeft") == true)
    }

    @Test("A request that reaches the untranslated rule gets libmodsecurity's verdict and is counted as a fallback")
    func reachedRuleFallsBack() throws {
        let (installation, cleanup) = try Self.installation()
        defer { cleanup() }
        let evaluator = try CompiledCRSEvaluator(installation: installation)
        let reaching = CompiledCRSDifferential.request("GET", "/x?probe=%20attack")
        #expect(evaluator.compiledVerdict(reaching) == nil)
        #expect(evaluator.fallbackReason(reaching)?.ruleID == 100)
        let verdict = evaluator.evaluate(reaching)
        #expect(verdict == evaluator.reference.evaluate(reaching))
        #expect(verdict.matches.map(\.id) == [100])
        #expect(verdict.levelScores == [5, 0, 0, 0])
        #expect(evaluator.statistics == CompiledCRSStatistics(evaluated: 1, fallbacks: 1))
    }

    @Test("A request whose values never reach the untranslated rule is decided by the compiled rules alone")
    func unreachedRuleCompiled() throws {
        let (installation, cleanup) = try Self.installation()
        defer { cleanup() }
        let evaluator = try CompiledCRSEvaluator(installation: installation)
        let other = CompiledCRSDifferential.request("GET", "/x?other=ATTACK")
        let verdict = try #require(evaluator.compiledVerdict(other))
        let reference = evaluator.reference.evaluate(other)
        #expect(
            verdict == reference,
            "libmodsecurity: \(reference.matches) \(reference.levelScores) \(reference.notEvaluated)")
        #expect(verdict.matches.map(\.id) == [101])
        #expect(verdict.levelScores == [0, 3, 0, 0])
        _ = evaluator.evaluate(other)
        #expect(evaluator.statistics == CompiledCRSStatistics(evaluated: 1, fallbacks: 0))
    }

    @Test("A JSON body is left to libmodsecurity's parser: same verdict, counted as a fallback")
    func jsonBodyFallsBack() throws {
        let evaluator = try #require(CompiledCRSDifferential.evaluator)
        let request = CompiledCRSDifferential.request(
            "POST", "/v1/incidents", headers: [("Content-Type", "application/json")],
            body: #"{"title":"1' UNION SELECT password FROM users--"}"#)
        #expect(evaluator.compiledVerdict(request) == nil)
        #expect(evaluator.fallbackReason(request)?.reason.contains("JSON") == true)
        let before = evaluator.statistics
        let verdict = evaluator.evaluate(request)
        #expect(verdict.matches.map(\.id).contains(942100))
        #expect(evaluator.statistics.fallbacks == before.fallbacks + 1)
    }
}
