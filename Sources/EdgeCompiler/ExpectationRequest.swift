import EdgeCore
import EdgeSpec

/// Turns an `expect` case's request into a native trace record's JSON object, so spec cases, `--request` and
/// trace lines share one reader (`RequestObject` in Simulation).
public enum ExpectationRequest {
    /// The request as one JSON object.
    public static func json(_ request: RequestSpec) -> String {
        var members: [(String, JSONValue)] = []
        func add(_ key: String, _ value: String?) { if let value { members.append((key, .string(value))) } }
        add("ts", request.ts)
        add("ip", request.ip)
        add("method", request.method)
        add("scheme", request.scheme)
        add("host", request.host)
        add("path", request.path)
        add("query", request.query)
        if !request.headers.isEmpty {
            members.append(("headers", .object(request.headers.map { ($0.key.text, .string($0.value)) })))
        }
        add("ua", request.ua)
        add("referer", request.referer)
        add("cookie", request.cookie)
        add("country", request.country)
        if let asn = request.asn { members.append(("asn", .int(asn))) }
        add("colo", request.colo)
        add("version", request.version)
        if let bot = request.bot { members.append(("bot", .bool(bot))) }
        if let score = request.botScore { members.append(("bot_score", .int(Int64(score)))) }
        if let status = request.status { members.append(("status", .int(Int64(status)))) }
        add("cache_control", request.cacheControl)
        return JSONValue.object(members).compact
    }
}
