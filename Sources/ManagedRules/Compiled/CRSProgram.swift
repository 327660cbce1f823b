import EdgeWire
import Foundation

/// The OWASP Core Rule Set compiled for the model's own evaluator: the same directives `ModSecurityEngine` loads
/// (engine settings, `crs-setup.conf`, the one-pass level settings, the `REQUEST-*.conf` files, the removed
/// rules), read with `SecLangReader`, turned into rules with their targets, transformations, operator and
/// actions, and laid out per request phase with the `SecMarker`s that `skipAfter` jumps to.
///
/// A rule whose variable, operator, transformation or `ctl` is not ported is kept, marked untranslated with the
/// reason: the evaluator hands a request to libmodsecurity when it would have to run such a rule.
struct CRSProgram: Sendable {
    /// One step of a phase.
    enum Step: Sendable {
        case rule(CompiledSecRule)
        case marker(String)
    }

    /// What a transaction needs to pass over a step without touching it: whether it is a marker and, for a rule,
    /// the outcome slot of its first link (-1 for a link without plain targets), that slot's request target list,
    /// and whether the link has other plain targets. Plain values, so reading them costs no reference counting.
    struct Pass: Sendable {
        /// Whether the step is a marker.
        let isMarker: Bool
        /// The first link's outcome slot, or -1.
        let slot: Int32
        /// The slot's bit (`bitOfSlot`).
        let bit: Int32
        /// The slot's request target list.
        let list: Int32
        /// Whether the slot has no other plain targets (`plainTargetsBySlot`).
        let othersEmpty: Bool
        /// The rule's number in `fixedRules`, or -1.
        let fixed: Int32
    }

    /// The steps of phase 1 (request headers) and phase 2 (request body).
    let phases: [[Step]]
    /// Per phase, a `Pass` per step.
    let passes: [[Pass]]
    /// The rules that are not translated, with why, in load order.
    let untranslated: [(id: Int, reason: String)]
    /// The links whose outcome on a value depends on the value alone, numbered by `CompiledSecLink.outcomeSlot`.
    let cacheableLinks: Int
    /// The first steps of phase 1 that leave the same state in every transaction, so that it is computed once
    /// (`CRSTransaction.Prelude`): the rules that only set the body processor (`CompiledSecRule.Dependence`) come
    /// first, in `0..<bodyProcessorRules`, then, up to `end`, markers and rules that read nothing of the request.
    let prelude: (bodyProcessorRules: Int, end: Int)
    /// Per outcome slot with plain targets: the number of its request target list, and its other plain targets
    /// (members `setvar` fills, counts), which change while the transaction runs.
    let plainTargetsBySlot: [(requestList: Int, others: [CRSPlainTarget])?]
    /// The distinct lists of request targets (request collections and the single variables the request fixes)
    /// among the links' plain targets (`CRSPlainTarget.superset` of their targets), each as the numbers of its
    /// targets in `requestTargets`: many CRS rules read the same list, so a transaction gathers the kept outcomes
    /// of each target's values once, ORs a list's from its targets, and can tell from them alone that a link does
    /// nothing, without building its values.
    let listTargets: [[Int]]
    /// The distinct request targets of the lists.
    let requestTargets: [CRSPlainTarget]
    /// Per outcome slot, its bit in the rows of slot bits (`CRSValueOutcomes.open`, the rows a transaction
    /// gathers): the slots of one request target list have neighbouring bits, so that gathering a list reads only
    /// the words of its own slots.
    let bitOfSlot: [Int]
    /// Per request target list, the words of a row that hold its slots' bits; per request target, those of the
    /// lists it is in.
    let listWords: [Range<Int>]
    let targetWords: [Range<Int>]
    /// Per outcome slot, whether its other plain targets are all named members of collections `setvar` fills that
    /// no rule after the prelude writes: their values are the prelude's in every transaction.
    let othersFixedAfterPrelude: [Bool]
    /// The rules after the prelude whose links all read such fixed members alone, without `capture`: what they
    /// match is the same in every transaction, so it is found once (`CRSTransaction.Prelude`) and replayed.
    let fixedRules: [CompiledSecRule]
    /// The name patterns rules select `TX` members by (`TX:/^header_name_/`).
    let transactionNamePatterns: [SecLangRegex]

