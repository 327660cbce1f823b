import EdgeCompiler
import EdgeModel

/// How replays treat one spec setting: simulated by the edge model, deployed but not simulated (and reported with
/// the requests it could have touched), or not an edge setting at all
/// (`docs/decisions/0014-nothing-the-spec-says-is-silently-ignored.md`).
public struct SpecSetting: Sendable {
    /// The setting's key path in the spec schema: `cache[].serve_stale`, `lists.{name}.items`; a path ending in
    /// `.*` covers the setting and everything under it (`fly.*`).
    public let path: String
    /// What the edge model does with it.
    public let treatment: Treatment

    /// What the edge model does with a setting.
    public enum Treatment: Sendable {
        /// The edge model acts on it.
        case simulated
        /// Deployed to Cloudflare, but the edge model does not act on it: replays report each use with the requests
        /// it could have touched.
        case notSimulated(NotSimulated)
        /// Not an edge setting: what it is for instead (a configuration target, a cost or capacity model, the tool).
        case notAnEdgeSetting(String)
    }

    /// A setting the edge model leaves out: which requests it could touch, and where a spec uses it.
    public struct NotSimulated: Sendable {
        /// The requests each use could have touched.
        public let reach: SettingReach
        /// The uses in a compiled spec: the ids of the rules that use it, or `[nil]` for a section-wide setting.
        public let uses: @Sendable (CompiledEdge) -> [String?]
    }

    /// Whether this entry classifies `schemaPath`: the same path, or one under a `.*` entry.
    public func covers(_ schemaPath: String) -> Bool {
        guard path.hasSuffix(".*") else { return path == schemaPath }
        let parent = String(path.dropLast(2))
        return schemaPath == parent || schemaPath.hasPrefix(parent + ".") || schemaPath.hasPrefix(parent + "[]")
    }
}

/// Which requests a setting the edge model leaves out could have touched.
public enum SettingReach: Sendable, Equatable {
    /// Requests that reached the managed rules phase and were not told to skip it.
    case managedRulesPhase
    /// Requests that reached the cache rules (not answered by a security phase first).
    case cacheRules
    /// Requests the rule answered itself (its block response), in its phase.
    case answeredByRule(EdgePhase)

    /// How a report names the requests.
    var requestsDescription: String {
        switch self {
        case .managedRulesPhase: "those that reached the managed rules"
        case .cacheRules: "those that reached the cache rules"
        case .answeredByRule: "those the rule answered"
        }
    }
}
