import Traces

/// Requests without a `User-Agent`: bare scripts and health probes hitting routes by popularity from ordinary
/// networks, one request each.
final class NoUserAgentTraffic: TrafficModel, ClientSession {
    let requestsPerArrival = 1.0
    let meanSpanMilliseconds = 0.0
    private let catalog: RouteCatalog
    private let origins: ClientOrigins

    init(catalog: RouteCatalog, origins: ClientOrigins) {
        self.catalog = catalog
        self.origins = origins
    }

    func arrive(at time: Double, random: inout SynthesisRandom) -> ClientSession { self }

    func request(at time: Double, random: inout SynthesisRandom, into request: inout TraceRecordBuilder) -> Double? {
        let origin = origins.draw(&random)
        let route = catalog.routes[catalog.drawAny(&random)]
        request.setOrigin(origin, address: origin.addresses.ipv4(&random))
        request.method = "GET"
        request.host = route.host
        request.path = route.path
        request.version = "HTTP/1.1"
        request.botScore = 1
        if random.chance(0.5) { request.headers = [("accept", "*/*")] }
        return nil
    }
}