    /// Compiles `sources` (text and where it comes from) without the rules `removedRuleIDs` names.
    init(sources: [(text: String, file: String)], dataDirectory: String, removedRuleIDs: Set<Int>) {
        var phases: [[Step]] = [[], []]
        var untranslated: [(id: Int, reason: String)] = []
        var lists: [[SecLangTransformation]: Int] = [:]
        var slots = 0
        var pending: [(directive: SecLangDirective, actions: [SecLangAction])] = []
        var removed = removedRuleIDs
        let directives = sources.flatMap { SecLangReader.directives(in: $0.text, file: $0.file) }
        for directive in directives where directive.name == "SecRuleRemoveById" {
            for argument in directive.arguments { if let id = Int(argument) { removed.insert(id) } }
        }
        for directive in directives {
            switch directive.name {
            case "SecMarker":
                let name = directive.arguments.first ?? ""
                phases[0].append(.marker(name))
                phases[1].append(.marker(name))
            case "SecRule", "SecAction":
                let actions = SecLangAction.parse(directive.arguments.last ?? "")
                pending.append((directive, actions))
                guard !actions.contains(where: { $0.name == "chain" }) else { continue }
                let chain = pending
                pending = []
                let head = chain[0].actions
                let id = head.first { $0.name == "id" }?.value.flatMap { Int($0) } ?? 0
                guard !removed.contains(id) else { continue }
                let phase = head.first { $0.name == "phase" }?.value.flatMap { Self.phase($0) } ?? 2
                guard phase == 1 || phase == 2 else { continue }
                let rule = CompiledSecRule(
                    id: id, chain: chain, dataDirectory: dataDirectory,
                    transformationKey: { list in
                        if let key = lists[list] { return key }
                        lists[list] = lists.count
                        return lists.count - 1
                    },
                    outcomeSlot: {
                        slots += 1
                        return slots - 1
                    })
                if let reason = rule.untranslatedReason { untranslated.append((id, reason)) }
                phases[phase - 1].append(.rule(rule))
            default: continue
            }
        }
        self.phases = phases
        self.untranslated = untranslated
        let bodyProcessorRules =
            phases[0].firstIndex { step in
                guard case let .rule(rule) = step else { return true }
                return rule.dependence != .bodyProcessorOnly
            } ?? phases[0].count
        let end =
            phases[0][bodyProcessorRules...].firstIndex { step in
                guard case let .rule(rule) = step else { return false }
                return rule.dependence != .none
            } ?? phases[0].count
        prelude = (bodyProcessorRules, end)
        cacheableLinks = slots
        var requestLists: [[CRSPlainTarget]: Int] = [:]
        var bySlot = [(requestList: Int, others: [CRSPlainTarget])?](repeating: nil, count: slots)
        for case let .rule(rule) in phases.joined() {
            for link in rule.links {
                guard let slot = link.outcomeSlot, let plain = link.targets.flatMap(CRSPlainTarget.superset) else {
                    continue
                }
                let request = plain.filter { !$0.counted && !$0.variable.isSetByRules }
                let others = plain.filter { $0.counted || $0.variable.isSetByRules }
                let list = requestLists[request] ?? requestLists.count
                requestLists[request] = list
                bySlot[slot] = (list, others)
            }
        }
        let targetLists = requestLists.sorted { $0.value < $1.value }.map(\.key)
        plainTargetsBySlot = bySlot
        var targetNumbers: [CRSPlainTarget: Int] = [:]
        var targets: [CRSPlainTarget] = []
        listTargets = targetLists.map { list in
            list.map { target in
                if let number = targetNumbers[target] { return number }
                targetNumbers[target] = targets.count
                targets.append(target)
                return targets.count - 1
            }
        }
        requestTargets = targets
        let bitOrder = (0..<slots).sorted { first, second in
            let lists = (bySlot[first]?.requestList ?? Int.max, bySlot[second]?.requestList ?? Int.max)
            return lists.0 != lists.1 ? lists.0 < lists.1 : first < second
        }
        var bits = [Int](repeating: 0, count: slots)
        for (bit, slot) in bitOrder.enumerated() { bits[slot] = bit }
        bitOfSlot = bits
        func covering(_ words: Range<Int>, _ other: Range<Int>) -> Range<Int> {
            if words.isEmpty { return other }
            if other.isEmpty { return words }
            return min(words.lowerBound, other.lowerBound)..<max(words.upperBound, other.upperBound)
        }
        var wordsOfLists = [Range<Int>](repeating: 0..<0, count: targetLists.count)
        for slot in 0..<slots {
            guard let list = bySlot[slot]?.requestList else { continue }
            wordsOfLists[list] = covering(wordsOfLists[list], bits[slot] >> 6..<(bits[slot] >> 6) + 1)
        }
        listWords = wordsOfLists
        var wordsOfTargets = [Range<Int>](repeating: 0..<0, count: targets.count)
        for (list, numbers) in listTargets.enumerated() {
            for target in numbers { wordsOfTargets[target] = covering(wordsOfTargets[target], wordsOfLists[list]) }
        }
        targetWords = wordsOfTargets
        let written = Self.membersWritten(by: Array(phases[0][end...]) + phases[1])
        let fixedOthers = bySlot.map { plain in
            guard let others = plain?.others, !others.isEmpty else { return false }
            return others.allSatisfy { target in
                guard target.variable.isSetByRules, let key = target.key?.bytes else { return false }
                return !written.contains { member in
                    member.variable == target.variable
                        && (member.whole ? key == member.prefix : key.starts(with: member.prefix))
                }
            }
        }
        othersFixedAfterPrelude = fixedOthers
        var fixedRules: [CompiledSecRule] = []
        passes = phases.enumerated().map { phase, steps in
            steps.enumerated().map { index, step in
                guard case let .rule(rule) = step else {
                    return Pass(isMarker: true, slot: -1, bit: -1, list: -1, othersEmpty: false, fixed: -1)
                }
                var fixed: Int32 = -1
                let afterPrelude = phase > 0 || index >= end
                if afterPrelude,
                    Self.isFixed(rule, plainTargetsBySlot: bySlot, requestLists: targetLists, fixed: fixedOthers)
                {
                    fixed = Int32(fixedRules.count)
                    fixedRules.append(rule)
                }
                guard let slot = rule.links[0].outcomeSlot, let plain = bySlot[slot] else {
                    return Pass(isMarker: false, slot: -1, bit: -1, list: -1, othersEmpty: false, fixed: fixed)
                }
                return Pass(
                    isMarker: false, slot: Int32(slot), bit: Int32(bits[slot]), list: Int32(plain.requestList),
                    othersEmpty: plain.others.isEmpty, fixed: fixed)
            }
        }
        self.fixedRules = fixedRules
        var patterns: [ObjectIdentifier: SecLangRegex] = [:]
        for case let .rule(rule) in phases.joined() {
            for link in rule.links {
                for target in link.targets ?? [] where target.variable == .tx {
                    if case let .pattern(regex) = target.selector { patterns[ObjectIdentifier(regex)] = regex }
                }
            }
        }
        transactionNamePatterns = Array(patterns.values)
    }

