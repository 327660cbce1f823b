/// The counter state of one (rule, key) pair, the same shape for every algorithm so that all rules share one
/// flat table.
struct RateLimiterEntry {
    /// The key hash; 0 marks an empty slot.
    var key: UInt64 = 0
    /// The rule's index.
    var rule: Int32 = 0
    /// Counted requests not yet visible (counter lag).
    var pending: Int64 = 0
    /// `cloudflare`: index of the current window; `token_bucket`: time of the last refill; `sliding_log`: index
    /// of the entry's timestamp log.
    var window: Int64 = 0
    /// `cloudflare`: requests counted in the current window; `token_bucket`: tokens × period (may go negative
    /// when mitigated requests are counted).
    var current: Int64 = 0
    /// `cloudflare`: requests counted in the previous window.
    var previous: Int64 = 0
    /// The action applies to every matching request of the key until this time.
    var mitigatedUntil: Int64 = .min
}
