import EdgeCore
import EdgeSpec

/// A spec text with `⟦ID⟧` markers placed where diagnostics are expected; the markers are removed before checking.
public struct MarkedSpec {
    /// The spec without markers.
    public let text: String
    /// Expected (id, line, column) triples.
    public let expected: [Finding]

    /// One expected or actual finding.
    public struct Finding: Hashable, CustomStringConvertible {
        /// The diagnostic id.
        public let id: String
        /// 1-based line.
        public let line: Int
        /// 1-based column.
        public let column: Int
        /// `ID@line:col`.
        public var description: String { "\(id)@\(line):\(column)" }
    }

    /// Reads the markers out of `marked`.
    public init(_ marked: String) {
        var clean = ""
        var expected: [Finding] = []
        var line = 1
        var column = 1
        var rest = Substring(marked)
        while let first = rest.first {
            if rest.hasPrefix("⟦"), let close = rest.firstIndex(of: "⟧") {
                let id = rest[rest.index(after: rest.startIndex)..<close]
                expected.append(Finding(id: String(id), line: line, column: column))
                rest = rest[rest.index(after: close)...]
                continue
            }
            clean.append(first)
            if first == "\n" { line += 1; column = 1 } else { column += first.unicodeScalars.count }
            rest = rest.dropFirst()
        }
        text = clean
        self.expected = expected
    }

    /// Runs the checker and returns its findings as triples (errors, and warnings whose ids are expected).
    public func check(file: String = "edge.yaml") -> (findings: Set<Finding>, diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        _ = SpecChecker.check(Array(text.utf8), file: file, diagnostics: diagnostics)
        return findings(in: diagnostics)
    }

    /// Findings as triples: every error, and warnings whose ids are expected.
    public func findings(in diagnostics: DiagnosticCollector) -> (findings: Set<Finding>, diagnostics: [Diagnostic]) {
        let expectedIDs = Set(expected.map(\.id))
        let relevant = diagnostics.diagnostics.filter { $0.severity == .error || expectedIDs.contains($0.id) }
        return (
            Set(relevant.map { Finding(id: $0.id, line: $0.range.start.line, column: $0.range.start.column) }),
            diagnostics.diagnostics
        )
    }
}
