import EdgeCore
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

    /// Requests that reached the app on each route (the first that matched), in the order of the spec's routes.
    private var requestsByRoute: [Int]
    /// Requests that reached the app on no route.
    private var requestsOnNoRoute = 0

    /// Requests that reached the app.
    public var appRequests: Int { requestsByRoute.reduce(requestsOnNoRoute, +) }

    /// Incidents (requests on `incident` routes, or LLM-calling requests ÷ `requests_per_incident`).
    public var incidents: Double {
        var incidents = 0.0, llmRequests = 0
        for (route, requests) in zip(routes.costs, requestsByRoute) {
            if route.countsIncident {
                incidents += Double(requests)
            } else if route.llmCalls > 0 {
                llmRequests += requests
            }
        }
        guard !incidentRoutes, let requestsPerIncident else { return incidents }
        return incidents + Double(llmRequests) / requestsPerIncident
    }

    /// LLM input tokens.
    public var tokensIn: Double { total { $0.llmCalls * $0.tokensIn } }
    /// LLM output tokens.
    public var tokensOut: Double { total { $0.llmCalls * $0.tokensOut } }
    /// Redis commands.
    public var redisCommands: Double { total(\.redisCommands) + Double(requestsOnNoRoute) * otherRedisCommands }

    /// Σ over routes of the requests on it times `perRequest` of its cost. The counts are integers and the sum
    /// runs in route order, so meters of parts merged give the same figures as one meter of the whole.
    private func total(_ perRequest: (RouteCost) -> Double) -> Double {
        zip(routes.costs, requestsByRoute).reduce(0.0) { $0 + perRequest($1.0) * Double($1.1) }
    }

    /// A meter for `app` (nil: no app costs beyond one Redis command per request).
    public init(app: AppSpec?) {
        routes = RouteTable(app?.routes ?? [])
        otherRedisCommands = app?.redisCommandsPerRequest ?? 1
        requestsPerIncident = app?.requestsPerIncident
        incidentRoutes = app?.routes.contains { $0.countsIncident } ?? false
        countsIncidents = app?.countsIncidents ?? false
        requestsByRoute = Array(repeating: 0, count: routes.costs.count)
    }

    /// Counts one request that reached the app.
    mutating func count(_ record: TraceRecord) {
        let route = record.withBytes(record.path) { path in
            record.withBytes(record.method) { method in
                firstRoute(path: path.isEmpty ? Self.rootPath : path, method: method)
            }
        }
        if let route { requestsByRoute[route] += 1 } else { requestsOnNoRoute += 1 }
    }

    /// Adds the requests `other` counted (a meter of the same app).
    mutating func merge(_ other: AppUsageMeter) {
        for route in requestsByRoute.indices { requestsByRoute[route] += other.requestsByRoute[route] }
        requestsOnNoRoute += other.requestsOnNoRoute
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

    /// The first route whose pattern and method (an absent method is GET) match.
    private func firstRoute(path: UnsafeRawBufferPointer, method: UnsafeRawBufferPointer) -> Int? {
        for index in routes.patterns.indices where routes.patterns[index].matches(path) {
            guard let wanted = routes.methods[index] else { return index }
            let sent = method.isEmpty ? Self.getMethod : method
            if wanted.elementsEqual(sent) { return index }
        }
        return nil
    }

    nonisolated(unsafe) private static let getMethod = UnsafeRawBufferPointer(
        start: ("GET" as StaticString).utf8Start, count: 3)
}

extension AppUsageMeter {
    /// The counts exactly, for a mergeable summary: requests per route, in the spec's order, and on no route.
    var state: JSONValue {
        .object([
            ("requests_by_route", StateWriter.ints(requestsByRoute)),
            ("requests_on_no_route", .int(Int64(requestsOnNoRoute))),
        ])
    }

    /// Takes the counts `state` describes, for the same app.
    mutating func take(state: StateReader) throws(SummaryStateError) {
        let byRoute = try state.member("requests_by_route").ints()
        guard byRoute.count == requestsByRoute.count else {
            throw SummaryStateError(
                path: state.path + ".requests_by_route", expected: "\(requestsByRoute.count) counts, one per app route")
        }
        requestsByRoute = byRoute
        requestsOnNoRoute = try state.member("requests_on_no_route").count()
    }
}
