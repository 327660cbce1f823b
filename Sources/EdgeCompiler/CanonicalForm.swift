import EdgeCore
import EdgeSpec

/// A canonical text of a typed value: every stored property in declaration order, source positions left out.
///
/// Hashing this text identifies what a spec means rather than how it is written, so a comment or a re-indented
/// line does not change the compiled spec's hash (and causes no drift).
public enum CanonicalForm {
    /// The canonical text of `value`.
    public static func text(of value: Any) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    /// Property names that hold source positions, not meaning.
    private static let positional: Set<String> = ["ranges", "range", "node"]

    private static func write(_ value: Any, to out: inout String) {
        if let text = value as? LocatedText { return write(text.text, to: &out) }
        if let reference = value as? VaultReference { return write(reference.description, to: &out) }
        if let reference = value as? SecretReference { return write(reference.description, to: &out) }
        switch value {
        case let text as String: JSONValue.writeString(text, to: &out); return
        case let number as Int: out += String(number); return
        case let number as Int64: out += String(number); return
        case let number as Double: out += "\(number)"; return
        case let flag as Bool: out += flag ? "true" : "false"; return
        case let duration as EdgeDuration: out += "\(duration.milliseconds)ms"; return
        case let size as ByteSize: out += "\(size.bytes)b"; return
        case let percentage as Percentage: out += "\(percentage.partsPerMillion)ppm"; return
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let child = mirror.children.first { write(child.value, to: &out) } else { out += "null" }
        case .collection, .set:
            out += "["
            for (index, child) in mirror.children.enumerated() {
                if index > 0 { out += "," }
                write(child.value, to: &out)
            }
            out += "]"
        case .enum:
            if let raw = (value as? any RawRepresentable)?.rawValue { write(raw, to: &out) } else { out += "\(value)" }
        default:
            out += "{"
            var first = true
            for (index, child) in mirror.children.enumerated() {
                let label = child.label ?? ".\(index)"
                if positional.contains(label) { continue }
                if !first { out += "," }
                first = false
                out += label + ":"
                write(child.value, to: &out)
            }
            out += "}"
        }
    }
}
