import EdgeCore
import EdgeWire

/// Checks that span fields or sections: unique rule ids, list items against their kind, references between
/// sections, and action/parameter combinations.
struct SpecSemantics {
    let spec: Spec
    let diagnostics: DiagnosticCollector

    func run() {
        checkUniqueIDs()
        checkLists()
        checkCustomRules()
        checkRateLimits()
        checkCacheRules()
        checkManagedRules()
        checkExpectations()
        checkProfiles()
        checkOutages()
        checkThresholdsKey()
        checkServiceCosts()
        if let fly = spec.fly { FlyChecks(fly: fly, diagnostics: diagnostics).run() }
        if let vault = spec.vault { VaultChecks(vault: vault, diagnostics: diagnostics).run() }
        if let redis = spec.redis { RedisChecks(redis: redis, diagnostics: diagnostics).run() }
    }

    /// Each `costs.services` entry is priced one way: a catalogue plan or a monthly price.
    private func checkServiceCosts() {
        for service in spec.costs?.services ?? [] where (service.plan == nil) == (service.monthly == nil) {
            diagnostics.error(
                "E0961",
                service.plan == nil
                    ? "service '\(service.name)' has no price"
                    : "service '\(service.name)' has both a plan and a price",
                at: service.ranges.whole,
                help: "give either plan (a catalogue plan such as neon.plan.launch) or monthly (USD a month)")
        }
    }

    /// `fail_on` is the former name of `thresholds` (k6's word): accepted with a warning, never beside `thresholds`.
    private func checkThresholdsKey() {
        guard let failOn = spec.ranges.keys["fail_on"] else { return }
        if let thresholds = spec.ranges.keys["thresholds"] {
            diagnostics.error(
                "E0111", "both `thresholds` and `fail_on` are written; `fail_on` is the former name of `thresholds`",
                at: failOn, notes: [DiagnosticNote("`thresholds` is written here", at: thresholds)],
                help: "move the conditions of `fail_on` into `thresholds` and remove `fail_on`")
            return
        }
        diagnostics.warning(
            "W0121", "`fail_on` is now called `thresholds` (k6's name; the conditions must hold, as before)",
            at: failOn, fixIt: FixIt(replace: failOn, with: "thresholds"),
            help: "rename the key to `thresholds`; `fail_on` will stop being accepted in the next release")
    }

    /// Each origin outage ends no earlier than it starts (the edge model refuses a reversed window).
    private func checkOutages() {
        for outage in spec.origin?.outages ?? [] {
            guard let from = OriginOutageSpec.instant(outage.from), let until = OriginOutageSpec.instant(outage.until),
                until < from
            else { continue }
            diagnostics.error(
                "E0111", "the outage ends (\(outage.until)) before it starts (\(outage.from))",
                at: outage.ranges.value("until"),
                help: "`until` is the exclusive end of the window; make it later than `from`")
        }
    }

    /// Each profile sends traffic, over routes the spec declares (`synth` and `whatif --add-profile` spread a
    /// profile's requests over `hosts[].routes`).
    private func checkProfiles() {
        for (name, profile) in spec.profiles {
            ProfileChecks.check(profile, diagnostics: diagnostics)
            if !spec.hosts.contains(where: { !$0.routes.isEmpty }) {
                diagnostics.error(
                    "E0111", "profile '\(name.text)' has no routes to send requests to: no host lists `routes`",
                    at: name.range,
                    help: "add `routes:` (paths such as /v1/items) to an entry of `hosts`")
            }
        }
    }

    /// Every rule id is unique across WAF, rate-limit and cache rules (ids map recorded logs back to rules).
    private func checkUniqueIDs() {
        var seen: [String: LocatedText] = [:]
        let ids =
            spec.waf.map(\.id) + spec.rateLimits.map(\.id) + spec.cache.map(\.id)
            + (spec.managedRules?.skip ?? []).map(\.id)
        for id in ids {
            if let earlier = seen[id.text] {
                diagnostics.error(
                    "E0108", "duplicate rule id '\(id.text)'", at: id.range,
                    notes: [DiagnosticNote("'\(id.text)' is first used here", at: earlier.range)],
                    help: "rule ids must be unique across waf, rate_limits and cache")
            } else {
                seen[id.text] = id
            }
        }
    }

