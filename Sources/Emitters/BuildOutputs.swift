import EdgeCompiler
import EdgeSpec

/// Renders every output the compiled spec calls for, for the sections present, into one `OutputSet`.
public enum BuildOutputs {
    /// All files for `edge`, `MANIFEST.json` last; `terraformImports` adds `import` blocks to the Terraform.
    public static func render(
        _ edge: CompiledEdge, templates: TemplateSet = .embedded, terraformImports: TerraformImports? = nil
    ) throws -> OutputSet {
        var outputs = OutputSet()
        let phases = CloudflareRulesetRenderer.phases(edge)
        for phase in phases {
            outputs.add("cloudflare/\(phase.name).json", text: CloudflareRulesetRenderer.body(phase, edge: edge).pretty)
        }
        for list in edge.managedLists {
            outputs.add("cloudflare/lists/\(list.name).json", text: CloudflareRulesetRenderer.listBody(list).pretty)
        }
        if !phases.isEmpty {
            outputs.add(
                "terraform/cloudflare.tf",
                text: try TerraformRenderer.render(phases, edge: edge, templates: templates, imports: terraformImports))
        }
        if let fly = edge.fly {
            outputs.add("fly/fly.toml", text: try FlyTomlRenderer.render(fly, edge: edge, templates: templates))
            if !fly.machines.isEmpty {
                outputs.add(
                    "fly/scale.sh", text: try FlyScaleRenderer.render(fly, edge: edge, templates: templates),
                    executable: true)
            }
            if !fly.secrets.isEmpty {
                outputs.add(
                    "fly/secrets.sh", text: try FlySecretsRenderer.render(fly, edge: edge, templates: templates),
                    executable: true)
            }
        }
        if let vault = edge.vault {
            outputs.add("vault/vault.hcl", text: try VaultHCLRenderer.render(vault, edge: edge, templates: templates))
            if !vault.audit.isEmpty {
                outputs.add(
                    "vault/post-init.sh",
                    text: try VaultPostInitRenderer.render(vault, edge: edge, templates: templates), executable: true)
            }
        }
        if let redis = edge.redis {
            outputs.add(
                "redis/redis.conf",
                text: try RedisConfRenderer.render(redis, edge: edge, variant: .plain, templates: templates))
            if RedisConfRenderer.readsEnvironment(redis) {
                outputs.add(
                    "redis/write-redis-conf.sh",
                    text: try RedisConfScriptRenderer.render(redis, edge: edge, templates: templates), executable: true)
            } else {
                outputs.add(
                    "redis/redis.conf.ctmpl",
                    text: try RedisConfRenderer.render(
                        redis, edge: edge, variant: .vaultAgentTemplate, templates: templates))
            }
            if redis.provider == .upstash {
                outputs.add("redis/upstash.json", text: UpstashRenderer.render(redis, edge: edge))
            }
        }
        outputs.add(ManifestRenderer.path, text: ManifestRenderer.render(outputs, edge: edge))
        return outputs
    }
}
