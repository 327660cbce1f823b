import EdgeCore
import Foundation

/// Plain-text tables, percentages and XML escaping shared by the terminal reports and the JUnit files.
public enum TextFormatting {
    /// Rows as an aligned table, two spaces indented: the first column left-aligned, the others right-aligned.
    public static func table(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        let widths = (0..<width).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            "  "
                + row.enumerated().map { index, cell in
                    index == 0
                        ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[index] - cell.count) + cell
                }.joined(separator: "  ") + "\n"
        }.joined()
    }

    /// A fraction as a percentage with two decimals: 0.1234 → `12.34%`.
    public static func percent(_ fraction: Double) -> String { String(format: "%.2f%%", fraction * 100) }

    /// `part` as a percentage of `whole` (`0%` when `whole` is 0).
    public static func percent(_ part: Double, of whole: Double) -> String { whole == 0 ? "0%" : percent(part / whole) }

    /// Text escaped for XML attributes and content, always well-formed XML 1.0 and losing nothing: markup
    /// characters become entities; tab, LF and CR become character references (an attribute would otherwise turn
    /// them into spaces, and content would turn CR into LF); characters XML 1.0 forbids (C0 controls, U+FFFE,
    /// U+FFFF) and the C1 controls are written as visible text, `[U+001B]`.
    public static func xmlEscaped(_ text: String) -> String {
        ScalarEscaping.escaped(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "\t": "&#9;"
            case "\n": "&#10;"
            case "\r": "&#13;"
            case _
            where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE
                || scalar.value == 0xFFFF:
                "[U+" + ScalarEscaping.hex(scalar.value) + "]"
            default: nil
            }
        }
    }
}
