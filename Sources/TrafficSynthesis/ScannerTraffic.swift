import EdgeWire
import Traces

/// Vulnerability scans: each arrival is one hosting address running one tool (`ScannerTool`, by share) for a
/// geometric number of requests at `requestsPerSecond` on average. sqlmap sends injection strings to the listing
/// routes; the other tools walk their wordlists in order from a random point (`/wp-login.php`, `/.env`, `/admin`, …)
/// on one of the profile's hosts.
final class ScannerTraffic: TrafficModel {
    let requestsPerArrival: Double
    let meanSpanMilliseconds: Double
    private let parameters: ScannerParameters
    private let catalog: RouteCatalog
    private let tools = ScannerTool.all
    private let toolSampler = AliasSampler(weights: ScannerTool.all.map(\.weight))

    init(parameters: ScannerParameters, catalog: RouteCatalog) {
        self.parameters = parameters
        self.catalog = catalog
        requestsPerArrival = parameters.requestsPerScanMean
        meanSpanMilliseconds = (parameters.requestsPerScanMean - 1) * 1000 / parameters.requestsPerSecond
    }

    func arrive(at time: Double, random: inout SynthesisRandom) -> ClientSession {
        let block = NetworkBlock.hosting[random.below(NetworkBlock.hosting.count)]
        let tool = tools[toolSampler.draw(&random)]
        var cursor = 0
        if case let .wordlist(paths) = tool.probe { cursor = random.below(paths.count) }
        return Scan(
            model: self, block: block, address: block.address(&random), tool: tool,
            host: catalog.routes[catalog.drawAny(&random)].host, cursor: cursor,
            remaining: random.geometric(mean: parameters.requestsPerScanMean))
    }

    /// One scan.
    private final class Scan: ClientSession {
        private unowned let model: ScannerTraffic
        private let block: NetworkBlock
        private let address: IPAddress
        private let tool: ScannerTool
        private let host: String
        private var cursor: Int
        private var remaining: Int

        init(
            model: ScannerTraffic, block: NetworkBlock, address: IPAddress, tool: ScannerTool, host: String,
            cursor: Int,
            remaining: Int
        ) {
            self.model = model
            self.block = block
            self.address = address
            self.tool = tool
            self.host = host
            self.cursor = cursor
            self.remaining = remaining
        }

        func request(at time: Double, random: inout SynthesisRandom, into request: inout TraceRecordBuilder) -> Double?
        {
            request.setNetwork(block, address: address)
            request.method = "GET"
            request.userAgent = tool.userAgent
            request.version = "HTTP/1.1"
            request.botScore = 1
            switch tool.probe {
            case .sqlInjection:
                let route = model.catalog.routes[model.catalog.drawListing(&random)]
                let queries = ScannerTool.sqlInjectionQueries
                request.host = route.host
                request.path = route.path
                request.query = queries[cursor % queries.count]
            case let .wordlist(paths):
                request.host = host
                request.setTarget(paths[cursor % paths.count])
            }
            request.headers = [("accept", "*/*")]
            cursor += 1
            remaining -= 1
            guard remaining > 0 else { return nil }
            return time + random.exponential(mean: 1000 / model.parameters.requestsPerSecond)
        }
    }
}
