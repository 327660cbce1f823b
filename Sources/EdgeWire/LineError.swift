/// Why one line could not be read, and where: the reason is shown with the line number and column.
public struct LineError: Error {
    /// What is wrong, lower-case first word, no trailing period.
    public let reason: String
    /// Offset in the storage of the byte where the problem was found.
    public let position: Int

    /// An error at storage offset `position`.
    @inlinable
    public init(reason: String, position: Int) {
        self.reason = reason
        self.position = position
    }
}