    private func checkLists() {
        for (name, list) in spec.lists {
            if list.items.isEmpty {
                diagnostics.warning("W0111", "list '$\(name.text)' is empty", at: list.ranges.value("items"))
            }
            for item in list.items {
                let problem: (message: String, help: String?)?
                switch list.kind {
                case .ip: problem = TextValidators.ipOrCIDR(item.text)
                case .asn:
                    problem =
                        UInt32(item.text) == nil || ScalarKind(item.node) != .integer
                        ? (
                            "'\(item.text)' is not an AS number",
                            "write the number without quotes or the AS prefix, e.g. 13335"
                        ) : nil
                case .country: problem = TextValidators.countryCode(item.text)
                case .string:
                    problem =
                        ScalarKind(item.node) == .string
                        ? nil : ("list items of kind string must be strings", "quote it: \"\(item.text)\"")
                }
                if let problem { diagnostics.error("E0204", problem.message, at: item.range, help: problem.help) }
            }
            if list.managed, list.kind == .string || list.kind == .country {
                diagnostics.error(
                    "E0112", "only ip and asn lists can be managed Cloudflare lists", at: list.ranges.value("managed"),
                    help: "remove 'managed: true'; string lists are inlined into expressions")
            }
        }
    }

    private func checkCustomRules() {
        for rule in spec.waf {
            if rule.action == .skip, rule.skip == nil {
                diagnostics.error(
                    "E0111", "action 'skip' needs a 'skip' mapping saying what to skip",
                    at: rule.ranges.value("action"),
                    help: "add skip: { rest: true } or skip: { phases: [http_ratelimit] }")
            }
            if rule.skip != nil, rule.action != .skip {
                diagnostics.error(
                    "E0111", "'skip' only applies to rules whose action is skip", at: rule.ranges.key("skip"))
            }
            if rule.response != nil, rule.action != .block {
                diagnostics.error(
                    "E0111", "a custom response only applies to block actions", at: rule.ranges.key("response"))
            }
        }
    }

    /// Exceptions list OWASP rules only with `ruleset: owasp`; an override names one rule or one tag and changes
    /// something.
    private func checkManagedRules() {
        for skip in spec.managedRules?.skip ?? [] {
            if skip.rules != nil, skip.ruleset != .owasp {
                diagnostics.error(
                    "E0111",
                    "'rules' lists OWASP Core Rule Set rules, but the exception skips ruleset '\(skip.ruleset)'",
                    at: skip.ranges.key("rules"), help: "add 'ruleset: owasp', or remove 'rules' to skip the ruleset")
            }
            if skip.cloudflareIDs != nil, skip.ruleset != .owasp {
                diagnostics.error(
                    "E0111",
                    "'cloudflare_ids' lists rules of the OWASP ruleset, but the exception skips ruleset "
                        + "'\(skip.ruleset)'",
                    at: skip.ranges.key("cloudflare_ids"), help: "add 'ruleset: owasp', or remove 'cloudflare_ids'")
            }
        }
        for override in spec.managedRules?.owasp?.overrides ?? [] {
            if override.rule != nil, override.tag != nil {
                diagnostics.error(
                    "E0111", "an override names either a rule or a tag, not both", at: override.ranges.key("tag"),
                    notes: [DiagnosticNote("the rule is named here", at: override.ranges.key("rule"))],
                    help: "write one override for the rule and one for the tag")
            } else if override.reference == nil, override.cloudflareID == nil {
                diagnostics.error(
                    "E0111", "an override names no rule", at: override.ranges.whole,
                    help: "add 'rule: <CRS id>' (e.g. 942100) or 'tag: <CRS tag>' (e.g. attack-sqli)")
            }
            if override.enabled == nil, override.action == nil {
                diagnostics.error(
                    "E0111", "the override changes nothing", at: override.ranges.whole,
                    help: "add 'enabled: false' to disable the rules, or 'action: log' to give them their own action")
            }
        }
    }

    private func checkRateLimits() {
        for rule in spec.rateLimits {
            if rule.burst != nil, rule.algorithm != .token_bucket {
                diagnostics.warning(
                    "W0113", "'burst' only affects the token_bucket algorithm", at: rule.ranges.key("burst"))
            }
            if rule.response != nil, rule.action != .block {
                diagnostics.error(
                    "E0111", "a custom response only applies to block actions", at: rule.ranges.key("response"))
            }
        }
    }

