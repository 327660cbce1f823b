import EdgeModel
import EdgeWire
import Foundation
import ManagedRules
import RulesLanguage
import Testing

/// The OWASP Core Rule Set through libmodsecurity: the scores and rule ids of known probes, and located load errors.
@Suite(.enabled(if: CRSAvailability.installed, CRSAvailability.skipMessage))
struct ModSecurityEngineTests {
    static let engine: ModSecurityEngine? = try? ModSecurityEngine()

    static func request(_ target: String, headers: [(String, String)] = [], method: String = "GET") -> HTTPRequest {
        var request = HTTPRequest()
        request.method = Array(method.utf8)
        let parts = target.split(separator: "?", maxSplits: 1)
        request.path = Array(parts[0].utf8)
        request.query = parts.count > 1 ? Array(parts[1].utf8) : []
        request.host = Array("api.example.com".utf8)
        request.headers =
            [
                HTTPHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"),
                HTTPHeader("Accept", "application/json"),
            ]
            + headers.map { HTTPHeader($0.0, $0.1) }
        return request
    }

    @Test("A UNION SELECT probe scores 20 at paranoia level 1 and 40 at level 2, with libinjection's 942100")
    func unionSelect() throws {
        let engine = try #require(Self.engine)
        let verdict = engine.evaluate(Self.request("/v1/incidents?q=1%27%20UNION%20SELECT%20password%20FROM%20users--"))
        #expect(verdict.score(atParanoiaLevel: 1) == 20)
        #expect(verdict.score(atParanoiaLevel: 2) == 40)
        #expect(verdict.matches(atParanoiaLevel: 1).map(\.id) == [942100, 942190, 942270, 942360])
    }

    @Test("A script tag scores 15 at paranoia level 1 and 25 at level 2")
    func scriptTag() throws {
        let engine = try #require(Self.engine)
        let verdict = engine.evaluate(Self.request("/v1/incidents?q=%3Cscript%3Ealert(1)%3C/script%3E"))
        #expect(verdict.score(atParanoiaLevel: 1) == 15)
        #expect(verdict.score(atParanoiaLevel: 2) == 25)
        #expect(verdict.matches(atParanoiaLevel: 1).map(\.id) == [941100, 941110, 941160])
    }

    @Test("A benign request matches nothing, and the body-only rules are reported as not evaluated")
    func benign() throws {
        let engine = try #require(Self.engine)
        let verdict = engine.evaluate(Self.request("/v1/incidents?page=2&limit=50"))
        #expect(verdict.matches.isEmpty)
        #expect(verdict.levelScores == [0, 0, 0, 0])
        #expect(!verdict.notEvaluated.isEmpty)
    }

    @Test("A JSON body is parsed into ARGS: a SQL injection in a JSON value is found")
    func jsonBody() throws {
        let engine = try #require(Self.engine)
        var request = Self.request(
            "/v1/incidents", headers: [("Content-Type", "application/json")], method: "POST")
        request.body = Array(#"{"title":"1' UNION SELECT password FROM users--"}"#.utf8)
        let verdict = engine.evaluate(request)
        #expect(verdict.matches.map(\.id).contains(942100))
        #expect(verdict.notEvaluated.isEmpty)
    }

    @Test("A rule removed by id no longer matches and no longer scores")
    func removedRule() throws {
        let engine = try ModSecurityEngine(removedRuleIDs: [942100])
        let verdict = engine.evaluate(Self.request("/v1/incidents?q=1%27%20UNION%20SELECT%20password%20FROM%20users--"))
        #expect(!verdict.matches.map(\.id).contains(942100))
        #expect(verdict.score(atParanoiaLevel: 1) == 15)
    }

    @Test("A rules file that does not parse is a located error naming the file and line")
    func brokenRules() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crs-broken-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rules = directory.appendingPathComponent("REQUEST-900-BROKEN.conf")
        try "# broken\nSecRule ARGS \"@rx x\" \"id:1,phase:2,bogusaction\"\n".write(
            to: rules, atomically: true, encoding: .utf8)
        let installation = CRSInstallation(
            rulesDirectory: directory.path, setupFile: CRSInstallation.debian.setupFile)
        #expect {
            try ModSecurityEngine(installation: installation)
        } throws: { error in
            guard let error = error as? ManagedRulesLoadError else { return false }
            return error.file == rules.path && error.line == 2 && error.description.contains("bogusaction")
        }
    }

    @Test("A missing rules directory is an error naming it")
    func missingDirectory() {
        let installation = CRSInstallation(rulesDirectory: "/nonexistent/crs", setupFile: "/nonexistent/setup.conf")
        #expect(throws: ManagedRulesLoadError.self) { try ModSecurityEngine(installation: installation) }
    }
}

/// Whether Debian's CRS package is installed; the suites that need it skip with a message otherwise.
enum CRSAvailability {
    static let installed = FileManager.default.fileExists(atPath: CRSInstallation.debian.rulesDirectory)
    static let skipMessage: Comment =
        "the OWASP Core Rule Set is not installed at /usr/share/modsecurity-crs (run scripts/ensure-system-packages.sh)"
}

/// CRS adds a rule's points once for every variable it matches, though libmodsecurity may log the rule once, so
/// an exception that skips a rule runs the engine without it instead of subtracting its points (decision 0021).
@Suite(.enabled(if: CRSAvailability.installed, CRSAvailability.skipMessage))
struct RepeatedMatchTests {
    @Test("The same injection in two parameters scores twice, and removing a rule takes off every point it added")
    func twoParameters() throws {
        let engine = try #require(ModSecurityEngineTests.engine)
        let injection = "1%27%20UNION%20SELECT%20password%20FROM%20users--"
        let once = ModSecurityEngineTests.request("/v1/incidents?q=\(injection)")
        let twice = ModSecurityEngineTests.request("/v1/incidents?q=\(injection)&r=\(injection)")
        #expect(engine.evaluate(once).score(atParanoiaLevel: 1) == 20)
        #expect(engine.evaluate(twice).score(atParanoiaLevel: 1) == 40)
        let without = engine.removing([942190]).evaluate(twice)
        #expect(without.score(atParanoiaLevel: 1) == 30)
        #expect(!without.matches.contains { $0.id == 942190 })
        let dropped = engine.withoutMatches(of: [942190]).evaluate(twice)
        #expect(dropped.score(atParanoiaLevel: 1) == 35, "one score's worth only: why removal runs the engine")
    }
}
