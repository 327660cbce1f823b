/// Cloudflare's identifiers of zones, rulesets and rules: 32 lower-case hexadecimal digits.
public enum CloudflareID {
    /// Whether `text` is written like one.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
