/// A problem on a line whose record is kept; a warning names the line.
struct LineWarning {
    /// Whether the line was repaired, or only something in it ignored.
    enum Kind {
        /// The line was repaired (counts as a repaired line).
        case repaired
        /// A key or value was ignored.
        case ignored
    }

    /// What was repaired or ignored.
    let reason: String
    /// Offset in the storage of the byte where the problem was found.
    let position: Int
    /// Repaired or ignored.
    var kind: Kind = .ignored
}
