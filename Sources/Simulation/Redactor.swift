import RulesLanguage

/// Removes secrets from example requests in reports: `Authorization`, `Cookie` and `Set-Cookie` headers, headers the
/// spec adds, and the values of query parameters the spec marks sensitive.
public struct Redactor: Sendable {
    private let headers: Set<String>
    private let queryParameters: Set<String>
    private let enabled: Bool

    /// A redactor; `enabled: false` (`--no-redact`) passes everything through.
    public init(extraHeaders: [String] = [], queryParameters: [String] = [], enabled: Bool = true) {
        headers = Set(
            ["authorization", "cookie", "set-cookie", "proxy-authorization"] + extraHeaders.map { $0.lowercased() })
        self.queryParameters = Set(queryParameters)
        self.enabled = enabled
    }

    /// The header value as reports may show it.
    public func header(_ name: String, _ value: String) -> String {
        enabled && headers.contains(name.lowercased()) ? "REDACTED" : value
    }

    /// Whether a value read from `read` may hold a secret reports must not show: any cookie, a redacted header,
    /// a sensitive query parameter, or a whole header or query collection that may hold one (failing closed).
    public func hidesValue(of read: FieldRead) -> Bool {
        guard enabled else { return false }
        switch read.field.hasPrefix("raw.") ? String(read.field.dropFirst(4)) : read.field {
        case "http.cookie", "http.request.cookies", "http.request.headers.values", "http.response.headers.values":
            return true
        case "http.request.headers", "http.response.headers":
            return read.key.map { headers.contains($0.lowercased()) } ?? true
        case "http.request.uri.args":
            return !queryParameters.isEmpty && (read.key.map(queryParameters.contains) ?? true)
        case "http.request.uri.args.values", "http.request.uri.query", "http.request.uri", "http.request.full_uri":
            return !queryParameters.isEmpty
        default:
            return false
        }
    }

    /// The query string with sensitive parameter values replaced.
    public func query(_ query: String) -> String {
        guard enabled, !queryParameters.isEmpty, !query.isEmpty else { return query }
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first, queryParameters.contains(String(name)), parts.count == 2 else {
                return String(pair)
            }
            return "\(name)=REDACTED"
        }.joined(separator: "&")
    }
}
