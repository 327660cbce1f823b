import RulesLanguage

/// Everything the enabled rules read of a request, and nothing else: two requests with equal keys get the same
/// verdict. The method, URI, version, headers and body are kept as bytes; of the client address, only what
/// `CRSClientAddressUse` says the rules look at (for CRS 3.3.4: whether it is 127.0.0.1 or ::1).
public struct VerdictMemoKey: Sendable, Hashable {
    /// The request without its client address.
    var method: [UInt8]
    var uri: [UInt8]
    var version: [UInt8]
    var headers: [HTTPHeader]
    var body: [UInt8]?
    /// The part of the client address the rules read, nil when they read none of it.
    var client: String?

    /// The key of `request` under `addressUse`.
    public init(_ request: CRSRequest, addressUse: CRSClientAddressUse) {
        method = request.method
        uri = request.uri
        version = request.version
        headers = request.headers
        body = request.body
        client = addressUse.keyPart(request.clientIP)
    }

    /// The bytes the key holds, which the memo's byte budget counts (with a fixed overhead per header).
    public var byteCount: Int {
        let headerBytes = headers.reduce(0) { $0 + $1.name.count + $1.value.count + 32 }
        return 128 + method.count + uri.count + version.count + headerBytes + (body?.count ?? 0)
            + (client?.utf8.count ?? 0)
    }
}
