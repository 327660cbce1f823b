import EdgeWire

/// What the real edge did with a request, when the trace recorded it (`"edge":{"action":…,"rule":…,"cache":…}`
/// in the native format; `SecurityAction`, `SecurityRuleDescription`, `CacheCacheStatus` in Logpush), so a replay
/// can report how often the model agrees.
public struct RecordedOutcome: Hashable, Sendable {
    /// The security action taken, in this project's names; nil when none was recorded.
    public var action: EdgeAction?
    /// The rule that acted: a spec rule id in the native format, Cloudflare's rule description in Logpush
    /// (see `RecordedOutcome.specRuleID(inDescription:)`).
    public var rule: ByteSlice
    /// Cloudflare's own rule id (`SecurityRuleID`), Logpush only.
    public var cloudflareRuleID: ByteSlice
    /// The cache status in upper case (`HIT`, `MISS`, `DYNAMIC`, …).
    public var cache: ByteSlice
    /// The status code the edge sent to the client (`EdgeResponseStatus`; `edge.status` in the native format).
    public var status: Int?

    /// An outcome with nothing recorded.
    public static let empty = RecordedOutcome(
        action: nil, rule: .absent, cloudflareRuleID: .absent, cache: .absent, status: nil)

    /// Creates an outcome.
    public init(action: EdgeAction?, rule: ByteSlice, cloudflareRuleID: ByteSlice, cache: ByteSlice, status: Int?) {
        self.action = action
        self.rule = rule
        self.cloudflareRuleID = cloudflareRuleID
        self.cache = cache
        self.status = status
    }

    /// The spec rule id in a rule description that starts with it in square brackets, as the emitted rulesets
    /// write it: `"[block-bad-bots] Block scanners"` → `"block-bad-bots"`. nil when there is no such prefix.
    public static func specRuleID(inDescription description: String) -> String? {
        var copy = description
        return copy.withUTF8 { buffer in
            specRuleIDRange(inDescription: UnsafeRawBufferPointer(buffer)).map {
                String(decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[$0]), as: UTF8.self)
            }
        }
    }

    /// Byte range of the spec rule id in a description's leading `[id]` (leading spaces allowed), or nil.
    public static func specRuleIDRange(inDescription bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        var index = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "]") {
            let byte = bytes[end]
            guard byte > 0x20, byte != UInt8(ascii: "[") else { return nil }
            end += 1
        }
        guard end < bytes.count, end > start else { return nil }
        return start..<end
    }
}
