/// Stable identifiers of the diagnostics trace readers report.
public enum TraceDiagnosticID {
    /// A malformed line, skipped (error).
    public static let malformedLine = "T0101"
    /// A line longer than `maxLineLength`, which stops reading (error).
    public static let lineTooLong = "T0102"
    /// A line repaired and kept (warning).
    public static let repairedLine = "T0103"
    /// A line that holds no request, skipped (warning).
    public static let noRequest = "T0104"
    /// An unknown key or value ignored (warning).
    public static let ignoredValue = "T0105"
    /// A compressed stream that ends early: the file is truncated (error; reading stops).
    public static let truncatedInput = "T0106"
    /// A compressed stream zlib rejects (error; reading stops).
    public static let corruptInput = "T0107"
    /// Bytes after the last gzip member, ignored (warning).
    public static let trailingData = "T0108"
    /// Warnings beyond the recorded limit (note).
    public static let suppressedWarnings = "T0109"
}
