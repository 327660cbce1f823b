import EdgeWire

/// `redis.bind` entries as redis-server 7 binds them: an IPv4 or IPv6 address, `*` (every IPv4 address) or `::*`
/// (every IPv6 address), each optionally prefixed with `-` (skipped when the address is not available). Host names
/// are refused: redis-server resolves them at start-up, so one that does not resolve stops it.
enum RedisBindAddress {
    /// redis-server's limit on `bind` addresses (CONFIG_BINDADDR_MAX).
    static let maximumCount = 16

    /// Why `entry` is not a bind address redis-server accepts, with help; nil when it is fine.
    static func problem(with entry: String) -> (message: String, help: String?)? {
        let address = entry.hasPrefix("-") ? String(entry.dropFirst()) : entry
        if address == "*" || address == "::*" || IPAddress.parse(address) != nil { return nil }
        return (
            "'\(entry)' is not a bind address",
            "write an IP address such as 127.0.0.1 or ::1, * or ::* for all; a leading - makes it optional"
        )
    }
}
