import EdgeModel
import EdgeSpec
import EdgeWire
import Traces

/// Counts what the app does for the requests that reach it, by the spec's `app` routes: incidents, LLM tokens and
/// Redis commands. Requests the edge blocked or served from cache never reach the app.
public struct AppUsageMeter: Sendable {
    /// The routes, shared by every copy of the meter.
    private let routes: RouteTable
    private let otherRedisCommands: Double
    private let requestsPerIncident: Double?
    private let incidentRoutes: Bool
    /// Whether the spec counts incidents at all (`AppSpec.countsIncidents`); the tables show them only then.
    public let countsIncidents: Bool

    /// Incidents (requests on `incident` routes, or LLM-calling requests ÷ `requests_per_incident`).
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
        requestsPerIncident = app?.requestsPerIncident
        incidentRoutes = app?.routes.contains { $0.countsIncident } ?? false
        countsIncidents = app?.countsIncidents ?? false
    }

    /// Counts one request that reached the app.
    mutating func count(_ record: TraceRecord) {
        appRequests += 1
        let route = record.withBytes(record.path) { path in
            record.withBytes(record.method) { method in
                firstRoute(path: path.isEmpty ? Self.rootPath : path, method: method)
            }
        }
        guard let route else {
            redisCommands += otherRedisCommands
            return
        }
        redisCommands += route.redisCommands
        tokensIn += route.llmCalls * route.tokensIn
        tokensOut += route.llmCalls * route.tokensOut
        if route.countsIncident {
            incidents += 1
        } else if !incidentRoutes, route.llmCalls > 0, let requestsPerIncident {
            incidents += 1 / requestsPerIncident
        }
    }

    nonisolated(unsafe) private static let rootPath = UnsafeRawBufferPointer(
        start: ("/" as StaticString).utf8Start, count: 1)

    /// What a request on one route costs the app.
    private struct RouteCost: Sendable {
        let llmCalls, tokensIn, tokensOut, redisCommands: Double
        let countsIncident: Bool
    }

    /// Per route: its path pattern, its method (nil: any) and what a request on it costs.
    private final class RouteTable: Sendable {
        let patterns: [StarGlob]
        let methods: [[UInt8]?]
        let costs: [RouteCost]

        init(_ routes: [AppRouteSpec]) {
            patterns = routes.map { StarGlob(starsIn: Array($0.path.utf8)) }
            methods = routes.map { $0.method.map { Array($0.uppercased().utf8) } }
            costs = routes.map {
                RouteCost(
                    llmCalls: $0.llmCalls, tokensIn: $0.tokensIn, tokensOut: $0.tokensOut,
                    redisCommands: $0.redisCommands, countsIncident: $0.countsIncident)
            }
        }
    }

    /// The cost of the first route whose pattern and method (an absent method is GET) match.
    private func firstRoute(path: UnsafeRawBufferPointer, method: UnsafeRawBufferPointer) -> RouteCost? {
        for index in routes.patterns.indices where routes.patterns[index].matches(path) {
            guard let wanted = routes.methods[index] else { return routes.costs[index] }
            let sent = method.isEmpty ? Self.getMethod : method
            if wanted.elementsEqual(sent) { return routes.costs[index] }
        }
        return nil
    }

    nonisolated(unsafe) private static let getMethod = UnsafeRawBufferPointer(
        start: ("GET" as StaticString).utf8Start, count: 3)
}
