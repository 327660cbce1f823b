/// Text that reads the same in vault.hcl under HCL1 (which Vault's parser is) and HCL2. HCL1 copies `${…}`
/// verbatim and knows no `$${` escape, so an escaped `$${x}` would reach Vault as `$${x}`; HCL2 would interpolate
/// an unescaped one. A value holding `${` or `%{` therefore cannot be written faithfully and is refused.
enum VaultHCLText {
    /// Why `text` cannot be written into vault.hcl, or nil.
    static func problem(with text: String) -> String? {
        ["${", "%{"].first { text.contains($0) }.map {
            "'\($0)' cannot be written into vault.hcl: Vault's HCL1 parser keeps it literally where HCL2 would "
                + "interpolate it"
        }
    }
}
