import EdgeWire

/// A `wildcard` / `strict wildcard` pattern (`docs/cloudflare-semantics.md`, "Wildcard patterns"): must match the whole
/// value; `*` matches any run of bytes (including `/`); `\*` and `\\` are the only escapes; `?` is an ordinary
/// character.
public struct WildcardPattern: Sendable, Equatable {
    /// The string literal the pattern was written as (before wildcard escapes are resolved).
    public let source: [UInt8]
    /// Whether matching ignores ASCII case (`wildcard`) or not (`strict wildcard`).
    public let caseInsensitive: Bool
    /// The glob the pattern matches with: its pieces have the escapes resolved, its stars are the unescaped `*`.
    let glob: StarGlob

    /// Why a pattern is rejected, with the offset of the offending byte in `source`.
    struct Problem: Error {
        let message: String
        let offset: Int
    }

    /// Compiles `source`, or reports an escape other than `\*`/`\\`, a trailing `\` or two stars in a row.
    static func compile(_ source: [UInt8], caseInsensitive: Bool) -> Result<WildcardPattern, Problem> {
        var pieces: [[UInt8]] = []
        var current: [UInt8] = []
        var previousWasStar = false
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < source.count else {
                    return .failure(Problem(message: "a wildcard pattern cannot end with `\\`", offset: index))
                }
                let next = source[index + 1]
                guard next == UInt8(ascii: "*") || next == UInt8(ascii: "\\") else {
                    return .failure(
                        Problem(
                            message:
                                "`\\\(String(decoding: [next], as: UTF8.self))` is not a wildcard escape; only `\\*` "
                                + "and `\\\\` are",
                            offset: index))
                }
                current.append(next)
                previousWasStar = false
                index += 2
                continue
            }
            if byte == UInt8(ascii: "*") {
                if previousWasStar {
                    return .failure(
                        Problem(message: "two `*` in a row are not allowed in a wildcard pattern", offset: index))
                }
                pieces.append(current)
                current = []
                previousWasStar = true
                index += 1
                continue
            }
            current.append(byte)
            previousWasStar = false
            index += 1
        }
        pieces.append(current)
        return .success(
            WildcardPattern(
                source: source, caseInsensitive: caseInsensitive,
                glob: StarGlob(pieces: pieces, ignoresASCIICase: caseInsensitive)))
    }

    /// Whether the whole of `value` matches.
    func matches(_ value: [UInt8]) -> Bool { glob.matches(value) }
}
