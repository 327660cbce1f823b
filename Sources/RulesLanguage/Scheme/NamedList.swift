import EdgeWire

/// A named list (`$name`) that an expression can test membership in with `in`.
public enum NamedList: Sendable {
    /// IP addresses, CIDR networks and ranges, for `ip.src in $name`.
    case ips([IPRange])
    /// Autonomous system numbers, for `ip.src.asnum in $name`.
    case asns([Int64])
    /// Strings such as hostnames, for `http.host in $name`.
    case strings([[UInt8]])

    /// The element type a field must have to be tested against this list.
    var elementType: RuleType {
        switch self {
        case .ips: .ip
        case .asns: .int
        case .strings: .bytes
        }
    }
}
