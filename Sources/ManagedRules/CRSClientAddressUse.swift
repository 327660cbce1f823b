/// How the enabled rules use the client address, which decides what a memoised verdict is keyed on.
///
/// CRS 3.3.4 reads `REMOTE_ADDR` in two rules only (905100 and 905110, and 9005100 of the cPanel exclusions that
/// are off by default), each comparing it with `@ipMatch 127.0.0.1,::1`; so whether the client is one of those
/// addresses is all a verdict can depend on. The per-client `IP:` collection is kept across requests, but its
/// reads cannot change a verdict unless the setup file switches them on: the IP reputation (910) and DoS
/// protection (912) rules skip to their end without block lists, GeoIP or DoS thresholds, and the reputation flag
/// that scanner detection (913) writes is only read in a chain that also needs `tx.do_reput_block` = 1 (910000,
/// 949100), which CRS sets to 0 by default.
/// Anything else — another operator on `REMOTE_ADDR`, a network range, `REMOTE_HOST`, `GEO:`, a setup that switches
/// 910, 912 or `tx.do_reput_block` on — makes the whole address part of the key.
public enum CRSClientAddressUse: Sendable, Hashable {
    /// The rules compare the address only with these exact addresses: the key records which one, if any.
    case comparedWith(Set<String>)
    /// The rules may read the address in other ways: the key holds it whole, for the reason given.
    case whole(reason: String)

    /// Variables through which a rule reads the client or state kept per client.
    private static let clientVariables = ["REMOTE_ADDR", "REMOTE_HOST", "REMOTE_PORT", "IP:", "GEO:", "TX:REAL_IP"]

    /// Setup variables and directives that switch on the IP reputation or DoS protection rules.
    private static let activatingSetup = [
        "tx.high_risk_country_codes", "tx.block_search_ip", "tx.block_suspicious_ip", "tx.block_harvester_ip",
        "tx.block_spammer_ip", "tx.do_reput_block", "tx.dos_burst_time_slice", "tx.dos_counter_threshold",
        "tx.dos_block_timeout",
        "SecGeoLookupDB", "SecHttpBlKey",
    ]

    /// What the rules of `catalogue`, set up by `setup` (the directives of the setup file), read of the client.
    public static func analysing(_ catalogue: CRSRuleCatalogue, setup: [SecLangDirective]) -> CRSClientAddressUse {
        let activated = setup.first { directive in
            activatingSetup.contains { directive.name == $0 || directive.arguments.joined().contains($0) }
        }
        var addresses: Set<String> = []
        for rule in catalogue.rules {
            for directive in rule.directives where directive.name == "SecRule" {
                let variables = directive.arguments.first?.uppercased() ?? ""
                let read = clientVariables.filter { variables.contains($0) }
                guard !read.isEmpty else { continue }
                if read == ["REMOTE_ADDR"], let compared = exactAddresses(directive) {
                    addresses.formUnion(compared)
                } else if isReputationOrDoS(rule.id) || readsReputationSwitch(rule), activated == nil {
                    continue
                } else {
                    return .whole(reason: "rule \(rule.id) (\(directive.file):\(directive.line)) reads \(read[0])")
                }
            }
        }
        return .comparedWith(addresses)
    }

    /// Whether one of `rule`'s directives reads `tx.do_reput_block`, the switch that makes a reputation flag block.
    private static func readsReputationSwitch(_ rule: CRSRule) -> Bool {
        rule.variables.contains { $0.uppercased().contains("TX:DO_REPUT_BLOCK") }
    }

    /// The addresses of `@ipMatch a,b` when the directive reads only `REMOTE_ADDR` and names single addresses.
    private static func exactAddresses(_ directive: SecLangDirective) -> [String]? {
        guard directive.arguments.count >= 2, directive.arguments[0].uppercased() == "REMOTE_ADDR" else { return nil }
        let operation = directive.arguments[1]
        guard operation.hasPrefix("@ipMatch ") else { return nil }
        let list = operation.dropFirst("@ipMatch ".count).split(separator: ",").map { $0.trimmingBlanks() }
        guard !list.isEmpty, list.allSatisfy({ !$0.contains("/") && !$0.isEmpty }) else { return nil }
        return list
    }

    /// Whether `id` belongs to the IP reputation (910) or DoS protection (912) rules.
    private static func isReputationOrDoS(_ id: Int) -> Bool {
        (910_000..<911_000).contains(id) || (912_000..<913_000).contains(id)
    }

    /// What a memo key keeps of `clientIP`: the address itself when the rules compare with it (or read it whole),
    /// nil when every client address gets the same verdict.
    func keyPart(_ clientIP: String) -> String? {
        switch self {
        case let .comparedWith(addresses): addresses.contains(clientIP) ? clientIP : nil
        case .whole: clientIP
        }
    }
}
