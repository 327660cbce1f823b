/// One HTTP exchange, as the Cloudflare client asks for it.
public struct HTTPExchange: Sendable {
    /// `GET`, `PUT`, …
    public var method: String
    /// The full URL.
    public var url: String
    /// Request headers as `Name: value` lines (the bearer token among them: never shown).
    public var headers: [String]
    /// The request body, if any.
    public var body: [UInt8]?

    /// An exchange from its parts.
    public init(method: String, url: String, headers: [String], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// What a server answered: the status and the one header the client acts on; the body went to the sink.
public struct HTTPAnswer: Sendable, Equatable {
    /// The HTTP status.
    public var status: Int
    /// The `Retry-After` header's value, if sent.
    public var retryAfter: String?

    /// An answer from its parts.
    public init(status: Int, retryAfter: String?) {
        self.status = status
        self.retryAfter = retryAfter
    }
}

/// Why an exchange produced no answer: the network failed, or the body sink stopped it.
public enum TransportFailure: Error, Equatable, Sendable {
    /// A connection dropped or refused, or an answer cut short, with libcurl's description: worth another try.
    case network(String)
    /// A failure another try would repeat (a certificate that does not verify, a malformed URL), with libcurl's
    /// description.
    case permanent(String)
    /// The exchange took longer than the total timeout.
    case timedOut(String)
    /// The sink refused more of the body (it was larger than allowed, or could not be written).
    case stopped(String)
}

extension TransportFailure {
    /// Whether another try may succeed.
    public var isRetryable: Bool {
        switch self {
        case .network, .timedOut: true
        case .permanent, .stopped: false
        }
    }
}

/// Sends HTTP requests. `CurlTransport` is the real one; tests may stand in their own.
public protocol HTTPTransport: Sendable {
    /// Sends `exchange`, handing each piece of the response body to `sink` with the status of the answer it belongs
    /// to (the sink returns a reason to stop, or nil), and returns the status once the body is complete.
    func send(_ exchange: HTTPExchange, sink: (_ status: Int, _ piece: UnsafeRawBufferPointer) -> String?)
        throws(TransportFailure)
        -> HTTPAnswer
}
