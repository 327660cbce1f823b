import EdgeCore
import EdgeWire
import RulesLanguage

/// Answers requests the way the configured origin would: a recorded response when the request carries one,
/// else the first route matching path and method, else the default response; during an outage window the origin
/// fails instead.
struct OriginModel {
    private struct Route {
        let pattern: StarGlob
        let method: [UInt8]?
        let answer: OriginAnswer
    }

    private struct Outage {
        let window: OriginOutage
        let pattern: StarGlob?
    }

    private let routes: [Route]
    private let defaultAnswer: OriginAnswer
    private let outages: [Outage]

    /// The model of `configuration`.
    init(_ configuration: OriginConfiguration) {
        routes = configuration.routes.map { route in
            Route(
                pattern: StarGlob(starsIn: Array(route.pathPattern.utf8)),
                method: route.method.map { Array($0.uppercased().utf8) },
                answer: Self.answer(route.response))
        }
        defaultAnswer = Self.answer(configuration.defaultResponse)
        outages = configuration.outages.map {
            Outage(window: $0, pattern: $0.pathPattern.map { StarGlob(starsIn: Array($0.utf8)) })
        }
    }

    /// The origin's answer to `request` at `now`.
    func answer(_ request: EdgeRequest, now: Int64) -> OriginAnswer {
        let http = request.http
        for outage in outages where outage.window.covers(now) {
            if let pattern = outage.pattern, !pattern.matches(http.path) { continue }
            let effect = outage.window.effect
            var answer = OriginAnswer(status: effect.status, latency: effect.latencyMilliseconds, size: 0)
            answer.edgeGenerated = effect.isTimeout
            return answer
        }
        let configured = configuredAnswer(http)
        guard let recorded = request.response else { return configured }
        return Self.answer(recorded, fallback: configured)
    }

    /// The configured answer for a request (first matching route, else the default).
    private func configuredAnswer(_ http: HTTPRequest) -> OriginAnswer {
        guard !routes.isEmpty else { return defaultAnswer }
        let path = http.path
        let method = http.method
        return routes.withUnsafeBufferPointer { routes in
            for index in routes.indices where routes[index].pattern.matches(path) {
                if let wanted = routes[index].method, wanted != method { continue }
                return routes[index].answer
            }
            return defaultAnswer
        }
    }

    private static func answer(_ response: OriginResponse) -> OriginAnswer {
        var answer = OriginAnswer(
            status: response.status, latency: max(0, response.latency.milliseconds),
            size: max(0, response.size))
        let cacheControl = response.cacheControl.map { Array($0.utf8) }
        answer.cacheControl = cacheControl
        answer.directives = CacheControlDirectives(parsing: cacheControl)
        if let expires = response.expires {
            answer.hasExpires = true
            answer.expires = HTTPDate.milliseconds(Array(expires.utf8))
        }
        answer.etag = response.etag.map { validatorHash(Array($0.utf8)) } ?? 0
        answer.lastModified = response.lastModified.map { validatorHash(Array($0.utf8)) } ?? 0
        answer.setsCookie = !response.setCookies.isEmpty
        answer.contentType = response.contentType.map { Array($0.utf8) }
        return answer
    }

    private static func answer(_ recorded: RecordedResponse, fallback: OriginAnswer) -> OriginAnswer {
        var answer = OriginAnswer(
            status: recorded.status, latency: max(0, recorded.originLatencyMilliseconds ?? fallback.latency),
            size: max(0, recorded.bytes ?? fallback.size))
        answer.cacheControl = recorded.cacheControl
        answer.directives = CacheControlDirectives(parsing: recorded.cacheControl)
        if let expires = recorded.expires {
            answer.hasExpires = true
            answer.expires = HTTPDate.milliseconds(expires)
        }
        answer.etag = recorded.etag.map(validatorHash) ?? 0
        answer.lastModified = recorded.lastModified.map(validatorHash) ?? 0
        answer.setsCookie = !recorded.setCookies.isEmpty
        answer.ageSeconds = max(0, recorded.ageSeconds ?? 0)
        answer.contentType = recorded.contentType
        answer.variesOnEverything = recorded.vary.map(Self.listsStar) ?? false
        return answer
    }

    /// Whether a `Vary` value lists `*` among its comma-separated names.
    private static func listsStar(_ vary: [UInt8]) -> Bool {
        vary.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).contains { name in
            name.filter { $0 != 0x20 && $0 != 0x09 }.elementsEqual([UInt8(ascii: "*")])
        }
    }

    /// Validators compare by hash; an empty value counts as absent.
    private static func validatorHash(_ value: [UInt8]) -> UInt64 {
        guard !value.isEmpty else { return 0 }
        var hasher = StableHasher(seed: 0x7A11_DA70)
        hasher.combine(bytes: value)
        return hasher.finalize()
    }
}
