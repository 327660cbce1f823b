/// What one link's transformations and operator made of one value: each variant the operator saw, whether it
/// found something, and the captures it took.
struct CRSVariantOutcome {
    /// The transformed value.
    var variant: [UInt8]
    /// Whether the operator found something (before negation).
    var found: Bool
    /// The captures, for a link with `capture` that found something.
    var captures: [[UInt8]]?

    /// Whether `outcomes` change nothing in a transaction: no variant matches (with the operator's `negated`),
    /// and none captured.
    static func changeNothing(_ outcomes: [CRSVariantOutcome], negated: Bool) -> Bool {
        outcomes.allSatisfy { $0.found == negated && !($0.found && $0.captures != nil) }
    }
}

/// What is known of one link on one value.
enum CRSOutcomeState: UInt8 {
    /// Not evaluated yet.
    case unknown
    /// Evaluated: the link changes nothing (`CRSVariantOutcome.changeNothing`).
    case nothing
    /// Evaluated: the variants are kept (`CRSValueOutcomes.details`).
    case kept
}

/// The outcomes of the rules on one value, kept across requests: a link whose outcome depends on the value alone
/// (`CompiledSecLink.outcomeSlot`) runs its transformations and operator once per distinct value. Most links do
/// nothing on most values, so that is one byte per link; the rest keep their variants.
final class CRSValueOutcomes {
    /// Per outcome slot, what is known. Read for every rule of every request, so kept in memory of its own rather
    /// than in an array, whose reads through a class pay for reference counting and exclusivity checks.
    private let states: UnsafeMutableBufferPointer<CRSOutcomeState>
    /// The slots whose state is not `nothing`, each at its bit (`CRSProgram.bitOfSlot`), for a transaction to
    /// tell at once that a link does nothing on any value of a list (`CRSTransaction`).
    let open: CRSSlotBits
    /// The variants of the slots whose state is `kept`.
    var details: [Int: [CRSVariantOutcome]] = [:]
    /// The value transformed, by transformation list.
    var transformed: [Int: [UInt8]] = [:]

    init(slots: Int) {
        states = .allocate(capacity: slots)
        states.initialize(repeating: .unknown)
        open = CRSSlotBits(slots: slots, filled: true)
    }

    deinit {
        states.deallocate()
        open.deallocate()
    }

    /// The state of `slot` (which the caller keeps below the program's slot count).
    func state(_ slot: Int) -> CRSOutcomeState {
        states[slot]
    }

    /// Sets the state of `slot`, whose bit in `open` is `bit`, once known (a state never returns to `unknown`, nor
    /// leaves `nothing`).
    func setState(_ slot: Int, bit: Int, _ state: CRSOutcomeState) {
        states[slot] = state
        if state == .nothing { open.remove(bit) }
    }
}

/// The working memory of one thread evaluating requests with a `CRSProgram`: PCRE2 match data and the outcomes
/// per distinct value. Outcomes are a function of the value, so keeping them changes no verdict; the cache is
/// emptied when the bytes it holds pass `byteBudget`, which bounds memory whatever the trace length.
final class CRSOutcomeCache {
    /// The PCRE2 match data.
    let matchData = SecLangMatchData()
    private let slots: Int
    private let byteBudget: Int
    private var entries: [KeptValue: CRSValueOutcomes] = [:]
    private var bytes = 0
    /// Per slot, a few short values the transactions make (`TX` members, counts) on which the link does nothing.
    private var nothingOn: [[[UInt8]]]

    /// The working bits of the transaction running with this cache (`CRSTransaction`): the request target lists
    /// gathered, those with a value too long to keep, and per list the slots open on some value; the same for the
    /// request targets the lists are made of.
    let gatheredLists: CRSSlotBits
    let uncachedLists: CRSSlotBits
    let openSlots: CRSSlotBits
    let gatheredTargets: CRSSlotBits
    let uncachedTargets: CRSSlotBits
    let openSlotsOfTargets: CRSSlotBits

