import EdgeWire

extension TraceRecord {
    /// Calls `body` with the bytes of `slice` (empty when absent). The buffer is valid only inside `body`.
    @inlinable
    public func withBytes<Result>(
        _ slice: ByteSlice, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        guard slice.isPresent else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try withExtendedLifetime(storage) {
            try body(UnsafeRawBufferPointer(start: storage.base + Int(slice.offset), count: Int(slice.count)))
        }
    }

    /// The text of `slice` (invalid UTF-8 replaced by U+FFFD), or nil when absent.
    public func string(_ slice: ByteSlice) -> String? {
        guard slice.isPresent else { return nil }
        return withBytes(slice) { String(decoding: $0, as: UTF8.self) }
    }

    /// A copy of the bytes of `slice`, or nil when absent.
    public func bytes(_ slice: ByteSlice) -> [UInt8]? {
        guard slice.isPresent else { return nil }
        return withBytes(slice) { Array($0) }
    }

    /// The headers from the `headers` object, in the order and case sent (shorthands not included).
    public var headers: HeaderList { HeaderList(storage: storage, fields: headerFields) }

    /// Whether `userAgent` came from the `ua` shorthand rather than the header list.
    public var userAgentIsShorthand: Bool { shorthandMask & 1 != 0 }
    /// Whether `referer` came from the `referer` shorthand rather than the header list.
    public var refererIsShorthand: Bool { shorthandMask & 2 != 0 }
    /// Whether `cookie` came from the `cookie` shorthand rather than the header list.
    public var cookieIsShorthand: Bool { shorthandMask & 4 != 0 }

    /// Calls `body` with every request header: the header list in order, then each of `ua`, `referer`,
    /// `cookie` that was given as a shorthand key (named `user-agent`, `referer`, `cookie`).
    public func forEachRequestHeader(
        _ body: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        try withExtendedLifetime(storage) {
            let base = storage.base
            for field in headerFields {
                try body(
                    UnsafeRawBufferPointer(start: base + Int(field.name.offset), count: Int(field.name.count)),
                    UnsafeRawBufferPointer(start: base + Int(field.value.offset), count: Int(field.value.count)))
            }
            guard shorthandMask != 0 else { return }
            if shorthandMask & 1 != 0, userAgent.isPresent {
                try body(Self.userAgentName, bytes(of: userAgent, in: base))
            }
            if shorthandMask & 2 != 0, referer.isPresent { try body(Self.refererName, bytes(of: referer, in: base)) }
            if shorthandMask & 4 != 0, cookie.isPresent { try body(Self.cookieName, bytes(of: cookie, in: base)) }
        }
    }

    nonisolated(unsafe) private static let userAgentName = UnsafeRawBufferPointer(
        start: ("user-agent" as StaticString).utf8Start, count: 10)
    nonisolated(unsafe) private static let refererName = UnsafeRawBufferPointer(
        start: ("referer" as StaticString).utf8Start, count: 7)
    nonisolated(unsafe) private static let cookieName = UnsafeRawBufferPointer(
        start: ("cookie" as StaticString).utf8Start, count: 6)

    private func bytes(of slice: ByteSlice, in base: UnsafeMutablePointer<UInt8>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + Int(slice.offset), count: Int(slice.count))
    }

    /// Every request header as text (see `forEachRequestHeader`), for callers off the hot path.
    public var requestHeaders: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        forEachRequestHeader { name, value in
            result.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        return result
    }

    /// The values of the request headers named `name`, compared without case, shorthands included.
    public func headerValues(named name: String) -> [String] {
        let wanted = Array(name.lowercased().utf8)
        var result: [String] = []
        forEachRequestHeader { headerName, value in
            guard headerName.count == wanted.count else { return }
            for index in 0..<wanted.count where ASCII.lowercased(headerName[index]) != wanted[index] { return }
            result.append(String(decoding: value, as: UTF8.self))
        }
        return result
    }

    /// Whether the request used https: the scheme when given, else `ssl`, else true.
    public var isHTTPS: Bool {
        if scheme.isPresent { return withBytes(scheme) { equalsIgnoringCase($0, "https") } }
        return ssl ?? true
    }

    /// `ssl` when given, else whether the scheme is https.
    public var effectiveSSL: Bool { ssl ?? isHTTPS }

    /// `port` when given, else 443 for https and 80 for http.
    public var effectivePort: Int { port ?? (isHTTPS ? 443 : 80) }
}

/// The header list of one record: name and value slices of the record's storage.
public struct HeaderList: RandomAccessCollection, @unchecked Sendable {
    /// The storage the slices point into (kept alive by the list).
    public let storage: TraceStorage
    let fields: UnsafeBufferPointer<HeaderField>

    /// The index of the first header.
    public var startIndex: Int { 0 }
    /// One past the index of the last header.
    public var endIndex: Int { fields.count }

    /// The header at `position` (must be in `indices`).
    public subscript(position: Int) -> HeaderField { fields[position] }

    /// The name of `field` as text.
    public func name(_ field: HeaderField) -> String { text(field.name) }
    /// The value of `field` as text.
    public func value(_ field: HeaderField) -> String { text(field.value) }

    private func text(_ slice: ByteSlice) -> String {
        withExtendedLifetime(storage) {
            String(
                decoding: UnsafeRawBufferPointer(start: storage.base + Int(slice.offset), count: Int(slice.count)),
                as: UTF8.self)
        }
    }
}

/// Whether `bytes` equal the lower-case ASCII `text` ignoring ASCII case.
func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount else { return false }
    let expected = UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    for index in 0..<bytes.count where ASCII.lowercased(bytes[index]) != expected[index] { return false }
    return true
}
