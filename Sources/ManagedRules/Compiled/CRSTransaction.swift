import EdgeWire

/// One request running through a `CRSProgram` as a libmodsecurity transaction runs it in detection-only mode:
/// phase 1 then phase 2, `skipAfter` jumping to its marker, `setvar` on every matched value, chains, `capture`,
/// `ctl` removals. Records the ids of the rules logged and the final `TX` collection. A structure run through its
/// mutating methods, so that reading its state needs no run-time exclusivity check. The helpers the step loop calls
/// are `mutating` too, even those that only read: a non-mutating method called from a mutating one gets a copy of
/// the transaction, every reference in it retained (`docs/PERFORMANCE.md`).
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

    /// A value a target produced: the variable, the member's name, the bytes, and the request member it came
    /// from (nil for `TX`, the matched variables and the other values a transaction changes).
    struct Value {
        var variable: CRSVariable
        var counted = false
        var key: [UInt8]?
        var value: [UInt8]
        var member: CRSRequestVariables.Member?
        var readsName = false

        /// The collection as libmodsecurity names it (`&ARGS` for a count).
        var collection: String { counted ? "&" + variable.name : variable.name }

        /// The name libmodsecurity reports (`ARGS:q`).
        var name: [UInt8] {
            guard let key else { return Array(collection.utf8) }
            return Array(collection.utf8) + [UInt8(ascii: ":")] + key
        }
    }

    /// What the program's prelude steps (`CRSProgram.prelude`) leave in a transaction: the same for every request,
    /// so computed once and copied into each transaction after its body-processor rules ran. Those rules change
    /// nothing the others read; what their matches leave is emptied by a later rule of the prelude that does not
    /// match (without one, there is no prelude).
    struct Prelude {
        fileprivate var collections: CRSCollections
        fileprivate var matchedVar: Value?
        fileprivate var matchedVars: [Value]
        fileprivate var marker: String?
        fileprivate var removedRanges: [ClosedRange<Int>]
        fileprivate var removedTags: [String]
        fileprivate var removedTargets: [(id: Int, target: String)]
        fileprivate var loggedRuleIDs: [Int]
        /// Per outcome slot whose other plain targets are fixed after the prelude
        /// (`CRSProgram.othersFixedAfterPrelude`): whether the link does nothing on their values.
        fileprivate var quietOthers: [Bool]
        /// What each of `CRSProgram.fixedRules` matches (empty when the prelude leaves a removal in force).
        fileprivate var fixedMatches: [FixedMatches]
    }

    /// What a rule of `CRSProgram.fixedRules` matches in every transaction: per link, in order up to the first
    /// that does not match, the values it matches on.
    struct FixedMatches {
        /// The matched values of each link that matched.
        fileprivate var links: [[Value]]
        /// Whether every link matched.
        fileprivate var matched: Bool
    }

    private var request: CRSRequestVariables
    private let program: CRSProgram
    private let cache: CRSOutcomeCache
    private var collections = CRSCollections()
    private var matchedVar: Value?
    private var matchedVars: [Value] = []
    private var marker: String?
    private var removedRanges: [ClosedRange<Int>] = []
    private var removedTags: [String] = []
    private var removedTargets: [(id: Int, target: String)] = []
    private var bodyProcessor: [UInt8]
    /// The variables that have at least one member; `TX` and the other changing collections always count.
    private var presentVariables: UInt64 = 0
    /// The single variables the request fixes, by `CRSVariable.rawValue`.
    private var singles: [CRSRequestVariables.Member?]
    /// The request target lists (`CRSProgram.listTargets`) whose open slots are gathered, and those with a
    /// value too long to keep (the cache's, emptied for each transaction).
    private let gatheredLists: CRSSlotBits
    private let uncachedLists: CRSSlotBits
    /// Per gathered request target list, the slots not known to do nothing on every one of its values: most
    /// rules are passed over on one bit.
    private let openSlots: CRSSlotBits
    /// The same three for the request targets the lists are made of (`CRSProgram.requestTargets`).
    private let gatheredTargets: CRSSlotBits
    private let uncachedTargets: CRSSlotBits
    private let openSlotsOfTargets: CRSSlotBits
    /// The state the prelude's steps leave, adopted instead of running them.
    private let prelude: Prelude?
    /// `Prelude.quietOthers` once adopted.
    private var quietOthers: [Bool] = []
    /// `Prelude.fixedMatches` once adopted.
    private var fixedMatches: [FixedMatches] = []
    /// The ids of the rules logged, in order.
    private(set) var loggedRuleIDs: [Int] = []

    /// A transaction of `request`; with `prelude`, it adopts what the program's prelude steps leave instead of
    /// running them.
    init(request: CRSRequest, program: CRSProgram, cache: CRSOutcomeCache, prelude: Prelude? = nil) {
        self.request = CRSRequestVariables(request)
        self.program = program
        self.cache = cache
        bodyProcessor = self.request.bodyProcessor
        singles = Array(repeating: nil, count: CRSVariable.allCases.count)
        gatheredLists = cache.gatheredLists
        uncachedLists = cache.uncachedLists
        openSlots = cache.openSlots
        gatheredTargets = cache.gatheredTargets
        uncachedTargets = cache.uncachedTargets
        openSlotsOfTargets = cache.openSlotsOfTargets
        self.prelude = prelude
        forgetGathered()
        fixRequestVariables()
    }

    /// The prelude of `program`: its request-independent first steps run once, on a request with nothing in it;
    /// nil when they need libmodsecurity.
    static func prelude(of program: CRSProgram, cache: CRSOutcomeCache) -> Prelude? {
        let empty = CRSRequest(method: [], uri: [], version: [], headers: [], clientIP: "", body: nil)
        var transaction = CRSTransaction(request: empty, program: program, cache: cache)
        let (bodyProcessorRules, end) = program.prelude
        var emptiesMatches = false
        do {
            try transaction.run(phase: 0, steps: 0..<bodyProcessorRules)
            for step in program.phases[0][bodyProcessorRules..<end] where try !transaction.run(step) {
                emptiesMatches = true
            }
        } catch { return nil }
        guard emptiesMatches else { return nil }
        var quietOthers = [Bool](repeating: false, count: program.cacheableLinks)
        for case let .rule(rule) in program.phases.joined() {
            for link in rule.links {
                guard let slot = link.outcomeSlot, program.othersFixedAfterPrelude[slot],
                    let others = program.plainTargetsBySlot[slot]?.others, let matcher = link.matcher
                else { continue }
                quietOthers[slot] = others.allSatisfy { transaction.doesNothing(on: $0, link, matcher, rule: rule) }
            }
        }
        var fixedMatches: [FixedMatches] = []
        if transaction.removalsEmpty {
            do {
                for rule in program.fixedRules { fixedMatches.append(try transaction.fixedMatches(of: rule)) }
            } catch { fixedMatches = [] }
        }
        return Prelude(
            collections: transaction.collections.sharingTransactionMembers(
                selectedBy: program.transactionNamePatterns, cache: cache), matchedVar: transaction.matchedVar,
            matchedVars: transaction.matchedVars, marker: transaction.marker,
            removedRanges: transaction.removedRanges, removedTags: transaction.removedTags,
            removedTargets: transaction.removedTargets, loggedRuleIDs: transaction.loggedRuleIDs,
            quietOthers: quietOthers, fixedMatches: fixedMatches)
    }

    /// What `rule`, one of `CRSProgram.fixedRules`, matches: found as `evaluate` finds it, without its effects,
    /// which change nothing its links read.
    private func fixedMatches(of rule: CompiledSecRule) throws(Untranslated) -> FixedMatches {
        var links: [[Value]] = []
        for link in rule.links {
            guard let targets = link.targets, let matcher = link.matcher else {
                throw Untranslated(ruleID: rule.id, reason: link.untranslatedReason ?? "")
            }
            var matches: [Value] = []
            for value in try values(of: targets, link: link, rule: rule) {
                for outcome in outcomes(of: value, link, matcher, rule: rule) where outcome.found != matcher.negated {
                    matches.append(
                        Value(variable: value.variable, counted: value.counted, key: value.key, value: outcome.variant))
                }
            }
            guard !matches.isEmpty else { return FixedMatches(links: links, matched: false) }
            links.append(matches)
        }
        return FixedMatches(links: links, matched: true)
    }

    /// Whether no `ctl` removal is in force.
    private var removalsEmpty: Bool {
        removedRanges.isEmpty && removedTags.isEmpty && removedTargets.isEmpty
    }

    /// Whether `link` does nothing on the value of `target`, a named member (or its count) of a collection
    /// `setvar` fills, as it stands.
    private func doesNothing(
        on target: CRSPlainTarget, _ link: CompiledSecLink, _ matcher: SecLangOperator, rule: CompiledSecRule
    ) -> Bool {
        guard let key = target.key else { return false }
        let member = collections.value(target.variable, key)
        let value: [UInt8]
        if target.counted {
            value = Self.decimal(member == nil ? 0 : 1)
        } else {
            guard let member else { return true }
            value = member
        }
        let outcomes = computeOutcomes(of: value, link, matcher, rule: rule, entry: nil)
        return CRSVariantOutcome.changeNothing(outcomes, negated: matcher.negated)
    }

    /// Runs both request phases.
    mutating func run() throws(Untranslated) {
        let steps = program.phases[0].count
        if let prelude {
            let (bodyProcessorRules, end) = program.prelude
            try run(phase: 0, steps: 0..<bodyProcessorRules)
            adopt(prelude)
            try run(phase: 0, steps: end..<steps)
        } else {
            try run(phase: 0, steps: 0..<steps)
        }
        if !request.body.isEmpty {
            switch String(decoding: bodyProcessor, as: UTF8.self) {
            case "URLENCODED":
                request.readURLEncodedBody()
                fixRequestVariables()
                forgetGathered()
            case "": break
            case let other:
                throw Untranslated(ruleID: 0, reason: "a \(other) request body is parsed only by libmodsecurity")
            }
        }
        try run(phase: 1, steps: 0..<program.phases[1].count)
    }

    private mutating func adopt(_ prelude: Prelude) {
        collections = prelude.collections
        matchedVar = prelude.matchedVar
        matchedVars = prelude.matchedVars
        marker = prelude.marker
        removedRanges = prelude.removedRanges
        removedTags = prelude.removedTags
        removedTargets = prelude.removedTargets
        loggedRuleIDs = prelude.loggedRuleIDs
        quietOthers = prelude.quietOthers
        fixedMatches = prelude.fixedMatches
    }

    /// Forgets which request target lists and targets are gathered: a new transaction, or a body just read.
    private func forgetGathered() {
        for bits in [gatheredLists, uncachedLists, gatheredTargets, uncachedTargets] { bits.clear(row: 0) }
    }

    /// `TX:name` as an integer (0 when unset); `name` is lowercased, as `setvar` stores names.
    func transactionInteger(_ name: CRSName) -> Int {
        SecLangOperator.integer(collections.value(.tx, name) ?? [])
    }

    /// Notes which collections have members and makes the members of the single variables the request fixes.
    private mutating func fixRequestVariables() {
        var present: UInt64 = ~0
        for variable in CRSVariable.allCases where variable.isRequestCollection {
            if members(of: variable).isEmpty { present &= ~variable.bit }
        }
        presentVariables = present
        let fixed: [(CRSVariable, [UInt8])] = [
            (.requestURI, request.uri), (.requestURIRaw, request.uriRaw), (.requestFilename, request.filename),
            (.requestBasename, request.basename), (.requestLine, request.requestLine),
            (.requestMethod, request.method), (.requestProtocol, request.protocolName),
            (.queryString, request.queryString), (.requestBody, request.body), (.remoteAddress, request.remoteAddress),
        ]
        for (variable, bytes) in fixed where singles[variable.rawValue] == nil {
            singles[variable.rawValue] = CRSRequestVariables.Member(name: [], value: bytes)
        }
    }

    private mutating func run(phase: Int, steps range: Range<Int>) throws(Untranslated) {
        let steps = program.phases[phase]
        let passes = program.passes[phase]
        for index in range {
            let pass = passes[index]
            // A marker when no `skipAfter` is in force, or a rule while one is, changes nothing.
            if pass.isMarker ? marker == nil : marker != nil { continue }
            if passesOver(pass) {
                forgetMatches()
                continue
            }
            if pass.fixed >= 0, Int(pass.fixed) < fixedMatches.count, removalsEmpty, case let .rule(rule) = steps[index]
            {
                if replay(fixedMatches[Int(pass.fixed)], of: rule) { concluded(rule) }
                continue
            }
            _ = try run(steps[index])
        }
    }

    /// Does what `evaluate` does for a rule of `CRSProgram.fixedRules`, from what it matches; true when it matched.
    private mutating func replay(_ fixed: FixedMatches, of rule: CompiledSecRule) -> Bool {
        for (link, matches) in zip(rule.links, fixed.links) {
            for current in matches { note(current, of: link, rule: rule) }
        }
        guard fixed.matched else {
            forgetMatches()
            return false
        }
        for link in rule.links.reversed() {
            for control in link.controls { apply(control) }
        }
        return true
    }

    /// What a rule's full match does: log its id and start its `skipAfter`.
    private mutating func concluded(_ rule: CompiledSecRule) {
        if rule.logs { loggedRuleIDs.append(rule.id) }
        if let target = rule.skipAfter { marker = target }
    }

    /// What a match of `link` on `current` does: it becomes `MATCHED_VAR` and joins `MATCHED_VARS`, then the
    /// link's `setvar`s run, and with `multiMatch` the rule's id is logged.
    private mutating func note(_ current: Value, of link: CompiledSecLink, rule: CompiledSecRule) {
        matchedVar = current
        matchedVars.append(current)
        for setVariable in link.setVariables { apply(setVariable, rule: rule) }
        if link.multiMatch, rule.logs { loggedRuleIDs.append(rule.id) }
    }

    /// Whether the rule of a step is known to do nothing, as `nothingHappens` finds for its first link, from the
    /// bits of the step's plain values alone: then running it only empties `MATCHED_VAR` and `MATCHED_VARS`. False
    /// when unsure (a marker, a removal in force, other targets to check one by one, a slot still open on a value):
    /// the step is then run, and `nothingHappens` looks at the values. No `skipAfter` is in force.
    private mutating func passesOver(_ pass: CRSProgram.Pass) -> Bool {
        guard pass.slot >= 0, removedRanges.isEmpty, removedTags.isEmpty else { return false }
        let slot = Int(pass.slot)
        let list = Int(pass.list)
        return (pass.othersEmpty || othersKnownQuiet(slot)) && gather(list)
            && !openSlots.contains(row: list, Int(pass.bit))
    }

    /// Runs `step`; true when it is a rule that ran and did not match, which empties `MATCHED_VAR` and
    /// `MATCHED_VARS`.
    private mutating func run(_ step: CRSProgram.Step) throws(Untranslated) -> Bool {
        switch step {
        case let .marker(name):
            if marker == name { marker = nil }
            return false
        case let .rule(rule):
            guard marker == nil else { return false }
            if !removedRanges.isEmpty, removedRanges.contains(where: { $0.contains(rule.id) }) { return false }
            if !removedTags.isEmpty, rule.tags.contains(where: { removedTags.contains($0) }) { return false }
            guard try evaluate(rule, link: 0) else { return true }
            concluded(rule)
            return false
        }
    }

    /// Evaluates link `index` of `rule` and, when it matches, the rest of the chain.
    private mutating func evaluate(_ rule: CompiledSecRule, link index: Int) throws(Untranslated) -> Bool {
        let link = rule.links[index]
        var matched = false
        if let slot = link.outcomeSlot, let plain = program.plainTargetsBySlot[slot], nothingHappens(plain, slot: slot)
        {
            forgetMatches()
            return false
        }
        if let targets = link.targets {
            let values =
                link.alwaysHasValue || link.readVariables & presentVariables != 0
                ? try self.values(of: targets, link: link, rule: rule) : []
            if !values.isEmpty {
                guard let matcher = link.matcher, link.untranslatedReason == nil else {
                    throw Untranslated(ruleID: rule.id, reason: link.untranslatedReason ?? "")
                }
                for value in values {
                    for outcome in outcomes(of: value, link, matcher, rule: rule) {
                        if outcome.found, let captures = outcome.captures { store(captures) }
                        guard outcome.found != matcher.negated else { continue }
                        matched = true
                        let current = Value(
                            variable: value.variable, counted: value.counted, key: value.key, value: outcome.variant)
                        note(current, of: link, rule: rule)
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
            forgetMatches()
            return false
        }
        if index + 1 < rule.links.count {
            guard try evaluate(rule, link: index + 1) else { return false }
        }
        for control in link.controls { apply(control) }
        return true
    }

    /// A link that did not match empties `MATCHED_VAR` and `MATCHED_VARS`.
    private mutating func forgetMatches() {
        if matchedVar != nil { matchedVar = nil }
        if !matchedVars.isEmpty { matchedVars.removeAll(keepingCapacity: true) }
    }

    /// Whether the kept outcomes already show that nothing happens on any value of `targets` at `slot`: the
    /// common case, checked without building the values.
    private mutating func nothingHappens(_ plain: (requestList: Int, others: [CRSPlainTarget]), slot: Int) -> Bool {
        guard requestValuesDoNothing(list: plain.requestList, slot: slot, bit: program.bitOfSlot[slot]) else {
            return false
        }
        if othersKnownQuiet(slot) { return true }
        for target in plain.others {
            let variable = target.variable
            if target.counted {
                let count: Int
                if variable.isSetByRules {
                    if let key = target.key {
                        count = collections.value(variable, key) == nil ? 0 : 1
                    } else {
                        count = collections.count(variable)
                    }
                } else {
                    let members = members(of: variable)
                    count = target.key.map { key in members.count { $0.lowercasedName == key.bytes } } ?? members.count
                }
                guard cache.producesNothing(slot: slot, value: Self.decimal(count)) else { return false }
            } else {
                if let key = target.key {
                    guard let value = collections.value(variable, key) else { continue }
                    guard cache.producesNothing(slot: slot, value: value) else { return false }
                } else if collections.count(variable) > 0 {
                    return false
                }
            }
        }
        return true
    }

    /// Whether the link at `slot` (bit `bit`) does nothing on any value of request target list `list`, from the kept
    /// outcomes: one bit once the list is gathered, and the values themselves only while the bit is still open.
    private mutating func requestValuesDoNothing(list: Int, slot: Int, bit: Int) -> Bool {
        guard gather(list) else { return false }
        if openSlots.contains(row: list, bit) {
            guard forEachOutcomes(ofList: list, { $0.state(slot) == .nothing }) else { return false }
            openSlots.remove(row: list, bit)
        }
        return true
    }

    /// Whether the other plain targets of the link at `slot` are fixed after the prelude and quiet
    /// (`Prelude.quietOthers`).
    private mutating func othersKnownQuiet(_ slot: Int) -> Bool {
        slot < quietOthers.count && quietOthers[slot]
    }

    /// Notes once per request (and again once the body is read) which slots are open on some value of request
    /// target list `list`; false when one of the values is too long to keep.
    private mutating func gather(_ list: Int) -> Bool {
        if gatheredLists.contains(list) { return true }
        if uncachedLists.contains(list) { return false }
        let words = program.listWords[list]
        openSlots.clear(row: list, wordRange: words)
        for target in program.listTargets[list] {
            guard gather(target: target) else {
                uncachedLists.insert(list)
                return false
            }
            openSlots.formUnion(row: list, with: openSlotsOfTargets, row: target, wordRange: words)
        }
        gatheredLists.insert(list)
        return true
    }

    /// Notes once per request (and again once the body is read) which slots are open on some value of request
    /// target `target` (`CRSProgram.requestTargets`); false when one of the values is too long to keep.
    private mutating func gather(target: Int) -> Bool {
        if gatheredTargets.contains(target) { return true }
        if uncachedTargets.contains(target) { return false }
        let slots = openSlotsOfTargets
        let words = program.targetWords[target]
        slots.clear(row: target, wordRange: words)
        guard
            forEachOutcomes(
                of: program.requestTargets[target],
                { entry in
                    slots.formUnion(row: target, with: entry.open, wordRange: words)
                    return true
                })
        else {
            uncachedTargets.insert(target)
            return false
        }
        gatheredTargets.insert(target)
        return true
    }

    /// Calls `body` with the kept outcomes of each value of request target list `list` while it returns true;
    /// true when it was called for every value, false when it returned false or a value is too long to keep.
    private mutating func forEachOutcomes(ofList list: Int, _ body: (CRSValueOutcomes) -> Bool) -> Bool {
        program.listTargets[list].allSatisfy { forEachOutcomes(of: program.requestTargets[$0], body) }
    }

    /// `forEachOutcomes(ofList:_:)` for the values of one request target.
    private mutating func forEachOutcomes(of target: CRSPlainTarget, _ body: (CRSValueOutcomes) -> Bool) -> Bool {
        let variable = target.variable
        if variable.isFixedSingle {
            guard let member = singles[variable.rawValue], let entry = outcomes(of: member, names: false) else {
                return false
            }
            return body(entry)
        }
        let names = variable.readsMemberNames
        for member in members(of: variable) {
            if let key = target.key, member.lowercasedName != key.bytes { continue }
            guard let entry = outcomes(of: member, names: names), body(entry) else { return false }
        }
        return true
    }

    /// The kept outcomes of `member`'s value, or of its name, looked up once per request.
    private func outcomes(of member: CRSRequestVariables.Member, names: Bool) -> CRSValueOutcomes? {
        names ? member.nameOutcomes ?? lookUpNameOutcomes(member) : member.valueOutcomes ?? lookUpValueOutcomes(member)
    }

    private static let decimals: [[UInt8]] = (0..<256).map { Array(String($0).utf8) }

    /// `number` in decimal.
    private static func decimal(_ number: Int) -> [UInt8] {
        number >= 0 && number < decimals.count ? decimals[number] : Array(String(number).utf8)
    }

    private func lookUpValueOutcomes(_ member: CRSRequestVariables.Member) -> CRSValueOutcomes? {
        member.valueOutcomes = cache.outcomes(of: member.value)
        return member.valueOutcomes
    }

    private func lookUpNameOutcomes(_ member: CRSRequestVariables.Member) -> CRSValueOutcomes? {
        member.nameOutcomes = cache.outcomes(of: member.name)
        return member.nameOutcomes
    }

    /// What the link's transformations and operator make of `value`: kept per distinct value when the link's
    /// outcome depends on the value alone, computed otherwise.
    private func outcomes(
        of value: Value, _ link: CompiledSecLink, _ matcher: SecLangOperator, rule: CompiledSecRule
    ) -> [CRSVariantOutcome] {
        guard let slot = link.outcomeSlot else {
            return computeOutcomes(of: value.value, link, matcher, rule: rule, entry: nil)
        }
        guard let member = value.member, let entry = outcomes(of: member, names: value.readsName) else {
            // A value the transaction made (`TX`, a count): the cache remembers the few that produce nothing.
            if cache.producesNothing(slot: slot, value: value.value) { return [] }
            let computed = computeOutcomes(of: value.value, link, matcher, rule: rule, entry: nil)
            if CRSVariantOutcome.changeNothing(computed, negated: matcher.negated) {
                cache.noteNothing(slot: slot, value: value.value)
            }
            return computed
        }
        switch entry.state(slot) {
        case .nothing: return []
        case .kept: return entry.details[slot] ?? []
        case .unknown:
            let computed = computeOutcomes(of: value.value, link, matcher, rule: rule, entry: entry)
            if CRSVariantOutcome.changeNothing(computed, negated: matcher.negated) {
                entry.setState(slot, bit: program.bitOfSlot[slot], .nothing)
                return []
            }
            entry.setState(slot, bit: program.bitOfSlot[slot], .kept)
            entry.details[slot] = computed
            cache.hold(computed.reduce(0) { $0 + $1.variant.count + 32 })
            return computed
        }
    }

    private func computeOutcomes(
        of value: [UInt8], _ link: CompiledSecLink, _ matcher: SecLangOperator, rule: CompiledSecRule,
        entry: CRSValueOutcomes?
    ) -> [CRSVariantOutcome] {
        let expanded = matcher.parameter.constant ?? expand(matcher.parameter, rule: rule)
        let matchData = cache.matchData
        let capture = link.capture
        return transformed(value, link, entry: entry).map { variant in
            var captures: [[UInt8]]? = capture ? [] : nil
            let found = matcher.matches(variant, expanded: expanded, scratch: matchData, captures: &captures)
            return CRSVariantOutcome(variant: variant, found: found, captures: found ? captures : nil)
        }
    }

    /// The value and, with `multiMatch`, each intermediate value that a transformation changed.
    private func transformed(_ value: [UInt8], _ link: CompiledSecLink, entry: CRSValueOutcomes?) -> [[UInt8]] {
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
        if let known = entry?.transformed[link.transformationsKey] { return [known] }
        var current = value
        for transformation in link.transformations { current = transformation.apply(current) }
        if let entry {
            entry.transformed[link.transformationsKey] = current
            cache.hold(current.count + 16)
        }
        return [current]
    }

    private static let captureNames = (0..<10).map { CRSName(Array(String($0).utf8)) }

    private mutating func store(_ captures: [[UInt8]]) {
        for (group, bytes) in captures.enumerated() where group < 10 {
            collections.set(.tx, named: "TX", Self.captureNames[group], bytes)
        }
    }

    // MARK: - Variables

    private func values(of targets: [SecLangTarget], link: CompiledSecLink, rule: CompiledSecRule)
        throws(Untranslated) -> [Value]
    {
        let filtering = link.hasExclusions || !removedTargets.isEmpty
        var values: [Value] = []
        for target in targets where !target.excluded {
            let start = values.count
            appendMembers(target, to: &values)
            if filtering {
                var kept = start
                for index in start..<values.count
                where !isLeftOut(values[index], target: target, targets: targets, rule: rule) {
                    values.swapAt(kept, index)
                    kept += 1
                }
                values.removeSubrange(kept...)
            }
            if target.counted {
                let count = values.count - start
                values.removeSubrange(start...)
                values.append(Value(variable: target.variable, counted: true, value: Self.decimal(count)))
            }
        }
        return values
    }

    /// Appends the values `target` selects, before exclusions.
    private func appendMembers(_ target: SecLangTarget, to values: inout [Value]) {
        let variable = target.variable
        let selector = target.selector
        let matchData = cache.matchData
        switch variable {
        case .args, .argsGet, .argsPost, .requestHeaders, .requestCookies, .argsNames, .argsGetNames, .argsPostNames,
            .requestHeadersNames, .requestCookiesNames:
            let readsName = variable.readsMemberNames
            for member in members(of: variable) {
                switch selector {
                case .all: break
                case let .key(key): if member.lowercasedName != key.bytes { continue }
                case let .pattern(regex): if !regex.matches(member.name, scratch: matchData) { continue }
                }
                values.append(
                    Value(
                        variable: variable, key: member.name, value: readsName ? member.name : member.value,
                        member: member, readsName: readsName))
            }
        case .tx, .ip, .global, .geo, .xml, .files, .filesNames, .multipartPartHeaders:
            switch selector {
            case let .key(key):
                // `setvar` stores names lowercased, once each.
                if let value = collections.value(variable, key) {
                    values.append(Value(variable: variable, key: key.bytes, value: value))
                }
            case .all:
                collections.forEachMember(variable) { key, value in
                    values.append(Value(variable: variable, key: key.bytes, value: value))
                }
            case let .pattern(regex):
                collections.forEachMember(variable, selectedBy: regex, cache: cache) { key, value in
                    values.append(Value(variable: variable, key: key.bytes, value: value))
                }
            }
        case .matchedVars, .matchedVarsNames:
            for match in matchedVars {
                let name = match.name
                switch selector {
                case .all: break
                case let .key(key): if Self.lowered(name) != key.bytes { continue }
                case let .pattern(regex): if !regex.matches(name, scratch: matchData) { continue }
                }
                values.append(
                    Value(variable: variable, key: name, value: variable == .matchedVars ? match.value : name))
            }
        case .requestURI, .requestURIRaw, .requestFilename, .requestBasename, .requestLine, .requestMethod,
            .requestProtocol, .queryString, .requestBody, .remoteAddress, .requestBodyProcessor, .matchedVar,
            .matchedVarName, .argsCombinedSize, .filesCombinedSize:
            // A single value has no name, so a target that names members selects nothing of it.
            guard case .all = selector else { return }
            values.append(single(variable))
        }
    }

    /// Whether an exclusion of the rule (`!VAR:key`) or a `ctl:ruleRemoveTargetById` leaves `member` out.
    private func isLeftOut(_ member: Value, target: SecLangTarget, targets: [SecLangTarget], rule: CompiledSecRule)
        -> Bool
    {
        guard let key = member.key else { return false }
        let matchData = cache.matchData
        let excluded = targets.contains { exclusion in
            guard exclusion.excluded, exclusion.variable == target.variable else { return false }
            switch exclusion.selector {
            case .all: return true
            case let .key(name): return Self.lowered(key) == name.bytes
            case let .pattern(regex): return regex.matches(key, scratch: matchData)
            }
        }
        if excluded { return true }
        return removedTargets.contains { removal in
            removal.id == rule.id && Self.targetMatches(removal.target, member)
        }
    }

    private static func targetMatches(_ target: String, _ value: Value) -> Bool {
        let parts = target.split(separator: ":", maxSplits: 1)
        guard parts.first?.uppercased() == value.collection else { return false }
        guard parts.count == 2 else { return true }
        return Array(parts[1].lowercased().utf8) == lowered(value.key ?? [])
    }

    private static func lowered(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map(ASCII.lowercased)
    }

    /// The request's members of a request collection.
    private func members(of variable: CRSVariable) -> [CRSRequestVariables.Member] {
        switch variable {
        case .args, .argsNames: request.args
        case .argsGet, .argsGetNames: request.argsGet
        case .argsPost, .argsPostNames: request.argsPost
        case .requestHeaders, .requestHeadersNames: request.headers
        case .requestCookies, .requestCookiesNames: request.cookies
        default: []
        }
    }

    /// The value of a single variable (empty when unset: libmodsecurity's anchored variables always yield one).
    private func single(_ variable: CRSVariable) -> Value {
        switch variable {
        case .requestBodyProcessor: return Value(variable: variable, value: bodyProcessor)
        case .matchedVar: return Value(variable: variable, value: matchedVar?.value ?? [])
        case .matchedVarName: return Value(variable: variable, value: matchedVar?.name ?? [])
        case .argsCombinedSize:
            let size = request.args.isEmpty ? [] : Array(String(request.argsCombinedSize).utf8)
            return Value(variable: variable, value: size)
        case .filesCombinedSize: return Value(variable: variable, value: [])
        default:
            let member = singles[variable.rawValue]
            return Value(variable: variable, value: member?.value ?? [], member: member)
        }
    }

    // MARK: - Collections and macros

    private mutating func apply(_ setVariable: SecLangSetVariable, rule: CompiledSecRule) {
        let key = setVariable.constantName ?? CRSName(Self.lowered(expand(setVariable.name, rule: rule)))
        let variable = setVariable.variable
        let collection = setVariable.collection
        switch setVariable.operation {
        case .unset:
            collections.remove(variable, named: collection, key)
        case .set:
            collections.set(variable, named: collection, key, expand(setVariable.value, rule: rule))
        case .add, .subtract:
            let amount = SecLangOperator.integer(expand(setVariable.value, rule: rule))
            let current = SecLangOperator.integer(
                collections.value(variable, named: collection, key) ?? [])
            let result = setVariable.operation == .add ? current + amount : current - amount
            collections.set(variable, named: collection, key, Self.decimal(result))
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
        if let constant = macro.constant { return constant }
        var output: [UInt8] = []
        for part in macro.parts {
            switch part {
            case let .literal(bytes): output += bytes
            case let .reference(reference): output += value(of: reference, rule: rule)
            }
        }
        return output
    }

    /// What a macro's `%{…}` stands for in this transaction (empty when unset).
    private func value(of reference: SecLangMacroReference, rule: CompiledSecRule) -> [UInt8] {
        switch reference.variable {
        case .matchedVar: return matchedVar?.value ?? []
        case .matchedVarName: return matchedVar?.name ?? []
        case .remoteAddress: return request.remoteAddress
        case .requestLine: return request.requestLine
        case .requestHeaders:
            return request.headers.first { $0.lowercasedName == reference.name.bytes }?.value ?? []
        case .args: return request.args.first { $0.lowercasedName == reference.name.bytes }?.value ?? []
        case nil where reference.collection == "RULE":
            switch reference.key {
            case "id": return Array(String(rule.id).utf8)
            case "msg": return rule.message
            default: return []
            }
        default:
            return collections.value(reference.variable, named: reference.collection, reference.name) ?? []
        }
    }
}
