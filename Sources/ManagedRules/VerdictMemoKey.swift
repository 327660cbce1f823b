import RulesLanguage

/// Everything the enabled rules read of a request, and nothing else: two requests with equal keys get the same
/// verdict. The method, URI, version, headers and body are kept as bytes; of the client address, only what
/// `CRSClientAddressUse` says the rules look at (for CRS 3.3.4: whether it is 127.0.0.1 or ::1). The hash is
/// computed once, over the bytes in bulk: a key is looked up several times (the memo, the batch's distinct keys,
/// the slot), and hashing it byte by byte cost more than evaluating most requests.
public struct VerdictMemoKey: Sendable, Hashable {
    /// The request without its client address.
    let method: [UInt8]
    let uri: [UInt8]
    let version: [UInt8]
    let headers: [HTTPHeader]
    let body: [UInt8]?
    /// The part of the client address the rules read, nil when they read none of it.
    let client: String?
    private let digest: Int

    /// The key of `request` under `addressUse`.
    public init(_ request: CRSRequest, addressUse: CRSClientAddressUse) {
        method = request.method
        uri = request.uri
        version = request.version
        headers = request.headers
        body = request.body
        client = addressUse.keyPart(request.clientIP)
        var hasher = Hasher()
        for part in [method, uri, version] { Self.combine(part, into: &hasher) }
        hasher.combine(headers.count)
        for header in headers {
            Self.combine(header.name, into: &hasher)
            Self.combine(header.value, into: &hasher)
        }
        hasher.combine(body != nil)
        if let body { Self.combine(body, into: &hasher) }
        hasher.combine(client)
        digest = hasher.finalize()
    }

    /// Whether this is the key of `request` under `addressUse`, found without hashing `request`.
    public func isKey(of request: CRSRequest, addressUse: CRSClientAddressUse) -> Bool {
        method == request.method && uri == request.uri && version == request.version && headers == request.headers
            && body == request.body && client == addressUse.keyPart(request.clientIP)
    }

    private static func combine(_ bytes: [UInt8], into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// Feeds the hash computed when the key was made.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    /// Equal keys hold the same bytes; the hashes are compared first.
    public static func == (left: VerdictMemoKey, right: VerdictMemoKey) -> Bool {
        left.digest == right.digest && left.method == right.method && left.uri == right.uri
            && left.version == right.version && left.headers == right.headers && left.body == right.body
            && left.client == right.client
    }

    /// The bytes the key holds, which the memo's byte budget counts (with a fixed overhead per header).
    public var byteCount: Int {
        let headerBytes = headers.reduce(0) { $0 + $1.name.count + $1.value.count + 32 }
        return 128 + method.count + uri.count + version.count + headerBytes + (body?.count ?? 0)
            + (client?.utf8.count ?? 0)
    }
}