    /// A cache for a program with `slots` outcome slots, `lists` request target lists and `targets` request
    /// targets, holding about `byteBudget` bytes at most.
    init(slots: Int, lists: Int, targets: Int, byteBudget: Int) {
        self.slots = slots
        self.byteBudget = byteBudget
        nothingOn = Array(repeating: [], count: slots)
        gatheredLists = CRSSlotBits(slots: lists, filled: false)
        uncachedLists = CRSSlotBits(slots: lists, filled: false)
        openSlots = CRSSlotBits(rows: lists, slots: slots, filled: false)
        gatheredTargets = CRSSlotBits(slots: targets, filled: false)
        uncachedTargets = CRSSlotBits(slots: targets, filled: false)
        openSlotsOfTargets = CRSSlotBits(rows: targets, slots: slots, filled: false)
    }

    deinit {
        for bits in [gatheredLists, uncachedLists, openSlots, gatheredTargets, uncachedTargets, openSlotsOfTargets] {
            bits.deallocate()
        }
    }

    /// The most values `nothingOn` keeps per slot, and the longest.
    private static let madeValuesPerSlot = 4
    private static let longestMadeValue = 64

    /// Whether the link at `slot` is known to do nothing on `value`, a value a transaction made.
    func producesNothing(slot: Int, value: [UInt8]) -> Bool {
        nothingOn[slot].contains(value)
    }

    /// Notes that the link at `slot` does nothing on `value`, when the value is short and the slot has room.
    func noteNothing(slot: Int, value: [UInt8]) {
        guard value.count <= Self.longestMadeValue, nothingOn[slot].count < Self.madeValuesPerSlot else { return }
        nothingOn[slot].append(value)
    }

    /// Whether `regex` (a `/pattern/` selector) matches `name`, a member's name in a collection `setvar` fills:
    /// kept per pattern and name, since the rules set the same few names in every transaction.
    func selects(_ regex: SecLangRegex, _ name: CRSName) -> Bool {
        let key = SelectedName(regex: ObjectIdentifier(regex), name: name)
        if let known = selections[key] { return known }
        let found = regex.matches(name.bytes, scratch: matchData)
        if selections.count >= Self.mostSelections { selections.removeAll(keepingCapacity: true) }
        selections[key] = found
        return found
    }

    /// The most pattern-and-name answers `selects` keeps.
    private static let mostSelections = 65_536
    private var selections: [SelectedName: Bool] = [:]

    /// A pattern and a name, hashed from the name's stored hash.
    private struct SelectedName: Hashable {
        let regex: ObjectIdentifier
        let name: CRSName

        func hash(into hasher: inout Hasher) {
            hasher.combine(regex)
            hasher.combine(name)
        }

        /// The hash a dictionary asks for, without running a hasher per lookup (as `CRSName` does).
        func _rawHashValue(seed: Int) -> Int {
            name._rawHashValue(seed: seed) &+ Int(bitPattern: UInt(bitPattern: regex)) &* 31
        }
    }

    /// Values longer than this are evaluated without keeping their outcomes.
    static let longestCachedValue = 4096

    /// The outcomes of `value`, nil for a value too long to keep.
    func outcomes(of value: [UInt8]) -> CRSValueOutcomes? {
        guard value.count <= Self.longestCachedValue else { return nil }
        if let entry = entries[KeptValue(bytes: value)] { return entry }
        let cost = value.count + slots + 64
        if bytes + cost > byteBudget {
            entries.removeAll(keepingCapacity: true)
            bytes = 0
        }
        let entry = CRSValueOutcomes(slots: slots)
        entries[KeptValue(bytes: value)] = entry
        bytes += cost
        return entry
    }

    /// A value as a key, hashed as one run of bytes rather than byte by byte, as an array of bytes is.
    private struct KeptValue: Hashable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// Counts `count` more bytes held by an entry (a transformed value, a match's variants).
    func hold(_ count: Int) {
        bytes += count
    }
}
