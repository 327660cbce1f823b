import EdgeCompiler
import EdgeSpec

/// Renders `fly/secrets.sh`: reads each secret from Vault by path and pipes them into `fly secrets import`.
/// The script names Vault paths only; no value is ever written.
enum FlySecretsRenderer {
    static func render(_ fly: FlySpec, edge: CompiledEdge, templates: TemplateSet) throws -> String {
        try templates.render("fly-secrets.sh", [
            "header": ProvenanceHeader.text(for: edge),
            "app": fly.app,
            "secrets": fly.secrets.map { name, reference in ["name": name.text, "path": reference.path, "key": reference.key] },
        ])
    }
}

/// Renders `fly/scale.sh`: `fly scale count` per region, since fly.toml holds only the primary region.
enum FlyScaleRenderer {
    static func render(_ fly: FlySpec, edge: CompiledEdge, templates: TemplateSet) throws -> String {
        try templates.render("fly-scale.sh", [
            "header": ProvenanceHeader.text(for: edge),
            "regions": fly.machines.map { region, count in ["region": region.text, "count": String(count), "app": fly.app] },
        ])
    }
}
