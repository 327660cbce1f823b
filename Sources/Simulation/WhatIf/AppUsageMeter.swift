#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EdgeSpec
import Traces

/// Counts what the app does for the requests that reach it, by the spec's `app` routes: incidents, LLM tokens and
/// Redis commands. Requests the edge blocked or served from cache never reach the app.
public struct AppUsageMeter: Sendable {
    /// The routes, shared by every copy of the meter.
    private let routes: RouteTable
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
        routes = RouteTable(app?.routes ?? [])
        otherRedisCommands = app?.redisCommandsPerRequest ?? 1
        requestsPerIncident = app?.requestsPerIncident ?? 10
        incidentRoutes = app?.routes.contains { $0.countsIncident } ?? false
    }

    /// Counts one request that reached the app.
    mutating func count(_ record: TraceRecord) {
        appRequests += 1
        let route = record.withBytes(record.path) { path in
            record.withBytes(record.method) { method in firstRoute(path: path.isEmpty ? Self.rootPath : path, method: method) }
        }
        guard let route else {
            redisCommands += otherRedisCommands
            return
        }
        redisCommands += route.redisCommands
        tokensIn += route.llmCalls * route.tokensIn
        tokensOut += route.llmCalls * route.tokensOut
        if route.countsIncident { incidents += 1 } else if !incidentRoutes, route.llmCalls > 0 { incidents += 1 / requestsPerIncident }
    }

    nonisolated(unsafe) private static let rootPath = UnsafeRawBufferPointer(start: ("/" as StaticString).utf8Start, count: 1)

    /// What a request on one route costs the app.
    private struct RouteCost: Sendable {
        let llmCalls, tokensIn, tokensOut, redisCommands: Double
        let countsIncident: Bool
    }

    /// Per route: its path pattern split at `*`, its method (nil: any) and what a request on it costs.
    private final class RouteTable: Sendable {
        let patterns: [[[UInt8]]]
        let methods: [[UInt8]?]
        let costs: [RouteCost]

        init(_ routes: [AppRouteSpec]) {
            patterns = routes.map { AppUsageMeter.parts(Array($0.path.utf8)) }
            methods = routes.map { $0.method.map { Array($0.uppercased().utf8) } }
            costs = routes.map { RouteCost(llmCalls: $0.llmCalls, tokensIn: $0.tokensIn, tokensOut: $0.tokensOut,
                                           redisCommands: $0.redisCommands, countsIncident: $0.countsIncident) }
        }
    }

    /// The cost of the first route whose pattern and method (an absent method is GET) match.
    private func firstRoute(path: UnsafeRawBufferPointer, method: UnsafeRawBufferPointer) -> RouteCost? {
        for index in routes.patterns.indices where Self.matches(routes.patterns[index], path) {
            guard let wanted = routes.methods[index] else { return routes.costs[index] }
            let sent = method.isEmpty ? Self.getMethod : method
            if wanted.elementsEqual(sent) { return routes.costs[index] }
        }
        return nil
    }

    nonisolated(unsafe) private static let getMethod = UnsafeRawBufferPointer(start: ("GET" as StaticString).utf8Start, count: 3)

    /// A pattern split at its `*`s.
    static func parts(_ pattern: [UInt8]) -> [[UInt8]] {
        pattern.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// Whether `path` matches the pattern split into `parts` at its `*`s (`*` matches any run of bytes).
    static func matches(_ parts: [[UInt8]], _ path: [UInt8]) -> Bool {
        path.withUnsafeBytes { matches(parts, $0) }
    }

    /// Whether `path` matches the pattern split into `parts` at its `*`s (`*` matches any run of bytes).
    static func matches(_ parts: [[UInt8]], _ path: UnsafeRawBufferPointer) -> Bool {
        guard let first = parts.first else { return path.isEmpty }
        guard parts.count > 1 else { return equal(first, path, at: 0) && first.count == path.count }
        guard equal(first, path, at: 0) else { return false }
        var position = first.count
        for index in 1..<parts.count {
            let part = parts[index]
            if index == parts.count - 1 {
                return path.count - position >= part.count && equal(part, path, at: path.count - part.count)
            }
            guard !part.isEmpty else { continue }
            guard let found = find(part, in: path, from: position) else { return false }
            position = found + part.count
        }
        return true
    }

    /// Whether `part` occurs in `path` at `offset` (false when it would run past the end).
    private static func equal(_ part: [UInt8], _ path: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset >= 0, offset + part.count <= path.count else { return false }
        guard !part.isEmpty, let base = path.baseAddress else { return true }
        return part.withUnsafeBytes { bytes in bytes.baseAddress.map { memcmp($0, base + offset, part.count) == 0 } ?? true }
    }

    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard needle.count <= haystack.count - start else { return nil }
        for index in start...(haystack.count - needle.count) where equal(needle, haystack, at: index) { return index }
        return nil
    }
}
