import EdgeCore

/// What the application does per request on a route: LLM calls and tokens, Redis commands.
public struct AppRouteSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "What the app does for requests on a route (path pattern, optional method)."
    /// Path pattern; `*` matches any characters.
    public var path: String
    /// Method, when the route is method-specific.
    public var method: String?
    /// LLM calls per request.
    public var llmCalls: Double
    /// Input tokens per LLM call.
    public var tokensIn: Double
    /// Output tokens per LLM call.
    public var tokensOut: Double
    /// Redis commands per request (app-layer rate limits, caching, queues).
    public var redisCommands: Double
    /// Whether a request on this route is one incident (the unit the cost table counts).
    public var countsIncident: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> AppRouteSpec {
        AppRouteSpec(
            path: r.required("path", .urlPath, "Path pattern; * matches any characters."),
            method: r.optional("method", .string, "Method (any when absent)."),
            llmCalls: r.optional("llm_calls", .number(maximum: 1_000), default: 0, "LLM calls per request."),
            tokensIn: r.optional("tokens_in", .number(maximum: 10_000_000), default: 0, "Input tokens per LLM call."),
            tokensOut: r.optional(
                "tokens_out", .number(maximum: 10_000_000), default: 0, "Output tokens per LLM call."),
            redisCommands: r.optional(
                "redis_commands", .number(maximum: 100_000), default: 0, "Redis commands per request."),
            countsIncident: r.optional("incident", .boolean, default: false, "A request here is one incident."),
            ranges: r.ranges)
    }
}

/// The application behind the edge, for the cost model.
public struct AppSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "The app behind the edge, for the cost model: per-route LLM and Redis usage."
    /// Per-route usage, first match wins.
    public var routes: [AppRouteSpec]
    /// Redis commands for origin requests no route matches.
    public var redisCommandsPerRequest: Double
    /// LLM-calling requests per incident, when no route is marked `incident` and the spec sets it.
    public var requestsPerIncident: Double?
    /// Whether the spec counts incidents: a route marked `incident`, or `requests_per_incident`.
    public var countsIncidents: Bool { routes.contains(where: \.countsIncident) || requestsPerIncident != nil }
    /// The incident volumes `whatif` sizes its scenarios to, each with the team's own estimate, when any.
    public var tiers: [AppTierSpec]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> AppSpec {
        AppSpec(
            routes: r.optional(
                "routes", .array(ObjectReader.object(AppRouteSpec.self, name: "app route")), default: [],
                "Per-route usage, first match wins."),
            redisCommandsPerRequest: r.optional(
                "redis_commands_per_request", .number(), default: 1, "Redis commands for other origin requests."),
            requestsPerIncident: r.optional(
                "requests_per_incident", .number(minimum: 0.001),
                "Requests on LLM-calling routes per incident, when no route is marked incident."),
            tiers: r.optional(
                "tiers", .array(ObjectReader.object(AppTierSpec.self, name: "tier")), default: [],
                "Incident volumes whatif scales to without --scale, each with an optional planned monthly cost."),
            ranges: r.ranges)
    }
}

/// One cost tier: an incident volume, and what the team planned to pay at it.
public struct AppTierSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A cost tier: incidents a month and the planned monthly cost."
    /// Incidents a month.
    public var incidents: Double
    /// The planned monthly cost as the team wrote it, e.g. `$500+`.
    public var planned: String?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> AppTierSpec {
        AppTierSpec(
            incidents: r.required("incidents", .number(minimum: 1), "Incidents a month."),
            planned: r.optional("planned", .string, "The planned monthly cost, shown beside the computed one."),
            ranges: r.ranges)
    }
}
