import EdgeCore

/// Everything the parser needs besides the text: plan, usage context, named lists, missing-value policy and a
/// mapping from expression byte offsets to positions in the user's file.
public struct ParseOptions: Sendable {
    /// The zone plan; gates `matches`, plan-restricted fields and rate-limit expression fields.
    public var plan: CloudflarePlan
    /// Where the expression is used; nil allows every field and function.
    public var context: RuleContext?
    /// Named lists that `in $name` may reference.
    public var lists: [String: NamedList]
    /// How comparisons on missing values evaluate.
    public var missingValues: MissingValuePolicy
    /// Maps a range of expression byte offsets to a range in the user's file.
    public var locate: @Sendable (Range<Int>) -> SourceRange

    /// Creates options; without `locate`, positions are reported on `<expr>` lines counted in the text itself.
    public init(
        plan: CloudflarePlan = .enterprise, context: RuleContext? = nil, lists: [String: NamedList] = [:],
        missingValues: MissingValuePolicy = .cloudflare, locate: (@Sendable (Range<Int>) -> SourceRange)? = nil
    ) {
        self.plan = plan
        self.context = context
        self.lists = lists
        self.missingValues = missingValues
        self.locate = locate ?? { _ in SourceRange.wholeFile("<expr>") }
        self.usesDefaultLocator = locate == nil
    }

    /// Whether `locate` is the placeholder that the parser replaces with `ExpressionLocator` for the text.
    let usesDefaultLocator: Bool
}

/// Maps byte offsets of an expression text to 1-based line and column (in Unicode scalars) positions.
public struct ExpressionLocator: Sendable {
    private let lineStarts: [Int]
    private let columnOfByte: [Int]
    private let lineOfByte: [Int]
    private let file: String

    /// A locator for `text`, reported as `file` (default `<expr>`).
    public init(text: String, file: String = "<expr>") {
        self.file = file
        var columns: [Int] = []
        var lines: [Int] = []
        var starts = [0]
        var line = 1
        var column = 1
        var offset = 0
        for scalar in text.unicodeScalars {
            let width = String(scalar).utf8.count
            for _ in 0..<width {
                columns.append(column)
                lines.append(line)
            }
            offset += width
            if scalar == "\n" {
                line += 1
                column = 1
                starts.append(offset)
            } else {
                column += 1
            }
        }
        columns.append(column)
        lines.append(line)
        columnOfByte = columns
        lineOfByte = lines
        lineStarts = starts
    }

    /// The file range covering the byte range.
    public func range(_ bytes: Range<Int>) -> SourceRange {
        SourceRange(file: file, start: location(bytes.lowerBound), end: location(bytes.upperBound))
    }

    private func location(_ offset: Int) -> SourceLocation {
        let index = max(0, min(offset, columnOfByte.count - 1))
        return SourceLocation(line: lineOfByte[index], column: columnOfByte[index])
    }
}
