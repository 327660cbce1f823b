import EdgeCore
import EdgeSpec
import ManagedRules

/// The OWASP Core Rule Set rules the spec names (exceptions' `rules`, overrides' `rule` and `tag`), checked against
/// and resolved through the installed rule set's catalogue. EdgeSpec cannot read the rule files, so `check`,
/// `build` and every command that loads a spec run this after compiling it.
public struct ManagedRulesReferences {
    /// The rules of the installed Core Rule Set.
    let catalogue: CRSRuleCatalogue

    /// The references of `catalogue`.
    public init(catalogue: CRSRuleCatalogue) {
        self.catalogue = catalogue
    }

    /// Reports every reference in `spec` that names no rule of `installation` (by default the one the environment
    /// names, which the model loads) — E0951 for an id, E0952 for a tag, with a did-you-mean. When the rule set
    /// cannot be read, warns once (W0953) and checks nothing.
    public static func check(
        _ spec: ManagedRulesSpec?, installation: CRSInstallation = .fromEnvironment(), diagnostics: DiagnosticCollector
    ) {
        let references =
            (spec?.skip ?? []).flatMap { $0.rules ?? [] } + (spec?.owasp?.overrides ?? []).compactMap(\.reference)
        guard let first = references.first else { return }
        let catalogue: CRSRuleCatalogue
        do {
            catalogue = try ModSecurityEngines.catalogue(installation: installation)
        } catch {
            diagnostics.warning(
                "W0953", "the CRS ids and tags cannot be checked: \(error.reason) (\(error.file))", at: first.range,
                help: "install the OWASP Core Rule Set 3.3.4 (Debian package modsecurity-crs)")
            return
        }
        let resolver = ManagedRulesReferences(catalogue: catalogue)
        for reference in references { _ = resolver.ruleIDs(reference, diagnostics: diagnostics) }
    }

    /// The ids `reference` names; none (reported to `diagnostics` when given) when it names no installed rule.
    public func ruleIDs(_ reference: CRSRuleReference, diagnostics: DiagnosticCollector? = nil) -> [Int] {
        switch reference.target {
        case .id(let id):
            if catalogue.rule(id: id) != nil { return [id] }
            // CRS numbers rules by file (942xxx: SQL injection), so a suggestion comes from the same file.
            let family = catalogue.rules.map { String($0.id) }.filter { $0.prefix(3) == String(id).prefix(3) }
            let suggestion = bestSuggestion(for: String(id), among: family)
            diagnostics?.error(
                "E0951", "\(id) is not a rule of the OWASP Core Rule Set \(CRSInstallation.version)",
                at: reference.range, fixIt: suggestion.map { FixIt(replace: reference.range, with: $0) },
                help: suggestion.map { "did you mean \($0)?" }
                    ?? "the ids are those of the REQUEST-9xx rules in \(catalogue.files.first ?? "the rules directory")"
            )
            return []
        case .tag(let tag):
            let ids = catalogue.ruleIDs(taggedWith: tag)
            if !ids.isEmpty { return ids }
            let tags = Set(catalogue.rules.flatMap(\.tags)).sorted()
            let suggestion = bestSuggestion(for: tag, among: tags)
            diagnostics?.error(
                "E0952", "no rule of the OWASP Core Rule Set \(CRSInstallation.version) is tagged '\(tag)'",
                at: reference.range, fixIt: suggestion.map { FixIt(replace: reference.range, with: "\"\($0)\"") },
                help: suggestion.map { "did you mean '\($0)'?" }
                    ?? "tags look like attack-sqli, attack-xss, paranoia-level/2 or OWASP_CRS")
            return []
        }
    }
}
