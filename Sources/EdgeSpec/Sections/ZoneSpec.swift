import EdgeCore

/// The Cloudflare zone the rules deploy to.
public struct ZoneSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "The Cloudflare zone: its apex name and plan (the plan gates rule features and limits)."
    /// The zone apex, e.g. `agenticverz.com`.
    public var name: String
    /// The zone's plan.
    public var plan: CloudflarePlan
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ZoneSpec {
        ZoneSpec(
            name: r.required("name", .hostname, "Zone apex, e.g. example.com."),
            plan: r.required("plan", .enumeration, "Cloudflare plan: free, pro, business or enterprise."),
            ranges: r.ranges)
    }
}

/// A host name served through the zone, with the routes traffic uses (for synthetic traffic and reports).
public struct HostSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A host served through the zone."
    /// The host name.
    public var name: String
    /// What it serves.
    public var description: String?
    /// Representative paths (`/v1/incidents`), used to synthesise traffic.
    public var routes: [String]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> HostSpec {
        HostSpec(
            name: r.required("name", .hostname, "Host name, e.g. api.example.com."),
            description: r.optional("description", .string, "What the host serves."),
            routes: r.optional("routes", .array(.urlPath), default: [], "Representative paths served by this host."),
            ranges: r.ranges)
    }
}
