import EdgeCore

/// Vault storage backends.
public enum VaultStorageType: String, CaseIterable, Sendable {
    /// Integrated storage (HA with retry_join peers).
    case raft
    /// A local file (no HA).
    case file
    /// Consul.
    case consul
}

/// Vault storage.
public struct VaultStorageSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Vault storage backend."
    /// Backend type.
    public var type: VaultStorageType
    /// Data directory (raft, file).
    public var path: String?
    /// This node's id (raft).
    public var nodeID: String?
    /// Peers' API addresses to join (raft).
    public var retryJoin: [String]
    /// Consul address (consul).
    public var address: String?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> VaultStorageSpec {
        VaultStorageSpec(
            type: r.required("type", .enumeration, "raft, file or consul."),
            path: r.optional("path", .absolutePath, "Data directory."),
            nodeID: r.optional("node_id", .string, "Raft node id."),
            retryJoin: r.optional(
                "retry_join", .array(.url), default: [],
                "Raft peers' API addresses, e.g. https://vault-2.internal:8200."),
            address: r.optional("address", .string, "Consul address."),
            ranges: r.ranges)
    }
}

/// TLS versions Vault accepts.
public enum VaultTLSVersion: String, CaseIterable, Sendable {
    /// TLS 1.0.
    case tls10
    /// TLS 1.1.
    case tls11
    /// TLS 1.2.
    case tls12
    /// TLS 1.3.
    case tls13
}

/// Listener types.
public enum VaultListenerType: String, CaseIterable, Sendable {
    /// TCP.
    case tcp
    /// Unix socket.
    case unix
}

/// A Vault listener.
public struct VaultListenerSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A Vault listener."
    /// tcp or unix.
    public var type: VaultListenerType
    /// Listen address (tcp: host:port; unix: socket path).
    public var address: String
    /// Cluster listen address.
    public var clusterAddress: String?
    /// Disable TLS (never in production).
    public var tlsDisable: Bool
    /// Certificate file.
    public var tlsCertFile: String?
    /// Key file.
    public var tlsKeyFile: String?
    /// Minimum TLS version.
    public var tlsMinVersion: VaultTLSVersion?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> VaultListenerSpec {
        VaultListenerSpec(
            type: r.optional("type", .enumeration, default: .tcp, "tcp or unix."),
            address: r.required("address", .string, "Listen address, e.g. 0.0.0.0:8200."),
            clusterAddress: r.optional("cluster_address", .listenAddress, "Cluster listen address, e.g. 0.0.0.0:8201."),
            tlsDisable: r.optional("tls_disable", .boolean, default: false, "Disable TLS (never in production)."),
            tlsCertFile: r.optional("tls_cert_file", .absolutePath, "TLS certificate file."),
            tlsKeyFile: r.optional("tls_key_file", .absolutePath, "TLS key file."),
            tlsMinVersion: r.optional("tls_min_version", .enumeration, "tls12 or tls13."),
            ranges: r.ranges)
    }
}

/// Auto-unseal mechanisms.
public enum VaultSealType: String, CaseIterable, Sendable {
    /// AWS KMS.
    case awskms
    /// Google Cloud KMS.
    case gcpckms
    /// Another Vault's transit engine.
    case transit
}

/// An auto-unseal seal.
public struct VaultSealSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "An auto-unseal seal (awskms, gcpckms or transit)."
    /// Mechanism.
    public var type: VaultSealType
    /// AWS or GCP region.
    public var region: String?
    /// AWS KMS key id or alias.
    public var kmsKeyID: String?
    /// GCP project.
    public var project: String?
    /// GCP key ring.
    public var keyRing: String?
    /// GCP crypto key.
    public var cryptoKey: String?
    /// Transit: the other Vault's address.
    public var address: String?
    /// Transit: key name.
    public var keyName: String?
    /// Transit: mount path.
    public var mountPath: String?
    /// Transit: token, by Vault reference (never inline).
    public var token: VaultReference?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> VaultSealSpec {
        VaultSealSpec(
            type: r.required("type", .enumeration, "awskms, gcpckms or transit."),
            region: r.optional("region", .string, "AWS or GCP region."),
            kmsKeyID: r.optional("kms_key_id", .string, "AWS KMS key id or alias, e.g. alias/vault-unseal-key."),
            project: r.optional("project", .string, "GCP project."),
            keyRing: r.optional("key_ring", .string, "GCP key ring."),
            cryptoKey: r.optional("crypto_key", .string, "GCP crypto key."),
            address: r.optional("address", .url, "Transit: the unsealing Vault's address."),
            keyName: r.optional("key_name", .string, "Transit: key name."),
            mountPath: r.optional("mount_path", .string, "Transit: mount path, e.g. transit/."),
            token: r.optional("token", .vaultReference, "Transit: token, as vault:path#key."),
            ranges: r.ranges)
    }
}

