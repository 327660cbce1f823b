/// The counters of every rate limiting rule, keyed by (rule, key parts, data centre), with counter lag and the
/// eviction of keys that can no longer affect a decision.
final class RateLimiter {
    /// What the counter says about one request.
    struct Verdict {
        /// Whether the rule's action applies (the request matched and the key is over the rate or mitigated).
        let fired: Bool
        /// The rate compared with the limit, including this request when counted now.
        let rate: Double
        /// The limit.
        let limit: Int64
        /// The end of a running mitigation timeout.
        let mitigatedUntil: Int64?
    }

    private let parameters: [LimiterParameters]
    @exclusivity(unchecked) private var table = RateLimiterTable()
    @exclusivity(unchecked) private var logs: [TimestampLog] = []
    @exclusivity(unchecked) private var freeLogs: [Int] = []
    @exclusivity(unchecked) private var pending: [PendingIncrements]
    private let hasLag: Bool

    /// Counters for rules with these parameters (indexed like the rules).
    init(parameters: [LimiterParameters]) {
        self.parameters = parameters
        pending = Array(repeating: PendingIncrements(), count: parameters.count)
        hasLag = parameters.contains { $0.lag > 0 }
    }

    /// The number of keys with live state.
    var liveKeys: Int { table.count }

    /// The number of slots in the counter table.
    var tableCapacity: Int { table.capacity }

    /// Makes counts whose lag has passed by `now` visible.
    func applyVisibleIncrements(at now: Int64) {
        guard hasLag else { return }
        for rule in parameters.indices where parameters[rule].lag > 0 {
            while let increment = pending[rule].popVisible(at: now) {
                guard let index = table.find(increment.key) else { continue }
                var entry = table[index]
                advance(&entry, to: now)
                add(&entry, at: increment.countedAt)
                entry.pending -= 1
                table[index] = entry
            }
        }
    }

    /// Checks a request against rule `rule`'s counter for `key` at `now` and counts it when `countsNow`:
    /// the action fires when the request `matches` and the key is mitigated or over the rate.
    func evaluate(rule: Int, key: UInt64, now: Int64, matches: Bool, countsNow: Bool) -> Verdict {
        let parameters = parameters[rule]
        let index = slot(rule: rule, key: key, now: now)
        var entry = table[index]
        advance(&entry, to: now)
        let mitigating = entry.mitigatedUntil > now
        let extra: Int64 = countsNow ? 1 : 0
        let fired = matches && (mitigating || exceeds(entry, now: now, extra: extra))
        if fired, !mitigating, parameters.timeout > 0 {
            entry.mitigatedUntil = now.saturatingAdd(parameters.timeout)
        }
        let rate = rate(entry, now: now, extra: extra)
        if countsNow, !fired || parameters.countsMitigated { count(&entry, rule: rule, now: now) }
        table[index] = entry
        return Verdict(
            fired: fired, rate: rate, limit: parameters.limit,
            mitigatedUntil: entry.mitigatedUntil > now ? entry.mitigatedUntil : nil)
    }

    /// Counts a request after its response (counting expressions on response fields, `requests_to_origin`).
    func countAfterResponse(rule: Int, key: UInt64, now: Int64) -> Verdict {
        let index = slot(rule: rule, key: key, now: now)
        var entry = table[index]
        advance(&entry, to: now)
        count(&entry, rule: rule, now: now)
        table[index] = entry
        return Verdict(
            fired: false, rate: rate(entry, now: now, extra: 0), limit: parameters[rule].limit,
            mitigatedUntil: entry.mitigatedUntil > now ? entry.mitigatedUntil : nil)
    }

    /// Resets a key's counter to zero and ends its mitigation: what happens when a client passes a rate limiting
    /// challenge (`docs/cloudflare-semantics.md`, "Rate limiting: mitigation").
    func reset(rule: Int, key: UInt64, now: Int64) {
        guard let index = table.find(key) else { return }
        var entry = table[index]
        entry.mitigatedUntil = .min
        switch parameters[rule].algorithm {
        case .cloudflare:
            entry.current = 0
            entry.previous = 0
        case .slidingLog:
            logs[Int(entry.window)].removeAll()
        case .tokenBucket:
            TokenBucket.fill(&entry, now: now, parameters[rule])
        }
        table[index] = entry
    }

