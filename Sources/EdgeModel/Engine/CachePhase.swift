import EdgeWire
import RulesLanguage

/// Cache lookup and origin fetch for one request, with Cloudflare's default cache behaviour and the cache settings in
/// force: eligibility, HIT/MISS/EXPIRED, serving stale (STALE, UPDATING), revalidation with validators (REVALIDATED),
/// and the origin's headers deciding what is stored (`docs/cloudflare-semantics.md`, the cache sections).
struct CachePhase {
    private let settings: CacheSettingsPhase
    private let origin: OriginModel
    private let keyBuilder: CacheKeyBuilder
    /// The per-colo stores.
    private(set) var caches: ColoCaches

    private static let get = Array("GET".utf8)
    private static let head = Array("HEAD".utf8)
    private static let authorization = Array("authorization".utf8)
    private static let range = Array("range".utf8)
    private static let notModified = 304

    /// A cache stage over `settings` and `origin`, with stores of `capacityBytes` per colo.
    init(settings: CacheSettingsPhase, origin: OriginModel, capacityBytes: Int64, seed: UInt64) {
        self.settings = settings
        self.origin = origin
        keyBuilder = CacheKeyBuilder(seed: seed)
        caches = ColoCaches(capacityBytes: capacityBytes)
    }

    private enum Eligibility {
        case eligible(byRule: Bool)
        case bypassedByRule
        case methodNotCached
        case extensionNotCached
    }

    /// Serves `request` from cache or origin at `now`, updating the colo's store. A GET the cache handles is
    /// answered from the complete file, cut to what its `Range` header asks (`docs/cloudflare-semantics.md`,
    /// "Range requests"). With `skippingCache` (a rate limiting rule whose counting expression reads the response
    /// matched the request), an eligible request goes to the origin as `BYPASS`, and the stored copy is neither read
    /// nor replaced (`docs/cloudflare-semantics.md`, "Rate limiting: counting expressions and the cache").
    mutating func serve(
        _ request: EdgeRequest, context: RequestContext, resolved: ResolvedCacheSettings, now: Int64,
        skippingCache: Bool = false, trace: inout DecisionTrace?
    ) -> ServeOutcome {
        var outcome = serveCompleteFile(
            request, context: context, resolved: resolved, now: now, skippingCache: skippingCache, trace: &trace)
        let http = context.request
        guard outcome.cacheStatus != .dynamic, outcome.status == 200, http.method == Self.get else { return outcome }
        switch RangeRequest(header: http.firstHeader(named: Self.range), size: outcome.bytes) {
        case .completeFile: break
        case .partial(let bytes):
            outcome.status = 206
            outcome.bytes = bytes
        case .unsatisfiable:
            outcome.status = 416
            outcome.bytes = 0
        }
        return outcome
    }

