import EdgeCore
import EdgeModel
import EdgeWire
import RulesLanguage
import Testing

@Suite("WAF custom rules")
struct CustomRuleTests {
    private func rule(
        _ id: String, _ text: String, _ action: CustomRuleAction, enabled: Bool = true,
        status: Int = 403
    ) throws -> CustomRule {
        CustomRule(
            id: id, expression: try expression(text, .custom), action: action, enabled: enabled, blockStatus: status)
    }

    private var agent: (String) -> [(String, String)] { { [("User-Agent", $0)] } }

    @Test func theFirstTerminatingMatchWins() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(customRules: [
                try rule("bots", #"lower(http.user_agent) contains "sqlmap""#, .block, status: 418),
                try rule("admin", #"starts_with(http.request.uri.path, "/admin")"#, .managedChallenge),
                try rule("everything-admin", #"starts_with(http.request.uri.path, "/admin")"#, .block),
            ]))
        run(
            edge,
            [
                Step(
                    request("/admin", at: 0, headers: agent("SQLMap/1.7")),
                    .blocked(by: "bots", status: 418, phase: .customRules)),
                Step(
                    request("/admin", at: 1, headers: agent("curl")),
                    .blocked(by: "admin", status: 403, phase: .customRules, action: .managedChallenge)),
                Step(request("/home", at: 2, headers: agent("curl")), .allow(.dynamic, origin: true)),
            ])
    }

    @Test func logRecordsAndContinues() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(customRules: [
                try rule("watch", #"http.request.uri.path eq "/login""#, .log),
                try rule("watch-too", "true", .log),
                try rule("block-x", #"http.request.uri.query contains "x=1""#, .block),
            ]))
        run(
            edge,
            [
                Step(
                    request("/login", at: 0),
                    Expect(
                        action: .log, rule: "watch", status: 200, cache: .dynamic, origin: true,
                        phase: .customRules)),
                Step(request("/login?x=1", at: 1), .blocked(by: "block-x", status: 403)),
                Step(request("/other", at: 2), Expect(action: .log, rule: "watch-too", status: 200)),
            ])
    }

    @Test func skipRestSkipsTheRemainingCustomRulesOnly() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(
                customRules: [
                    try rule("partner", "ip.src in {192.0.2.0/24}", .skip(SkipOptions(rest: true))),
                    try rule("block-all", "true", .block),
                ],
                rateLimitRules: [try rateLimit("limit", by: [], requests: 1, period: 60, timeout: 0)]))
        run(
            edge,
            [
                Step(request("/", at: 0, ip: "203.0.113.1"), .blocked(by: "block-all", status: 403)),
                Step(request("/", at: 1, ip: "192.0.2.10"), .allow(.dynamic)),
                // Rate limiting still runs for the partner: skip rest does not skip later phases.
                Step(request("/", at: 2, ip: "192.0.2.11"), .blocked(by: "limit", status: 429, phase: .rateLimit)),
            ])
    }

    @Test func skipPhasesSkipsRateLimitingAndManagedRulesButNotLaterCustomRules() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(
                customRules: [
                    try rule(
                        "monitoring", #"http.user_agent eq "uptime""#,
                        .skip(SkipOptions(phases: [.rateLimit, .managedRules]))),
                    try rule("no-post", #"http.request.method eq "POST""#, .block),
                ],
                rateLimitRules: [try rateLimit("limit", by: [], requests: 0, period: 60, timeout: 0)],
                managedRules: ManagedRulesConfiguration(cloudflareManaged: true)))
        let decisions = run(
            edge,
            [
                Step(request("/", at: 0, headers: agent("uptime")), .allow(.dynamic)),
                Step(
                    request("/", at: 1, method: "POST", headers: agent("uptime")),
                    .blocked(by: "no-post", status: 403)),
                Step(request("/", at: 2, headers: agent("browser")), .blocked(by: "limit", status: 429)),
            ])
        #expect(decisions[0].managedRules == .skipped)
        #expect(decisions[2].managedRules == .notReached)
        let traced = edge.process(request("/", at: 3, headers: agent("uptime")), tracing: true)
        #expect(traced.trace?.skippedPhases == [.rateLimit, .managedRules])
        #expect(traced.trace?.rateLimits.isEmpty == true)
    }

    @Test func managedRulesAreReportedAsNotSimulated() throws {
        let deployed = try Edge(
            configuration: EdgeConfiguration(managedRules: ManagedRulesConfiguration(cloudflareManaged: true)))
        #expect(deployed.process(request("/", at: 0)).managedRules == .notSimulated)
        let absent = try Edge(configuration: EdgeConfiguration())
        #expect(absent.process(request("/", at: 0)).managedRules == .notConfigured)
    }

    @Test(arguments: [CustomRuleAction.challenge, .managedChallenge, .jsChallenge])
    func challengesTerminateUnlessSolved(action: CustomRuleAction) throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(customRules: [
                try rule("suspicious", "ip.src in {198.51.100.0/24}", action)
            ]))
        let expected: EdgeAction =
            switch action {
            case .challenge: .challenge
            case .managedChallenge: .managedChallenge
            default: .jsChallenge
            }
        let decisions = run(
            edge,
            [
                Step(
                    request("/a.css", at: 0, ip: "198.51.100.4"),
                    .blocked(by: "suspicious", status: 403, action: expected)),
                Step(
                    request("/a.css", at: 1, ip: "198.51.100.4", solved: true),
                    Expect(
                        action: .allow, rule: "suspicious", status: 200, cache: .miss, origin: true, phase: .customRules
                    )),
                Step(
                    request("/a.css", at: 2, ip: "198.51.100.4", solved: true),
                    Expect(action: .allow, rule: "suspicious", cache: .hit)),
            ])
        #expect(!decisions[0].solvedChallenge)
        #expect(decisions[1].solvedChallenge)
    }

    @Test func disabledRulesAreIgnored() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(customRules: [try rule("off", "true", .block, enabled: false)]))
        run(edge, [Step(request("/", at: 0), .allow(.dynamic))])
    }

    @Test func rulesSeeTheNormalisedPathAndRawFieldsTheOriginal() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(customRules: [
                try rule("raw-dots", #"raw.http.request.uri.path contains "..""#, .block, status: 400),
                try rule("admin", #"http.request.uri.path eq "/admin/panel""#, .block),
            ]))
        run(
            edge,
            [
                Step(request("/%61dmin//panel", at: 0), .blocked(by: "admin", status: 403)),
                Step(request("/admin\\panel", at: 1), .blocked(by: "admin", status: 403)),
                Step(request("/x/../admin/panel", at: 2), .blocked(by: "raw-dots", status: 400)),
                Step(request("/admin/panel2", at: 3), .allow(.dynamic)),
            ])
    }

    @Test func tracingExplainsEachPhase() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(
                customRules: [
                    try rule("bots", #"http.user_agent contains "bot""#, .block),
                    try rule("watch", #"http.request.uri.path eq "/a.css""#, .log),
                ],
                rateLimitRules: [try rateLimit("ip", requests: 10, period: 60, timeout: 0)],
                managedRules: ManagedRulesConfiguration(cloudflareManaged: true),
                cacheRules: [
                    try cacheRule(
                        "css", when: #"http.request.uri.path.extension eq "css""#, edgeTTL: .override(duration(60)))
                ]))
        let decision = edge.process(request("/a.css", at: 0, headers: agent("firefox")), tracing: true)
        let trace = try #require(decision.trace)
        #expect(trace.customRules.map(\.ruleID) == ["bots", "watch"])
        #expect(trace.customRules.map(\.matched) == [false, true])
        #expect(trace.customRules[0].explanation?.result == false)
        #expect(trace.customRules[0].explanation?.steps.first?.value == "\"firefox\"")
        #expect(trace.rateLimits.first?.counter?.rate == 1)
        #expect(trace.rateLimits.first?.counter?.key == "ip.src=203.0.113.7 cf.colo.id=SIN")
        #expect(trace.managedRules == .notSimulated)
        #expect(
            trace.cacheSettings.contains(AppliedSetting(name: "edge_ttl", value: "override_origin 1m", ruleID: "css")))
        #expect(trace.cache?.lookup == "no entry")
        #expect(trace.cache?.storage == "stored for 60 s")
        #expect(trace.cache?.eligibility == "eligible by cache rule")
        let text = trace.description
        #expect(text.contains("http_request_firewall_custom:"))
        #expect(text.contains("match    watch: log (continues)"))
        #expect(text.contains("http_request_firewall_managed: not_simulated"))
        #expect(edge.process(request("/a.css", at: 1)).trace == nil)
    }
}
