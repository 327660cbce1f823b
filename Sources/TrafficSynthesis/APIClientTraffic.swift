import EdgeWire
import Traces

/// A fixed pool of API clients. Each client has one address, one client library, one key
/// (`authorization: Bearer key-0042`, numbered, nothing secret-looking) and a fixed share of the population's rate
/// (Zipf over the pool with exponent `rateSkew`), so each sends a steady Poisson stream that follows the profile's
/// rhythm. Requests go to API routes by popularity; a `postFraction` of those to routes other than health, status
/// or metrics endpoints are POSTs.
final class APIClientTraffic: TrafficModel, ClientSession {
    let requestsPerArrival = 1.0
    let meanSpanMilliseconds = 0.0
    private let catalog: RouteCatalog
    private let postFraction: Double
    private let clients: [Client]
    private let clientSampler: AliasSampler

    /// One client of the pool.
    private struct Client {
        let origin: ClientOrigins.Origin
        let address: IPAddress
        let userAgent: String
        let authorization: String
        let version: String
    }

    /// Creates the pool, drawing each client's network, address and library from `random`.
    init(parameters: APIClientParameters, catalog: RouteCatalog, origins: ClientOrigins, random: inout SynthesisRandom)
    {
        self.catalog = catalog
        postFraction = parameters.postFraction
        var clients: [Client] = []
        for number in 1...parameters.clientCount {
            let origin = origins.draw(&random)
            let digits = String(number)
            clients.append(
                Client(
                    origin: origin, address: origin.addresses.ipv4(&random),
                    userAgent: parameters.userAgents[random.below(parameters.userAgents.count)],
                    authorization: "Bearer key-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits,
                    version: random.chance(0.5) ? "HTTP/2" : "HTTP/1.1"))
        }
        self.clients = clients
        clientSampler = AliasSampler(weights: zipfWeights(count: clients.count, exponent: parameters.rateSkew))
    }

    func arrive(at time: Double, random: inout SynthesisRandom) -> ClientSession { self }

    func request(at time: Double, random: inout SynthesisRandom, into request: inout TraceRecordBuilder) -> Double? {
        let client = clients[clientSampler.draw(&random)]
        let route = catalog.routes[catalog.drawAPI(&random)]
        let isPost = !route.isHealthCheck && random.chance(postFraction)
        request.setOrigin(client.origin, address: client.address)
        request.method = isPost ? "POST" : "GET"
        request.host = route.host
        request.path = route.path
        request.userAgent = client.userAgent
        request.version = client.version
        request.botScore = 1
        request.headers =
            isPost
            ? [
                ("authorization", client.authorization), ("accept", "application/json"),
                ("content-type", "application/json"),
            ]
            : [("authorization", client.authorization), ("accept", "application/json")]
        return nil
    }
}
