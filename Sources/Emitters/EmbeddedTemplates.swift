/// The Mustache templates of `Sources/Emitters/Templates/`, embedded in the binary by SwiftPM
/// (`resources: [.embedInCode("Templates")]` in Package.swift), so `build` needs no files at run time.
enum EmbeddedTemplates {
    /// Template text by name (file name without `.mustache`).
    static let all: [String: String] = [
        "cloudflare.tf": PackageResources.cloudflare_tf_mustache,
        "fly-scale.sh": PackageResources.fly_scale_sh_mustache,
        "fly-secrets.sh": PackageResources.fly_secrets_sh_mustache,
        "fly.toml": PackageResources.fly_toml_mustache,
        "redis.conf": PackageResources.redis_conf_mustache,
        "vault-post-init.sh": PackageResources.vault_post_init_sh_mustache,
        "vault.hcl": PackageResources.vault_hcl_mustache,
        "write-redis-conf.sh": PackageResources.write_redis_conf_sh_mustache,
    ].mapValues { String(decoding: $0, as: UTF8.self) }
}
