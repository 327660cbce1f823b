import EdgeCore
import EdgeSpec
import EdgeWire
import RulesLanguage

/// Compiles the spec's `when` expressions with the zone's plan, each phase's field rules and the spec's lists,
/// reporting Rules-language diagnostics at their exact position inside the YAML file.
struct RuleCompiler {
    let spec: Spec
    let source: SourceFile
    let diagnostics: DiagnosticCollector
    let lists: [String: NamedList]
    let managedLists: Set<String>

    init(spec: Spec, source: SourceFile, diagnostics: DiagnosticCollector) {
        self.spec = spec
        self.source = source
        self.diagnostics = diagnostics
        var lists: [String: NamedList] = [:]
        for (name, list) in spec.lists {
            switch list.kind {
            case .ip: lists[name.text] = .ips(list.items.compactMap { IPRange.parse($0.text) })
            case .asn: lists[name.text] = .asns(list.items.compactMap { Int64($0.text) })
            case .country, .string: lists[name.text] = .strings(list.items.map { Array($0.text.utf8) })
            }
        }
        self.lists = lists
        managedLists = Set(spec.lists.filter { $0.value.managed }.map(\.key.text))
    }

    /// Compiles one expression for `context`; nil after reporting when it does not compile.
    func compile(_ text: LocatedText, context: RuleContext) -> CompiledRuleExpression? {
        let source = self.source
        let options = ParseOptions(
            plan: spec.zone.plan, context: context, lists: lists,
            locate: { bytes in text.sourceRange(ofValueBytes: bytes, in: source) })
        let (expression, found) = RulesParser.parse(text.text, options: options)
        for diagnostic in found { diagnostics.report(diagnostic) }
        guard let expression, !found.contains(where: { $0.severity == .error }) else { return nil }
        return CompiledRuleExpression(
            expression: expression, compiled: CompiledExpression(expression),
            deployed: expression.deployable(keepingLists: managedLists))
    }

    func customRules() -> [CompiledCustomRule] {
        spec.waf.compactMap { rule in
            compile(rule.when, context: .custom).map {
                CompiledCustomRule(
                    id: rule.id.text, description: rule.description, when: $0, action: rule.action,
                    enabled: rule.enabled, response: rule.response, skip: rule.skip)
            }
        }
    }

    func rateLimitRules() -> [CompiledRateLimitRule] {
        spec.rateLimits.compactMap { rule in
            let when = compile(rule.when, context: .rateLimit)
            let counting = rule.countingWhen.map { compile($0, context: .counting) }
            let characteristics = RateLimitCharacteristics(plan: spec.zone.plan, diagnostics: diagnostics).validate(
                rule.characteristics)
            guard let when, counting.map({ $0 != nil }) ?? true, let characteristics else { return nil }
            RateLimitListRestrictions(managedLists: managedLists, diagnostics: diagnostics).check(
                rule, when: when.expression, countingWhen: counting.flatMap { $0 }?.expression)
            return CompiledRateLimitRule(
                id: rule.id.text, description: rule.description, when: when,
                countingWhen: counting.flatMap { $0 }, counterKey: characteristics, spec: rule)
        }
    }

    func cacheRules() -> [CompiledCacheRule] {
        spec.cache.compactMap { rule in
            compile(rule.when, context: .cache).map { CompiledCacheRule(id: rule.id.text, when: $0, spec: rule) }
        }
    }

    func managedRulesScope() -> CompiledRuleExpression? {
        spec.managedRules?.when.flatMap { compile($0, context: .custom) }
    }

    func managedRulesSkips() -> [CompiledManagedRulesSkip] {
        (spec.managedRules?.skip ?? []).compactMap { skip in
            compile(skip.when, context: .custom).map {
                CompiledManagedRulesSkip(id: skip.id.text, when: $0, spec: skip)
            }
        }
    }
}
