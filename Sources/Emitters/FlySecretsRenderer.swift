import EdgeCompiler
import EdgeSpec

/// Renders `fly/secrets.sh`: checks that every hand-set secret (`fly:existing`) is set in the app, reads every
/// other value from Vault or from the deploying shell's environment, refuses to go on when a check or read fails or
/// a value is empty or cannot be passed exactly, and only then pipes the values into `fly secrets import`. The
/// script names paths and variables only; no value is ever written. Each value lives in a shell variable `secretN`
/// (not the secret's own name, which could be PATH or IFS).
enum FlySecretsRenderer {
    static func render(_ fly: FlySpec, edge: CompiledEdge, templates: TemplateSet) throws -> String {
        var imported: [[String: Any]] = []
        var existing: [[String: Any]] = []
        for (index, secret) in fly.secrets.enumerated() {
            let name = secret.key.text
            var entry: [String: Any] = ["name": name, "variable": "secret\(index + 1)"]
            switch secret.value {
            case .vault(let reference):
                entry["vault"] = ["path": reference.path, "key": reference.key]
                imported.append(entry)
            case .environment(let reference):
                // The variable's name is upper-case letters, digits and '_' (EnvironmentReference), so it is written
                // into the script as is.
                entry["environment"] = [
                    "environment": reference.name, "is_set": "${\(reference.name)+set}",
                    "expansion": "${\(reference.name)}",
                ]
                imported.append(entry)
            case .existingInFly:
                existing.append(entry)
            }
        }
        return try templates.render(
            "fly-secrets.sh",
            [
                "header": ProvenanceHeader.text(for: edge), "app": fly.app, "imported": imported,
                "has_imports": !imported.isEmpty, "existing": existing, "has_existing": !existing.isEmpty,
            ])
    }
}

/// Renders `fly/scale.sh`: `fly scale count` per region, since fly.toml holds only the primary region.
enum FlyScaleRenderer {
    static func render(_ fly: FlySpec, edge: CompiledEdge, templates: TemplateSet) throws -> String {
        try templates.render(
            "fly-scale.sh",
            [
                "header": ProvenanceHeader.text(for: edge),
                "regions": fly.machines.map { region, count in
                    ["region": region.text, "count": String(count), "app": fly.app]
                },
            ])
    }
}