    /// Whether every link of `rule` reads only members fixed after the prelude (`othersFixedAfterPrelude`, no
    /// request target), through an operator whose outcome depends on the value alone, without `capture`.
    private static func isFixed(
        _ rule: CompiledSecRule, plainTargetsBySlot: [(requestList: Int, others: [CRSPlainTarget])?],
        requestLists: [[CRSPlainTarget]], fixed: [Bool]
    ) -> Bool {
        rule.untranslatedReason == nil
            && rule.links.allSatisfy { link in
                guard !link.capture, let slot = link.outcomeSlot, let plain = plainTargetsBySlot[slot] else {
                    return false
                }
                return fixed[slot] && requestLists[plain.requestList].isEmpty
            }
    }

    /// The members `steps` may write, by collection: whole names (`setvar:tx.x=1`, a capture's `TX:0`…`TX:9`) and,
    /// for names with a macro, the literal prefix every such name starts with.
    private static func membersWritten(by steps: [Step]) -> [(variable: CRSVariable, prefix: [UInt8], whole: Bool)] {
        var written: [(variable: CRSVariable, prefix: [UInt8], whole: Bool)] = []
        for case let .rule(rule) in steps {
            for link in rule.links {
                for setVariable in link.setVariables {
                    guard let variable = setVariable.variable else { continue }
                    if let name = setVariable.constantName {
                        written.append((variable, name.bytes, true))
                    } else {
                        written.append((variable, setVariable.name.literalPrefix.map(ASCII.lowercased), false))
                    }
                }
                if link.capture {
                    for group in 0..<10 { written.append((.tx, Array(String(group).utf8), true)) }
                }
            }
        }
        return written
    }

