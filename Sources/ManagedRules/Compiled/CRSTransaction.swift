/// One request running through a `CRSProgram`, as a libmodsecurity transaction runs it in detection-only mode:
/// phase 1 then phase 2, `skipAfter` jumping to its marker, `setvar` on every matched value, chains, `capture`,
/// `ctl` removals. Records the ids of the rules logged and the final `TX` collection.
///
/// When it would have to run what `CRSProgram` could not translate, or the request has a body only
/// libmodsecurity's parsers read (JSON, XML, multipart), it stops with `CRSTransaction.Untranslated`.
struct CRSTransaction {
    /// The request needs libmodsecurity: why.
    struct Untranslated: Error {
        /// The rule that needed it (0 for the request body).
        var ruleID: Int
        /// What was not translated.
        var reason: String
    }

    /// A value a target produced: the name libmodsecurity reports (`ARGS:q`) and the bytes.
    struct Value {
        var collection: String
        var key: [UInt8]?
        var value: [UInt8]

        var name: [UInt8] {
            guard let key else { return Array(collection.utf8) }
            return Array(collection.utf8) + [UInt8(ascii: ":")] + key
        }
    }

    private var request: CRSRequestVariables
    private let program: CRSProgram
    private let scratch: SecLangMatchData
    private var collections: [String: [(key: [UInt8], value: [UInt8])]] = [:]
    private var matchedVar: Value?
    private var matchedVars: [Value] = []
    private var marker: String?
    private var removedRanges: [ClosedRange<Int>] = []
    private var removedTags: [String] = []
    private var removedTargets: [(id: Int, target: String)] = []
    private var bodyProcessor: [UInt8]
    private var memo: [MemoKey: [UInt8]] = [:]
    /// The ids of the rules logged, in order.
    private(set) var loggedRuleIDs: [Int] = []

    private struct MemoKey: Hashable {
        var list: Int
        var value: [UInt8]
    }

    init(request: CRSRequest, program: CRSProgram, scratch: SecLangMatchData) {
        self.request = CRSRequestVariables(request)
        self.program = program
        self.scratch = scratch
        bodyProcessor = self.request.bodyProcessor
    }

    /// Runs both request phases.
    mutating func run() throws(Untranslated) {
        try run(phase: 0)
        if !request.body.isEmpty {
            switch String(decoding: bodyProcessor, as: UTF8.self) {
            case "URLENCODED": request.readURLEncodedBody()
            case "": break
            case let other:
                throw Untranslated(ruleID: 0, reason: "a \(other) request body is parsed only by libmodsecurity")
            }
        }
        try run(phase: 1)
    }

    /// `TX:name` as an integer (0 when unset).
    func transactionInteger(_ name: String) -> Int {
        SecLangOperator.integer(lookup("TX", Array(name.lowercased().utf8)) ?? [])
    }

    private mutating func run(phase: Int) throws(Untranslated) {
        for step in program.phases[phase] {
            switch step {
            case let .marker(name):
                if marker == name { marker = nil }
            case let .rule(rule):
                guard marker == nil else { continue }
                if removedRanges.contains(where: { $0.contains(rule.id) }) { continue }
                if !removedTags.isEmpty, rule.tags.contains(where: { removedTags.contains($0) }) { continue }
                guard try evaluate(rule, link: 0) else { continue }
                if rule.logs { loggedRuleIDs.append(rule.id) }
                if let target = rule.skipAfter { marker = target }
            }
        }
    }

    /// Evaluates link `index` of `rule` and, when it matches, the rest of the chain.
    private mutating func evaluate(_ rule: CompiledSecRule, link index: Int) throws(Untranslated) -> Bool {
        let link = rule.links[index]
        var matched = false
        if let targets = link.targets {
            let values = try self.values(of: targets, rule: rule)
            if !values.isEmpty {
                guard let matcher = link.matcher, link.untranslatedReason == nil else {
                    throw Untranslated(ruleID: rule.id, reason: link.untranslatedReason ?? "")
                }
                for value in values {
                    for variant in transformed(value.value, link) {
                        var captures: [[UInt8]]? = link.capture ? [] : nil
                        let found = matcher.matches(
                            variant, expanded: { self.expand(matcher.parameter, rule: rule) }, scratch: scratch,
                            captures: &captures)
                        if found, let captures { store(captures) }
                        guard found != matcher.negated else { continue }
                        matched = true
                        let current = Value(collection: value.collection, key: value.key, value: variant)
                        matchedVar = current
                        matchedVars.append(current)
                        for setVariable in link.setVariables { apply(setVariable, rule: rule) }
                        if link.multiMatch, rule.logs { loggedRuleIDs.append(rule.id) }
                    }
                }
            }
        } else {
            guard link.isAction, link.untranslatedReason == nil else {
                throw Untranslated(ruleID: rule.id, reason: link.untranslatedReason ?? "")
            }
            matched = true
            for setVariable in link.setVariables { apply(setVariable, rule: rule) }
        }
        guard matched else {
            matchedVar = nil
            matchedVars = []
            return false
        }
        if index + 1 < rule.links.count {
            guard try evaluate(rule, link: index + 1) else { return false }
        }
        for control in link.controls { apply(control) }
        return true
    }

