import Traces

/// Search crawlers that say who they are: Googlebot (70%) and Bingbot from their operators' published ranges,
/// marked `bot: true`, reading pages by popularity and now and then `/robots.txt` of the page's host.
final class VerifiedBotTraffic: TrafficModel, ClientSession {
    let requestsPerArrival = 1.0
    let meanSpanMilliseconds = 0.0
    private let catalog: RouteCatalog

    init(catalog: RouteCatalog) {
        self.catalog = catalog
    }

    func arrive(at time: Double, random: inout SynthesisRandom) -> ClientSession { self }

    func request(at time: Double, random: inout SynthesisRandom, into request: inout TraceRecordBuilder) -> Double? {
        let isGoogle = random.chance(0.7)
        let blocks = isGoogle ? NetworkBlock.googlebot : NetworkBlock.bingbot
        let agents = isGoogle ? AutomatedUserAgents.googlebot : AutomatedUserAgents.bingbot
        let block = blocks[random.below(blocks.count)]
        let page = catalog.routes[catalog.drawPage(&random)]
        request.setNetwork(block, address: block.address(&random))
        request.method = "GET"
        request.host = page.host
        request.path = random.chance(0.05) ? "/robots.txt" : page.path
        request.userAgent = agents[random.below(agents.count)]
        request.version = "HTTP/1.1"
        request.bot = true
        request.botScore = 1
        request.headers = [("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
        return nil
    }
}