    private static func phase(_ text: String) -> Int? {
        switch text.lowercased() {
        case "request": 2
        case "response": 4
        case "logging": 5
        default: Int(text)
        }
    }
}

/// One rule (a `SecRule` with its chained rules, or a `SecAction`) compiled; a class, so that a transaction
/// stepping through the program does not copy it.
final class CompiledSecRule: Sendable {
    /// The rule id (0 for none).
    let id: Int
    /// The rule first, then each rule chained to it.
    let links: [CompiledSecLink]
    /// Whether a full match is logged (the rule has no `nolog`), which is what puts its id in a verdict.
    let logs: Bool
    /// The marker `skipAfter` jumps to after a full match.
    let skipAfter: String?
    /// The tags, for `ctl:ruleRemoveByTag`.
    let tags: [String]
    /// `msg`, for `%{rule.msg}`.
    let message: [UInt8]
    /// Why the rule is not translated, nil when it is.
    let untranslatedReason: String?
    /// How what a rule does depends on the request and on the rules before it.
    enum Dependence: Sendable {
        /// It reads nothing of the request, nor what earlier matches left (`MATCHED_VAR`, …).
        case none
        /// It reads the request, but only sets the body processor: one link, no `setvar`, no log, no `skipAfter`,
        /// nor what earlier matches left.
        case bodyProcessorOnly
        /// Anything else.
        case other
    }

    /// How what the rule does depends on the request and on the rules before it.
    let dependence: Dependence

    init(
        id: Int, chain: [(directive: SecLangDirective, actions: [SecLangAction])], dataDirectory: String,
        transformationKey: ([SecLangTransformation]) -> Int, outcomeSlot: () -> Int
    ) {
        self.id = id
        var links: [CompiledSecLink] = []
        var reasons: [String] = []
        for (directive, actions) in chain {
            let link = CompiledSecLink(
                directive, actions: actions, dataDirectory: dataDirectory, transformationKey: transformationKey,
                outcomeSlot: outcomeSlot)
            if let reason = link.untranslatedReason { reasons.append(reason) }
            links.append(link)
        }
        self.links = links
        let head = chain[0].actions
        logs = head.last { $0.name == "log" || $0.name == "nolog" }?.name != "nolog"
        skipAfter = head.first { $0.name == "skipAfter" }?.value
        tags = head.filter { $0.name == "tag" }.compactMap(\.value)
        message = Array((head.first { $0.name == "msg" }?.value ?? "").utf8)
        untranslatedReason = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        if links.contains(where: \.readsMatches) {
            dependence = .other
        } else if !links.contains(where: \.readsRequest) {
            dependence = .none
        } else if links.count == 1, let link = links.first, link.untranslatedReason == nil, link.setVariables.isEmpty,
            !link.capture, !logs, skipAfter == nil, !link.controls.isEmpty,
            link.controls.allSatisfy(\.setsBodyProcessor)
        {
            dependence = .bodyProcessorOnly
        } else {
            dependence = .other
        }
    }
}

/// One link of a rule: its targets, transformations, operator and the actions that run on each match.
final class CompiledSecLink: Sendable {
    /// Whether the link is a `SecAction`, which has no targets and always matches.
    let isAction: Bool
    /// The targets, exclusions included (nil for a `SecAction` and for targets not translated).
    let targets: [SecLangTarget]?
    /// The operator (nil when not translated).
    let matcher: SecLangOperator?
    /// The transformations in order.
    let transformations: [SecLangTransformation]
    /// The number of the transformation list, for the per-request memo of transformed values.
    let transformationsKey: Int
    /// `multiMatch`: the operator also runs after each transformation that changed the value.
    let multiMatch: Bool
    /// `capture`: regex groups (or the phrase, or the fingerprint) go to `TX:0`…`TX:9`.
    let capture: Bool
    /// The `setvar`s, run on every matched value.
    let setVariables: [SecLangSetVariable]
    /// The `ctl`s, run after a full match.
    let controls: [SecLangControl]
    /// Why the link is not translated, nil when it is.
    let untranslatedReason: String?
    /// The variables of the targets that are not exclusions.
    let readVariables: UInt64
    /// Whether the targets yield a value whatever the request holds (a single variable, or a count).
    let alwaysHasValue: Bool
    /// Whether some target leaves members out (`!VAR:key`).
    let hasExclusions: Bool
    /// Whether what the link does may depend on the request: it is not translated, a target or a macro reads the
    /// request, or it sets the body processor (which the request sets first).
    let readsRequest: Bool
    /// Whether a target or a macro reads what matches left (`MATCHED_VAR`, …).
    let readsMatches: Bool
    /// The number under which transactions keep this link's outcome per value, nil when the outcome depends on
    /// more than the value (a parameter with macros) or the link is not translated.
    let outcomeSlot: Int?

