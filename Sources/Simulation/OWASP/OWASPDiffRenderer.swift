import EdgeCore

/// Renders what changes in the OWASP Core Ruleset between two specs (`OWASPDiff`) in the diff's text, JSON,
/// Markdown and GitHub results: the requests that newly reach the threshold and those that no longer do, by CRS rule
/// and by path, with redacted examples.
enum OWASPDiffRenderer {
    /// Rules and paths listed per direction in the text and Markdown results.
    static let listed = 5

    /// `12 requests newly reach the threshold (block)`.
    private static func newlyLine(_ diff: OWASPDiff) -> String {
        "\(count(diff.newlyReached.requests)) newly reach the threshold"
            + (diff.head.map { " (\($0.action))" } ?? "")
    }

    /// `3 requests no longer reach it`.
    private static func noLongerLine(_ diff: OWASPDiff) -> String {
        "\(count(diff.noLongerReached.requests)) no longer reach it"
    }

    /// The terminal report's section; empty when neither spec deploys the ruleset.
    static func text(_ diff: OWASPDiff?) -> String {
        guard let diff else { return "" }
        var out = "\n\(OWASPSummaryRenderer.title): \(diff.settingsDescription)\n"
        for (line, change) in [(newlyLine(diff), diff.newlyReached), (noLongerLine(diff), diff.noLongerReached)] {
            out += "  \(line)\n"
            guard change.requests > 0 else { continue }
            out += "    by rule: \(rules(change))\n    by path: \(paths(change))\n"
            for example in change.examples { out += "    e.g. \(example)\n" }
        }
        return out
    }

    /// The `owasp` member of the diff's JSON document: null when neither spec deploys the ruleset
    /// (`docs/whatif-and-diff-output.md`).
    static func json(_ diff: OWASPDiff?) -> JSONValue {
        guard let diff else { return .null }
        func side(_ deployment: OWASPDeployment?) -> JSONValue {
            guard let deployment else { return .null }
            return .object([
                ("paranoia_level", .int(Int64(deployment.paranoiaLevel))),
                ("score_threshold", .int(Int64(deployment.scoreThreshold))), ("action", .string(deployment.action)),
            ])
        }
        func change(_ change: OWASPChange) -> JSONValue {
            .object([
                ("requests", .int(Int64(change.requests))),
                (
                    "rules",
                    .array(
                        change.rankedRules.map {
                            .object([("id", .int(Int64($0.id))), ("requests", .int(Int64($0.requests)))])
                        })
                ),
                (
                    "paths",
                    .array(
                        change.rankedPaths.prefix(100).map {
                            .object([("path", .string($0.path)), ("requests", .int(Int64($0.requests)))])
                        })
                ),
                ("examples", .array(change.examples.map(JSONValue.string))),
            ])
        }
        return .object([
            ("base", side(diff.base)), ("head", side(diff.head)), ("newly_reached", change(diff.newlyReached)),
            ("no_longer_reached", change(diff.noLongerReached)),
        ])
    }

    /// The Markdown result's section; empty when neither spec deploys the ruleset.
    static func markdown(_ diff: OWASPDiff?) -> String {
        guard let diff else { return "" }
        var out = "\n**\(OWASPSummaryRenderer.title)**: \(MarkdownText.cell(diff.settingsDescription))\n\n"
        out += MarkdownText.table(
            ["Change", "Requests", "Top rules", "Top paths"], rightAligned: [1],
            rows: [("Newly reach the threshold", diff.newlyReached), ("No longer reach it", diff.noLongerReached)].map {
                name, change in
                [
                    name, ReportFormat.count(change.requests),
                    change.rankedRules.prefix(listed).map { "`\($0.id)` \(ReportFormat.count($0.requests))" }
                        .joined(separator: ", "),
                    change.rankedPaths.prefix(listed).map {
                        "\(SimulationMarkdown.code($0.path, limit: 50)) \(ReportFormat.count($0.requests))"
                    }.joined(separator: ", "),
                ]
            })
        return out
    }

    /// The GitHub result's notice; empty when neither spec deploys the ruleset.
    static func github(_ diff: OWASPDiff?) -> String {
        guard let diff else { return "" }
        return SimulationGitHub.command(
            .notice, title: OWASPSummaryRenderer.title,
            "\(diff.settingsDescription): \(newlyLine(diff)), \(noLongerLine(diff))")
    }

    private static func count(_ requests: Int) -> String {
        "\(ReportFormat.count(requests)) \(requests == 1 ? "request" : "requests")"
    }

    private static func rules(_ change: OWASPChange) -> String {
        let ranked = change.rankedRules
        return ranked.prefix(listed).map { "\($0.id) \(CRSRuleFamily.name(of: $0.id)) (\($0.requests))" }
            .joined(separator: ", ") + (ranked.count > listed ? ", … \(ranked.count - listed) more" : "")
    }

    private static func paths(_ change: OWASPChange) -> String {
        let ranked = change.rankedPaths
        return ranked.prefix(listed).map { "\($0.path.prefix(50)) (\($0.requests))" }.joined(separator: ", ")
            + (ranked.count > listed ? ", … \(ranked.count - listed) more" : "")
    }
}