/// Vault telemetry.
public struct VaultTelemetrySpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Vault telemetry."
    /// How long Prometheus metrics are kept.
    public var prometheusRetentionTime: EdgeDuration?
    /// Leave the host name out of metric names.
    public var disableHostname: Bool
    /// StatsD address.
    public var statsdAddress: String?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> VaultTelemetrySpec {
        VaultTelemetrySpec(
            prometheusRetentionTime: r.optional(
                "prometheus_retention_time", .duration(), "How long Prometheus metrics are kept, e.g. 30s."),
            disableHostname: r.optional(
                "disable_hostname", .boolean, default: true, "Leave the host name out of metric names."),
            statsdAddress: r.optional("statsd_address", .listenAddress, "StatsD address."),
            ranges: r.ranges)
    }
}

/// Audit device types.
public enum VaultAuditType: String, CaseIterable, Sendable {
    /// A file.
    case file
    /// syslog.
    case syslog
    /// A socket.
    case socket
}

/// A Vault audit device (enabled after init with `vault audit enable`).
public struct VaultAuditSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "An audit device, enabled after init (vault audit enable)."
    /// Device type.
    public var type: VaultAuditType
    /// Mount path (default: the type).
    public var path: String?
    /// File path (file devices).
    public var filePath: String?
    /// Socket address (socket devices).
    public var address: String?
    /// syslog tag.
    public var tag: String?
    /// Description.
    public var description: String?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> VaultAuditSpec {
        VaultAuditSpec(
            type: r.required("type", .enumeration, "file, syslog or socket."),
            path: r.optional("path", .string, "Mount path of the device."),
            filePath: r.optional("file_path", .absolutePath, "Log file (file devices)."),
            address: r.optional("address", .listenAddress, "Socket address (socket devices)."),
            tag: r.optional("tag", .string, "syslog tag."),
            description: r.optional("description", .string, "Description."),
            ranges: r.ranges)
    }
}

/// The Vault server (vault.hcl plus post-init audit commands).
public struct VaultSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "The Vault server: storage, listeners, seals, addresses, telemetry, audit devices."
    /// Storage.
    public var storage: VaultStorageSpec
    /// HA storage (not with raft).
    public var haStorage: VaultStorageSpec?
    /// Listeners.
    public var listeners: [VaultListenerSpec]
    /// Seals (auto-unseal).
    public var seals: [VaultSealSpec]
    /// Address clients use.
    public var apiAddr: String?
    /// Address peers use.
    public var clusterAddr: String?
    /// Disable mlock (recommended with raft).
    public var disableMlock: Bool
    /// Web UI.
    public var ui: Bool
    /// Telemetry.
    public var telemetry: VaultTelemetrySpec?
    /// Audit devices.
    public var audit: [VaultAuditSpec]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> VaultSpec {
        VaultSpec(
            storage: r.required(
                "storage", ObjectReader.object(VaultStorageSpec.self, name: "storage"), "Storage backend."),
            haStorage: r.optional(
                "ha_storage", ObjectReader.object(VaultStorageSpec.self, name: "ha_storage"),
                "HA storage (not with raft)."),
            listeners: r.required(
                "listeners", .array(ObjectReader.object(VaultListenerSpec.self, name: "listener"), minItems: 1),
                "Listeners."),
            seals: r.optional(
                "seals", .array(ObjectReader.object(VaultSealSpec.self, name: "seal")), default: [],
                "Auto-unseal seals."),
            apiAddr: r.optional("api_addr", .url, "Address clients use, e.g. https://vault.example.com:8200."),
            clusterAddr: r.optional("cluster_addr", .url, "Address peers use, e.g. https://vault.example.com:8201."),
            disableMlock: r.optional(
                "disable_mlock", .boolean, default: true, "Disable mlock (recommended with raft)."),
            ui: r.optional("ui", .boolean, default: false, "Web UI."),
            telemetry: r.optional(
                "telemetry", ObjectReader.object(VaultTelemetrySpec.self, name: "telemetry"), "Telemetry."),
            audit: r.optional(
                "audit", .array(ObjectReader.object(VaultAuditSpec.self, name: "audit device")), default: [],
                "Audit devices."),
            ranges: r.ranges)
    }
}
