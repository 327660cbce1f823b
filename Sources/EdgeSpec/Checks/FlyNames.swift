/// The names fly.toml and `fly secrets import` take as keys. They are written as bare TOML keys and as
/// `NAME=VALUE` lines, so anything else (a dot makes a nested table, a space, quote, `#` or newline breaks the
/// file or the import) is an error at the spec.
enum FlyNames {
    /// The JSON Schema pattern of an environment variable or secret name.
    static let environmentPattern = "^[A-Za-z_][A-Za-z0-9_]*$"
    /// The JSON Schema pattern of a process group or check name.
    static let groupPattern = "^[A-Za-z0-9_-]+$"

    /// Why `name` is not an environment variable or secret name (letters, digits and `_`, not starting with a digit),
    /// or nil.
    static func environmentProblem(_ name: String) -> String? {
        let valid =
            name.utf8.first.map { !isDigit($0) } == true
            && name.utf8.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "_") }
        return valid
            ? nil
            : "'\(escaped(name))' is not an environment variable name; use letters, digits and _, not starting with a "
                + "digit (e.g. LOG_LEVEL)"
    }

    /// Why `name` is not a process group or check name (letters, digits, `_` and `-`), or nil.
    static func groupProblem(_ name: String) -> String? {
        let valid =
            !name.isEmpty
            && name.utf8.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
        return valid
            ? nil : "'\(escaped(name))' is not a Fly name; use letters, digits, _ and - (e.g. web or http-alive)"
    }

    /// The name with control characters shown as escapes, so a message stays on one line.
    private static func escaped(_ name: String) -> String {
        name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0) }
            .joined()
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
