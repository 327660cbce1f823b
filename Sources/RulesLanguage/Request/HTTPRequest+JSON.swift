import EdgeCore
import EdgeWire

/// Why a request object could not be read.
public struct RequestJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. "`asn` must be an integer".
    public let message: String

    /// The message.
    public var description: String { message }
}

extension HTTPRequest {
    /// The keys a request object may have (the native trace record shape).
    static let jsonKeys: [String] = [
        "ts", "ip", "method", "scheme", "host", "path", "query", "headers", "ua", "referer", "cookie", "country",
        "continent", "city", "region_code", "asn", "colo", "ssl", "port", "version", "bot", "verified_bot_category",
        "bot_score", "threat_score", "waf_score", "ray_id", "solved_challenge", "status", "cache_control", "expires",
        "etag", "last_modified", "age", "set_cookie", "content_type", "response_headers", "bytes", "origin_ms", "edge",
    ]

    /// Reads one request in the native trace record shape, e.g.
    /// `{"ip":"203.0.113.7","path":"/login","headers":{"User-Agent":"curl/8"},"country":"SG"}`.
    ///
    /// Every key is optional: `ts` 0, `GET`, `https`, host `""`, path `/`, query `""`, ip `0.0.0.0`, `HTTP/1.1`,
    /// port 443 for https and 80 for http, `ssl` from the scheme. `ua`, `referer` and `cookie` add those headers;
    /// `status` and the response keys (`cache_control`, `content_type`, …, `response_headers`) fill the response
    /// side for counting expressions. A `path` with `?` and no `query` is split. Unknown keys are errors.
    public static func fromJSON(_ text: String) -> Result<HTTPRequest, RequestJSONError> {
        let document: OrderedJSON
        switch OrderedJSON.parse(text) {
        case .success(let value): document = value
        case .failure(let failure): return .failure(RequestJSONError(message: "invalid request JSON: \(failure.message)"))
        }
        guard case .object(let members) = document else {
            return .failure(RequestJSONError(message: "the request must be a JSON object"))
        }
        var reader = RequestJSONReader()
        for (key, value) in members {
            if let problem = reader.read(key, value) { return .failure(RequestJSONError(message: problem)) }
        }
        return .success(reader.finish())
    }
}

/// Applies the keys of a request object one by one, remembering which defaults still depend on the scheme.
private struct RequestJSONReader {
    var request = HTTPRequest()
    var sawSSL = false
    var sawPort = false
    var sawQuery = false
    var shorthandHeaders: [HTTPHeader] = []
    var responseShorthands: [HTTPHeader] = []

