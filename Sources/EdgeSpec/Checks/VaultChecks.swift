import EdgeCore

/// Semantic checks of the Vault section (`docs/config-targets.md`, "vault.hcl": rules no HCL parser
/// enforces).
struct VaultChecks {
    let vault: VaultSpec
    let diagnostics: DiagnosticCollector

    func run() {
        let storage = vault.storage
        if storage.type == .raft {
            if vault.clusterAddr == nil {
                diagnostics.error(
                    "E0721", "raft storage needs cluster_addr", at: vault.ranges.key("storage"),
                    help: "add cluster_addr: https://<this node>:8201 (Vault refuses to start without it)")
            }
            if storage.path == nil {
                diagnostics.error(
                    "E0721", "raft storage needs a data path", at: storage.ranges.whole,
                    help: "add path: /opt/vault/data")
            }
            if let ha = vault.haStorage {
                diagnostics.error(
                    "E0722", "ha_storage cannot be used with raft storage (raft is already highly available)",
                    at: ha.ranges.whole)
            }
        } else if !storage.retryJoin.isEmpty {
            diagnostics.error("E0722", "retry_join only applies to raft storage", at: storage.ranges.key("retry_join"))
        }
        for listener in vault.listeners {
            switch listener.type {
            case .tcp:
                if let problem = TextValidators.listenAddress(listener.address) {
                    diagnostics.error(
                        "E0723", problem.message, at: listener.ranges.value("address"), help: problem.help)
                }
            case .unix:
                if !listener.address.hasPrefix("/") {
                    diagnostics.error(
                        "E0723", "a unix listener's address is a socket path", at: listener.ranges.value("address"))
                }
            }
            if !listener.tlsDisable {
                for key in ["tls_cert_file", "tls_key_file"] where listener.ranges.keys[key] == nil {
                    diagnostics.error(
                        "E0724", "TLS is on but \(key) is missing", at: listener.ranges.whole,
                        help: "add \(key), or set tls_disable: true (not for production)")
                }
            }
        }
        for seal in vault.seals {
            let needed: [String]
            switch seal.type {
            case .awskms: needed = ["region", "kms_key_id"]
            case .gcpckms: needed = ["project", "region", "key_ring", "crypto_key"]
            case .transit: needed = ["address", "key_name", "mount_path"]
            }
            for key in needed where seal.ranges.keys[key] == nil {
                diagnostics.error("E0725", "a \(seal.type.rawValue) seal needs \(key)", at: seal.ranges.whole)
            }
        }
        if vault.seals.count > 2 {
            diagnostics.error(
                "E0725", "at most two seals (the second only while migrating)", at: vault.ranges.key("seals"))
        }
        checkHCLText()
    }

    /// Every string vault.hcl carries, by where it is written.
    private func checkHCLText() {
        var values: [(String?, SourceRange)] = [
            (vault.apiAddr, vault.ranges.value("api_addr")), (vault.clusterAddr, vault.ranges.value("cluster_addr")),
        ]
        for storage in [vault.storage] + (vault.haStorage.map { [$0] } ?? []) {
            values += [
                (storage.path, storage.ranges.value("path")), (storage.nodeID, storage.ranges.value("node_id")),
                (storage.address, storage.ranges.value("address")),
            ]
            values += storage.retryJoin.map { ($0, storage.ranges.value("retry_join")) }
        }
        for listener in vault.listeners {
            values += [
                (listener.address, listener.ranges.value("address")),
                (listener.clusterAddress, listener.ranges.value("cluster_address")),
                (listener.tlsCertFile, listener.ranges.value("tls_cert_file")),
                (listener.tlsKeyFile, listener.ranges.value("tls_key_file")),
            ]
        }
        for seal in vault.seals {
            values += [
                ("region", seal.region), ("kms_key_id", seal.kmsKeyID), ("project", seal.project),
                ("key_ring", seal.keyRing),
                ("crypto_key", seal.cryptoKey), ("address", seal.address), ("key_name", seal.keyName),
                ("mount_path", seal.mountPath),
            ]
            .map { key, value in (value, seal.ranges.value(key)) }
        }
        if let telemetry = vault.telemetry {
            values.append((telemetry.statsdAddress, telemetry.ranges.value("statsd_address")))
        }
        for case let (text?, range) in values {
            if let problem = VaultHCLText.problem(with: text) {
                diagnostics.error(
                    "E0726", problem, at: range, help: "remove the interpolation syntax; vault.hcl takes plain values")
            }
        }
    }
}
