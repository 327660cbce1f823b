/// The delimiters of Vault Agent (consul-template) templates. A spec value copied into `redis/redis.conf.ctmpl`
/// that holds one would run as template code when the agent renders the file (`{{ env "VAULT_TOKEN" }}`,
/// `{{ file "/etc/shadow" }}`), so such values are refused.
enum VaultAgentTemplateText {
    /// Why `text` cannot go into a Vault Agent template, or nil.
    static func problem(with text: String) -> String? {
        ["{{", "}}"].first { text.contains($0) }.map {
            "'\($0)' would run as template code when Vault Agent renders redis.conf.ctmpl"
        }
    }
}
