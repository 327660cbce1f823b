import EdgeWire

/// Native JSONL traces that exercise what could tell a replay split by colo from one replay of everything (threads,
/// shards): with the example spec, `examples/agenticverz/edge.yaml`, they rate-limit, disagree with recorded outcomes
/// and have late records.
public enum MessyTrace {
    /// A trace over 24 colos with skewed traffic (and records without a colo), whose colos' clocks drift apart by
    /// minutes, with local shuffling, records minutes late, records without a timestamp, malformed lines, and
    /// clients that storm the API from a few addresses (rate limiting).
    public static func text(records: Int, seed: UInt64) -> String {
        var random = SplitMix64(state: seed)
        func next(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        let start: Int64 = 1_766_188_800_000
        var clocks = (0..<24).map { start + Int64($0) * 45_000 }
        let paths = ["/v1/incidents", "/api/guard/status", "/guard/assets/app.js", "/guard/logo.png", "/", "/health"]
        var lines: [String] = []
        for index in 0..<records {
            let colo = min(next(24), next(24), next(24))
            clocks[colo] += Int64(next(30))
            var time = clocks[colo]
            switch next(50) {
            case 0: time -= 180_000 + Int64(next(60_000))  // late
            case 1...10: time -= Int64(next(5_000))  // out of order within the window
            default: break
            }
            let storm = next(5) < 2
            let ip = storm ? "88.99.12.\(next(2))" : "100.\(64 + next(8)).\(next(256)).\(next(256))"
            let path = storm ? "/v1/incidents" : paths[next(paths.count)]
            var fields = [
                #""ip":"\#(ip)""#, #""host":"api.agenticverz.com""#, #""path":"\#(path)""#,
                #""ua":"agent-\#(next(5))""#, #""query":"page=\#(next(40))""#,
            ]
            if next(100) != 0 { fields.append(#""ts":\#(time)"#) }
            if colo != 0 { fields.append(#""colo":"C\#(colo)""#) }
            if index % 7 == 0 { fields.append(#""edge":{"action":"allow","cache":"MISS"}"#) }
            lines.append("{" + fields.joined(separator: ",") + "}")
            if next(400) == 0 { lines.append(#"{"ts": 12, "path": "#) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
