/// Why a configuration cannot run: every problem found, each naming the rule or setting at fault.
public struct EdgeConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One sentence per problem, e.g. "rate limit `api-per-ip`: period must be longer than 0 ms".
    public let problems: [String]

    /// The problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}

extension EdgeConfiguration {
    /// Every value the model cannot run on (a non-positive period, a status outside 100–599, …); empty when the
    /// configuration is sound.
    public func problems() -> [String] {
        var problems: [String] = []
        func status(_ code: Int, _ owner: String) {
            if !(100...599).contains(code) {
                problems.append("\(owner): status \(code) is not an HTTP status (100–599)")
            }
        }
        for rule in customRules { status(rule.blockStatus, "custom rule `\(rule.id)`") }
        for rule in rateLimitRules {
            let owner = "rate limit `\(rule.id)`"
            status(rule.blockStatus, owner)
            if rule.requests < 0 { problems.append("\(owner): requests must not be negative") }
            if rule.period.milliseconds <= 0 { problems.append("\(owner): period must be longer than 0 ms") }
            if rule.mitigationTimeout.milliseconds < 0 {
                problems.append("\(owner): mitigation timeout must not be negative")
            }
            if rule.counterLag.milliseconds < 0 { problems.append("\(owner): counter lag must not be negative") }
            if let burst = rule.burst, burst < 1 { problems.append("\(owner): burst must be at least 1") }
        }
        for rule in cacheRules {
            let owner = "cache rule `\(rule.id)`"
            if let ttl = rule.edgeTTL {
                if let value = ttl.defaultTTL, value.milliseconds < 0 {
                    problems.append("\(owner): edge TTL must not be negative")
                }
                for entry in ttl.statusCodeTTLs {
                    if entry.codes.lowerBound < 100 || entry.codes.upperBound > 599 {
                        problems.append("\(owner): status codes \(entry.codes) are outside 100–599")
                    }
                    if case .ttl(let value) = entry.value, value.milliseconds < 0 {
                        problems.append("\(owner): status-code TTL must not be negative")
                    }
                }
            }
            if let ttl = rule.browserTTL?.ttl, ttl.milliseconds < 0 {
                problems.append("\(owner): browser TTL must not be negative")
            }
        }
        func response(_ answer: OriginResponse, _ owner: String) {
            status(answer.status, owner)
            if answer.latency.milliseconds < 0 { problems.append("\(owner): latency must not be negative") }
            if answer.size < 0 { problems.append("\(owner): size must not be negative") }
        }
        response(origin.defaultResponse, "origin default")
        for route in origin.routes { response(route.response, "origin route `\(route.pathPattern)`") }
        for outage in origin.outages {
            if outage.untilMilliseconds < outage.fromMilliseconds {
                problems.append("origin outage: `until` is before `from`")
            }
            if case .status(let code) = outage.effect { status(code, "origin outage") }
        }
        if cacheCapacityBytesPerColo <= 0 { problems.append("cache capacity must be more than 0 bytes") }
        return problems
    }
}
