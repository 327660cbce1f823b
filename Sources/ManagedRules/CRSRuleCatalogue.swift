import Foundation

/// The rules of an OWASP Core Rule Set installation, read from its `REQUEST-*.conf` files: each rule's id, phase,
/// paranoia level, score and tags. The engine runs the rules; the catalogue answers questions about them (which
/// level a matched id belongs to, which ids a tag names, which rules read only the body).
public struct CRSRuleCatalogue: Sendable {
    /// The rules in load order.
    public let rules: [CRSRule]
    /// The request rule files in load order (absolute paths).
    public let files: [String]
    private let indexByID: [Int: Int]

    /// Reads the request rules of `installation`; throws a located error when a file cannot be read.
    public init(installation: CRSInstallation) throws(ManagedRulesLoadError) {
        let directory = installation.rulesDirectory
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ManagedRulesLoadError(file: directory, reason: "the rules directory cannot be read")
        }
        let files = names.filter { $0.hasPrefix("REQUEST-") && $0.hasSuffix(".conf") }.sorted()
            .map { directory + "/" + $0 }
        guard !files.isEmpty else {
            throw ManagedRulesLoadError(file: directory, reason: "the directory holds no REQUEST-*.conf rule files")
        }
        var rules: [CRSRule] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file), let text = String(bytes: data, encoding: .utf8)
            else { throw ManagedRulesLoadError(file: file, reason: "the file cannot be read as UTF-8 text") }
            rules += Self.rules(in: SecLangReader.directives(in: text, file: file))
        }
        self.init(rules: rules, files: files)
    }

    /// A catalogue of `rules` read from `files`.
    public init(rules: [CRSRule], files: [String]) {
        self.rules = rules
        self.files = files
        var index: [Int: Int] = [:]
        for (position, rule) in rules.enumerated() where index[rule.id] == nil { index[rule.id] = position }
        indexByID = index
    }

    /// The rule with `id`.
    public func rule(id: Int) -> CRSRule? {
        indexByID[id].map { rules[$0] }
    }

    /// The ids of the rules tagged `tag` (compared without case).
    public func ruleIDs(taggedWith tag: String) -> [Int] {
        let wanted = tag.lowercased()
        return rules.filter { $0.tags.contains { $0.lowercased() == wanted } }.map(\.id)
    }

    /// The ids of rules at or below `paranoiaLevel` that add to the anomaly score and read only the request body.
    public func bodyOnlyRuleIDs(atParanoiaLevel paranoiaLevel: Int) -> [Int] {
        rules.filter { $0.score > 0 && $0.paranoiaLevel <= paranoiaLevel && $0.readsOnlyBody }.map(\.id)
    }

    /// The rules `directives` declare: each `SecRule` or `SecAction` with an id, with the rules chained to it.
    public static func rules(in directives: [SecLangDirective]) -> [CRSRule] {
        var rules: [CRSRule] = []
        var chainOpen = false
        for directive in directives where directive.name == "SecRule" || directive.name == "SecAction" {
            let actions = SecLangAction.parse(directive.arguments.last ?? "")
            if chainOpen, var head = rules.popLast() {
                head.directives.append(directive)
                absorb(actions, into: &head)
                rules.append(head)
            } else if let id = actions.first(where: { $0.name == "id" })?.value.flatMap({ Int($0) }) {
                var rule = CRSRule(
                    id: id, file: directive.file, line: directive.line,
                    phase: actions.first { $0.name == "phase" }?.value.flatMap { Int($0) } ?? 2, tags: [],
                    paranoiaLevel: 1, score: 0, directives: [directive])
                absorb(actions, into: &rule)
                rules.append(rule)
            }
            chainOpen = actions.contains { $0.name == "chain" }
        }
        return rules
    }

    /// Takes the tags, level and score from one directive's actions.
    private static func absorb(_ actions: [SecLangAction], into rule: inout CRSRule) {
        for action in actions {
            switch action.name {
            case "tag":
                guard let tag = action.value else { continue }
                rule.tags.append(tag)
                if tag.hasPrefix("paranoia-level/"), let level = Int(tag.dropFirst("paranoia-level/".count)) {
                    rule.paranoiaLevel = level
                }
            case "setvar":
                guard let value = action.value, let scored = scoredLevel(value) else { continue }
                rule.paranoiaLevel = scored.level
                rule.score = scored.score
            default: continue
            }
        }
    }

    /// The level and points of `tx.anomaly_score_plN=+%{tx.critical_anomaly_score}` (inbound only).
    static func scoredLevel(_ setvar: String) -> (level: Int, score: Int)? {
        let lower = setvar.lowercased()
        let prefix = "tx.anomaly_score_pl"
        guard lower.hasPrefix(prefix), let equals = lower.firstIndex(of: "=") else { return nil }
        guard let level = Int(lower[lower.index(lower.startIndex, offsetBy: prefix.count)..<equals]) else {
            return nil
        }
        let amount = lower[lower.index(after: equals)...]
        let points: Int? =
            switch amount {
            case "+%{tx.critical_anomaly_score}": 5
            case "+%{tx.error_anomaly_score}": 4
            case "+%{tx.warning_anomaly_score}": 3
            case "+%{tx.notice_anomaly_score}": 2
            default: Int(amount.dropFirst())
            }
        return points.map { (level, $0) }
    }
}
