import EdgeSpec
import Traces

/// Counts what the app does for the requests that reach it, by the spec's `app` routes: incidents, LLM tokens and
/// Redis commands. Requests the edge blocked or served from cache never reach the app.
public struct AppUsageMeter: Sendable {
    private let routes: [(pattern: [[UInt8]], method: [UInt8]?, spec: AppRouteSpec)]
    private let otherRedisCommands: Double
    private let requestsPerIncident: Double
    private let incidentRoutes: Bool

    /// Incidents (requests on `incident` routes, or API requests ÷ `requests_per_incident`).
    public private(set) var incidents = 0.0
    /// LLM input tokens.
    public private(set) var tokensIn = 0.0
    /// LLM output tokens.
    public private(set) var tokensOut = 0.0
    /// Redis commands.
    public private(set) var redisCommands = 0.0
    /// Requests that reached the app.
    public private(set) var appRequests = 0

    /// A meter for `app` (nil: no app costs beyond one Redis command per request).
    public init(app: AppSpec?) {
        routes = (app?.routes ?? []).map { (Self.parts(Array($0.path.utf8)), $0.method.map { Array($0.uppercased().utf8) }, $0) }
        otherRedisCommands = app?.redisCommandsPerRequest ?? 1
        requestsPerIncident = app?.requestsPerIncident ?? 10
        incidentRoutes = app?.routes.contains { $0.countsIncident } ?? false
    }

    /// Counts one request that reached the app.
    mutating func count(_ record: TraceRecord) {
        appRequests += 1
        let path = record.bytes(record.path) ?? Array("/".utf8)
        let method = record.bytes(record.method) ?? Array("GET".utf8)
        guard let route = routes.first(where: { Self.matches($0.pattern, path) && ($0.method == nil || $0.method! == method) })?.spec else {
            redisCommands += otherRedisCommands
            return
        }
        redisCommands += route.redisCommands
        tokensIn += route.llmCalls * route.tokensIn
        tokensOut += route.llmCalls * route.tokensOut
        if route.countsIncident { incidents += 1 } else if !incidentRoutes, route.llmCalls > 0 { incidents += 1 / requestsPerIncident }
    }

    /// A pattern split at its `*`s.
    static func parts(_ pattern: [UInt8]) -> [[UInt8]] {
        pattern.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// Whether `path` matches the pattern split into `parts` at its `*`s (`*` matches any run of bytes).
    static func matches(_ parts: [[UInt8]], _ path: [UInt8]) -> Bool {
        guard parts.count > 1 else { return parts.first == path }
        var position = 0
        for (index, part) in parts.enumerated() {
            if index == 0 {
                guard path.starts(with: part) else { return false }
                position = part.count
            } else if index == parts.count - 1 {
                return part.isEmpty || (path.count - position >= part.count && path.suffix(part.count).elementsEqual(part))
            } else if !part.isEmpty {
                guard let found = find(part, in: path, from: position) else { return false }
                position = found + part.count
            }
        }
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count - start else { return nil }
        for index in start...(haystack.count - needle.count) where haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
        return nil
    }
}
