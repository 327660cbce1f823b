import CYaml
import EdgeCore
import EdgeWire

/// Reads YAML bytes into located nodes using libyaml's event API, which gives a start and an end mark for every
/// event (Yams' node API keeps start marks only).
///
/// Rejects, each with a located diagnostic: files over `maxBytes`, non-UTF-8 bytes, tabs in indentation, syntax
/// errors, several documents, duplicate keys, non-scalar keys, merge keys (`<<`) and alias expansion beyond
/// `maxAliasExpansion` nodes (billion-laughs). Every scalar it reads, keys included, is scanned for literal
/// credentials (E0301), so no position escapes the scan.
public struct YAMLReader {
    /// Largest spec accepted: 1 MiB. A real spec is a few kilobytes.
    public static let maxBytes = 1 << 20
    /// Most nodes that aliases may copy in one document.
    public static let maxAliasExpansion = 10_000

    private let file: String
    private let diagnostics: DiagnosticCollector

    /// Creates a reader that names `file` in positions and reports into `diagnostics`.
    public init(file: String, diagnostics: DiagnosticCollector) {
        self.file = file
        self.diagnostics = diagnostics
    }

    /// The document's root node, or nil when nothing usable could be read (the reason is reported); `size` is the
    /// file's size when `bytes` may be only its start, nil when unknown.
    public func read(_ bytes: [UInt8], size: Int? = nil) -> YAMLNode? {
        guard preflight(bytes, size: size) else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            diagnostics.error("E0008", "the YAML parser could not start", at: .wholeFile(file))
            return nil
        }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> YAMLNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var builder = TreeBuilder(source: SourceFile(name: file, bytes: bytes), diagnostics: diagnostics)
            let errorsBefore = diagnostics.count(.error)
            let root = builder.build(&parser)
            // A stream without a document (comments after a carriage return, which the line check above does not
            // split on) gives no root and no error: it is empty, and saying nothing would let it pass.
            if root == nil, diagnostics.count(.error) == errorsBefore { reportEmpty() }
            return root
        }
    }

    /// Size, encoding and indentation checks that libyaml reports poorly or not at all.
    private func preflight(_ bytes: [UInt8], size: Int?) -> Bool {
        let knownSize = max(size ?? 0, bytes.count)
        if knownSize > YAMLReader.maxBytes {
            let sizeText = size.map { "\($0) bytes" } ?? "more than \(YAMLReader.maxBytes) bytes (a stream)"
            diagnostics.error(
                "E0001", "the spec is \(sizeText); the limit is \(YAMLReader.maxBytes) bytes (1 MiB)",
                at: .wholeFile(file),
                help: "split large lists into smaller specs or remove generated content")
            return false
        }
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            let location = SourceFile(name: file, bytes: Array(bytes[..<bad])).location(ofByteOffset: bad)
            diagnostics.error(
                "E0002", String(format8: bytes[bad]) + " is not valid UTF-8",
                at: SourceRange(
                    file: file, start: location, end: SourceLocation(line: location.line, column: location.column + 1)),
                help: "save the spec as UTF-8")
            return false
        }
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) || isOnlyComments(bytes) {
            reportEmpty()
            return false
        }
        var clean = true
        var lineNumber = 1
        var lineStart = true
        var column = 1
        for byte in bytes {
            if byte == UInt8(ascii: "\n") { lineNumber += 1; column = 1; lineStart = true; continue }
            if lineStart {
                if byte == UInt8(ascii: "\t") {
                    let at = SourceLocation(line: lineNumber, column: column)
                    diagnostics.error(
                        "E0004", "tab character in indentation; YAML indents with spaces only",
                        at: SourceRange(
                            file: file, start: at, end: SourceLocation(line: lineNumber, column: column + 1)),
                        help: "replace the tab with spaces")
                    clean = false
                    lineStart = false
                } else if byte != UInt8(ascii: " ") {
                    lineStart = false
                }
            }
            if byte & 0xC0 != 0x80 { column += 1 }
        }
        return clean
    }

    private func reportEmpty() {
        diagnostics.error(
            "E0007", "the spec is empty", at: .wholeFile(file),
            help: "start with `version: 1` and a `zone:` mapping with `name` and `plan`")
    }

    private func isOnlyComments(_ bytes: [UInt8]) -> Bool {
        SourceFile(name: file, bytes: bytes).allLines.allSatisfy { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed == "---" || trimmed == "..."
        }
    }
}

extension SourceFile {
    /// Every line's text.
    var allLines: [String] { (1...max(1, lineCount)).compactMap { line($0) } }
}

private extension String {
    init(format8 byte: UInt8) {
        let hex = String(byte, radix: 16, uppercase: true)
        self = "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
