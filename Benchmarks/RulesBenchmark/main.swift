import EdgeCompiler
import EdgeCore
import EdgeSpec
import EdgeWire
import Foundation
import RulesLanguage

/// Measures Rules-language evaluation throughput: the example spec's WAF custom rules, compiled as `edgeproof build`
/// compiles them, run over one million varied requests (every rule in order until the first terminating match) on
/// one core; then the Business-plan variant whose bad-bot rule is a regex. Prints requests per second for both.

struct Rule {
    let id: String
    let compiled: CompiledExpression
    let terminating: Bool
}

/// The example spec's WAF custom rules, compiled the way `edgeproof build` compiles them. `rewrite` edits the spec
/// text first (the regex variant moves the zone to Business and writes rule 1 as one `matches`).
func exampleRules(rewrite: (String) -> String = { $0 }) -> [Rule] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    guard
        let text = try? String(
            contentsOf: root.appendingPathComponent("examples/agenticverz/edge.yaml"), encoding: .utf8)
    else {
        print("cannot read examples/agenticverz/edge.yaml")
        exit(2)
    }
    let diagnostics = DiagnosticCollector()
    guard let checked = SpecChecker.check(Array(rewrite(text).utf8), file: "edge.yaml", diagnostics: diagnostics),
        let edge = EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics)
    else {
        print("the example does not compile: \(diagnostics.diagnostics.map { "\($0.id) \($0.message)" })")
        exit(1)
    }
    return edge.customRules.filter(\.enabled).map {
        Rule(id: $0.id, compiled: $0.when.compiled, terminating: $0.action != .log && $0.action != .skip)
    }
}

/// The Business-plan variant: rule 1 as a case-insensitive regex alternation.
func regexVariant(_ spec: String) -> String {
    var lines = spec.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.contains("lower(http.user_agent) contains \"sqlmap\"") }) else {
        return spec
    }
    var end = start
    while end + 1 < lines.count, lines[end + 1].hasPrefix("      ") { end += 1 }
    lines.replaceSubrange(
        start...end,
        with: [
            #"      http.user_agent matches "(?i)(sqlmap|nikto|masscan|nmap|zgrab|dirbuster|gobuster|wpscan|nuclei)""#
        ])
    return lines.joined(separator: "\n").replacingOccurrences(of: "plan: pro", with: "plan: business")
}

extension SplitMix64 {
    /// A draw in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

func makeRequests(count: Int) -> [HTTPRequest] {
    let userAgents: [[UInt8]] = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
            + "Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "curl/8.5.0", "python-requests/2.32.3", "Go-http-client/2.0",
        "sqlmap/1.7.2#stable (https://sqlmap.org)", "Mozilla/5.0 (compatible; Nikto/2.5.0)", "",
    ].map { Array($0.utf8) }
    let uaWeights = [30, 25, 20, 10, 5, 4, 3, 1, 1, 1]
    let paths: [[UInt8]] = [
        "/", "/v1/incidents", "/v1/incidents/8812", "/guard/app.js", "/guard/styles.css", "/admin/settings",
        "/wp-login.php", "/.env", "/v1/keys", "/static/logo.png", "/healthz", "/v1/incidents/8812/../../admin",
    ].map { Array($0.utf8) }
    let queries: [[UInt8]] = [
        "", "", "", "page=2", "id=1%20union%20select%201", "q=<script>alert(1)</script>", "limit=50&sort=desc",
    ]
    .map { Array($0.utf8) }
    let countries: [[UInt8]] = ["SG", "US", "IN", "DE", "JP", "GB", "KP", "IR", "BR", "AU"].map { Array($0.utf8) }
    let hosts: [[UInt8]] = ["api.agenticverz.com", "console.agenticverz.com", "agenticverz.com"].map { Array($0.utf8) }
    let accept = HTTPHeader("Accept", "application/json")
    let language = HTTPHeader("Accept-Language", "en-US,en;q=0.9")
    var uaCumulative: [Int] = []
    var total = 0
    for weight in uaWeights { total += weight; uaCumulative.append(total) }
    var random = SplitMix64(state: 20_251_220)
    var requests: [HTTPRequest] = []
    requests.reserveCapacity(count)
    for index in 0..<count {
        var request = HTTPRequest()
        request.host = hosts[random.below(hosts.count)]
        request.path = paths[random.below(paths.count)]
        request.query = queries[random.below(queries.count)]
        let pick = random.below(total)
        let userAgent = userAgents[uaCumulative.firstIndex { pick < $0 } ?? 0]
        request.headers =
            userAgent.isEmpty
            ? [accept] : [HTTPHeader(name: Array("User-Agent".utf8), value: userAgent), accept, language]
        let address = UInt32(truncatingIfNeeded: random.next())
        request.ip =
            random.below(20) == 0
            ? IPAddress(v6High: 0x2001_0db8_0bad_0000 | UInt64(random.below(2)) << 16, low: random.next())
            : IPAddress(v4: address)
        request.country = countries[random.below(countries.count)]
        request.asn = Int64(random.below(70_000))
        request.timestampMilliseconds = 1_766_224_800_000 + Int64(index)
        requests.append(request)
    }
    return requests
}

func run(_ name: String, rules: [Rule], requests: [HTTPRequest]) {
    let context = RequestContext(HTTPRequest())
    var matches = [Int](repeating: 0, count: rules.count)
    var passed = 0
    // Warm up caches and buffers.
    for request in requests.prefix(10_000) {
        context.reset(to: request)
        for rule in rules where rule.compiled.evaluate(context) { _ = rule; break }
    }
    let expressions = rules.map(\.compiled)
    let terminating = rules.map(\.terminating)
    let clock = ContinuousClock()
    let start = clock.now
    for request in requests {
        context.reset(to: request)
        var terminated = false
        for index in expressions.indices where expressions[index].evaluate(context) {
            matches[index] += 1
            if terminating[index] {
                terminated = true
                break
            }
        }
        if !terminated { passed += 1 }
    }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(requests.count) / seconds
    print(
        "\(name): \(requests.count) requests in \(String(format: "%.3f", seconds)) s = \(Int(rate)) requests/s (one "
            + "core)"
    )
    for (index, rule) in rules.enumerated() { print("  \(rule.id): \(matches[index])") }
    print("  passed: \(passed)")
}

#if canImport(Glibc)
    import Glibc
#endif

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let requests = makeRequests(count: count)
run("example ruleset (substring rules, pro)", rules: exampleRules(), requests: requests)
run("example ruleset, regex variant (business)", rules: exampleRules(rewrite: regexVariant), requests: requests)
