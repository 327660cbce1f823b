import EdgeWire
import Traces

/// Scrapers: a pool of `addressCount` hosting addresses, each with its own tool. A run takes one address and one
/// listing route (an API route other than a health check by popularity, else a page) and requests `page=1`, `page=2`,
/// … every 1 / `requestsPerSecond` seconds (±20% jitter) for a geometric number of pages.
final class ScraperTraffic: TrafficModel {
    let requestsPerArrival: Double
    let meanSpanMilliseconds: Double
    private let parameters: ScraperParameters
    private let catalog: RouteCatalog
    private let addresses: [(block: NetworkBlock, address: IPAddress, userAgent: String)]

    /// Creates the pool, drawing addresses and tools from `random`.
    init(parameters: ScraperParameters, catalog: RouteCatalog, random: inout SynthesisRandom) {
        self.parameters = parameters
        self.catalog = catalog
        requestsPerArrival = parameters.pagesPerRunMean
        meanSpanMilliseconds = (parameters.pagesPerRunMean - 1) * 1000 / parameters.requestsPerSecond
        addresses = (0..<parameters.addressCount).map { _ in
            let block = NetworkBlock.hosting[random.below(NetworkBlock.hosting.count)]
            let agents = AutomatedUserAgents.scrapers
            return (block, block.address(&random), agents[random.below(agents.count)])
        }
    }

    func arrive(at time: Double, random: inout SynthesisRandom) -> ClientSession {
        Run(
            model: self, address: random.below(addresses.count), route: catalog.drawListing(&random),
            pages: random.geometric(mean: parameters.pagesPerRunMean))
    }

    /// One walk through a listing.
    private final class Run: ClientSession {
        private unowned let model: ScraperTraffic
        private let address: Int
        private let route: Int
        private let pages: Int
        private var page = 0

        init(model: ScraperTraffic, address: Int, route: Int, pages: Int) {
            self.model = model
            self.address = address
            self.route = route
            self.pages = pages
        }

        func request(at time: Double, random: inout SynthesisRandom, into request: inout TraceRecordBuilder) -> Double?
        {
            let client = model.addresses[address]
            let target = model.catalog.routes[route]
            page += 1
            request.setNetwork(client.block, address: client.address)
            request.method = "GET"
            request.host = target.host
            request.path = target.path
            request.query = "page=\(page)"
            request.userAgent = client.userAgent
            request.version = "HTTP/1.1"
            request.botScore = random.between(1, 29)
            request.headers = [("accept", "*/*")]
            guard page < pages else { return nil }
            return time + 1000 / model.parameters.requestsPerSecond * (0.8 + 0.4 * random.uniform())
        }
    }
}