    init(
        _ directive: SecLangDirective, actions: [SecLangAction], dataDirectory: String,
        transformationKey: ([SecLangTransformation]) -> Int, outcomeSlot: () -> Int
    ) {
        var reasons: [String] = []
        isAction = directive.name == "SecAction"
        if isAction {
            targets = nil
            matcher = SecLangOperator(unconditional: ())
        } else {
            let variables = directive.arguments.first ?? ""
            let parsedTargets: [SecLangTarget]?
            do { parsedTargets = try SecLangTarget.parse(variables) } catch {
                reasons.append(error.description)
                parsedTargets = nil
            }
            targets = parsedTargets
            let operatorText = directive.arguments.count >= 3 ? directive.arguments[1] : ""
            var parsedOperator: SecLangOperator?
            do { parsedOperator = try SecLangOperator(operatorText, dataDirectory: dataDirectory) } catch {
                reasons.append(error.description)
            }
            matcher = parsedOperator
        }
        var transformations: [SecLangTransformation] = []
        var controls: [SecLangControl] = []
        var setVariables: [SecLangSetVariable] = []
        for action in actions {
            switch action.name {
            case "t":
                let name = action.value ?? ""
                if name.lowercased() == "none" {
                    transformations = []
                } else if let transformation = SecLangTransformation(named: name) {
                    transformations.append(transformation)
                } else {
                    reasons.append("the transformation t:\(name) is not ported")
                }
            case "setvar":
                if let value = action.value { setVariables.append(SecLangSetVariable(value)) }
            case "ctl":
                do { controls.append(try SecLangControl(action.value ?? "")) } catch {
                    reasons.append(error.description)
                }
            default: continue
            }
        }
        self.transformations = transformations
        transformationsKey = transformationKey(transformations)
        multiMatch = actions.contains { $0.name == "multiMatch" }
        capture = actions.contains { $0.name == "capture" }
        self.setVariables = setVariables
        self.controls = controls
        untranslatedReason = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        let reading = (targets ?? []).filter { !$0.excluded }
        readVariables = reading.reduce(0) { $0 | $1.variable.bit }
        alwaysHasValue = reading.contains { $0.counted || $0.variable.isSingle }
        hasExclusions = (targets ?? []).contains(where: \.excluded)
        let pure = targets != nil && untranslatedReason == nil && matcher?.parameter.constant != nil
        let (readTargets, parameter) = (targets ?? [], matcher?.parameter)
        func reads(_ test: (CRSVariable) -> Bool) -> Bool {
            readTargets.contains { test($0.variable) } || parameter?.reads(test) ?? true
                || setVariables.contains { $0.name.reads(test) || $0.value.reads(test) }
        }
        readsRequest = !reasons.isEmpty || reads(\.readsRequest) || controls.contains(where: \.setsBodyProcessor)
        readsMatches = reads(\.isMatch)
        self.outcomeSlot = pure ? outcomeSlot() : nil
    }
}

/// One `setvar`: `tx.name=value`, `tx.name=+N`, `tx.name=-N`, `!tx.name`, or `tx.name` (set to 1).
struct SecLangSetVariable: Sendable {
    /// What the action does to the variable.
    enum Operation: Sendable { case set, add, subtract, unset }

    /// The collection, uppercased (`TX`, `IP`, …).
    let collection: String
    /// The collection's variable, when the compiled evaluator knows it.
    let variable: CRSVariable?
    /// The variable's name (may hold macros).
    let name: SecLangMacro
    /// The name lowercased, when it holds no macro.
    let constantName: CRSName?
    /// What happens.
    let operation: Operation
    /// The value or the amount (may hold macros).
    let value: SecLangMacro