    /// Serves `request` as if it asked for the complete file.
    private mutating func serveCompleteFile(
        _ request: EdgeRequest, context: RequestContext, resolved: ResolvedCacheSettings, now: Int64,
        skippingCache: Bool, trace: inout DecisionTrace?
    ) -> ServeOutcome {
        let http = context.request
        let isHead = http.method == Self.head
        let eligibility = eligibility(http, context, resolved)
        let browserSetting = settings.browserTTL(resolved)
        guard case .eligible(let byRule) = eligibility else {
            let answer = origin.answer(request, now: now)
            if trace != nil {
                trace?.cache = CacheTrace(
                    keyHash: 0, eligibility: describe(eligibility, context),
                    lookup: LookupNote.notLookedUp.description, storage: StorageNote.notStored.description)
            }
            return fetched(answer, status: .dynamic, isHead: isHead, browser: browserSetting, now: now)
        }
        if skippingCache {
            let answer = origin.answer(request, now: now)
            if trace != nil {
                trace?.cache = CacheTrace(
                    keyHash: 0, eligibility: describe(eligibility, context),
                    lookup: LookupNote.skippedForResponseCounting.description,
                    storage: StorageNote.notStored.description)
            }
            return fetched(answer, status: .bypass, isHead: isHead, browser: browserSetting, now: now)
        }
        let key = keyBuilder.hash(http, options: settings.cacheKey(resolved))
        let store = caches.index(for: http.colo)
        var lookup = LookupNote.noEntry
        var storage = StorageNote.notStored
        defer {
            if trace != nil {
                trace?.cache = CacheTrace(
                    keyHash: key, eligibility: describe(eligibility, context),
                    lookup: lookup.description, storage: storage.description)
            }
        }
        guard let slot = caches.stores[store].find(key) else {
            let answer = Self.completeFile(origin.answer(request, now: now))
            let plan = plan(answer, status: answer.status, http: http, resolved: resolved, byRule: byRule, now: now)
            storage = keep(answer, plan: plan, key: key, store: store, now: now, refreshing: false)
            return fetched(
                answer, status: fetchStatus(plan, otherwise: .miss), isHead: isHead, browser: browserSetting, now: now)
        }
        let entry = caches.stores[store][slot]
        let updatingAllowed = resolved.serveStale && entry.allowsStale
        if now < entry.refreshUntil, updatingAllowed {
            lookup = .refreshing(until: entry.refreshUntil)
            caches.stores[store].touch(slot)
            return cached(entry, status: .updating, isHead: isHead, browser: browserSetting)
        }
        if now < entry.freshUntil {
            lookup = .fresh
            caches.stores[store].touch(slot)
            return cached(entry, status: .hit, isHead: isHead, browser: browserSetting)
        }
        let answer = Self.completeFile(origin.answer(request, now: now))
        if updatingAllowed, now < entry.staleWhileRevalidateUntil {
            // stale-while-revalidate: serve the copy, refresh it in the background.
            lookup = .staleWhileRevalidate
            caches.stores[store].touch(slot)
            if !answer.isError {
                storage = refresh(
                    entry, slot: slot, answer: answer, http: http, resolved: resolved, byRule: byRule,
                    key: key, store: store, now: now)
            }
            return cached(entry, status: .updating, isHead: isHead, browser: browserSetting, originAnswer: answer)
        }
        if answer.isError, entry.allowsStale, now < entry.staleIfErrorUntil {
            lookup = .staleOnError(status: answer.status)
            caches.stores[store].touch(slot)
            return cached(entry, status: .stale, isHead: isHead, browser: browserSetting, originAnswer: answer)
        }
        lookup = .expired
        if Self.confirms(answer, entry) {
            storage = refresh(
                entry, slot: slot, answer: answer, http: http, resolved: resolved, byRule: byRule,
                key: key, store: store, now: now)
            return cached(entry, status: .revalidated, isHead: isHead, browser: browserSetting, originAnswer: answer)
        }
        let plan = plan(answer, status: answer.status, http: http, resolved: resolved, byRule: byRule, now: now)
        if answer.isError, case .skip = plan {
            // A failing origin does not purge the stored copy; it stays for later revalidation.
            return fetched(answer, status: .expired, isHead: isHead, browser: browserSetting, now: now)
        }
        storage = keep(answer, plan: plan, key: key, store: store, now: now, refreshing: true)
        return fetched(
            answer, status: fetchStatus(plan, otherwise: .expired), isHead: isHead, browser: browserSetting, now: now)
    }

    /// Usage of `colo`'s store: entries and bytes.
    func usage(colo: [UInt8]) -> (objects: Int, bytes: Int64) {
        guard let store = caches.store(for: colo) else { return (0, 0) }
        return (store.count, store.usedBytes)
    }

    // MARK: Eligibility

    private func eligibility(_ http: HTTPRequest, _ context: RequestContext, _ resolved: ResolvedCacheSettings)
        -> Eligibility
    {
        if resolved.eligibility == .bypass { return .bypassedByRule }
        let method = http.method
        guard method == Self.get || method == Self.head else { return .methodNotCached }
        if resolved.eligibility == .eligible { return .eligible(byRule: true) }
        return DefaultCacheableExtensions.contains(extension: context.pathExtension, path: context.normalizedPath)
            ? .eligible(byRule: false) : .extensionNotCached
    }

