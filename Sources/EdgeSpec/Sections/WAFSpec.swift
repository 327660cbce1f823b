import EdgeCore

/// Actions of WAF custom rules.
public enum CustomRuleAction: String, CaseIterable, Sendable {
    /// Block the request.
    case block
    /// Interactive challenge.
    case challenge
    /// Managed challenge.
    case managed_challenge
    /// JavaScript challenge.
    case js_challenge
    /// Log only (Enterprise).
    case log
    /// Skip later rules or phases.
    case skip
}

/// The response sent when a rule blocks (custom responses need Pro or above).
public struct BlockResponseSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A custom response for block actions."
    /// HTTP status, 400–499; nil sends the action's default: 403 for a custom rule, 429 for a rate limiting rule
    /// (`docs/cloudflare-semantics.md`, "Block responses").
    public var status: Int?
    /// Content type: application/json, text/html, text/plain or text/xml.
    public var contentType: String
    /// The body (at most 30 KB).
    public var body: String
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> BlockResponseSpec {
        BlockResponseSpec(
            status: r.optional(
                "status", .int(400...499),
                "HTTP status code, 400–499 (default 403 for a custom rule, 429 for a rate limiting rule)."),
            contentType: r.optional(
                "content_type",
                .string(validate: { value in
                    ["application/json", "text/html", "text/plain", "text/xml"].contains(value)
                        ? nil
                        : (
                            "'\(value)' is not a content type Cloudflare allows",
                            "use application/json, text/html, text/plain or text/xml"
                        )
                }), default: "application/json", "Content type of the body."),
            body: r.required(
                "body", .string(validate: { $0.utf8.count <= 30_720 ? nil : ("the body is larger than 30 KB", nil) }),
                "Response body."),
            ranges: r.ranges)
    }
}

/// What a `skip` rule skips.
public struct SkipSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "What a skip rule skips: the rest of the custom rules and/or later phases."
    /// Skip the remaining custom rules (`ruleset: current`).
    public var rest: Bool
    /// Phases to skip.
    public var phases: [SkippablePhase]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> SkipSpec {
        SkipSpec(
            rest: r.optional("rest", .boolean, default: false, "Skip the remaining custom rules (ruleset: current)."),
            phases: r.optional("phases", .array(.enumeration), default: [], "Later phases to skip."),
            ranges: r.ranges)
    }
}

/// Phases a custom rule may skip.
public enum SkippablePhase: String, CaseIterable, Sendable {
    /// Rate limiting rules.
    case http_ratelimit
    /// Managed rules.
    case http_request_firewall_managed
    /// Super Bot Fight Mode.
    case http_request_sbfm
}

/// One WAF custom rule.
public struct CustomRuleSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A WAF custom rule (phase http_request_firewall_custom)."
    /// The status a block sends when the rule's response names none (Cloudflare's default for custom rules).
    public static let defaultBlockStatus = 403
    /// Stable id; becomes the rule's `ref` and the `[id]` prefix of its description.
    public var id: LocatedText
    /// What the rule is for.
    public var description: String?
    /// The Rules-language expression.
    public var when: LocatedText
    /// The action when it matches.
    public var action: CustomRuleAction
    /// Whether the rule is deployed enabled.
    public var enabled: Bool
    /// A custom block response.
    public var response: BlockResponseSpec?
    /// What a skip rule skips.
    public var skip: SkipSpec?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> CustomRuleSpec {
        CustomRuleSpec(
            id: r.required("id", .ruleID, "Stable rule id (lower-case letters, digits, - and _)."),
            description: r.optional("description", .string, "What the rule is for."),
            when: r.required("when", .expression, "Rules-language expression, e.g. http.user_agent eq \"\"."),
            action: r.required(
                "action", .enumeration, "block, challenge, managed_challenge, js_challenge, log or skip."),
            enabled: r.optional("enabled", .boolean, default: true, "Whether the rule is enabled."),
            response: r.optional(
                "response", ObjectReader.object(BlockResponseSpec.self, name: "response"),
                "Custom block response (Pro and above)."),
            skip: r.optional("skip", ObjectReader.object(SkipSpec.self, name: "skip"), "What a skip rule skips."),
            ranges: r.ranges)
    }
}

extension FieldType where Value == LocatedText {
    /// A rule id kept with its position (duplicate ids point at both places).
    static var ruleID: FieldType<LocatedText> {
        .located(
            schema: { .object([("type", "string"), ("pattern", .string(TextValidators.identifierPattern))]) },
            validate: TextValidators.identifier)
    }

    /// A Rules-language expression, kept as located text (compiled by the Rules-language stage).
    static var expression: FieldType<LocatedText> {
        .located(
            schema: { .object([("type", "string"), ("minLength", 1), ("maxLength", 4096)]) },
            validate: { text in
                text.isBlank
                    ? ("the expression is empty", "write an expression, or `true` to match every request") : nil
            })
    }
}

extension String {
    /// Whether the string is empty or only spaces and line breaks.
    var isBlank: Bool { allSatisfy { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" } }
}
