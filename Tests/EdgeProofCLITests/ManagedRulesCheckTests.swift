import Foundation
import Testing

/// `check` and `build` judge the OWASP rules a spec names against the installed Core Rule Set.
@Suite(
    .enabled(
        if: FileManager.default.fileExists(atPath: "/usr/share/modsecurity-crs/rules"),
        "the OWASP Core Rule Set is not installed at /usr/share/modsecurity-crs"))
struct ManagedRulesCheckTests {
    @Test func checkReportsAnUnknownCRSIDAtItsLineAndColumn() throws {
        let scratch = try ScratchDirectory()
        let spec = try scratch.write(
            "edge.yaml",
            "version: 1\nzone:\n  name: example.com\n  plan: pro\nmanaged_rules:\n  owasp:\n    enabled: true\n"
                + "    overrides:\n      - rule: 942999\n        enabled: false\n        cloudflare_id: r1\n")
        let result = edgeproof("check", spec)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("edge.yaml:9:15: error: 942999 is not a rule of the OWASP Core Rule Set 3.3.4"))
        #expect(result.stdout.contains("[E0951]"))
    }
}
