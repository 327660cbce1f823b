import EdgeWire

/// The request variables CRS reads, computed once per request as libmodsecurity 3.0.9 computes them
/// (`Transaction::processURI`, `addRequestHeader`, `extractArguments`): the URI decoded for `REQUEST_URI` and
/// `REQUEST_FILENAME`, arguments split at `&` and `=` and URL-decoded, cookies split at `;`.
struct CRSRequestVariables {
    /// A named value of a collection, or the value of a single variable (with an empty name); a class, so that
    /// the rules reading it share its name lowercased and the outcomes looked up for it.
    final class Member {
        /// The name as it arrived.
        let name: [UInt8]
        /// The value.
        let value: [UInt8]
        /// The name without ASCII case, for `VAR:key` selectors.
        let lowercasedName: [UInt8]
        /// The outcomes of the rules on `value`, once a rule has asked.
        var valueOutcomes: CRSValueOutcomes?
        /// The outcomes of the rules on `name` (for `…_NAMES`), once a rule has asked.
        var nameOutcomes: CRSValueOutcomes?

        init(name: [UInt8], value: [UInt8]) {
            self.name = name
            self.value = value
            lowercasedName = name.map(ASCII.lowercased)
        }
    }

    var method: [UInt8]
    var uriRaw: [UInt8]
    var uri: [UInt8]
    var filename: [UInt8]
    var basename: [UInt8]
    var queryString: [UInt8]
    var requestLine: [UInt8]
    var protocolName: [UInt8]
    var remoteAddress: [UInt8]
    var headers: [Member]
    var cookies: [Member]
    var argsGet: [Member] = []
    var argsPost: [Member] = []
    /// All arguments, query first.
    private(set) var args: [Member] = []
    var body: [UInt8]
    /// `REQBODY_PROCESSOR` from the Content-Type: `URLENCODED`, `MULTIPART`, or empty.
    var bodyProcessor: [UInt8] = []

    init(_ request: CRSRequest) {
        method = request.method
        uriRaw = request.uri
        let withoutFragment = Array(request.uri.prefix { $0 != UInt8(ascii: "#") })
        let decoded = SecLangDecoding.uriDecode(withoutFragment)
        let path = Array(decoded.prefix { $0 != UInt8(ascii: "?") })
        filename = path
        if let slash = path.lastIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }),
            slash + 1 < path.count
        {
            basename = Array(path[(slash + 1)...])
        } else {
            basename = []
        }
        uri = Self.withoutScheme(decoded)
        if let question = withoutFragment.firstIndex(of: UInt8(ascii: "?")) {
            queryString = Array(withoutFragment[(question + 1)...])
        } else {
            queryString = []
        }
        requestLine = request.method + [0x20] + request.uri + Array(" HTTP/".utf8) + request.version
        protocolName = Array("HTTP/".utf8) + request.version
        remoteAddress = Array(request.clientIP.utf8)
        headers = request.headers.map { Member(name: $0.name, value: $0.value) }
        cookies = []
        body = request.body ?? []
        for header in request.headers {
            let name = header.name.map(ASCII.lowercased)
            if name == Array("cookie".utf8) { cookies += Self.cookies(header.value) }
            if name == Array("content-type".utf8) {
                let value = header.value.map(ASCII.lowercased)
                if value.starts(with: Array("multipart/form-data".utf8)) { bodyProcessor = Array("MULTIPART".utf8) }
                if value.starts(with: Array("application/x-www-form-urlencoded".utf8)) {
                    bodyProcessor = Array("URLENCODED".utf8)
                }
            }
        }
        if !queryString.isEmpty { argsGet = Self.arguments(queryString) }
        args = argsGet
    }

    /// Reads a URL-encoded body into `ARGS_POST` (the request body phase).
    mutating func readURLEncodedBody() {
        argsPost = Self.arguments(body)
        args = argsGet + argsPost
    }

    /// `ARGS_COMBINED_SIZE`: the bytes of every argument's name and value.
    var argsCombinedSize: Int { args.reduce(0) { $0 + $1.name.count + $1.value.count } }

    /// Arguments as `extractArguments` splits them: at `&` (a trailing empty piece dropped), then at the first
    /// `=`, each side URL-decoded.
    static func arguments(_ text: [UInt8]) -> [Member] {
        var pieces = text.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false)
        if let last = pieces.last, last.isEmpty { pieces.removeLast() }
        return pieces.map { piece in
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            let name = equals.map { piece[..<$0] } ?? piece[...]
            let value = equals.map { piece[($0 + 1)...] } ?? []
            return Member(
                name: SecLangDecoding.urlDecodeNonStrict(Array(name)),
                value: SecLangDecoding.urlDecodeNonStrict(Array(value)))
        }
    }

    /// Cookies as `addRequestHeader` splits them: at `;`, trailing blanks of the last one dropped, leading blanks
    /// of each name dropped, empty names skipped.
    static func cookies(_ header: [UInt8]) -> [Member] {
        var pieces = header.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map(Array.init)
        if let last = pieces.last, last.isEmpty { pieces.removeLast() }
        if var last = pieces.popLast() {
            while let byte = last.last, SecLangDecoding.isSpace(byte) { last.removeLast() }
            pieces.append(last)
        }
        var members: [Member] = []
        for piece in pieces where !piece.isEmpty {
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            var name = Array(equals.map { piece[..<$0] } ?? piece[...])
            let value = equals.map { Array(piece[($0 + 1)...]) } ?? []
            while let first = name.first, SecLangDecoding.isSpace(first) { name.removeFirst() }
            if name.isEmpty { continue }
            members.append(Member(name: name, value: value))
        }
        return members
    }

    /// The decoded URI without `scheme://host` when it arrived in absolute form.
    private static func withoutScheme(_ decoded: [UInt8]) -> [UInt8] {
        guard let first = decoded.first, first != UInt8(ascii: "/") else { return decoded }
        guard let colon = decoded.firstIndex(of: UInt8(ascii: ":")) else { return decoded }
        let scheme = colon + 1
        guard scheme + 1 < decoded.count, decoded[scheme] == UInt8(ascii: "/"), decoded[scheme + 1] == UInt8(ascii: "/")
        else { return decoded }
        let netloc = scheme + 2
        guard let path = decoded[netloc...].firstIndex(of: UInt8(ascii: "/")) else { return decoded }
        return Array(decoded[path...])
    }
}
