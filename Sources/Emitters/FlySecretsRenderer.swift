import EdgeCompiler
import EdgeSpec

/// Renders `fly/secrets.sh`: reads every secret from Vault by path, refuses to go on when a read fails or a value
/// is empty or cannot be passed exactly, and only then pipes them all into `fly secrets import`. The script names
/// Vault paths only; no value is ever written. Each value lives in a shell variable `secretN` (not the secret's
/// own name, which could be PATH or IFS).
enum FlySecretsRenderer {
    static func render(_ fly: FlySpec, edge: CompiledEdge, templates: TemplateSet) throws -> String {
        try templates.render(
            "fly-secrets.sh",
            [
                "header": ProvenanceHeader.text(for: edge),
                "app": fly.app,
                "secrets": fly.secrets.enumerated().map { index, secret in
                    [
                        "name": secret.key.text, "variable": "secret\(index + 1)", "path": secret.value.path,
                        "key": secret.value.key,
                    ]
                },
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
