/// The format of a trace file.
public enum TraceFormat: String, CaseIterable, Sendable {
    /// Decide from the first non-empty line (see `sniff`).
    case auto
    /// This project's JSONL format (`docs/trace-format.md`, "Native JSONL").
    case native
    /// Cloudflare Logpush `http_requests` ndjson.
    case logpush
    /// Apache/nginx combined (or common) log format.
    case combined

    /// The format of a trace starting with `bytes` (already decompressed): a line starting with `{` is Logpush
    /// when it has an `"EdgeStartTimestamp"` or `"ClientIP"` key, native otherwise; anything else is combined.
    /// Blank lines and a UTF-8 byte-order mark before the first line are passed over.
    public static func sniff(_ bytes: UnsafeRawBufferPointer) -> TraceFormat {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D
        {
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return .combined }
        var lineEnd = index
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[index..<lineEnd])
        if contains(line, "\"EdgeStartTimestamp\"") || contains(line, "\"ClientIP\"") { return .logpush }
        return .native
    }

    private static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard haystack.count >= count else { return false }
        let first = needle.utf8Start[0]
        for start in 0...(haystack.count - count) where haystack[start] == first {
            var matches = true
            for offset in 1..<count where haystack[start + offset] != needle.utf8Start[offset] {
                matches = false
                break
            }
            if matches { return true }
        }
        return false
    }
}