    private func checkCacheRules() {
        for rule in spec.cache where rule.mode == .bypass {
            for key in ["edge_ttl", "browser_ttl", "cache_key"] where rule.ranges.keys[key] != nil {
                diagnostics.warning(
                    "W0114", "'\(key)' has no effect on a rule that bypasses the cache", at: rule.ranges.key(key))
            }
        }
        for rule in spec.cache {
            if let query = rule.cacheKey?.queryString {
                let chosen = [query.include != nil, query.exclude != nil, query.ignore].filter { $0 }.count
                if chosen != 1 {
                    diagnostics.error(
                        "E0111", "query_string takes exactly one of include, exclude or ignore", at: query.ranges.whole)
                }
            }
            for status in rule.edgeTTL?.statusCodes ?? [] {
                let hasCode = status.code != nil, hasRange = status.from != nil || status.to != nil
                if hasCode == hasRange || (hasRange && (status.from == nil || status.to == nil)) {
                    diagnostics.error(
                        "E0111", "a status code TTL takes either 'code' or both 'from' and 'to'",
                        at: status.ranges.whole)
                } else if let from = status.from, let to = status.to, from > to {
                    diagnostics.error(
                        "E0106", "'from' (\(from)) is greater than 'to' (\(to))", at: status.ranges.value("from"))
                }
                if (status.ttl == nil) == (!status.noStore) {
                    diagnostics.error(
                        "E0111", "a status code TTL takes either 'ttl' or 'no_store: true'", at: status.ranges.whole)
                }
            }
        }
    }

    /// Expected rule ids name real rules (`owasp` names the OWASP Core Ruleset when it is deployed); an `owasp`
    /// expectation needs the ruleset deployed and something to check.
    private func checkExpectations() {
        let owaspDeployed = spec.managedRules?.owasp?.enabled ?? false
        let ids =
            spec.waf.map(\.id.text) + spec.rateLimits.map(\.id.text) + spec.cache.map(\.id.text)
            + (owaspDeployed ? [OWASPSpec.ruleID] : [])
        func checkOWASP(_ owasp: OWASPExpectSpec?, in ranges: NodeRanges) {
            guard let owasp else { return }
            if !owaspDeployed {
                diagnostics.error(
                    "E0111", "an 'owasp' expectation needs the OWASP Core Ruleset deployed", at: ranges.key("owasp"),
                    help: "set managed_rules.owasp.enabled: true, or remove 'owasp'")
            } else if owasp.rules.isEmpty && owasp.score == nil {
                diagnostics.error(
                    "E0103", "missing expected verdict: add 'rules' (CRS ids that must match) or 'score'",
                    at: owasp.ranges.whole)
            }
        }
        func checkRule(_ rule: LocatedText?, action: EdgeAction?) {
            if let rule, !ids.contains(rule.text) {
                let suggestion = bestSuggestion(for: rule.text, among: ids)
                diagnostics.error(
                    "E0109", "no rule has the id '\(rule.text)'", at: rule.range,
                    fixIt: suggestion.map { FixIt(replace: rule.range, with: $0) },
                    help: suggestion.map { "did you mean '\($0)'?" })
            }
            if action == .allow, let rule {
                diagnostics.error(
                    "E0111", "an allowed request has no deciding rule", at: rule.range, help: "remove 'rule'")
            }
        }
        for test in spec.expect {
            checkRule(test.rule, action: test.action)
            checkOWASP(test.owasp, in: test.ranges)
            for step in test.sequence {
                checkRule(step.rule, action: step.action)
                checkOWASP(step.owasp, in: step.ranges)
            }
            if (test.request == nil) == test.sequence.isEmpty {
                diagnostics.error("E0111", "an expect case has either 'request' or 'sequence'", at: test.ranges.whole)
            } else if test.request != nil, test.action == nil, test.cache == nil, test.status == nil,
                test.owasp == nil
            {
                diagnostics.error(
                    "E0103", "missing expected outcome: add 'action' (and 'rule'), 'cache', 'status' or 'owasp'",
                    at: test.ranges.whole)
            } else if !test.sequence.isEmpty,
                let key = ["action", "rule", "owasp"].first(where: { test.ranges.keys[$0] != nil })
            {
                diagnostics.error("E0111", "a sequence case states outcomes per step", at: test.ranges.key(key))
            }
        }
    }
}
