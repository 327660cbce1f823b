import EdgeCore
#if canImport(Glibc)
import Glibc
#endif

/// Finds literal credentials anywhere in a spec: known token formats, URLs with passwords, and long high-entropy
/// values under keys named like secrets. The spec must name secrets by Vault reference instead.
///
/// Findings never repeat the value, and their source line is not quoted.
struct SecretScanner {
    private let diagnostics: DiagnosticCollector
    private var alreadyReported: Set<SourceRange>

    init(diagnostics: DiagnosticCollector) {
        self.diagnostics = diagnostics
        alreadyReported = Set(diagnostics.diagnostics.filter { $0.id == "E0301" }.map(\.range))
    }

    /// Scans every scalar under `node`.
    mutating func scan(_ node: YAMLNode, key: String? = nil) {
        switch node {
        case let .scalar(scalar):
            if let reason = Self.reason(value: scalar.value, key: key), !alreadyReported.contains(scalar.range) {
                alreadyReported.insert(scalar.range)
                var diagnostic = Diagnostic(
                    "E0301", .error, "this value looks like a credential (\(reason)); secrets must not be written into the spec",
                    at: scalar.range,
                    help: "store it in Vault and write vault:<kv path>#<key>; rotate it if it was ever committed")
                diagnostic.redactsSource = true
                diagnostics.report(diagnostic)
            }
        case let .sequence(sequence):
            for item in sequence.items { scan(item, key: key) }
        case let .mapping(mapping):
            for (entryKey, value) in mapping.entries { scan(value, key: entryKey.value) }
        }
    }

    /// Prefixes of well-known credential formats, with what they are.
    static let tokenPrefixes: [(prefix: String, minimumLength: Int, name: String)] = [
        ("sk-ant-", 30, "an Anthropic API key"), ("sk-proj-", 30, "an OpenAI API key"), ("sk-", 32, "an OpenAI-style secret key"),
        ("ghp_", 36, "a GitHub token"), ("gho_", 36, "a GitHub token"), ("ghs_", 36, "a GitHub token"), ("github_pat_", 40, "a GitHub token"),
        ("glpat-", 24, "a GitLab token"), ("xoxb-", 24, "a Slack token"), ("xoxp-", 24, "a Slack token"), ("AKIA", 20, "an AWS access key id"),
        ("ASIA", 20, "an AWS access key id"), ("AIza", 39, "a Google API key"), ("sk_live_", 24, "a Stripe secret key"),
        ("rk_live_", 24, "a Stripe key"), ("npm_", 40, "an npm token"), ("pypi-", 50, "a PyPI token"), ("hvs.", 24, "a Vault token"),
        ("phc_", 40, "a PostHog key"), ("-----BEGIN", 10, "a PEM private key or certificate"),
    ]

    /// Key names whose values are secrets.
    static let secretKeyWords = ["password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "access_key", "private_key", "credential"]

    /// Why `value` looks like a credential, or nil.
    static func reason(value: String, key: String?) -> String? {
        if value.hasPrefix("vault:") { return nil }
        for (prefix, minimumLength, name) in tokenPrefixes where value.hasPrefix(prefix) && value.utf8.count >= minimumLength {
            if prefix == "AKIA" || prefix == "ASIA" {
                guard value.utf8.count == 20, value.utf8.allSatisfy({ isUpperAlnum($0) }) else { continue }
            } else if prefix != "-----BEGIN", value.contains(" ") {
                continue
            }
            return name
        }
        if value.hasPrefix("eyJ"), value.split(separator: ".").count == 3, value.utf8.count > 30, !value.contains(" ") { return "a JWT" }
        if let password = urlPassword(value), !password.isEmpty, !password.hasPrefix("$"), !password.hasPrefix("{") {
            return "a URL with a password"
        }
        if let key, secretKeyWords.contains(where: { key.lowercased().contains($0) }), value.utf8.count >= 12, !value.contains(" "),
           shannonEntropy(value) >= 3.0 {
            return "a high-entropy value under '\(key)'"
        }
        return nil
    }

    private static func urlPassword(_ value: String) -> String? {
        guard let scheme = value.range(of: "://") else { return nil }
        let rest = value[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return nil }
        let userInfo = rest[..<at]
        guard !userInfo.contains("/"), let colon = userInfo.firstIndex(of: ":") else { return nil }
        return String(userInfo[userInfo.index(after: colon)...])
    }

    private static func isUpperAlnum(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Bits of entropy per character.
    static func shannonEntropy(_ text: String) -> Double {
        var counts: [UInt8: Int] = [:]
        for byte in text.utf8 { counts[byte, default: 0] += 1 }
        let total = Double(text.utf8.count)
        return counts.values.reduce(0) { sum, count in
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }
}
