import EdgeCore
@testable import EdgeSpec

/// A spec text with `⟦ID⟧` markers placed where diagnostics are expected; the markers are removed before checking.
struct MarkedSpec {
    /// The spec without markers.
    let text: String
    /// Expected (id, line, column) triples.
    let expected: [Finding]

    /// One expected or actual finding.
    struct Finding: Hashable, CustomStringConvertible {
        let id: String
        let line: Int
        let column: Int
        var description: String { "\(id)@\(line):\(column)" }
    }

    init(_ marked: String) {
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
    func check(file: String = "edge.yaml") -> (findings: Set<Finding>, diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        _ = SpecChecker.check(Array(text.utf8), file: file, diagnostics: diagnostics)
        let expectedIDs = Set(expected.map(\.id))
        let relevant = diagnostics.diagnostics.filter { $0.severity == .error || expectedIDs.contains($0.id) }
        return (Set(relevant.map { Finding(id: $0.id, line: $0.range.start.line, column: $0.range.start.column) }), diagnostics.diagnostics)
    }
}
