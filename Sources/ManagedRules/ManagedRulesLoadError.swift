import EdgeCore

/// Why the OWASP Core Rule Set could not be loaded: the file and, when the engine says, the line and column.
public struct ManagedRulesLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file that failed to load.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The 1-based column, when known.
    public var column: Int?
    /// What went wrong, in the engine's words or ours.
    public var reason: String

    /// An error from its parts.
    public init(file: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `FILE:LINE:COLUMN: reason`, then how to fix it.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): the OWASP Core Rule Set could not be loaded: \(reason); install Debian's "
            + "modsecurity-crs and libmodsecurity3 packages (scripts/ensure-system-packages.sh), or fix the file"
    }
}
