/// A position in a source text: 1-based line and 1-based column counted in Unicode scalars.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars from the start of the line.
    public var column: Int

    /// Creates a location from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Orders locations by line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A half-open span of a named source file: `start` is the first character, `end` the one after the last.
///
/// Every node of a spec document, every expression token and every diagnostic carries one, so a finding
/// made at any stage can be printed as `file:line:col`.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// The file name as the user gave it (never made absolute).
    public var file: String
    /// The first character of the span.
    public var start: SourceLocation
    /// The position just after the span; equal to `start` for an empty span.
    public var end: SourceLocation

    /// Creates a range in `file` from `start` up to (not including) `end`.
    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// An empty range at one location.
    public init(file: String, at location: SourceLocation) {
        self.init(file: file, start: location, end: location)
    }

    /// A range for a whole file when no better position exists (line 1, column 1).
    public static func wholeFile(_ file: String) -> SourceRange {
        SourceRange(file: file, at: SourceLocation(line: 1, column: 1))
    }

    /// Whether `other` lies within this range, in the same file.
    public func contains(_ other: SourceRange) -> Bool {
        file == other.file && start <= other.start && other.end <= end
    }

    /// `file:line:col`.
    public var description: String { "\(file):\(start.line):\(start.column)" }
}
