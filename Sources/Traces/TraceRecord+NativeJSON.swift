/// Why one native JSON object could not be read as a record.
public struct TraceObjectError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// 1-based line of the problem in the text.
    public let line: Int
    /// 1-based column (Unicode scalars) of the problem in its line.
    public let column: Int

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}

extension TraceRecord {
    /// Reads one request object in the native format (it may span several lines), as `eval --request`,
    /// `explain --request` and spec `expect` cases give them, with the parser and defaults of a trace line. An
    /// unknown key is an error here (a trace line only warns), so a mistyped key is never silently dropped.
    public static func fromNativeJSON(_ text: String) throws(TraceObjectError) -> TraceRecord {
        let bytes = Array(text.utf8)
        let storage = TraceStorage(copying: bytes)
        var record = TraceRecord(storage: storage, line: 0)
        var parser = NativeTraceParser(rejectingUnknownKeys: true)
        var warnings: [LineWarning] = []
        do {
            try parser.parse(start: 0, end: bytes.count, into: &record, warnings: &warnings)
        } catch {
            // Locate the error in the original text (the storage may have been unescaped in place).
            var line = 1
            var column = 1
            for byte in bytes.prefix(error.position) {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            throw TraceObjectError(message: error.reason, line: line, column: column)
        }
        return record
    }
}
