/// A credential found in the input: its text and where it is written, so that no diagnostic shows it.
public struct SecretSpan: Hashable, Sendable {
    /// The credential as decoded (what messages might quote).
    public var text: String
    /// Where it is written in the source (what excerpts might quote).
    public var range: SourceRange

    /// Shortest text replaced in messages; shorter values would mask ordinary words (the source span is masked
    /// whatever the length).
    static let shortestMaskedText = 4

    /// Creates a span.
    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }

    /// Columns on each side of a quoted position within which a credential may be shown: more than a quoted line's
    /// window (`SourceExcerpt.maximumBytes` bytes, never more columns than bytes).
    static let shownColumns = 2 * SourceExcerpt.maximumBytes

    /// Whether `diagnostic` may show this credential: one of its ranges overlaps it (its text may quote it), or it
    /// quotes a line the credential is on, close enough to the quoted position to fall in the excerpt.
    func isShown(by diagnostic: Diagnostic) -> Bool {
        ([diagnostic.range] + diagnostic.notes.compactMap(\.range)).contains { quoted in
            guard quoted.file == range.file, range.start.line <= quoted.start.line, quoted.start.line <= range.end.line
            else {
                return quoted.file == range.file && quoted.start <= range.end && range.start <= quoted.end
            }
            let first = range.start.line == quoted.start.line ? range.start.column : 1
            let last = range.end.line == quoted.start.line ? range.end.column : Int.max
            return first <= quoted.start.column + Self.shownColumns && quoted.start.column - Self.shownColumns <= last
        }
    }

    /// Replaces the credential in the diagnostic's texts and adds its span to the ones renderers mask.
    ///
    /// Renderers quote only the first line of a span; a credential that ends before it starts is not quoted.
    func mask(in diagnostic: inout Diagnostic) {
        if !diagnostic.secretRanges.contains(range) { diagnostic.secretRanges.append(range) }
        guard text.utf8.count >= Self.shortestMaskedText else { return }
        diagnostic.message = masked(diagnostic.message)
        diagnostic.help = diagnostic.help.map(masked)
        for index in diagnostic.notes.indices {
            diagnostic.notes[index].message = masked(diagnostic.notes[index].message)
        }
        if let replacement = diagnostic.fixIt?.replacement { diagnostic.fixIt?.replacement = masked(replacement) }
    }

    private func masked(_ string: String) -> String {
        let bytes = Array(string.utf8), target = Array(text.utf8)
        guard bytes.count >= target.count else { return string }
        var ranges: [Range<Int>] = []
        var index = 0
        while index + target.count <= bytes.count {
            if bytes[index..<(index + target.count)].elementsEqual(target) {
                ranges.append(index..<(index + target.count))
                index += target.count
            } else {
                index += 1
            }
        }
        return ranges.isEmpty ? string : SecretPatterns.replacing(ranges, in: bytes, with: SecretPatterns.marker)
    }
}
