/// A profile's routes sorted by role, with samplers that follow the routes' popularity (their weights, or Zipf's
/// law by position).
///
/// A route is an *asset* when its last path segment has a static-file extension, an *API* route when its path
/// starts with `/api/` or `/v<digit>` or its host with `api.`, and a *page* otherwise. People open pages and fetch
/// the assets of the page's host; API clients call API routes; crawlers read pages.
struct RouteCatalog: Sendable {
    /// One route with the texts requests need.
    struct Route: Sendable {
        let host: String
        let path: String
        /// `https://host/path`, for `Referer`.
        let url: String
        /// `Accept` a browser sends for it.
        let accept: String
        let isAPI: Bool
        let isAsset: Bool
        /// A health, status, metrics or ping endpoint: polled, never posted to or paged through.
        let isHealthCheck: Bool
    }

    let routes: [Route]
    /// Any route by popularity.
    let any: AliasSampler
    /// Pages people open first, by popularity (route indices in `pageIndices`).
    let pageIndices: [Int]
    let pages: AliasSampler
    /// The chance that a session's first page is `pageIndices[i]`.
    let pageProbabilities: [Double]
    /// For each route, the index of its host in `hostPages` / `hostAssets`.
    let hostOfRoute: [Int]
    /// Per host: its pages (route indices) and a sampler over them.
    let hostPages: [(indices: [Int], sampler: AliasSampler)]
    /// Per host: its assets (route indices), in profile order.
    let hostAssets: [[Int]]
    /// API routes (route indices) and a sampler over them; all routes where the profile has no API route.
    let apiIndices: [Int]
    let api: AliasSampler
    /// Routes that list or search data (API routes other than health checks, else pages) and a sampler over them.
    let listingIndices: [Int]
    let listings: AliasSampler

    /// A catalog over validated routes.
    init(_ shares: [RouteShare], zipfExponent: Double) {
        let weights =
            shares.allSatisfy { $0.weight != nil }
            ? shares.map { $0.weight ?? 0 } : zipfWeights(count: shares.count, exponent: zipfExponent)
        let routes = shares.map { share in
            let isAsset = Self.staticExtension(of: share.path) != nil
            return Route(
                host: share.host, path: share.path, url: "https://\(share.host)\(share.path)",
                accept: Self.accept(forExtension: Self.staticExtension(of: share.path)),
                isAPI: !isAsset && Self.looksLikeAPI(host: share.host, path: share.path), isAsset: isAsset,
                isHealthCheck: ["health", "status", "metrics", "ping"].contains { share.path.lowercased().contains($0) }
            )
        }
        self.routes = routes
        any = AliasSampler(weights: weights)

        let all = Array(routes.indices)
        var pageCandidates = all.filter { !routes[$0].isAPI && !routes[$0].isAsset && weights[$0] > 0 }
        var hasAssets = true
        if pageCandidates.isEmpty {
            pageCandidates = all.filter { !routes[$0].isAPI && weights[$0] > 0 }
            hasAssets = false
        }
        if pageCandidates.isEmpty { pageCandidates = all.filter { weights[$0] > 0 } }
        pageIndices = pageCandidates
        pages = AliasSampler(weights: pageCandidates.map { weights[$0] })

        var hosts: [String] = []
        var hostOfRoute: [Int] = []
        for route in routes {
            if let index = hosts.firstIndex(of: route.host) {
                hostOfRoute.append(index)
            } else {
                hostOfRoute.append(hosts.count)
                hosts.append(route.host)
            }
        }
        self.hostOfRoute = hostOfRoute
        hostPages = hosts.indices.map { host in
            let indices = pageCandidates.filter { hostOfRoute[$0] == host }
            return (indices, AliasSampler(weights: indices.map { weights[$0] }))
        }
        hostAssets = hosts.indices.map { host in
            hasAssets ? all.filter { hostOfRoute[$0] == host && routes[$0].isAsset && weights[$0] > 0 } : []
        }

        let apiCandidates = all.filter { routes[$0].isAPI && weights[$0] > 0 }
        let apiIndices = apiCandidates.isEmpty ? all.filter { weights[$0] > 0 } : apiCandidates
        self.apiIndices = apiIndices
        api = AliasSampler(weights: apiIndices.map { weights[$0] })
        let listingCandidates = apiCandidates.filter { !routes[$0].isHealthCheck }
        let listingIndices = listingCandidates.isEmpty ? pageCandidates : listingCandidates
        self.listingIndices = listingIndices
        listings = AliasSampler(weights: listingIndices.map { weights[$0] })
        let pageTotal = pageCandidates.reduce(0) { $0 + weights[$1] }
        pageProbabilities = pageCandidates.map { weights[$0] / pageTotal }
    }

    /// A page a session starts on.
    func drawPage(_ random: inout SynthesisRandom) -> Int { pageIndices[pages.draw(&random)] }

    /// Another page of the host of route `index`.
    func drawPage(onHostOf index: Int, _ random: inout SynthesisRandom) -> Int {
        let host = hostPages[hostOfRoute[index]]
        return host.indices.isEmpty ? index : host.indices[host.sampler.draw(&random)]
    }

    /// Any route by popularity.
    func drawAny(_ random: inout SynthesisRandom) -> Int { any.draw(&random) }

    /// An API route by popularity.
    func drawAPI(_ random: inout SynthesisRandom) -> Int { apiIndices[api.draw(&random)] }

    /// A listing or search route by popularity.
    func drawListing(_ random: inout SynthesisRandom) -> Int { listingIndices[listings.draw(&random)] }

    /// Whether requests to this host and path are API calls.
    static func looksLikeAPI(host: String, path: String) -> Bool {
        if host.hasPrefix("api.") || path.hasPrefix("/api/") || path == "/api" { return true }
        let bytes = Array(path.utf8)
        return bytes.count >= 3 && bytes[1] == UInt8(ascii: "v") && (0x30...0x39).contains(bytes[2])
    }

    /// The lower-cased extension of the last path segment when it names a static file, else nil.
    static func staticExtension(of path: String) -> String? {
        guard let segment = path.split(separator: "/", omittingEmptySubsequences: false).last,
            let dot = segment.lastIndex(of: ".")
        else { return nil }
        let ext = segment[segment.index(after: dot)...].lowercased()
        return staticExtensions.contains(ext) ? ext : nil
    }

    private static let staticExtensions: Set<String> = [
        "js", "mjs", "css", "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif", "woff", "woff2", "ttf",
        "map", "txt", "xml", "json", "webmanifest", "mp4", "pdf",
    ]

    /// The `Accept` header Chrome sends for a resource of this extension (nil: a page).
    private static func accept(forExtension ext: String?) -> String {
        switch ext {
        case nil: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
        case "css": "text/css,*/*;q=0.1"
        case "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif":
            "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"
        default: "*/*"
        }
    }
}
