import EdgeCompiler
import EdgeSpec

/// Renders `vault/vault.hcl` in the subset HCL1 and HCL2 share: one attribute per line, double-quoted strings.
enum VaultHCLRenderer {
    static func render(_ vault: VaultSpec, edge: CompiledEdge, templates: TemplateSet) throws -> String {
        var context: [String: Any] = [
            "header": ProvenanceHeader.text(for: edge),
            "ui": vault.ui, "disable_mlock": vault.disableMlock,
            "storage": storage(vault.storage),
            "listeners": vault.listeners.map(listener),
            "seals": vault.seals.map(seal),
        ]
        context["api_addr"] = vault.apiAddr
        context["cluster_addr"] = vault.clusterAddr
        context["ha_storage"] = vault.haStorage.map(storage)
        context["telemetry"] = vault.telemetry.map { telemetry -> [String: Any] in
            var out: [String: Any] = ["disable_hostname": telemetry.disableHostname]
            out["prometheus_retention_time"] = telemetry.prometheusRetentionTime?.goDuration
            out["statsd_address"] = telemetry.statsdAddress
            return out
        }
        return try templates.render("vault.hcl", context)
    }

    private static func storage(_ storage: VaultStorageSpec) -> [String: Any] {
        var out: [String: Any] = ["type": storage.type.rawValue, "retry_join": storage.retryJoin.map { ["value": $0] }]
        out["path"] = storage.path
        out["node_id"] = storage.nodeID
        out["address"] = storage.address
        return out
    }

    private static func listener(_ listener: VaultListenerSpec) -> [String: Any] {
        var out: [String: Any] = [
            "type": listener.type.rawValue, "address": listener.address, "tls_disable": listener.tlsDisable,
        ]
        out["cluster_address"] = listener.clusterAddress
        out["tls_cert_file"] = listener.tlsCertFile
        out["tls_key_file"] = listener.tlsKeyFile
        out["tls_min_version"] = listener.tlsMinVersion?.rawValue
        return out
    }

    /// Seal settings in Vault's attribute names; the transit token stays out (Vault reads VAULT_TOKEN).
    private static func seal(_ seal: VaultSealSpec) -> [String: Any] {
        let settings: [(String, String?)] = [
            ("address", seal.address), ("region", seal.region), ("project", seal.project), ("key_ring", seal.keyRing),
            ("crypto_key", seal.cryptoKey), ("kms_key_id", seal.kmsKeyID), ("key_name", seal.keyName),
            ("mount_path", seal.mountPath),
        ]
        return [
            "type": seal.type.rawValue,
            "settings": settings.compactMap { key, value in value.map { ["key": key, "value": $0] } },
        ]
    }
}

/// Renders `vault/post-init.sh`: the `vault audit enable` commands, since audit devices cannot live in vault.hcl.
enum VaultPostInitRenderer {
    static func render(_ vault: VaultSpec, edge: CompiledEdge, templates: TemplateSet) throws -> String {
        try templates.render(
            "vault-post-init.sh",
            [
                "header": ProvenanceHeader.text(for: edge),
                "audit": vault.audit.map { device -> [String: Any] in
                    var options: [String] = []
                    if let path = device.filePath { options.append("file_path=\(path)") }
                    if let address = device.address { options.append("address=\(address)") }
                    if let tag = device.tag { options.append("tag=\(tag)") }
                    var out: [String: Any] = [
                        "type": device.type.rawValue, "path": device.path ?? device.type.rawValue, "options": options,
                    ]
                    out["description"] = device.description
                    return out
                },
            ])
    }
}
