import EdgeCore
import EdgeWire
import Foundation

/// Validators for the string formats a spec uses; each returns an error message and help, or nil when valid.
enum TextValidators {
    /// Rule and case ids: lower-case letters, digits, `-` and `_`, starting with a letter or digit, at most 64.
    static let identifierPattern = "^[a-z0-9][a-z0-9_-]{0,63}$"

    /// Checks a rule id.
    static func identifier(_ text: String) -> (message: String, help: String?)? {
        RuleID.isValid(text)
            ? nil
            : (
                "'\(text)' is not a valid id",
                "use lower-case letters, digits, '-' and '_' (at most 64), e.g. block-bad-bots"
            )
    }

    /// Checks a DNS host name (labels of letters, digits and `-`, at least one dot; `*.` prefix allowed).
    static func hostname(_ text: String) -> (message: String, help: String?)? {
        var name = Substring(text)
        if name.hasPrefix("*.") { name = name.dropFirst(2) }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            labels.count >= 2 && name.utf8.count <= 253
            && labels.allSatisfy { label in
                (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                    && label.utf8.allSatisfy {
                        RuleID.isLowerAlphanumeric($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                            || $0 == UInt8(ascii: "-")
                    }
            }
        return valid ? nil : ("'\(text)' is not a host name", "write a name such as api.example.com")
    }

    /// Checks an absolute URL with a scheme and host, e.g. `https://vault.example.com:8200`.
    static func url(_ text: String) -> (message: String, help: String?)? {
        guard let schemeEnd = text.range(of: "://"), !text[..<schemeEnd.lowerBound].isEmpty,
            text[..<schemeEnd.lowerBound].allSatisfy({ $0.isLetter || $0 == "+" }),
            !text[schemeEnd.upperBound...].isEmpty, !text.contains(" ")
        else { return ("'\(text)' is not a URL with a scheme", "write e.g. https://vault.example.com:8200") }
        return nil
    }

    /// Checks a `host:port` or `[v6]:port` listen address.
    static func listenAddress(_ text: String) -> (message: String, help: String?)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port),
            !text[..<colon].isEmpty
        else { return ("'\(text)' is not a host:port address", "write e.g. 0.0.0.0:8200") }
        return nil
    }

    /// Checks an absolute file system path.
    static func absolutePath(_ text: String) -> (message: String, help: String?)? {
        text.hasPrefix("/") ? nil : ("'\(text)' is not an absolute path", "start the path with /")
    }

    /// Checks a URL path (starts with `/`).
    static func urlPath(_ text: String) -> (message: String, help: String?)? {
        text.hasPrefix("/") && !text.contains(" ")
            ? nil : ("'\(text)' is not a URL path", "start the path with /, e.g. /health")
    }

    /// Checks an ISO 3166-1 alpha-2 country code in upper case (Cloudflare also uses `T1` for Tor and `XX` for
    /// unknown).
    static func countryCode(_ text: String) -> (message: String, help: String?)? {
        let valid =
            text.utf8.count == 2
            && text.utf8.allSatisfy {
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            }
        if valid { return nil }
        if text.utf8.count == 2 {
            return (
                "'\(text)' is not an upper-case country code",
                "Cloudflare's ip.src.country is upper case: write \(text.uppercased())"
            )
        }
        return ("'\(text)' is not a two-letter country code", "use ISO 3166-1 alpha-2 codes such as SG, KP")
    }

    /// Checks an IPv4/IPv6 address or CIDR block; host bits set in a CIDR are an error (Cloudflare rejects them).
    static func ipOrCIDR(_ text: String) -> (message: String, help: String?)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress.parse(String(parts[0])) else {
            return (
                "'\(text)' is not an IP address or CIDR block", "write e.g. 203.0.113.7, 2001:db8::1 or 198.51.100.0/24"
            )
        }
        guard parts.count == 2 else { return nil }
        let bits = address.family.bitWidth
        guard let prefix = Int(parts[1]), (0...bits).contains(prefix) else {
            return ("'\(text)' has an invalid prefix length", "the prefix is 0…\(bits)")
        }
        let network = address.masked(toPrefix: prefix)
        guard network == address else {
            return ("'\(text)' has host bits set", "write the network address: \(network)/\(prefix)")
        }
        return nil
    }

}

extension FieldType where Value == String {
    /// A rule or case id.
    static var identifier: FieldType<String> {
        .string(pattern: TextValidators.identifierPattern, validate: TextValidators.identifier)
    }

    /// A host name.
    static var hostname: FieldType<String> { .string(validate: TextValidators.hostname) }

    /// An absolute URL with a scheme.
    static var url: FieldType<String> { .string(pattern: "^[a-z+]+://", validate: TextValidators.url) }

    /// An absolute file system path.
    static var absolutePath: FieldType<String> { .string(pattern: "^/", validate: TextValidators.absolutePath) }

    /// A URL path.
    static var urlPath: FieldType<String> { .string(pattern: "^/", validate: TextValidators.urlPath) }

    /// A `host:port` listen address.
    static var listenAddress: FieldType<String> { .string(validate: TextValidators.listenAddress) }

    /// An upper-case country code.
    static var countryCode: FieldType<String> {
        .string(pattern: "^[A-Z0-9]{2}$", validate: TextValidators.countryCode)
    }

    /// An IP address or CIDR block.
    static var ipOrCIDR: FieldType<String> { .string(id: "E0204", validate: TextValidators.ipOrCIDR) }
}
