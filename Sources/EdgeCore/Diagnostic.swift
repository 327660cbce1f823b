/// How serious a finding is.
public enum Severity: String, Sendable, Comparable, Codable {
    /// A note attached to another diagnostic or standing alone.
    case note
    /// Something to fix before production; an error under `--strict`.
    case warning
    /// The spec cannot be compiled as written.
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    /// Orders by seriousness: note < warning < error.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message with its own position, e.g. "first defined here".
public struct DiagnosticNote: Hashable, Sendable {
    /// What the note says.
    public var message: String
    /// Where it points; nil for a note without a position.
    public var range: SourceRange?

    /// Creates a note.
    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// A suggested edit: replace the text in `range` with `replacement`.
public struct FixIt: Hashable, Sendable {
    /// The span to replace.
    public var range: SourceRange
    /// The text to put there.
    public var replacement: String

    /// Creates a fix-it.
    public init(replace range: SourceRange, with replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// One finding about the user's input, as data: a stable ID, severity, primary range, message, notes and an
/// optional fix-it. Diagnostics are collected, not thrown, and rendered by the renderers in this module.
public struct Diagnostic: Hashable, Sendable {
    /// Stable identifier such as `E0101`; documented in `docs/diagnostics.md`.
    public var id: String
    /// How serious the finding is.
    public var severity: Severity
    /// The one-line message, lower-case first word, no trailing period.
    public var message: String
    /// The offending token.
    public var range: SourceRange
    /// Secondary positions and explanations.
    public var notes: [DiagnosticNote]
    /// A suggested edit, when one is unambiguous.
    public var fixIt: FixIt?
    /// A free-text hint on how to fix it ("quote the value: \"yes\"").
    public var help: String?
    /// Spans of the source that hold credentials; renderers mask them wherever they quote those lines.
    public var secretRanges: [SourceRange] = []

    /// Creates a diagnostic.
    public init(
        _ id: String, _ severity: Severity, _ message: String, at range: SourceRange,
        notes: [DiagnosticNote] = [], fixIt: FixIt? = nil, help: String? = nil
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
        self.fixIt = fixIt
        self.help = help
    }
}
