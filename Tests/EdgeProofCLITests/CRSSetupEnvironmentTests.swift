import Foundation
import Testing

/// `EDGEPROOF_CRS_SETUP` through a real `edgeproof replay` process: its settings reach the OWASP verdicts in the
/// decisions file, and a setup file that cannot be read stops the replay (exit 2) naming it.
@Suite(
    .enabled(
        if: FileManager.default.fileExists(atPath: "/usr/share/modsecurity-crs/rules"),
        "the OWASP Core Rule Set is not installed at /usr/share/modsecurity-crs (run scripts/ensure-system-packages.sh)"
    ))
struct CRSSetupEnvironmentTests {
    let scratch: ScratchDirectory
    let spec: String
    let trace: String

    init() throws {
        scratch = try ScratchDirectory()
        spec = try scratch.write(
            "edge.yaml",
            """
            version: 1
            zone: {name: example.com, plan: pro}
            managed_rules:
              owasp: {enabled: true, paranoia_level: 1, score_threshold: high, action: log}

            """)
        let argument = String(repeating: "x", count: 401)
        trace = try scratch.write(
            "trace.jsonl",
            #"{"ip":"192.0.2.1","host":"example.com","path":"/search","query":"q=\#(argument)","#
                + #""headers":{"User-Agent":"Mozilla/5.0","Accept":"*/*"}}"# + "\n")
    }

    /// The `owasp.rules` of the one decision line a replay with `environment` writes.
    private func rules(environment: [String: String]) throws -> [Int] {
        let decisions = scratch.path("decisions-\(UUID().uuidString).jsonl")
        let result = try edgeproofProcess(
            ["replay", spec, "--trace", trace, "--decisions", decisions], environment: environment)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let line = try String(contentsOfFile: decisions, encoding: .utf8)
        let decision = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let owasp = try #require(decision["owasp"] as? [String: Any])
        return try #require(owasp["rules"] as? [Int])
    }

    @Test func setupFileNamedByTheEnvironmentSetsTheArgumentLimit() throws {
        let setup = try scratch.write(
            "crs-setup.conf",
            """
            Include /etc/modsecurity/crs/crs-setup.conf
            SecAction "id:900005,phase:1,nolog,pass,setvar:tx.arg_length=400"

            """)
        #expect(try rules(environment: ["EDGEPROOF_CRS_SETUP": setup]).contains(920370))
        #expect(try !rules(environment: ["EDGEPROOF_CRS_SETUP": ""]).contains(920370))
    }

    @Test func unreadableSetupFileStopsTheReplayNamingIt() throws {
        let missing = scratch.path("missing-setup.conf")
        let result = try edgeproofProcess(
            ["replay", spec, "--trace", trace], environment: ["EDGEPROOF_CRS_SETUP": missing])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains(missing))
        #expect(result.stderr.contains("cannot be read"))
    }
}
