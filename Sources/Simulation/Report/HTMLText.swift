import EdgeCore

/// Escaping of text for HTML element content and attribute values.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe in content and in quoted
    /// attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        ScalarEscaping.append(text, to: &out) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: nil
            }
        }
        return out
    }

    /// `text` escaped, with a `<wbr>` break point after each `/`, `?` and `&`, so that a long URL wraps only between
    /// its parts and never inside an address, a host name or a parameter.
    static func breakable(_ text: String) -> String {
        var out = ""
        for character in text {
            out += escape(String(character))
            if character == "/" || character == "?" || character == "&" { out += "<wbr>" }
        }
        return out
    }
}
