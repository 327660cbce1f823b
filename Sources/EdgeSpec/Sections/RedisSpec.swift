import EdgeCore

/// Where Redis runs.
public enum RedisProvider: String, CaseIterable, Sendable {
    /// Upstash (managed; settings through its API).
    case upstash
    /// A redis-server the team runs.
    case self_hosted = "self-hosted"
}

/// What the app uses Redis for; queues must never lose keys to eviction.
public enum RedisUse: String, CaseIterable, Sendable {
    /// Job queues (BullMQ, Celery, Sidekiq).
    case queue
    /// A cache.
    case cache
    /// Both.
    case mixed
}

/// Eviction policies.
public enum RedisEvictionPolicy: String, CaseIterable, Sendable {
    /// Refuse writes when full.
    case noeviction
    /// LRU among keys with a TTL.
    case volatile_lru = "volatile-lru"
    /// LRU among all keys.
    case allkeys_lru = "allkeys-lru"
    /// LFU among keys with a TTL.
    case volatile_lfu = "volatile-lfu"
    /// LFU among all keys.
    case allkeys_lfu = "allkeys-lfu"
    /// Random among keys with a TTL.
    case volatile_random = "volatile-random"
    /// Random among all keys.
    case allkeys_random = "allkeys-random"
    /// Shortest TTL first.
    case volatile_ttl = "volatile-ttl"
}

/// AOF fsync policies.
public enum AppendFsync: String, CaseIterable, Sendable {
    /// Every write.
    case always
    /// Once a second.
    case everysec
    /// Let the OS decide.
    case no
}

/// One RDB snapshot rule: save after `after` if at least `changes` keys changed.
public struct RedisSaveRuleSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "An RDB snapshot rule."
    /// Time since the last save.
    public var after: EdgeDuration
    /// Changes needed.
    public var changes: Int
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> RedisSaveRuleSpec {
        RedisSaveRuleSpec(
            after: r.required(
                "after", .duration(.seconds(1)...EdgeDuration.seconds(86_400 * 7)), "Time since the last save, e.g. 1h."
            ),
            changes: r.required("changes", .int(1...100_000_000), "Key changes needed."),
            ranges: r.ranges)
    }
}

/// Persistence settings.
public struct RedisPersistenceSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Redis persistence: AOF and RDB snapshots."
    /// Append-only file.
    public var appendonly: Bool
    /// AOF fsync policy.
    public var appendfsync: AppendFsync
    /// RDB snapshot rules; empty disables RDB.
    public var save: [RedisSaveRuleSpec]?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> RedisPersistenceSpec {
        RedisPersistenceSpec(
            appendonly: r.optional("appendonly", .boolean, default: false, "Append-only file persistence."),
            appendfsync: r.optional("appendfsync", .enumeration, default: .everysec, "always, everysec or no."),
            save: r.optional(
                "save", .array(ObjectReader.object(RedisSaveRuleSpec.self, name: "save rule")),
                "RDB snapshot rules; [] disables RDB."),
            ranges: r.ranges)
    }
}

/// An ACL user whose password is read at deploy time (from Vault or the deploying shell).
public struct RedisUserSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A Redis ACL user."
    /// User name.
    public var name: String
    /// Password, by reference.
    public var password: SecretReference
    /// ACL rules, e.g. `~* &* +@all -@dangerous`.
    public var rules: String
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> RedisUserSpec {
        RedisUserSpec(
            name: r.required(
                "name",
                .string(
                    pattern: "^[A-Za-z0-9_-]+$",
                    validate: { name in
                        !name.isEmpty
                            && name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
                            ? nil : ("'\(name)' is not a Redis user name", nil)
                    }), "User name."),
            password: r.required("password", .secretReference, "Password as vault:path#key or env:VARIABLE."),
            rules: r.optional(
                "rules", .redisACLRules, default: "~* &* +@all", "ACL rules, e.g. ~* &* +@all -@dangerous."),
            ranges: r.ranges)
    }
}

/// TLS client authentication modes.
public enum RedisTLSAuthClients: String, CaseIterable, Sendable {
    /// Client certificates required.
    case yes
    /// Not required.
    case no
    /// Verified when sent.
    case optional
}