    init(_ text: String) {
        var body = Substring(text)
        let unset = body.hasPrefix("!")
        if unset { body = body.dropFirst() }
        let equals = body.firstIndex(of: "=")
        let target = equals.map { body[..<$0] } ?? body
        let dot = target.firstIndex(of: ".") ?? target.endIndex
        collection = target[..<dot].uppercased()
        variable = CRSVariable(name: collection)
        name = SecLangMacro(dot == target.endIndex ? "" : String(target[target.index(after: dot)...]))
        constantName = name.constant.map { CRSName($0.map(ASCII.lowercased)) }
        var rest = equals.map { body[body.index(after: $0)...] } ?? "1"
        if unset {
            operation = .unset
        } else if rest.hasPrefix("+") {
            operation = .add
            rest = rest.dropFirst()
        } else if rest.hasPrefix("-") {
            operation = .subtract
            rest = rest.dropFirst()
        } else {
            operation = .set
        }
        value = SecLangMacro(String(rest))
    }
}

/// One `ctl` action the request phases can run.
enum SecLangControl: Sendable {
    /// `ctl:ruleRemoveById=ID` or `=FIRST-LAST`.
    case removeRules(ClosedRange<Int>)
    /// `ctl:ruleRemoveByTag=TAG`.
    case removeRulesTagged(String)
    /// `ctl:ruleRemoveTargetById=ID;TARGET`.
    case removeTarget(id: Int, target: String)
    /// `ctl:requestBodyProcessor=NAME`.
    case bodyProcessor(String)
    /// A control that changes nothing the verdict reads (`auditEngine`, `auditLogParts`, `forceRequestBodyVariable`).
    case noEffect

    /// Whether the control sets the body processor.
    var setsBodyProcessor: Bool {
        if case .bodyProcessor = self { return true }
        return false
    }

    init(_ text: String) throws(SecLangCompileError) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let value = parts.count > 1 ? parts[1] : ""
        switch name {
        case "ruleRemoveById":
            let bounds = value.split(separator: "-").compactMap { Int($0) }
            guard let low = bounds.first, let high = bounds.last, low <= high else {
                throw SecLangCompileError("ctl:ruleRemoveById=\(value) names no rule")
            }
            self = .removeRules(low...high)
        case "ruleRemoveByTag": self = .removeRulesTagged(value)
        case "ruleRemoveTargetById":
            let pieces = value.split(separator: ";", maxSplits: 1).map(String.init)
            guard pieces.count == 2, let id = Int(pieces[0]) else {
                throw SecLangCompileError("ctl:ruleRemoveTargetById=\(value) is not ID;TARGET")
            }
            self = .removeTarget(id: id, target: pieces[1])
        case "requestBodyProcessor": self = .bodyProcessor(value.uppercased())
        case "auditEngine", "auditLogParts", "forceRequestBodyVariable": self = .noEffect
        default: throw SecLangCompileError("ctl:\(name) is not run by the compiled evaluator")
        }
    }
}

/// A target listed without building values: a request collection (every member, or those of one name), a single
/// variable the request fixes, a collection `setvar` fills (one member by name, or all of it, which must then be
/// empty), or the count of one of those.
struct CRSPlainTarget: Sendable, Hashable {
    /// The variable.
    var variable: CRSVariable
    /// The member's name, lowercased; nil for every member.
    var key: CRSName?
    /// `&VAR`: the number of members selected.
    var counted = false

    /// Plain targets that select a superset of what `targets` select: exclusions dropped (they only leave values
    /// out, as `ctl:ruleRemoveTargetById` does), `/pattern/` selectors widened to every member. Nil when no such
    /// list exists: a target reads what matches change (`MATCHED_VAR`, …), or counts what a pattern or an
    /// exclusion selects (a count is a value of its own, not a subset).
    static func superset(_ targets: [SecLangTarget]) -> [CRSPlainTarget]? {
        let excludes = targets.contains(where: \.excluded)
        var plain: [CRSPlainTarget] = []
        for target in targets where !target.excluded {
            let variable = target.variable
            var key: CRSName?
            switch target.selector {
            case .all: key = nil
            case let .key(name):
                guard variable.isRequestCollection || variable.isSetByRules else { return nil }
                key = name
            case .pattern:
                guard variable.isRequestCollection, !target.counted else { return nil }
            }
            if target.counted {
                guard !excludes, variable.isRequestCollection || variable.isSetByRules else { return nil }
            } else {
                guard variable.isRequestCollection || variable.isSetByRules || variable.isFixedSingle else {
                    return nil
                }
            }
            plain.append(CRSPlainTarget(variable: variable, key: key, counted: target.counted))
        }
        return plain
    }
}
