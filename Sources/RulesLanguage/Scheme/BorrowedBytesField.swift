/// A Bytes field that evaluation can read in place: the test gets a buffer over the stored value instead of an
/// owned copy of the array, which spares a retain and release per read.
enum BorrowedBytesField: Sendable {
    case host, method, query, rawPath, country, version
    case normalizedPath, pathExtension, userAgent
}

extension RequestContext {
    /// Runs `body` over the bytes of `field` without copying (or retaining) the value.
    @inline(__always)
    func withBytes<R>(_ field: BorrowedBytesField, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch field {
        case .host: request.storage.host.withUnsafeBufferPointer(body)
        case .method: request.storage.method.withUnsafeBufferPointer(body)
        case .query: request.storage.query.withUnsafeBufferPointer(body)
        case .rawPath: request.storage.path.withUnsafeBufferPointer(body)
        case .country: request.storage.country.withUnsafeBufferPointer(body)
        case .version: request.storage.version.withUnsafeBufferPointer(body)
        case .normalizedPath: withNormalizedPath(body)
        case .pathExtension: withPathExtension(body)
        case .userAgent: withUserAgent(body)
        }
    }
}
