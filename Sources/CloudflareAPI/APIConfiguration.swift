/// Where the Cloudflare API is and the token that opens it, from the environment: `CLOUDFLARE_API_TOKEN` (never
/// a flag, never printed) and `CLOUDFLARE_API_BASE_URL` (default `https://api.cloudflare.com/client/v4`).
public struct APIConfiguration: Sendable {
    /// The environment variable that holds the API token.
    public static let tokenVariable = "CLOUDFLARE_API_TOKEN"
    /// The environment variable that moves the API (tests, proxies).
    public static let baseURLVariable = "CLOUDFLARE_API_BASE_URL"
    /// Cloudflare's API, version 4.
    public static let defaultBaseURL = "https://api.cloudflare.com/client/v4"

    /// Why the environment does not name a usable API.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        /// What is wrong and what to do.
        public var description: String
    }

    /// The base URL without a trailing `/`, `/client/v4` included.
    public let baseURL: String
    /// The bearer token.
    let token: String

    /// The configuration the environment gives; the token's value never appears in a `Problem`.
    public static func fromEnvironment(_ environment: [String: String]) throws(Problem) -> APIConfiguration {
        guard let token = environment[tokenVariable], !token.isEmpty else {
            throw Problem(
                description:
                    "\(tokenVariable) is not set: create an API token (docs/live-zone.md lists the permissions) and "
                    + "export it, e.g. export \(tokenVariable)=…")
        }
        guard token.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\u{7F}" && ($0.asciiValue ?? 0) >= 0x20 })
        else {
            throw Problem(
                description: "\(tokenVariable) holds spaces or control characters: export the token alone, one line")
        }
        var base = environment[baseURLVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard let host = Self.host(of: base) else {
            throw Problem(
                description:
                    "\(baseURLVariable) is '\(base)', not an http(s) URL: use e.g. \(defaultBaseURL)")
        }
        if base.lowercased().hasPrefix("http://"), !["127.0.0.1", "localhost", "[::1]"].contains(host) {
            throw Problem(
                description:
                    "\(baseURLVariable) is plain http to \(host): the token would travel unencrypted; use https "
                    + "(plain http is accepted only on this machine, for tests)")
        }
        return APIConfiguration(baseURL: base, token: token)
    }

    /// The host of an `http://` or `https://` URL, lower-cased, without port or user.
    static func host(of url: String) -> String? {
        let lowered = url.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lowered.hasPrefix($0) }) else { return nil }
        var rest = lowered.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("[") { return rest.firstIndex(of: "]").map { String(rest[...$0]) } }
        let host = rest.prefix { $0 != ":" }
        return host.isEmpty ? nil : String(host)
    }

    /// `text` with every occurrence of the token replaced: what a server echoes back is shown only through this.
    public func redacted(_ text: String) -> String {
        token.count < 4 ? text : text.replacingAll(token, with: "[token]")
    }
}

extension String {
    /// The string with every occurrence of `target` replaced by `replacement`, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
