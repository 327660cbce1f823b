import EdgeWire

/// Whether and for how long the edge stores an origin response, from the edge TTL setting in force and the response's
/// headers (`docs/cloudflare-semantics.md`, "Cache rules" and "Default cache behaviour"; Origin Cache Control on, as
/// below Enterprise).
enum CacheStoragePolicy {
    /// How a storable response is kept.
    struct Freshness {
        /// Edge TTL in milliseconds; 0 stores a copy that is revalidated on every request.
        var ttl: Int64
        /// Whether the copy may be served stale (not with must-revalidate, proxy-revalidate or no-cache).
        var allowsStale: Bool
        /// `stale-if-error` in milliseconds; nil means stale copies may be served for any origin failure.
        var staleIfError: Int64?
        /// `stale-while-revalidate` in milliseconds.
        var staleWhileRevalidate: Int64?
        /// Whether the origin asked for revalidation on every request (no-cache, max-age=0, a past Expires):
        /// the fetch reports `BYPASS`.
        var originRequiresRevalidation: Bool
    }

    /// Why a response is not stored.
    enum SkipReason: String {
        case setCookie = "the response sets a cookie"
        case varyStar = "Vary: *"
        case privateOrNoStore = "Cache-Control private or no-store"
        case authorization = "the request has Authorization and the response is not public"
        case statusCodeNoStore = "a status-code TTL says no-store"
        case noOriginTTL = "bypass_by_default and the origin sent no Cache-Control"
        case statusNotCacheable = "the status has no default TTL"
        case originUnreachable = "the origin timed out"
    }

    /// The plan for one response.
    enum Plan {
        /// Store it.
        case store(Freshness)
        /// Do not store it; the cache status the fetch reports (`BYPASS` or `MISS`) and why.
        case skip(CacheStatus, SkipReason)
    }

    /// Cloudflare's default edge TTL by status when the origin gives none: 200, 206, 301 → 120 min; 302, 303 →
    /// 20 min; 404, 410 → 3 min.
    static func defaultTTL(status: Int) -> Int64? {
        switch status {
        case 200, 206, 301: 7_200_000
        case 302, 303: 1_200_000
        case 404, 410: 180_000
        default: nil
        }
    }

    /// The plan for `answer` (with `status`, which is the stored status when revalidating) under `edgeTTL`.
    static func plan(
        _ answer: OriginAnswer, status: Int, edgeTTL: EdgeTTLSetting?, eligibleByRule: Bool,
        requestHasAuthorization: Bool,
        now: Int64
    ) -> Plan {
        if answer.edgeGenerated { return .skip(.miss, .originUnreachable) }
        // `Vary: *` always bypasses, whatever else is set (`docs/cloudflare-semantics.md`, "Vary").
        if answer.variesOnEverything { return .skip(.bypass, .varyStar) }
        if let setting = edgeTTL, let entry = setting.statusCodeTTLs.first(where: { $0.codes.contains(status) }) {
            switch entry.value {
            case .noStore: return .skip(.bypass, .statusCodeNoStore)
            case .ttl(let ttl): return .store(overriding(ttl.milliseconds))
            }
        }
        let mode = edgeTTL?.mode ?? .respectOrigin
        if mode == .overrideOrigin, let ttl = edgeTTL?.defaultTTL {
            // Overriding ignores Cache-Control and strips Set-Cookie (`docs/cloudflare-semantics.md`, "Default cache
            // behaviour").
            return .store(overriding(ttl.milliseconds))
        }
        // Set-Cookie: BYPASS by default; MISS every time under an "eligible" rule without a TTL override.
        if answer.setsCookie { return .skip(eligibleByRule ? .miss : .bypass, .setCookie) }
        let directives = answer.directives
        if directives.isPrivate || directives.noStore { return .skip(.bypass, .privateOrNoStore) }
        if requestHasAuthorization,
            !(directives.isPublic || directives.sharedMaxAge != nil || directives.mustRevalidate)
        {
            return .skip(.bypass, .authorization)
        }
        var freshness = Freshness(
            ttl: 0, allowsStale: !directives.forbidsStale,
            staleIfError: directives.staleIfError.map { $0.saturatingMultiply(1000) },
            staleWhileRevalidate: directives.staleWhileRevalidate.map { $0.saturatingMultiply(1000) },
            originRequiresRevalidation: false)
        if directives.noCache {
            freshness.originRequiresRevalidation = true
            return .store(freshness)
        }
        if let seconds = directives.sharedMaxAge ?? directives.maxAge {
            freshness.ttl = max(0, seconds.saturatingSubtract(answer.ageSeconds).saturatingMultiply(1000))
            freshness.originRequiresRevalidation = freshness.ttl == 0
            return .store(freshness)
        }
        // bypass_by_default follows a Cache-Control header only: an Expires alone does not make the response cached
        // (`docs/cloudflare-semantics.md`, "Cache rules").
        if mode == .bypassByDefault, !directives.isPresent { return .skip(.bypass, .noOriginTTL) }
        if answer.hasExpires {
            // An unreadable Expires means "already expired".
            freshness.ttl = max(0, (answer.expires ?? .min).saturatingSubtract(now))
            freshness.originRequiresRevalidation = freshness.ttl == 0
            return .store(freshness)
        }
        if mode == .bypassByDefault { return .skip(.bypass, .noOriginTTL) }
        guard let ttl = defaultTTL(status: status) else { return .skip(.miss, .statusNotCacheable) }
        freshness.ttl = ttl
        return .store(freshness)
    }

    private static func overriding(_ ttl: Int64) -> Freshness {
        Freshness(
            ttl: max(0, ttl), allowsStale: true, staleIfError: nil, staleWhileRevalidate: nil,
            originRequiresRevalidation: false)
    }
}
