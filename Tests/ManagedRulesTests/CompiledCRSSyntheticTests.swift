import EdgeModel
import EdgeWire
import Foundation
import ManagedRules
import RulesLanguage
import Testing

/// The compiled CRS evaluator against libmodsecurity on synthetic attack traffic: SQL injection, XSS, path
/// traversal, command injection and scanner payloads in the query, the path, headers, cookies and bodies.
@Suite(.enabled(if: CRSAvailability.installed, CRSAvailability.skipMessage))
struct CompiledCRSSyntheticTests {
    @Test("Every synthetic request gets the same rule ids and per-level scores through both evaluators")
    func syntheticTraffic() throws {
        let evaluator = try #require(CompiledCRSDifferential.evaluator)
        let requests = CompiledCRSDifferential.syntheticRequests()
        #expect(requests.count > 100)
        let report = CompiledCRSDifferential.compare(requests, evaluator: evaluator)
        print("synthetic differential: \(report.summary)")
        #expect(
            report.disagreements.isEmpty,
            "\(report.summary)\n\(report.disagreements.prefix(10).joined(separator: "\n"))")
        #expect(report.compiled > requests.count / 2, "\(report.summary)")
    }

    @Test("Later passes from outcome caches that a small budget keeps emptying agree with libmodsecurity")
    func outcomeCaches() throws {
        let evaluator = try CompiledCRSEvaluator(outcomeCacheBytes: 48 << 10)
        let requests = CompiledCRSDifferential.syntheticRequests()
        let baseline = CompiledCRSDifferential.evaluator
        var passes: [[ManagedRulesVerdict?]] = []
        for _ in 0..<3 { passes.append(requests.map { evaluator.compiledVerdict($0) }) }
        #expect(passes[1] == passes[0])
        #expect(passes[2] == passes[0])
        for (request, verdict) in zip(requests, passes[2]) {
            guard let verdict else { continue }
            #expect(verdict == evaluator.reference.evaluate(request), "\(String(decoding: request.uri, as: UTF8.self))")
        }
        let unbounded = try #require(baseline)
        #expect(requests.map { unbounded.compiledVerdict($0) } == passes[0])
    }

    @Test("The known probes score as measured with libmodsecurity, on the compiled path")
    func probes() throws {
        let evaluator = try #require(CompiledCRSDifferential.evaluator)
        let union = CRSRequest(
            ModSecurityEngineTests.request("/v1/incidents?q=1%27%20UNION%20SELECT%20password%20FROM%20users--"))
        let verdict = try #require(evaluator.compiledVerdict(union))
        #expect(verdict.score(atParanoiaLevel: 1) == 20)
        #expect(verdict.score(atParanoiaLevel: 2) == 40)
        #expect(verdict.matches(atParanoiaLevel: 1).map(\.id) == [942100, 942190, 942270, 942360])
        let script = CRSRequest(ModSecurityEngineTests.request("/v1/incidents?q=%3Cscript%3Ealert(1)%3C/script%3E"))
        let xss = try #require(evaluator.compiledVerdict(script))
        #expect(xss.score(atParanoiaLevel: 1) == 15)
        #expect(xss.score(atParanoiaLevel: 2) == 25)
        let benign = try #require(
            evaluator.compiledVerdict(CRSRequest(ModSecurityEngineTests.request("/v1/incidents?page=2"))))
        #expect(benign.levelScores == [0, 0, 0, 0])
        #expect(!benign.notEvaluated.isEmpty)
    }
}
