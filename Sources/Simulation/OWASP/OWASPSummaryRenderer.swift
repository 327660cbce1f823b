import EdgeCore

/// Renders what the OWASP Core Ruleset did over a replay (`OWASPSummary`) in the replay's text, JSON and Markdown
/// results: the counts, the false-positive review (rules by requests matched, with their top path and an example),
/// the paths of requests that reached the threshold, the score distribution and the top requests.
public enum OWASPSummaryRenderer {
    /// Rules, paths and requests listed in the text and Markdown results; the JSON lists up to this many too.
    static let listed = 10

    /// The section's title in every result.
    public static let title = "Managed rules (OWASP Core Ruleset)"

    /// `12 requests reached the threshold (block)`: what the ruleset's action did, in words.
    static func reachedLine(_ s: OWASPSummary) -> String {
        "\(ReportFormat.count(s.reachedThreshold)) \(s.reachedThreshold == 1 ? "request" : "requests") reached the "
            + "threshold (\(s.deployment.action)), \(ReportFormat.count(s.belowThreshold)) matched below it, of "
            + "\(ReportFormat.count(s.evaluated)) evaluated"
    }

    /// `1,200 requests had no body in the trace: rules that read only the body were not evaluated for them.`; nil
    /// when every evaluated request had a body or no rule reads only the body.
    static func bodyNote(_ s: OWASPSummary) -> String? {
        guard s.bodyRulesNotEvaluated > 0 else { return nil }
        return
            "\(ReportFormat.count(s.bodyRulesNotEvaluated)) \(s.bodyRulesNotEvaluated == 1 ? "request" : "requests") "
            + "had no body in the trace: rules that read only the body were not evaluated for them."
    }

    /// The terminal report's section; empty when the spec does not deploy the ruleset.
    public static func text(_ summary: OWASPSummary?) -> String {
        guard let s = summary else { return "" }
        var out = "\n\(title): \(s.deployment.description)\n  \(reachedLine(s))\n"
        if let note = bodyNote(s) { out += "  \(note)\n" }
        out +=
            "  score at paranoia level \(s.deployment.paranoiaLevel): "
            + s.scoreHistogram.indices.map {
                "\(OWASPSummary.bandLabel($0)): \(ReportFormat.count(s.scoreHistogram[$0]))"
            }
            .joined(separator: ", ") + "\n"
        let rules = s.rankedRules
        if !rules.isEmpty {
            out += "  False-positive review: rules by requests matched\n"
            out += TextFormatting.table(
                [["  rule", "family", "matched", "reached threshold", "top path"]]
                    + rules.prefix(listed).map { id, counts in
                        [
                            "  \(id)", CRSRuleFamily.name(of: id), ReportFormat.count(counts.matched),
                            ReportFormat.count(counts.reachedThreshold),
                            OWASPSummary.topPath(counts).map { "\($0.path.prefix(50)) (\($0.requests))" } ?? "–",
                        ]
                    })
            if rules.count > listed { out += "    … and \(rules.count - listed) more rules\n" }
        }
        let paths = s.rankedPaths
        if !paths.isEmpty {
            out += "  Requests that reached the threshold by path\n"
            out += TextFormatting.table(
                paths.prefix(listed).map { ["  \($0.path.prefix(80))", ReportFormat.count($0.requests)] })
            if paths.count > listed { out += "    … and \(paths.count - listed) more paths\n" }
        }
        if !s.topRequests.isEmpty {
            out += "  Top requests that reached the threshold\n"
            for request in s.topRequests {
                out += "    score \(request.score) (\(ids(request.ruleIDs))) line \(request.line): \(request.request)\n"
            }
        }
        return out
    }

