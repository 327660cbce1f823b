/// The loop the text escapers share (JSON strings, GitHub workflow commands, Markdown cells, and in other modules
/// TOML, HTML and XML): each Unicode scalar is written as the text an escape table gives it, or as itself when the
/// table gives none.
public enum ScalarEscaping {
    /// Appends `text` to `out`, each scalar for which `replacement` returns text written as that text (an empty text
    /// drops the scalar), every other scalar as itself.
    @inlinable
    public static func append(
        _ text: String, to out: inout String, replacing replacement: (Unicode.Scalar) -> String?
    ) {
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) {
                out += replaced
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// `text` with each scalar for which `replacement` returns text written as that text (an empty text drops the
    /// scalar), every other scalar as itself.
    @inlinable
    public static func escaped(_ text: String, replacing replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        append(text, to: &out, replacing: replacement)
        return out
    }

    /// `value` in hexadecimal, padded with zeros to at least `digits` digits.
    public static func hex(_ value: UInt32, digits: Int = 4, uppercase: Bool = true) -> String {
        let written = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, digits - written.count)) + written
    }
}
