import EdgeWire
import RulesLanguage

/// The request the OWASP Core Rule Set reads, built from the same request the custom rules read: the method, the
/// URI as it arrived (path and query, before normalisation), the HTTP version, the headers (Host, then the trace's
/// headers, which carry the user agent and cookies), the client IP and the body when the trace recorded one. A
/// header the trace lacks stays absent; Content-Length is added only for a recorded body.
public struct CRSRequest: Sendable, Hashable {
    /// The method, e.g. `GET`.
    public var method: [UInt8]
    /// The URI: path, then `?` and the query when there is one.
    public var uri: [UInt8]
    /// The version without `HTTP/`, e.g. `1.1`, as ModSecurity takes it.
    public var version: [UInt8]
    /// The headers in order.
    public var headers: [HTTPHeader]
    /// The client IP, as text.
    public var clientIP: String
    /// The recorded body (at most the first 128 KB), or nil when the trace recorded none.
    public var body: [UInt8]?

    /// A request from its parts.
    public init(
        method: [UInt8], uri: [UInt8], version: [UInt8], headers: [HTTPHeader], clientIP: String, body: [UInt8]?
    ) {
        self.method = method
        self.uri = uri
        self.version = version
        self.headers = headers
        self.clientIP = clientIP
        self.body = body
    }

    /// The CRS request for `request`.
    public init(_ request: HTTPRequest) {
        method = request.method
        uri = request.query.isEmpty ? request.path : request.path + [UInt8(ascii: "?")] + request.query
        let prefix = Array("HTTP/".utf8)
        version =
            request.version.starts(with: prefix) ? Array(request.version.dropFirst(prefix.count)) : request.version
        var headers: [HTTPHeader] = []
        let hasHost = request.headers.contains { Self.named($0, "host") }
        if !hasHost, !request.host.isEmpty { headers.append(HTTPHeader(name: Array("Host".utf8), value: request.host)) }
        headers += request.headers
        let hasBody = !request.body.isEmpty || request.recordedBodySize > 0
        if hasBody, !headers.contains(where: { Self.named($0, "content-length") }) {
            let size = request.recordedBodySize >= 0 ? request.recordedBodySize : Int64(request.body.count)
            headers.append(HTTPHeader(name: Array("Content-Length".utf8), value: Array(String(size).utf8)))
        }
        self.headers = headers
        clientIP = request.ip.description
        body = hasBody ? request.body : nil
    }

    /// Whether `header`'s name is `lowercaseName`, compared without ASCII case.
    private static func named(_ header: HTTPHeader, _ lowercaseName: String) -> Bool {
        header.name.count == lowercaseName.utf8.count
            && zip(header.name, lowercaseName.utf8).allSatisfy { ASCII.lowercased($0) == $1 }
    }
}
