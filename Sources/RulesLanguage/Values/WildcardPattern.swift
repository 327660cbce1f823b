/// A `wildcard` / `strict wildcard` pattern (`docs/cloudflare-semantics.md`, "Wildcard patterns"): must match the whole
/// value; `*` matches any run of bytes (including `/`); `\*` and `\\` are the only escapes; `?` is an ordinary
/// character.
public struct WildcardPattern: Sendable, Equatable {
    /// The string literal the pattern was written as (before wildcard escapes are resolved).
    public let source: [UInt8]
    /// Whether matching ignores ASCII case (`wildcard`) or not (`strict wildcard`).
    public let caseInsensitive: Bool
    /// Literal pieces between stars, escapes resolved; lowercased when `caseInsensitive`.
    let pieces: [[UInt8]]
    let startsWithStar: Bool
    let endsWithStar: Bool

    /// Why a pattern is rejected, with the offset of the offending byte in `source`.
    struct Problem: Error {
        let message: String
        let offset: Int
    }

    /// Compiles `source`, or reports an escape other than `\*`/`\\`, a trailing `\` or two stars in a row.
    static func compile(_ source: [UInt8], caseInsensitive: Bool) -> Result<WildcardPattern, Problem> {
        var pieces: [[UInt8]] = []
        var current: [UInt8] = []
        var startsWithStar = false
        var endsWithStar = false
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
                    return .failure(Problem(
                        message: "`\\\(String(decoding: [next], as: UTF8.self))` is not a wildcard escape; only `\\*` and `\\\\` are",
                        offset: index))
                }
                current.append(caseInsensitive ? ByteOperations.lower(next) : next)
                previousWasStar = false
                index += 2
                continue
            }
            if byte == UInt8(ascii: "*") {
                if previousWasStar {
                    return .failure(Problem(message: "two `*` in a row are not allowed in a wildcard pattern", offset: index))
                }
                if index == 0 { startsWithStar = true } else { pieces.append(current) }
                current = []
                previousWasStar = true
                endsWithStar = index == source.count - 1
                index += 1
                continue
            }
            current.append(caseInsensitive ? ByteOperations.lower(byte) : byte)
            previousWasStar = false
            index += 1
        }
        if !endsWithStar { pieces.append(current) }
        return .success(WildcardPattern(
            source: source, caseInsensitive: caseInsensitive, pieces: pieces,
            startsWithStar: startsWithStar, endsWithStar: endsWithStar))
    }

    /// Whether the whole of `value` matches.
    func matches(_ value: [UInt8]) -> Bool {
        let starCount = pieces.count - 1 + (startsWithStar ? 1 : 0) + (endsWithStar ? 1 : 0)
        if starCount == 0 { return equal(value, 0, pieces.first ?? []) && value.count == (pieces.first?.count ?? 0) }
        var position = 0
        var first = 0
        var last = pieces.count - 1
        if !startsWithStar {
            guard let head = pieces.first, head.count <= value.count, equal(value, 0, head) else { return false }
            position = head.count
            first = 1
        }
        var end = value.count
        if !endsWithStar {
            guard last >= first, let tail = pieces.last, tail.count <= end - position,
                  equal(value, end - tail.count, tail) else { return false }
            end -= tail.count
            last -= 1
        }
        if first > last { return true }
        for index in first...last {
            guard let found = find(pieces[index], in: value, from: position, before: end) else { return false }
            position = found + pieces[index].count
        }
        return true
    }

    @inline(__always)
    private func equal(_ value: [UInt8], _ offset: Int, _ piece: [UInt8]) -> Bool {
        guard offset + piece.count <= value.count else { return false }
        for index in piece.indices {
            let byte = caseInsensitive ? ByteOperations.lower(value[offset + index]) : value[offset + index]
            if byte != piece[index] { return false }
        }
        return true
    }

    private func find(_ piece: [UInt8], in value: [UInt8], from start: Int, before end: Int) -> Int? {
        if piece.isEmpty { return start }
        guard end - start >= piece.count else { return nil }
        for offset in start...(end - piece.count) where equal(value, offset, piece) { return offset }
        return nil
    }
}
