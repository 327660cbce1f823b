import EdgeCore
import EdgeWire

/// The outcome of `test`: each expect case with what it expected and what it got, with the spec's findings,
/// rendered in each `--format`.
struct TestReport: FormattedResult {
    /// The version of the JSON document (`docs/command-line.md`).
    static let version: Int64 = 1

    /// The spec's name in diagnostics (`<stdin>` for `-`).
    let spec: String
    /// The spec's bytes, for quoting lines in text diagnostics.
    let specBytes: [UInt8]
    /// The checker's and compiler's findings, sorted.
    let diagnostics: [Diagnostic]
    /// One result per expect case, in the spec's order (empty when the spec has errors).
    var results: [ExpectationResult] = []
    /// The "Not simulated" section of the text form (settings the model does not simulate).
    var notSimulated = ""

    /// How many cases failed.
    var failed: Int { results.filter { !$0.passed }.count }
    /// How many cases passed.
    var passed: Int { results.count - failed }

    /// `N passed, M failed`, or the spec's error count when no case ran.
    var headline: String {
        if hasErrors { return "\(DiagnosticSummary(diagnostics).line(for: spec)); no case ran" }
        return "\(passed) passed, \(failed) failed"
    }

    var text: String {
        if hasErrors {
            return DiagnosticColors.renderer([SourceFile(name: spec, bytes: specBytes)])
                .render(diagnostics, summaryFor: spec)
        }
        var out = ""
        for result in results {
            out += "\(result.passed ? "PASS" : "FAIL") \(result.name)\n"
            if !result.passed {
                out += result.detail.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        return out + headline + "\n" + notSimulated
    }

    /// The members of check's document (its summary also counting cases), then `cases`.
    var json: JSONValue {
        var members = DiagnosticJSONRenderer.members(
            diagnostics, file: spec,
            summaryCounts: [
                ("cases", .int(Int64(results.count))), ("passed", .int(Int64(passed))),
                ("failed", .int(Int64(failed))),
            ])
        members.append(("cases", .array(results.map(Self.json))))
        return .object(members)
    }

    private static func json(_ result: ExpectationResult) -> JSONValue {
        let expected = result.expected
        return .object([
            ("name", .string(result.name)),
            ("passed", .bool(result.passed)),
            (
                "location",
                .object([
                    ("file", .string(result.range.file)), ("line", .int(Int64(result.range.start.line))),
                    ("column", .int(Int64(result.range.start.column))),
                ])
            ),
            (
                "expected",
                .object([
                    ("action", expected.action.map { .string($0.rawValue) } ?? .null),
                    ("rule", expected.rule.map(JSONValue.string) ?? .null),
                    ("cache", expected.cache.map { .string($0.rawValue) } ?? .null),
                    ("status", expected.status.map { .int(Int64($0)) } ?? .null),
                    ("owasp", expected.owasp.map(json) ?? .null),
                ])
            ),
            (
                "actual",
                result.actual.map { actual in
                    .object([
                        ("action", .string(actual.action.rawValue)),
                        ("rule", actual.rule.map(JSONValue.string) ?? .null),
                        ("cache", .string(actual.cache.rawValue)), ("status", .int(Int64(actual.status))),
                        ("owasp", actual.owasp.map(json) ?? .null),
                    ])
                } ?? .null
            ),
            ("detail", .string(result.detail)),
        ])
    }

    /// `{"rules": [ids…], "score": n}`; the score null when not checked.
    private static func json(_ owasp: OWASPExpectation) -> JSONValue {
        .object([
            ("rules", .array(owasp.rules.map { .int(Int64($0)) })),
            ("score", owasp.score.map { .int(Int64($0)) } ?? .null),
        ])
    }

    /// The spec's findings as workflow commands, an `::error` at each failed case, then the headline.
    var github: String {
        var out = DiagnosticGitHubRenderer.render(diagnostics)
        for result in results where !result.passed {
            let range = result.range
            let reason = result.detail.split(separator: "\n").first.map(String.init) ?? "failed"
            out +=
                "::error file=\(DiagnosticGitHubRenderer.escapeProperty(range.file)),line=\(range.start.line),"
                + "col=\(range.start.column),endLine=\(range.end.line),endColumn=\(range.end.column),"
                + "title=\(DiagnosticGitHubRenderer.escapeProperty("expect case " + result.name))::"
                + DiagnosticGitHubRenderer.escapeData(reason) + "\n"
        }
        return out + "\(spec): \(headline)\n"
    }

    /// A heading with the counts, the failed cases first and then the passed ones in one table, cut to stay under
    /// `MarkdownText.commentLimit`, then the spec's findings.
    var markdown: String {
        var out = "### EdgeProof test: \(MarkdownText.cell(headline)) (\(MarkdownText.cell(spec)))\n"
        if !results.isEmpty {
            let ordered = results.filter { !$0.passed } + results.filter(\.passed)
            let budget = MarkdownText.commentLimit / 4 * 3
            out += "\n" + MarkdownText.table(["Result", "Case", "Where", "Expected", "Got"], rows: [])
            var shown = 0
            for result in ordered {
                let line = "| " + Self.row(result).joined(separator: " | ") + " |\n"
                guard out.count + line.count + 100 < budget else { break }
                out += line
                shown += 1
            }
            if shown < ordered.count {
                let hiddenFailures = max(0, failed - shown)
                out +=
                    "\n… and \(ordered.count - shown) more cases (\(hiddenFailures) of them failed; run "
                    + "`edgeproof test` for all)\n"
            }
        }
        return out
            + DiagnosticMarkdownRenderer.table(
                diagnostics, budget: MarkdownText.commentLimit - out.count, command: "test")
    }

    private static func row(_ result: ExpectationResult) -> [String] {
        let expected = result.expected
        return [
            result.passed ? "pass" : "**FAIL**", MarkdownText.cell(result.name),
            MarkdownText.code("\(result.range.file):\(result.range.start.line)"),
            MarkdownText.cell(
                describe(
                    action: expected.action, rule: expected.rule, cache: expected.cache, status: expected.status,
                    owasp: expected.owasp)),
            MarkdownText.cell(
                result.actual.map {
                    describe(action: $0.action, rule: $0.rule, cache: $0.cache, status: $0.status, owasp: $0.owasp)
                } ?? "the request could not be built"),
        ]
    }

    /// `block by rule r1, cache MISS, status 403, owasp score 40 with 942100`; the parts given only.
    private static func describe(
        action: EdgeAction?, rule: String?, cache: CacheStatus?, status: Int?, owasp: OWASPExpectation?
    ) -> String {
        var parts: [String] = []
        if let action { parts.append(action.rawValue + (rule.map { " by rule \($0)" } ?? " with no rule deciding")) }
        if let cache { parts.append("cache \(cache.rawValue)") }
        if let status { parts.append("status \(status)") }
        if let owasp { parts.append(owasp.description) }
        return parts.isEmpty ? "anything" : parts.joined(separator: ", ")
    }
}
