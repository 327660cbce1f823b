import EdgeCore
import EdgeModel
import RulesLanguage
import Testing

@Suite("Origin model")
struct OriginModelTests {
    @Test func routesMatchByPathPatternAndMethodFirstMatchWins() throws {
        let routes = [
            OriginRoute(
                pathPattern: "/v1/incidents*", method: "POST",
                response: OriginResponse(status: 201, latency: duration(0.2))),
            OriginRoute(
                pathPattern: "/v1/*", response: OriginResponse(status: 200, latency: duration(0.08), size: 4096)),
            OriginRoute(
                pathPattern: "/health", response: OriginResponse(status: 204, latency: duration(0.005), size: 0)),
            OriginRoute(
                pathPattern: "*.png", response: OriginResponse(status: 200, cacheControl: "max-age=5", size: 100)),
        ]
        let edge = try Edge(
            configuration: EdgeConfiguration(
                origin: OriginConfiguration(
                    defaultResponse: OriginResponse(status: 404, latency: duration(0.04)), routes: routes)))
        let decisions = run(
            edge,
            [
                Step(request("/v1/incidents/7", at: 0, method: "POST"), .allow(.dynamic, status: 201)),
                Step(request("/v1/incidents/7", at: 1), .allow(.dynamic, status: 200)),
                Step(request("/health", at: 2), .allow(.dynamic, status: 204)),
                Step(request("/healthz", at: 3), .allow(.dynamic, status: 404)),
                Step(request("/img/logo.png", at: 4), .allow(.miss, status: 200)),
                Step(request("/img/logo.png", at: 10), .allow(.expired, status: 200)),
            ])
        #expect(decisions.map(\.originLatencyMilliseconds) == [200, 80, 5, 40, 50, 50])
        #expect(decisions[1].bytes == 4096)
    }

    @Test func theDefaultOriginSendsNoCacheControl() throws {
        let edge = try Edge(configuration: EdgeConfiguration())
        run(
            edge,
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 7199), .allow(.hit)),
            ])
    }

    @Test func aRecordedResponseReplacesTheRoutes() throws {
        let edge = try Edge(configuration: EdgeConfiguration(origin: origin(cacheControl: "max-age=3600", latency: 1)))
        let recorded = RecordedResponse(
            status: 200, cacheControl: Array("no-store".utf8), bytes: 77,
            originLatencyMilliseconds: 12)
        let decision = edge.process(request("/a.css", at: 0, response: recorded))
        #expect(decision.cacheStatus == .bypass)
        #expect(decision.bytes == 77)
        #expect(decision.originLatencyMilliseconds == 12)
        // Missing recorded sizes and latencies fall back to the configured origin.
        let partial = edge.process(request("/b.css", at: 1, response: RecordedResponse(status: 404)))
        #expect(partial.status == 404)
        #expect(partial.originLatencyMilliseconds == 1000)
        #expect(partial.bytes == 1000)
    }

    @Test func outagesApplyOnlyInsideTheirWindowAndPattern() throws {
        let windows = [
            OriginOutage(
                fromMilliseconds: seconds(10), untilMilliseconds: seconds(20), effect: .status(502),
                pathPattern: "/api/*")
        ]
        let edge = try Edge(configuration: EdgeConfiguration(origin: origin(outages: windows)))
        run(
            edge,
            [
                Step(request("/api/x", at: 9.999), .allow(.dynamic, status: 200)),
                Step(request("/api/x", at: 10), .allow(.dynamic, status: 502)),
                Step(request("/web", at: 15), .allow(.dynamic, status: 200)),
                Step(request("/api/x", at: 19.999), .allow(.dynamic, status: 502)),
                Step(request("/api/x", at: 20), .allow(.dynamic, status: 200)),
            ])
    }

    @Test func outagesOverrideRecordedResponses() throws {
        let edge = try Edge(configuration: EdgeConfiguration(origin: origin(outages: [outage(from: 0, until: 10)])))
        let decision = edge.process(request("/x", at: 5, response: RecordedResponse(status: 200)))
        #expect(decision.status == 503)
    }
}
