/// What the client is told about caching a response: Cloudflare's Browser Cache TTL (`docs/cloudflare-semantics.md`,
/// "Browser cache TTL"; where the page is silent, `docs/decisions/0013-cache-where-cloudflare-is-silent.md`).
enum BrowserCacheTTL {
    /// Cloudflare's default Browser Cache TTL (the zone setting when nothing changes it): 4 hours, in seconds.
    static let zoneDefaultSeconds: Int64 = 14_400

    /// The browser lifetime the origin gave a response.
    enum OriginLifetime: Equatable {
        /// Neither Cache-Control nor Expires.
        case none
        /// A lifetime in seconds: `max-age`, else what is left of `Expires`.
        case seconds(Int64)
        /// Cache-Control without `max-age` (`no-store`, `private`, …) and no Expires: passed through as sent.
        case unstated

        /// The origin's lifetime for `answer` received at `now` (milliseconds).
        init(_ answer: OriginAnswer, now: Int64) {
            if let maxAge = answer.directives.maxAge {
                self = .seconds(max(0, maxAge))
            } else if answer.hasExpires {
                // An unreadable Expires means "already expired".
                self = .seconds(max(0, (answer.expires ?? .min).saturatingSubtract(now) / 1000))
            } else {
                self = answer.directives.isPresent ? .unstated : .none
            }
        }
    }

    /// The browser TTL in seconds the client is told, nil when the origin's headers pass through without one.
    ///
    /// A rule's `override_origin` TTL (or, with no rule, the zone default of 4 hours on responses the edge could
    /// cache) replaces the origin's lifetime only when the origin sent none or a shorter one: a longer origin
    /// `max-age` wins. `bypass` tells the client not to cache; `respect_origin` passes the origin's lifetime on.
    static func seconds(_ setting: BrowserTTLSetting?, origin: OriginLifetime, cacheable: Bool) -> Int64? {
        let override: Int64
        switch setting?.mode {
        case .bypass: return 0
        case .respectOrigin: return origin.passedThrough
        case .overrideOrigin: override = setting?.ttl?.seconds ?? zoneDefaultSeconds
        case nil:
            guard cacheable else { return origin.passedThrough }
            override = zoneDefaultSeconds
        }
        switch origin {
        case .none: return override
        case .seconds(let seconds): return max(seconds, override)
        case .unstated: return nil
        }
    }
}

extension BrowserCacheTTL.OriginLifetime {
    /// The lifetime the client sees when nothing overrides it.
    fileprivate var passedThrough: Int64? {
        if case .seconds(let seconds) = self { return seconds }
        return nil
    }
}