    /// The `owasp` member of the replay's JSON document: null when the spec does not deploy the ruleset
    /// (`docs/replay-output.md`).
    public static func json(_ summary: OWASPSummary?) -> JSONValue {
        guard let s = summary else { return .null }
        return .object([
            ("paranoia_level", .int(Int64(s.deployment.paranoiaLevel))),
            ("score_threshold", .int(Int64(s.deployment.scoreThreshold))),
            ("action", .string(s.deployment.action)),
            ("evaluated", .int(Int64(s.evaluated))),
            ("reached_threshold", .int(Int64(s.reachedThreshold))),
            ("matched_below_threshold", .int(Int64(s.belowThreshold))),
            ("body_rules_not_evaluated", .int(Int64(s.bodyRulesNotEvaluated))),
            (
                "score_histogram",
                .array(
                    s.scoreHistogram.indices.map {
                        .object([
                            ("scores", .string(OWASPSummary.bandLabel($0))),
                            ("from", .int(Int64(OWASPSummary.scoreBands[$0]))),
                            ("requests", .int(Int64(s.scoreHistogram[$0]))),
                        ])
                    })
            ),
            (
                "rules",
                .array(
                    s.rankedRules.map { id, counts in
                        .object([
                            ("id", .int(Int64(id))), ("family", .string(CRSRuleFamily.name(of: id))),
                            ("matched", .int(Int64(counts.matched))),
                            ("reached_threshold", .int(Int64(counts.reachedThreshold))),
                            ("top_path", OWASPSummary.topPath(counts).map { .string($0.path) } ?? .null),
                            ("example", counts.example.map(JSONValue.string) ?? .null),
                        ])
                    })
            ),
            (
                "paths",
                .array(
                    s.rankedPaths.prefix(100).map {
                        .object([("path", .string($0.path)), ("requests", .int(Int64($0.requests)))])
                    })
            ),
            (
                "top_requests",
                .array(
                    s.topRequests.map { request in
                        .object([
                            ("line", .int(Int64(request.line))), ("request", .string(request.request)),
                            ("score", .int(Int64(request.score))),
                            ("rules", .array(request.ruleIDs.map { .int(Int64($0)) })),
                        ])
                    })
            ),
        ])
    }

    /// The Markdown result's section: the counts, the top rules and the top paths; empty when the spec does not
    /// deploy the ruleset.
    static func markdown(_ summary: OWASPSummary?) -> String {
        guard let s = summary else { return "" }
        var out = "\n**\(title)**: \(s.deployment.description)\n\n\(reachedLine(s)).\n"
        if let note = bodyNote(s) { out += "\n" + MarkdownText.cell(note) + "\n" }
        let rules = s.rankedRules
        if !rules.isEmpty {
            out +=
                "\n"
                + MarkdownText.table(
                    ["Rule", "Family", "Matched", "Reached threshold", "Top path"], rightAligned: [2, 3],
                    rows: rules.prefix(listed).map { id, counts in
                        [
                            MarkdownText.code(String(id)), CRSRuleFamily.name(of: id),
                            ReportFormat.count(counts.matched), ReportFormat.count(counts.reachedThreshold),
                            OWASPSummary.topPath(counts).map { SimulationMarkdown.code($0.path) } ?? "–",
                        ]
                    })
            if rules.count > listed { out += "\n… and \(rules.count - listed) more rules\n" }
        }
        let paths = s.rankedPaths
        if !paths.isEmpty {
            out +=
                "\n"
                + MarkdownText.table(
                    ["Path reaching the threshold", "Requests"], rightAligned: [1],
                    rows: paths.prefix(listed).map {
                        [SimulationMarkdown.code($0.path), ReportFormat.count($0.requests)]
                    })
            if paths.count > listed { out += "\n… and \(paths.count - listed) more paths\n" }
        }
        return out
    }

    /// The GitHub result's notice: the counts and the rules that matched most; empty when the spec does not deploy
    /// the ruleset.
    static func github(_ summary: OWASPSummary?) -> String {
        guard let s = summary else { return "" }
        let rules = s.rankedRules.prefix(5).map { "\($0.id) (\(ReportFormat.count($0.counts.matched)))" }
        return SimulationGitHub.command(
            .notice, title: title,
            "\(s.deployment.description): \(reachedLine(s))"
                + (rules.isEmpty ? "" : "; rules matched most: " + rules.joined(separator: ", ")))
    }

    /// `942100 942190`.
    static func ids(_ ids: [Int]) -> String { ids.map(String.init).joined(separator: " ") }
}