    mutating func read(_ key: String, _ value: OrderedJSON) -> String? {
        switch key {
        case "ts":
            switch value {
            case .number(let number, _):
                guard let milliseconds = TimestampParsing.milliseconds(epoch: number) else { return "`ts` is out of range" }
                request.timestampMilliseconds = milliseconds
            case .string(let text):
                guard let milliseconds = TimestampParsing.milliseconds(rfc3339: text) else {
                    return "`ts` must be an RFC 3339 time such as 2025-12-20T10:00:00.123Z or an epoch number"
                }
                request.timestampMilliseconds = milliseconds
            default: return "`ts` must be a string or a number"
            }
        case "ip":
            guard case .string(let text) = value, let address = IPAddress.parse(text) else {
                return "`ip` must be an IPv4 or IPv6 address string"
            }
            request.ip = address
        case "method": return string(value, key) { $0.request.method = Array($1.utf8) }
        case "scheme":
            guard case .string(let text) = value, text == "http" || text == "https" else {
                return "`scheme` must be \"http\" or \"https\""
            }
            request.scheme = Array(text.utf8)
        case "host": return string(value, key) { $0.request.host = Array($1.utf8) }
        case "path": return string(value, key) { $0.request.path = Array($1.utf8) }
        case "query":
            sawQuery = true
            return string(value, key) { $0.request.query = Array($1.utf8) }
        case "headers": return headers(value, key) { $0.request.headers += $1 }
        case "response_headers": return headers(value, key) { $0.request.responseHeaders += $1 }
        case "ua": return string(value, key) { $0.shorthandHeaders.append(HTTPHeader("User-Agent", $1)) }
        case "referer": return string(value, key) { $0.shorthandHeaders.append(HTTPHeader("Referer", $1)) }
        case "cookie": return string(value, key) { $0.shorthandHeaders.append(HTTPHeader("Cookie", $1)) }
        case "country": return string(value, key) { $0.request.country = Array($1.uppercased().utf8) }
        case "continent": return string(value, key) { $0.request.continent = Array($1.utf8) }
        case "city": return string(value, key) { $0.request.city = Array($1.utf8) }
        case "region_code": return string(value, key) { $0.request.regionCode = Array($1.utf8) }
        case "verified_bot_category": return string(value, key) { $0.request.verifiedBotCategory = Array($1.utf8) }
        case "ray_id": return string(value, key) { $0.request.rayID = Array($1.utf8) }
        case "version": return string(value, key) { $0.request.version = Array($1.utf8) }
        case "asn": return integer(value, key) { $0.request.asn = $1 }
        case "bot_score": return integer(value, key) { $0.request.botScore = $1 }
        case "threat_score": return integer(value, key) { $0.request.threatScore = $1 }
        case "waf_score": return integer(value, key) { $0.request.wafScore = $1 }
        case "status": return integer(value, key) { $0.request.responseStatus = $1 }
        case "port":
            sawPort = true
            return integer(value, key) { $0.request.port = $1 }
        case "colo":
            switch value {
            case .string(let text):
                request.colo = Array(text.utf8)
                if let number = Int64(text) { request.coloID = number }
            case .number(let number, _) where number == number.rounded() && abs(number) < 9e15:
                request.coloID = Int64(number)
                request.colo = Array(String(Int64(number)).utf8)
            default: return "`colo` must be a data-centre code or id"
            }
        case "ssl":
            sawSSL = true
            return boolean(value, key) { $0.request.ssl = $1 }
        case "bot": return boolean(value, key) { $0.request.verifiedBot = $1 }
        case "cache_control": return string(value, key) { $0.responseShorthands.append(HTTPHeader("Cache-Control", $1)) }
        case "expires": return string(value, key) { $0.responseShorthands.append(HTTPHeader("Expires", $1)) }
        case "etag": return string(value, key) { $0.responseShorthands.append(HTTPHeader("ETag", $1)) }
        case "last_modified": return string(value, key) { $0.responseShorthands.append(HTTPHeader("Last-Modified", $1)) }
        case "content_type": return string(value, key) { $0.responseShorthands.append(HTTPHeader("Content-Type", $1)) }
        case "set_cookie":
            return headers(.object([("Set-Cookie", value)]), key) { $0.responseShorthands += $1 }
        case "age":
            if case .number(let number, _) = value, number >= 0 {
                responseShorthands.append(HTTPHeader("Age", String(Int64(number))))
                return nil
            }
            return string(value, key) { $0.responseShorthands.append(HTTPHeader("Age", $1)) }
        case "solved_challenge", "bytes", "origin_ms", "edge":
            return nil
        default:
            let suggestion = bestSuggestion(for: key, among: HTTPRequest.jsonKeys).map { " (did you mean `\($0)`?)" } ?? ""
            return "unknown request key `\(key)`\(suggestion)"
        }
        return nil
    }

    mutating func finish() -> HTTPRequest {
        let https = request.scheme == Array("https".utf8)
        if !sawSSL { request.ssl = https }
        if !sawPort { request.port = https ? 443 : 80 }
        if !sawQuery, let mark = request.path.firstIndex(of: UInt8(ascii: "?")) {
            request.query = Array(request.path[(mark + 1)...])
            request.path = Array(request.path[..<mark])
        }
        request.headers += shorthandHeaders
        request.responseHeaders += responseShorthands
        return request
    }

    private mutating func string(_ value: OrderedJSON, _ key: String, _ apply: (inout Self, String) -> Void) -> String? {
        guard case .string(let text) = value else { return "`\(key)` must be a string" }
        apply(&self, text)
        return nil
    }

    private mutating func integer(_ value: OrderedJSON, _ key: String, _ apply: (inout Self, Int64) -> Void) -> String? {
        guard case .number(let number, _) = value, number == number.rounded(), abs(number) < 9e15 else {
            return "`\(key)` must be an integer"
        }
        apply(&self, Int64(number))
        return nil
    }

    private mutating func boolean(_ value: OrderedJSON, _ key: String, _ apply: (inout Self, Bool) -> Void) -> String? {
        guard case .bool(let flag) = value else { return "`\(key)` must be true or false" }
        apply(&self, flag)
        return nil
    }

    private mutating func headers(
        _ value: OrderedJSON, _ key: String, _ apply: (inout Self, [HTTPHeader]) -> Void
    ) -> String? {
        guard case .object(let members) = value else { return "`\(key)` must be an object of header name → value" }
        var result: [HTTPHeader] = []
        for (name, entry) in members {
            switch entry {
            case .string(let text):
                result.append(HTTPHeader(name, text))
            case .array(let items):
                for item in items {
                    guard case .string(let text) = item else { return "header `\(name)` values must be strings" }
                    result.append(HTTPHeader(name, text))
                }
            default:
                return "header `\(name)` must be a string or a list of strings"
            }
        }
        apply(&self, result)
        return nil
    }
}
