/// The spec's ids of rules, exceptions and expect cases: lower-case letters, digits, `-` and `_`, starting with a
/// letter or digit, at most 64 (`TextValidators.identifierPattern` in the schema).
public enum RuleID {
    /// Whether `text` is a valid id.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 64, isLowerAlphanumeric(first) else { return false }
        return text.utf8.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// Whether `byte` is `a`–`z` or `0`–`9`.
    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }
}