/// Redis TLS.
public struct RedisTLSSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Redis TLS."
    /// Whether TLS is on.
    public var enabled: Bool
    /// TLS port.
    public var port: Int
    /// Certificate file.
    public var certFile: String?
    /// Key file.
    public var keyFile: String?
    /// CA certificate file.
    public var caFile: String?
    /// Client certificate mode.
    public var authClients: RedisTLSAuthClients
    /// Protocols, e.g. [TLSv1.2, TLSv1.3].
    public var protocols: [String]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> RedisTLSSpec {
        RedisTLSSpec(
            enabled: r.required("enabled", .boolean, "Whether TLS is on."),
            port: r.optional("port", .int(1...65535), default: 6380, "TLS port."),
            certFile: r.optional("cert_file", .absolutePath, "Certificate file."),
            keyFile: r.optional("key_file", .absolutePath, "Key file."),
            caFile: r.optional("ca_file", .absolutePath, "CA certificate file (needed unless auth_clients is no)."),
            authClients: r.optional(
                "auth_clients", .enumeration, default: .yes,
                "Client certificates: \"yes\", \"no\" or optional (quote yes/no)."),
            protocols: r.optional(
                "protocols",
                .array(
                    .string(validate: {
                        ["TLSv1.2", "TLSv1.3"].contains($0) ? nil : ("'\($0)' is not TLSv1.2 or TLSv1.3", nil)
                    })), default: ["TLSv1.2", "TLSv1.3"], "TLS protocols."),
            ranges: r.ranges)
    }
}

/// Redis: the Upstash database or a self-hosted server.
public struct RedisSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Redis: provider, memory, eviction, persistence, ACL users and TLS."
    /// Provider.
    public var provider: RedisProvider
    /// What the app uses it for.
    public var use: RedisUse
    /// Upstash region.
    public var region: String?
    /// Memory limit.
    public var maxmemory: ByteSize?
    /// Eviction policy.
    public var maxmemoryPolicy: RedisEvictionPolicy
    /// Persistence.
    public var persistence: RedisPersistenceSpec?
    /// ACL users.
    public var users: [RedisUserSpec]
    /// Default user's password (exclusive with users).
    public var requirepass: SecretReference?
    /// Every password reference, the users' in order, then `requirepass`.
    public var passwords: [SecretReference] { users.map(\.password) + (requirepass.map { [$0] } ?? []) }
    /// TLS.
    public var tls: RedisTLSSpec?
    /// Addresses to bind.
    public var bind: [String]
    /// Plain TCP port (0 disables it).
    public var port: Int
    /// Protected mode.
    public var protectedMode: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> RedisSpec {
        RedisSpec(
            provider: r.required("provider", .enumeration, "upstash or self-hosted."),
            use: r.optional("use", .enumeration, default: .mixed, "queue, cache or mixed (queues need noeviction)."),
            region: r.optional("region", .string, "Upstash region, e.g. ap-southeast-1."),
            maxmemory: r.optional("maxmemory", .size, "Memory limit, e.g. 256mb."),
            maxmemoryPolicy: r.optional("maxmemory_policy", .enumeration, default: .noeviction, "Eviction policy."),
            persistence: r.optional(
                "persistence", ObjectReader.object(RedisPersistenceSpec.self, name: "persistence"), "Persistence."),
            users: r.optional(
                "users", .array(ObjectReader.object(RedisUserSpec.self, name: "user")), default: [], "ACL users."),
            requirepass: r.optional(
                "requirepass", .secretReference,
                "Default user's password (not with users): vault:path#key or env:VARIABLE."),
            tls: r.optional("tls", ObjectReader.object(RedisTLSSpec.self, name: "tls"), "TLS."),
            bind: r.optional(
                "bind", .array(.string(id: "E0748", validate: RedisBindAddress.problem)),
                default: ["127.0.0.1", "-::1"],
                "Addresses to bind: IP addresses, * or ::*, each optionally prefixed with - (at most 16)."),
            port: r.optional("port", .int(0...65535), default: 6379, "Plain TCP port (0 disables it)."),
            protectedMode: r.optional("protected_mode", .boolean, default: true, "Protected mode."),
            ranges: r.ranges)
    }
}