    /// The value and, with `multiMatch`, each intermediate value that a transformation changed.
    private mutating func transformed(_ value: [UInt8], _ link: CompiledSecLink) -> [[UInt8]] {
        if link.transformations.isEmpty { return [value] }
        if link.multiMatch {
            var variants = [value]
            var current = value
            for transformation in link.transformations {
                let next = transformation.apply(current)
                if next != current { variants.append(next) }
                current = next
            }
            return variants
        }
        let key = MemoKey(list: link.transformationsKey, value: value)
        if let known = memo[key] { return [known] }
        var current = value
        for transformation in link.transformations { current = transformation.apply(current) }
        memo[key] = current
        return [current]
    }

    private mutating func store(_ captures: [[UInt8]]) {
        for (group, bytes) in captures.enumerated() where group < 10 {
            set("TX", Array(String(group).utf8), bytes)
        }
    }

    // MARK: - Variables

    private func values(of targets: [SecLangTarget], rule: CompiledSecRule) throws(Untranslated) -> [Value] {
        let exclusions = targets.filter(\.excluded)
        var values: [Value] = []
        for target in targets where !target.excluded {
            var members = self.members(target.variable)
            members = members.filter { member in
                switch target.selector {
                case .all: return true
                case let .key(key): return member.key.map { Self.lowered($0) == key } ?? false
                case let .pattern(regex): return member.key.map { regex.matches($0, scratch: scratch) } ?? false
                }
            }
            members = members.filter { member in
                guard let key = member.key else { return true }
                let excluded = exclusions.contains { exclusion in
                    guard exclusion.variable == target.variable else { return false }
                    switch exclusion.selector {
                    case .all: return true
                    case let .key(name): return Self.lowered(key) == name
                    case let .pattern(regex): return regex.matches(key, scratch: scratch)
                    }
                }
                if excluded { return false }
                return !removedTargets.contains { removal in
                    removal.id == rule.id && Self.targetMatches(removal.target, member)
                }
            }
            if target.counted {
                values.append(
                    Value(collection: "&" + target.variable, key: nil, value: Array(String(members.count).utf8)))
            } else {
                values += members
            }
        }
        return values
    }

    private static func targetMatches(_ target: String, _ value: Value) -> Bool {
        let parts = target.split(separator: ":", maxSplits: 1)
        guard parts.first?.uppercased() == value.collection else { return false }
        guard parts.count == 2 else { return true }
        return Array(parts[1].lowercased().utf8) == lowered(value.key ?? [])
    }

    private static func lowered(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    }