    private func describe(_ eligibility: Eligibility, _ context: RequestContext) -> String {
        let fileExtension = String(decoding: context.pathExtension, as: UTF8.self)
        switch eligibility {
        case .eligible(let byRule):
            return byRule ? "eligible by cache rule" : "extension \"\(fileExtension)\" is cached by default"
        case .bypassedByRule: return "a cache rule bypasses the cache"
        case .methodNotCached:
            return "method \(String(decoding: context.request.method, as: UTF8.self)) is never cached"
        case .extensionNotCached: return "extension \"\(fileExtension)\" is not cached by default"
        }
    }

    // MARK: Storage

    private func plan(
        _ answer: OriginAnswer, status: Int, http: HTTPRequest, resolved: ResolvedCacheSettings, byRule: Bool,
        now: Int64
    ) -> CacheStoragePolicy.Plan {
        let hasAuthorization = http.firstHeader(named: Self.authorization) != nil
        return CacheStoragePolicy.plan(
            answer, status: status, edgeTTL: settings.edgeTTL(resolved), eligibleByRule: byRule,
            requestHasAuthorization: hasAuthorization, now: now)
    }

    private func fetchStatus(_ plan: CacheStoragePolicy.Plan, otherwise: CacheStatus) -> CacheStatus {
        switch plan {
        case .skip(let status, _): status == .bypass ? .bypass : otherwise
        case .store(let freshness): freshness.originRequiresRevalidation ? .bypass : otherwise
        }
    }

    /// Stores (or drops) the fetched response per `plan`; returns what happened, for traces.
    private mutating func keep(
        _ answer: OriginAnswer, plan: CacheStoragePolicy.Plan, key: UInt64, store: Int, now: Int64, refreshing: Bool
    ) -> StorageNote {
        switch plan {
        case .skip(_, let reason):
            caches.stores[store].remove(key)
            return .skipped(reason)
        case .store(let freshness):
            let entry = Self.entry(
                answer, status: answer.status, freshness: freshness, key: key, now: now,
                refreshUntil: refreshing ? now.saturatingAdd(answer.latency) : .min)
            // A copy that is always revalidated, never served stale and has no validator is useless.
            guard freshness.ttl > 0 || entry.allowsStale || entry.hasValidators else {
                caches.stores[store].remove(key)
                return .uselessCopy
            }
            return caches.stores[store].store(entry) ? .stored(ttl: freshness.ttl) : .stopped
        }
    }

    /// Refreshes a stored copy the origin confirmed (or answered anew in the background); returns what happened.
    private mutating func refresh(
        _ entry: CacheEntry, slot: Int32, answer: OriginAnswer, http: HTTPRequest, resolved: ResolvedCacheSettings,
        byRule: Bool, key: UInt64, store: Int, now: Int64
    ) -> StorageNote {
        if !Self.confirms(answer, entry) {
            let plan = plan(answer, status: answer.status, http: http, resolved: resolved, byRule: byRule, now: now)
            return keep(answer, plan: plan, key: key, store: store, now: now, refreshing: true)
        }
        let plan = plan(
            answer, status: revalidatedStatus(answer, entry, resolved), http: http, resolved: resolved, byRule: byRule,
            now: now)
        guard case .store(let freshness) = plan else {
            caches.stores[store].remove(key)
            return .revalidatedThenDropped
        }
        var refreshed = Self.entry(
            answer, status: entry.status, freshness: freshness, key: key, now: now,
            refreshUntil: now.saturatingAdd(answer.latency))
        refreshed.etag = answer.etag != 0 ? answer.etag : entry.etag
        refreshed.lastModified = answer.lastModified != 0 ? answer.lastModified : entry.lastModified
        caches.stores[store][slot] = refreshed
        return .revalidated(ttl: freshness.ttl)
    }

