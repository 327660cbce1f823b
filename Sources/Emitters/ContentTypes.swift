import EdgeCore
import Mustache

/// The escaping each emitted format needs, registered as swift-mustache content types so a template declares
/// its format once (`{{% CONTENT_TYPE: TOML}}`) and every `{{value}}` is escaped for it.
enum EmitterContentTypes {
    /// Registers TOML, HCL, REDIS and SHELL (idempotent).
    static let registered: Bool = {
        MustacheContentTypes.register(TOMLStringContent(), named: "TOML")
        MustacheContentTypes.register(HCLStringContent(), named: "HCL")
        MustacheContentTypes.register(RedisArgumentContent(), named: "REDIS")
        MustacheContentTypes.register(ShellWordContent(), named: "SHELL")
        return true
    }()
}

/// The inside of a TOML basic string: `\`, `"` and control characters escaped (TOML 1.0 §String).
struct TOMLStringContent: MustacheContentType {
    func escapeText(_ text: String) -> String {
        ScalarEscaping.escaped(text) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case "\"": "\\\""
            case "\n": "\\n"
            case "\t": "\\t"
            case "\r": "\\r"
            case let c where c.value < 0x20 || c.value == 0x7F: "\\u" + ScalarEscaping.hex(c.value)
            default: nil
            }
        }
    }
}

/// The inside of an HCL quoted string: like TOML, plus `${` and `%{` doubled so they are not interpolated.
struct HCLStringContent: MustacheContentType {
    func escapeText(_ text: String) -> String {
        TOMLStringContent().escapeText(text).replacingAll("${", "$${").replacingAll("%{", "%%{")
    }
}

/// One redis.conf argument: bare when it has no spaces, quotes or backslashes; otherwise a double-quoted string
/// with `\\`, `\"` and `\xHH` escapes, as redis' `sdssplitargs` reads it.
struct RedisArgumentContent: MustacheContentType {
    func escapeText(_ text: String) -> String {
        let needsQuotes =
            text.isEmpty
            || text.unicodeScalars.contains {
                $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\\" || $0.value < 0x20 || $0 == "#"
            }
        guard needsQuotes else { return text }
        var out = "\""
        ScalarEscaping.append(text, to: &out) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case "\"": "\\\""
            case let c where c.value < 0x20: "\\x" + ScalarEscaping.hex(c.value, digits: 2)
            default: nil
            }
        }
        return out + "\""
    }
}

/// One POSIX shell word: single-quoted, with embedded `'` written as `'\''`.
struct ShellWordContent: MustacheContentType {
    func escapeText(_ text: String) -> String {
        "'" + text.replacingAll("'", "'\\''") + "'"
    }
}

extension String {
    /// Replaces every occurrence of `target`.
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
