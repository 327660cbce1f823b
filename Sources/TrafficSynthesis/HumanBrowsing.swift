import EdgeWire
import Traces

/// People in browsers. A session lands on a page (by popularity), fetches the assets of that site, thinks
/// (exponential, `thinkTimeMeanMilliseconds`), opens another page of the same site, and stops after a geometric
/// number of pages. The first page of a site loads all its assets; later pages refetch each one with
/// `assetRefetchProbability` (the browser cache holds the rest). One address, user agent and language a session.
final class HumanBrowsing: TrafficModel {
    let requestsPerArrival: Double
    let meanSpanMilliseconds: Double
    private let parameters: HumanSessionParameters
    private let catalog: RouteCatalog
    private let origins: ClientOrigins
    private let userAgents: [String]
    private let userAgentSampler: AliasSampler

    init(parameters: HumanSessionParameters, catalog: RouteCatalog, origins: ClientOrigins) {
        self.parameters = parameters
        self.catalog = catalog
        self.origins = origins
        userAgents = BrowserUserAgents.corpus.map(\.userAgent)
        userAgentSampler = AliasSampler(weights: BrowserUserAgents.corpus.map(\.weight))
        var assetsPerSite = 0.0
        for (position, page) in catalog.pageIndices.enumerated() {
            assetsPerSite +=
                catalog.pageProbabilities[position] * Double(catalog.hostAssets[catalog.hostOfRoute[page]].count)
        }
        let pages = parameters.pagesPerSessionMean
        let assets = assetsPerSite * (1 + (pages - 1) * parameters.assetRefetchProbability)
        requestsPerArrival = pages + assets
        meanSpanMilliseconds =
            (pages - 1) * parameters.thinkTimeMeanMilliseconds + assets * parameters.assetDelayMeanMilliseconds
    }

    func arrive(at time: Double, random: inout SynthesisRandom) -> ClientSession {
        let origin = origins.draw(&random)
        let address =
            random.chance(parameters.ipv6Share) ? origin.addresses.ipv6(&random) : origin.addresses.ipv4(&random)
        return Session(
            model: self, origin: origin, address: address, userAgent: userAgents[userAgentSampler.draw(&random)],
            version: random.chance(0.3) ? "HTTP/3" : "HTTP/2",
            botScore: random.chance(0.85) ? random.between(85, 99) : random.between(30, 84),
            pagesLeft: random.geometric(mean: parameters.pagesPerSessionMean), firstPage: catalog.drawPage(&random))
    }

    /// One browsing session.
    private final class Session: ClientSession {
        private unowned let model: HumanBrowsing
        private let origin: ClientOrigins.Origin
        private let address: IPAddress
        private let userAgent: String
        private let version: String
        private let botScore: Int
        private var pagesLeft: Int
        private var nextPage: Int
        private var currentPage: Int?
        private var pendingAssets: [Int] = []
        private var assetCursor = 0

        init(
            model: HumanBrowsing, origin: ClientOrigins.Origin, address: IPAddress, userAgent: String, version: String,
            botScore: Int, pagesLeft: Int, firstPage: Int
        ) {
            self.model = model
            self.origin = origin
            self.address = address
            self.userAgent = userAgent
            self.version = version
            self.botScore = botScore
            self.pagesLeft = pagesLeft
            nextPage = firstPage
        }

        func request(at time: Double, random: inout SynthesisRandom, into request: inout TraceRecordBuilder) -> Double?
        {
            let routes = model.catalog.routes
            request.setOrigin(origin, address: address)
            request.method = "GET"
            request.userAgent = userAgent
            request.version = version
            request.botScore = botScore
            if assetCursor < pendingAssets.count, let page = currentPage {
                let asset = routes[pendingAssets[assetCursor]]
                assetCursor += 1
                request.host = asset.host
                request.path = asset.path
                request.referer = routes[page].url
                request.headers = [("accept", asset.accept), ("accept-language", origin.acceptLanguage)]
            } else {
                let page = routes[nextPage]
                request.host = page.host
                request.path = page.path
                if let previous = currentPage { request.referer = routes[previous].url }
                request.headers = [("accept", page.accept), ("accept-language", origin.acceptLanguage)]
                loadAssets(of: nextPage, firstOnSite: currentPage == nil, random: &random)
                currentPage = nextPage
                pagesLeft -= 1
                if pagesLeft > 0 { nextPage = model.catalog.drawPage(onHostOf: nextPage, &random) }
            }
            if assetCursor < pendingAssets.count {
                return time + random.exponential(mean: model.parameters.assetDelayMeanMilliseconds)
            }
            return pagesLeft > 0 ? time + random.exponential(mean: model.parameters.thinkTimeMeanMilliseconds) : nil
        }

        /// Queues the site's assets after a page: all of them on the first page, a few refetched later.
        private func loadAssets(of page: Int, firstOnSite: Bool, random: inout SynthesisRandom) {
            let catalog = model.catalog
            pendingAssets.removeAll(keepingCapacity: true)
            assetCursor = 0
            for asset in catalog.hostAssets[catalog.hostOfRoute[page]]
            where firstOnSite || random.chance(model.parameters.assetRefetchProbability) {
                pendingAssets.append(asset)
            }
        }
    }
}
