import EdgeWire

/// One request header as sent: its name with the case it was sent in, and its value.
public struct HeaderField: Hashable, Sendable {
    /// The header name, case kept.
    public var name: ByteSlice
    /// The header value.
    public var value: ByteSlice

    /// Creates a header field from two slices of the same storage.
    @inlinable
    public init(name: ByteSlice, value: ByteSlice) {
        self.name = name
        self.value = value
    }
}
