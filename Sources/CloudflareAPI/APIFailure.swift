/// A Cloudflare API call that failed: the request (method and path, never headers) and one line per reason.
public struct APIFailure: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// No answer: the network, TLS or a timeout failed (after the retries).
        case network
        /// The token was refused (401, 403, or Cloudflare's authentication error codes).
        case authentication
        /// Cloudflare answered with errors (its envelope's `errors[]`), or a status without an envelope.
        case rejected(status: Int)
        /// The answer was not the JSON Cloudflare documents.
        case malformed
        /// Receiving the answer stopped: it was larger than the client accepts, or could not be stored.
        case stopped
    }

    /// What kind of failure.
    public var kind: Kind
    /// `GET /zones/…/rulesets/phases/…/entrypoint`.
    public var request: String
    /// One line per error, e.g. `10000: Authentication error`.
    public var reasons: [String]

    /// A failure from its parts.
    public init(kind: Kind, request: String, reasons: [String]) {
        self.kind = kind
        self.request = request
        self.reasons = reasons
    }

    /// One line per reason, each naming the request.
    public var description: String {
        reasons.map { "\(request): \($0)" }.joined(separator: "\n")
    }
}