    // MARK: Entries

    /// The slot of (rule, key), creating a fresh entry when absent; rebuilds the table first when due.
    private func slot(rule: Int, key: UInt64, now: Int64) -> Int {
        if table.needsRebuild { table.rebuild { keep($0, now: now) } }
        let (index, isNew) = table.findOrInsert(key, rule: Int32(rule))
        if isNew {
            var entry = table[index]
            let parameters = parameters[rule]
            switch parameters.algorithm {
            case .cloudflare: entry.window = now.flooredDivision(by: parameters.period)
            case .slidingLog: entry.window = Int64(claimLog())
            case .tokenBucket: TokenBucket.fill(&entry, now: now, parameters)
            }
            table[index] = entry
        }
        return index
    }

    /// Whether an entry can still affect a decision at `now`; frees the log of one that cannot.
    private func keep(_ entry: RateLimiterEntry, now: Int64) -> Bool {
        if entry.pending > 0 || entry.mitigatedUntil > now { return true }
        let parameters = parameters[Int(entry.rule)]
        let over: Bool
        switch parameters.algorithm {
        case .cloudflare:
            over = SlidingWindowEstimate.isOver(entry, now: now, period: parameters.period)
        case .tokenBucket:
            over = TokenBucket.isOver(entry, now: now, parameters)
        case .slidingLog:
            let index = Int(entry.window)
            logs[index].drop(through: now.saturatingSubtract(parameters.period))
            over = logs[index].count == 0
            if over {
                logs[index].release()
                freeLogs.append(index)
            }
        }
        return !over
    }

    private func claimLog() -> Int {
        if let index = freeLogs.popLast() { return index }
        logs.append(TimestampLog())
        return logs.count - 1
    }

    // MARK: Algorithms

    @inline(__always)
    private func advance(_ entry: inout RateLimiterEntry, to now: Int64) {
        let parameters = parameters[Int(entry.rule)]
        switch parameters.algorithm {
        case .cloudflare: SlidingWindowEstimate.advance(&entry, to: now, period: parameters.period)
        case .tokenBucket: TokenBucket.advance(&entry, to: now, parameters)
        case .slidingLog: logs[Int(entry.window)].drop(through: now.saturatingSubtract(parameters.period))
        }
    }

    @inline(__always)
    private func exceeds(_ entry: RateLimiterEntry, now: Int64, extra: Int64) -> Bool {
        let parameters = parameters[Int(entry.rule)]
        switch parameters.algorithm {
        case .cloudflare:
            return SlidingWindowEstimate.exceeds(
                entry, now: now, period: parameters.period, extra: extra,
                requests: parameters.requests)
        case .tokenBucket:
            return TokenBucket.exceeds(entry, extra: extra, parameters)
        case .slidingLog:
            return Int64(logs[Int(entry.window)].count).saturatingAdd(extra) > parameters.requests
        }
    }

    private func rate(_ entry: RateLimiterEntry, now: Int64, extra: Int64) -> Double {
        let parameters = parameters[Int(entry.rule)]
        switch parameters.algorithm {
        case .cloudflare: return SlidingWindowEstimate.rate(entry, now: now, period: parameters.period, extra: extra)
        case .tokenBucket: return TokenBucket.rate(entry, extra: extra, parameters)
        case .slidingLog: return Double(logs[Int(entry.window)].count) + Double(extra)
        }
    }

    /// Counts one request now, or queues it until the rule's counter lag has passed.
    @inline(__always)
    private func count(_ entry: inout RateLimiterEntry, rule: Int, now: Int64) {
        let lag = parameters[rule].lag
        if lag > 0 {
            pending[rule].append(.init(key: entry.key, countedAt: now, visibleAt: now.saturatingAdd(lag)))
            entry.pending += 1
        } else {
            add(&entry, at: now)
        }
    }

    @inline(__always)
    private func add(_ entry: inout RateLimiterEntry, at time: Int64) {
        let parameters = parameters[Int(entry.rule)]
        switch parameters.algorithm {
        case .cloudflare: SlidingWindowEstimate.add(&entry, at: time, period: parameters.period)
        case .tokenBucket: TokenBucket.take(&entry, parameters)
        case .slidingLog: logs[Int(entry.window)].append(time, capacity: parameters.logCapacity)
        }
    }
}