    /// The status whose TTL applies to a confirmed copy: the stored one, unless the origin answered 304 and a
    /// status-code TTL covers 304 (`docs/cloudflare-semantics.md`, "Cache rules").
    private func revalidatedStatus(_ answer: OriginAnswer, _ entry: CacheEntry, _ resolved: ResolvedCacheSettings)
        -> Int
    {
        guard answer.status == Self.notModified,
            let setting = settings.edgeTTL(resolved),
            setting.statusCodeTTLs.contains(where: { $0.codes.contains(Self.notModified) })
        else { return entry.status }
        return Self.notModified
    }

    /// The origin's answer to a request the cache handles is the complete file: Cloudflare's first origin request for
    /// it carries no `Range`, so a recorded 206 (the origin answering a range the client asked for) stands for the
    /// complete file, and its size is the only size known (`docs/cloudflare-semantics.md`, "Range requests").
    private static func completeFile(_ answer: OriginAnswer) -> OriginAnswer {
        guard answer.status == 206 else { return answer }
        var complete = answer
        complete.status = 200
        return complete
    }

    /// Whether the origin confirmed the stored copy: a 304, or the same status with matching validators.
    private static func confirms(_ answer: OriginAnswer, _ entry: CacheEntry) -> Bool {
        guard entry.hasValidators, !answer.isError else { return false }
        if answer.status == 304 { return true }
        guard answer.status == entry.status else { return false }
        if entry.etag != 0 { return entry.etag == answer.etag }
        return entry.lastModified == answer.lastModified
    }

    private static func entry(
        _ answer: OriginAnswer, status: Int, freshness: CacheStoragePolicy.Freshness, key: UInt64, now: Int64,
        refreshUntil: Int64
    ) -> CacheEntry {
        let freshUntil = now.saturatingAdd(freshness.ttl)
        return CacheEntry(
            key: key, size: max(1, answer.size), status: status, storedAt: now, freshUntil: freshUntil,
            staleIfErrorUntil: freshness.allowsStale
                ? freshness.staleIfError.map { freshUntil.saturatingAdd($0) } ?? .max : .min,
            staleWhileRevalidateUntil: freshness.allowsStale
                ? freshness.staleWhileRevalidate.map { freshUntil.saturatingAdd($0) } ?? .min : .min,
            allowsStale: freshness.allowsStale, etag: answer.etag, lastModified: answer.lastModified,
            browserLifetime: BrowserCacheTTL.OriginLifetime(answer, now: now), refreshUntil: refreshUntil)
    }

    // MARK: Outcomes

    private func fetched(
        _ answer: OriginAnswer, status: CacheStatus, isHead: Bool, browser: BrowserTTLSetting?, now: Int64
    ) -> ServeOutcome {
        ServeOutcome(
            status: answer.status, cacheStatus: status, originContacted: true, originLatency: answer.latency,
            bytes: isHead ? 0 : answer.size,
            browserTTL: BrowserCacheTTL.seconds(
                browser, origin: BrowserCacheTTL.OriginLifetime(answer, now: now),
                cacheable: status != .dynamic && status != .bypass),
            answer: answer)
    }

    /// The stored copy served; `originAnswer` is the origin's reply when the origin was contacted all the same (a
    /// background refresh, a failing origin, a revalidation).
    private func cached(
        _ entry: CacheEntry, status: CacheStatus, isHead: Bool, browser: BrowserTTLSetting?,
        originAnswer: OriginAnswer? = nil
    ) -> ServeOutcome {
        ServeOutcome(
            status: entry.status, cacheStatus: status, originContacted: originAnswer != nil,
            originLatency: originAnswer?.latency ?? 0, bytes: isHead ? 0 : entry.size,
            browserTTL: BrowserCacheTTL.seconds(browser, origin: entry.browserLifetime, cacheable: true),
            answer: originAnswer)
    }
}
