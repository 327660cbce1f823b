import EdgeCore
import Foundation
import Testing

/// `--format github` and `--format markdown` of `check`, `build` and `test`, and `test --junit -`: the result on
/// stdout, nothing but progress and warnings on stderr.
@Suite struct ResultFormatTests {
    let scratch: ScratchDirectory
    let broken: String

    init() throws {
        scratch = try ScratchDirectory()
        broken = try scratch.write("broken.yaml", "vresion: 1\nzone:\n  name: example.com\n  plan: pr\n")
    }

    /// A spec with `passing` expect cases that pass and `failing` ones that fail, the failing ones last.
    private func specWithCases(passing: Int, failing: Int) throws -> String {
        var text = """
            version: 1
            zone: {name: example.com, plan: pro}
            waf:
              - id: block-admin
                when: http.request.uri.path eq "/admin"
                action: block
            expect:

            """
        for index in 0..<passing {
            text += "  - {name: 'home \(index) is allowed', request: {path: /home/\(index)}, action: allow}\n"
        }
        for index in 0..<failing {
            text += "  - {name: 'admin \(index) is allowed', request: {path: /admin}, action: allow}\n"
        }
        return try scratch.write("cases.yaml", text)
    }

    @Test func checkMarkdownIsATableOfFindingsUnderTheCommentLimit() {
        let result = edgeproof("check", broken, "--format", "markdown")
        #expect(result.exitCode == 1)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "### EdgeProof check: \(broken): 3 errors, 0 warnings")
        #expect(lines.contains("| Severity | ID | Where | Message |"))
        #expect(lines.contains { $0.hasPrefix("| error | `E0101` | `\(broken):1:1` | unknown key 'vresion'") })
        let clean = edgeproof("check", exampleSpec, "--format", "markdown")
        #expect(clean.exitCode == 0)
        #expect(clean.stdout.hasPrefix("### EdgeProof check: \(exampleSpec): "))
    }

    @Test func buildGitHubAnnotatesEachDriftedFileAndEndsWithTheOutcome() throws {
        let out = scratch.path("out")
        #expect(edgeproof("build", exampleSpec, "-o", out).exitCode == 0)
        try "changed\n".write(toFile: out + "/redis/redis.conf", atomically: false, encoding: .utf8)
        let result = edgeproof("build", exampleSpec, "-o", out, "--check", "--format", "github")
        #expect(result.exitCode == 1)
        let lines = result.stdout.split(separator: "\n")
        let errors = lines.filter { $0.hasPrefix("::error ") }
        #expect(errors.count == 1, "\(result.stdout)")
        #expect(errors.first?.hasPrefix("::error file=\(out)/redis/redis.conf,title=drift::changed: ") == true)
        #expect(lines.allSatisfy { $0.hasPrefix("::") || $0 == lines.last })
        #expect(lines.last?.hasPrefix("\(out): 1 file drifted from edge.yaml") == true)
        let markdown = edgeproof("build", exampleSpec, "-o", out, "--check", "--format", "markdown")
        #expect(markdown.exitCode == 1)
        #expect(markdown.stdout.contains("| `redis/redis.conf` | changed |"))
    }

    @Test func buildGitHubOfABrokenSpecAnnotatesTheFindings() {
        let result = edgeproof("build", broken, "-o", scratch.path("never"), "--format", "github")
        #expect(result.exitCode == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("::error file=") }.count == 3)
        #expect(lines.last == "\(broken): 3 errors, 0 warnings; nothing built")
    }

    @Test func testGitHubPutsAnErrorAtEachFailedCase() throws {
        let spec = try specWithCases(passing: 2, failing: 1)
        let result = edgeproof("test", spec, "--format", "github")
        #expect(result.exitCode == 1)
        let lines = result.stdout.split(separator: "\n")
        let written = "  - {name: 'admin 0 is allowed', request: {path: /admin}, action: allow}"
        let errors = lines.filter { $0.hasPrefix("::error ") }
        #expect(errors.count == 1)
        #expect(
            errors.first?.hasPrefix(
                "::error file=\(spec),line=10,col=5,endLine=10,endColumn=\(written.count + 1),"
                    + "title=expect case admin 0 is allowed::admin 0 is allowed: expected allow with no rule deciding, "
                    + "got block by rule block-admin") == true,
            "\(result.stdout)")
        #expect(lines.last == "\(spec): 2 passed, 1 failed")
    }

    @Test func testMarkdownOfThousandsOfCasesListsFailuresFirstUnderTheCommentLimit() throws {
        let spec = try specWithCases(passing: 3000, failing: 1500)
        let result = edgeproof("test", spec, "--format", "markdown")
        #expect(result.exitCode == 1)
        #expect(result.stdout.count < MarkdownText.commentLimit)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "### EdgeProof test: 3000 passed, 1500 failed (\(spec))")
        let rows = lines.filter { $0.hasPrefix("| pass |") || $0.hasPrefix("| **FAIL** |") }
        #expect(rows.count > 100)
        #expect(rows.allSatisfy { $0.hasPrefix("| **FAIL** |") }, "the failures come first and fill the room")
        #expect(rows.first?.contains("| admin 0 is allowed |") == true)
        let hidden = "… and \(4500 - rows.count) more cases (\(1500 - rows.count) of them failed"
        #expect(lines.contains { $0.hasPrefix(hidden) })
    }

    @Test func junitToADashPutsTheXMLOnStandardOutputAndTheResultOnStandardError() throws {
        let spec = try specWithCases(passing: 1, failing: 1)
        let result = edgeproof("test", spec, "--junit", "-")
        #expect(result.exitCode == 1)
        #expect(result.stdout.hasPrefix("<?xml"))
        #expect(result.stdout.contains(#"failures="1""#))
        #expect(result.stderr.contains("FAIL admin 0 is allowed"))
        #expect(result.stderr.contains("1 passed, 1 failed"))
    }
}