    /// The members of a variable: a collection's named values, or a single variable's value (empty when unset:
    /// libmodsecurity's anchored variables always yield one value).
    private func members(_ variable: String) -> [Value] {
        func collection(_ name: String, _ members: [CRSRequestVariables.Member]) -> [Value] {
            members.map { Value(collection: name, key: $0.name, value: $0.value) }
        }
        func names(_ name: String, _ members: [CRSRequestVariables.Member]) -> [Value] {
            members.map { Value(collection: name, key: $0.name, value: $0.name) }
        }
        func single(_ bytes: [UInt8]) -> [Value] {
            [Value(collection: variable, key: nil, value: bytes)]
        }
        switch variable {
        case "ARGS": return collection("ARGS", request.args)
        case "ARGS_GET": return collection("ARGS_GET", request.argsGet)
        case "ARGS_POST": return collection("ARGS_POST", request.argsPost)
        case "ARGS_NAMES": return names("ARGS_NAMES", request.args)
        case "ARGS_GET_NAMES": return names("ARGS_GET_NAMES", request.argsGet)
        case "ARGS_POST_NAMES": return names("ARGS_POST_NAMES", request.argsPost)
        case "REQUEST_HEADERS": return collection("REQUEST_HEADERS", request.headers)
        case "REQUEST_HEADERS_NAMES": return names("REQUEST_HEADERS_NAMES", request.headers)
        case "REQUEST_COOKIES": return collection("REQUEST_COOKIES", request.cookies)
        case "REQUEST_COOKIES_NAMES": return names("REQUEST_COOKIES_NAMES", request.cookies)
        case "MATCHED_VARS": return matchedVars.map { Value(collection: "MATCHED_VARS", key: $0.name, value: $0.value) }
        case "MATCHED_VARS_NAMES":
            return matchedVars.map { Value(collection: "MATCHED_VARS_NAMES", key: $0.name, value: $0.name) }
        case "REQUEST_URI": return single(request.uri)
        case "REQUEST_URI_RAW": return single(request.uriRaw)
        case "REQUEST_FILENAME": return single(request.filename)
        case "REQUEST_BASENAME": return single(request.basename)
        case "REQUEST_LINE": return single(request.requestLine)
        case "REQUEST_METHOD": return single(request.method)
        case "REQUEST_PROTOCOL": return single(request.protocolName)
        case "QUERY_STRING": return single(request.queryString)
        case "REQUEST_BODY": return single(request.body)
        case "REMOTE_ADDR": return single(request.remoteAddress)
        case "REQBODY_PROCESSOR": return single(bodyProcessor)
        case "MATCHED_VAR": return single(matchedVar?.value ?? [])
        case "MATCHED_VAR_NAME": return single(matchedVar?.name ?? [])
        case "ARGS_COMBINED_SIZE":
            return single(request.args.isEmpty ? [] : Array(String(request.argsCombinedSize).utf8))
        case "FILES_COMBINED_SIZE": return single([])
        default:
            return (collections[variable] ?? []).map { Value(collection: variable, key: $0.key, value: $0.value) }
        }
    }

    // MARK: - Collections and macros

    private func lookup(_ collection: String, _ key: [UInt8]) -> [UInt8]? {
        collections[collection]?.first { $0.key == key }?.value
    }

    private mutating func set(_ collection: String, _ key: [UInt8], _ value: [UInt8]) {
        var members = collections[collection] ?? []
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
        collections[collection] = members
    }

    private mutating func apply(_ setVariable: SecLangSetVariable, rule: CompiledSecRule) {
        let key = Self.lowered(expand(setVariable.name, rule: rule))
        let collection = setVariable.collection
        switch setVariable.operation {
        case .unset:
            collections[collection]?.removeAll { $0.key == key }
        case .set:
            set(collection, key, expand(setVariable.value, rule: rule))
        case .add, .subtract:
            let amount = SecLangOperator.integer(expand(setVariable.value, rule: rule))
            let current = SecLangOperator.integer(lookup(collection, key) ?? [])
            let result = setVariable.operation == .add ? current + amount : current - amount
            set(collection, key, Array(String(result).utf8))
        }
    }

    private mutating func apply(_ control: SecLangControl) {
        switch control {
        case let .removeRules(range): removedRanges.append(range)
        case let .removeRulesTagged(tag): removedTags.append(tag)
        case let .removeTarget(id, target): removedTargets.append((id, target))
        case let .bodyProcessor(name): bodyProcessor = Array(name.utf8)
        case .noEffect: break
        }
    }

    private func expand(_ macro: SecLangMacro, rule: CompiledSecRule) -> [UInt8] {
        macro.expand { collection, key in
            switch collection {
            case "MATCHED_VAR": return matchedVar?.value ?? []
            case "MATCHED_VAR_NAME": return matchedVar?.name ?? []
            case "RULE":
                switch key {
                case "id": return Array(String(rule.id).utf8)
                case "msg": return rule.message
                default: return []
                }
            case "REMOTE_ADDR": return request.remoteAddress
            case "REQUEST_LINE": return request.requestLine
            case "REQUEST_HEADERS":
                return request.headers.first { Self.lowered($0.name) == Array(key.utf8) }?.value ?? []
            case "ARGS": return request.args.first { Self.lowered($0.name) == Array(key.utf8) }?.value ?? []
            default: return lookup(collection, Array(key.utf8)) ?? []
            }
        }
    }
}
