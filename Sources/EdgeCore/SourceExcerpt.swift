#if canImport(Glibc)
    import Glibc
#endif

/// One source line as a diagnostic quotes it: credentials masked, control characters made visible, and a line
/// longer than `maximumBytes` cut to a window around the span, with `…` where text was elided.
struct SourceExcerpt {
    /// The most bytes of a line shown.
    static let maximumBytes = 160
    /// Bytes shown before the span when a long line is cut.
    static let leadingContext = 60
    /// Bytes searched for credentials on each side of the window, so a credential cut by the window is still found.
    static let detectionMargin = 512

    /// The text to print after the gutter.
    let text: String
    /// 0-based display column where the caret starts.
    let caretColumn: Int
    /// Number of columns the caret covers (at least 1).
    let caretWidth: Int

    /// The excerpt of `range`'s first line, masking credentials found by `SecretPatterns` and the `secretRanges`.
    init?(source: SourceFile, range: SourceRange, secretRanges: [SourceRange]) {
        let bytes = source.bytes
        guard let lineStart = source.byteOffset(of: SourceLocation(line: range.start.line, column: 1)) else {
            return nil
        }
        var lineEnd = Self.lineEnd(from: lineStart, in: bytes)
        if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let spanStart = min(source.byteOffset(of: range.start) ?? lineStart, lineEnd)
        var spanEnd = spanStart + 1
        if range.end.line == range.start.line, range.end.column > range.start.column {
            spanEnd = min(source.byteOffset(of: range.end) ?? lineEnd, lineEnd)
        } else if range.end.line > range.start.line {
            spanEnd = lineEnd
        }

        var windowStart = lineStart, windowEnd = lineEnd
        if lineEnd - lineStart > Self.maximumBytes {
            windowStart = Self.scalarStart(max(lineStart, spanStart - Self.leadingContext), in: bytes)
            windowEnd = Self.scalarStart(min(lineEnd, windowStart + Self.maximumBytes), in: bytes)
        }
        let masks = Self.masks(
            source: source, line: range.start.line, lineStart: lineStart, lineEnd: lineEnd,
            window: windowStart..<windowEnd, secretRanges: secretRanges)

        var shown = windowStart > lineStart ? "…" : ""
        var column = shown.unicodeScalars.count
        var caretStart: Int?, caretEnd: Int?
        var offset = windowStart
        while offset < windowEnd {
            if let mask = masks.first(where: { $0.contains(offset) }) {
                let skipped = offset..<min(mask.upperBound, windowEnd)
                if caretStart == nil, spanStart < skipped.upperBound { caretStart = column }
                column += SecretPatterns.marker.unicodeScalars.count
                if caretEnd == nil, spanEnd <= skipped.upperBound { caretEnd = column }
                shown += SecretPatterns.marker
                offset = skipped.upperBound
                continue
            }
            if caretStart == nil, offset >= spanStart { caretStart = column }
            if caretEnd == nil, offset >= spanEnd { caretEnd = column }
            let length = Self.scalarLength(bytes[offset])
            let scalarEnd = min(offset + length, windowEnd)
            shown += Self.visible(String(decoding: bytes[offset..<scalarEnd], as: UTF8.self))
            column += 1
            offset = scalarEnd
        }
        let start = caretStart ?? column
        let end = caretEnd ?? column
        if windowEnd < lineEnd { shown += "…" }
        text = shown
        caretColumn = start
        caretWidth = max(1, end - start)
    }

    /// Byte ranges to mask in the window: credentials `SecretPatterns` finds near it, and the parts of
    /// `secretRanges` on this line.
    private static func masks(
        source: SourceFile, line: Int, lineStart: Int, lineEnd: Int, window: Range<Int>, secretRanges: [SourceRange]
    ) -> [Range<Int>] {
        let bytes = source.bytes
        let searchStart = scalarStart(max(lineStart, window.lowerBound - detectionMargin), in: bytes)
        let searchEnd = scalarStart(min(lineEnd, window.upperBound + detectionMargin), in: bytes)
        let searched = String(decoding: bytes[searchStart..<searchEnd], as: UTF8.self)
        var masks = SecretPatterns.matchesInLine(searched).map {
            ($0.bytes.lowerBound + searchStart)..<($0.bytes.upperBound + searchStart)
        }
        for secret in secretRanges
        where secret.file == source.name && secret.start.line <= line && secret.end.line >= line {
            let start = secret.start.line == line ? source.byteOffset(of: secret.start) ?? lineStart : lineStart
            let end = secret.end.line == line ? source.byteOffset(of: secret.end) ?? lineEnd : lineEnd
            if end > start { masks.append(start..<min(end, lineEnd)) }
        }
        return masks
    }

    /// The text with control characters shown as U+FFFD and tabs as one space, one column each.
    private static func visible(_ scalarText: String) -> String {
        guard let scalar = scalarText.unicodeScalars.first else { return scalarText }
        if scalar == "\t" { return " " }
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) { return "\u{FFFD}" }
        return scalarText
    }

    /// The offset of the first line feed at or after `start`, or the end of `bytes` (memchr: lines can be long).
    private static func lineEnd(from start: Int, in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, start < buffer.count,
                let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start)
            else { return buffer.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The offset moved back to the first byte of the UTF-8 sequence it falls in.
    private static func scalarStart(_ offset: Int, in bytes: [UInt8]) -> Int {
        var start = offset
        while start > 0, start < bytes.count, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}

/// Texts a diagnostic carries (messages, help, notes, fix-its) as renderers print them: credentials replaced by
/// `SecretPatterns.marker`, and anything longer than `maximumScalars` cut in the middle with a count of what was
/// elided.
enum ShownText {
    /// The longest text printed whole.
    static let maximumScalars = 400
    /// Scalars kept from the start of a cut text.
    static let keptHead = 300
    /// Scalars kept from the end of a cut text.
    static let keptTail = 60

    /// `text` redacted and bounded.
    static func of(_ text: String) -> String {
        let redacted = SecretPatterns.redacted(text)
        let scalars = redacted.unicodeScalars
        guard scalars.count > maximumScalars else { return redacted }
        var out = String(scalars.prefix(keptHead))
        out += " … [\(scalars.count - keptHead - keptTail) characters elided] … "
        out += String(scalars.suffix(keptTail))
        return out
    }
}
