/// A collection `setvar` fills (`TX`, `IP`, …): its members in the order they were first set. The members a
/// transaction starts from (the prelude's, `share(selectedBy:cache:)`) are shared with every other transaction and
/// never copied: the transaction keeps only what it changed in them and the members it added after them.
struct CRSCollection {
    /// The shared members, with an index and, per name pattern a rule selects members by, the positions it selects.
    private final class Shared: Sendable {
        let entries: [(key: CRSName, value: [UInt8])]
        let index: [CRSName: Int]
        let selections: [ObjectIdentifier: [Int]]

        init(entries: [(key: CRSName, value: [UInt8])], selections: [ObjectIdentifier: [Int]]) {
            self.entries = entries
            index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($0.element.key, $0.offset) })
            self.selections = selections
        }
    }

    private var shared: Shared?
    /// The shared members this transaction changed, by position: the new value, or nil once unset.
    private var changed: [(position: Int, value: [UInt8]?)] = []
    /// The members added after the shared ones, in order, with an index.
    private var added: [(key: CRSName, value: [UInt8])] = []
    private var addedIndex: [CRSName: Int] = [:]

    /// The value of `key`, nil when unset.
    func value(_ key: CRSName) -> [UInt8]? {
        if let position = shared?.index[key], let value = sharedValue(at: position) { return value }
        return addedIndex[key].map { added[$0].value }
    }

    /// The number of members.
    var count: Int {
        (shared?.entries.count ?? 0) - changed.count { $0.value == nil } + added.count
    }

    /// Calls `body` with each member in order.
    func forEachMember(_ body: (CRSName, [UInt8]) -> Void) {
        if let shared {
            for position in shared.entries.indices {
                if let value = sharedValue(at: position) { body(shared.entries[position].key, value) }
            }
        }
        for entry in added { body(entry.key, entry.value) }
    }

    /// Calls `body` with each member, in order, whose name `pattern` selects (answers kept in `cache`).
    func forEachMember(selectedBy pattern: SecLangRegex, cache: CRSOutcomeCache, _ body: (CRSName, [UInt8]) -> Void) {
        if let shared {
            let positions =
                shared.selections[ObjectIdentifier(pattern)]
                ?? shared.entries.indices.filter { cache.selects(pattern, shared.entries[$0].key) }
            for position in positions {
                if let value = sharedValue(at: position) { body(shared.entries[position].key, value) }
            }
        }
        for entry in added where cache.selects(pattern, entry.key) { body(entry.key, entry.value) }
    }

    /// Sets `key` to `value`, keeping its place when it is set.
    mutating func set(_ key: CRSName, _ value: [UInt8]) {
        if let position = addedIndex[key] {
            added[position].value = value
        } else if let position = shared?.index[key], sharedValue(at: position) != nil {
            change(position, to: value)
        } else {
            addedIndex[key] = added.count
            added.append((key, value))
        }
    }

    /// Unsets `key`.
    mutating func remove(_ key: CRSName) {
        if let position = addedIndex[key] {
            added.remove(at: position)
            addedIndex = Dictionary(uniqueKeysWithValues: added.enumerated().map { ($0.element.key, $0.offset) })
        } else if let position = shared?.index[key], sharedValue(at: position) != nil {
            change(position, to: nil)
        }
    }

    /// Notes that the shared member at `position` now has `value` (nil: unset) in this transaction.
    private mutating func change(_ position: Int, to value: [UInt8]?) {
        if let index = changed.firstIndex(where: { $0.position == position }) {
            changed[index].value = value
        } else {
            changed.append((position, value))
        }
    }

    /// The collection with the same members in the same order, all shared, with the positions each of `patterns`
    /// selects worked out.
    func share(selectedBy patterns: [SecLangRegex], cache: CRSOutcomeCache) -> CRSCollection {
        var entries: [(key: CRSName, value: [UInt8])] = []
        forEachMember { entries.append(($0, $1)) }
        var selections: [ObjectIdentifier: [Int]] = [:]
        for pattern in patterns {
            selections[ObjectIdentifier(pattern)] = entries.indices.filter { cache.selects(pattern, entries[$0].key) }
        }
        var collection = CRSCollection()
        collection.shared = Shared(entries: entries, selections: selections)
        return collection
    }

    /// The value of the shared member at `position` as this transaction left it, nil once unset.
    private func sharedValue(at position: Int) -> [UInt8]? {
        for change in changed where change.position == position { return change.value }
        return shared?.entries[position].value
    }
}

/// The collections of one transaction: `TX`, which nearly every rule reads, in a field of its own; the others the
/// compiled evaluator knows by variable, and the rest by name.
struct CRSCollections {
    private var tx = CRSCollection()
    private var known: [CRSVariable: CRSCollection] = [:]
    private var others: [String: CRSCollection] = [:]

    /// The value of `key` in the collection of `variable`, nil when unset; read in place.
    func value(_ variable: CRSVariable, _ key: CRSName) -> [UInt8]? {
        variable == .tx ? tx.value(key) : known[variable]?.value(key)
    }

    /// Calls `body` with each member of the collection of `variable`, in the order they were first set.
    func forEachMember(_ variable: CRSVariable, _ body: (CRSName, [UInt8]) -> Void) {
        variable == .tx ? tx.forEachMember(body) : known[variable]?.forEachMember(body)
    }

    /// Calls `body` with each member of the collection of `variable` whose name `pattern` selects, in order.
    func forEachMember(
        _ variable: CRSVariable, selectedBy pattern: SecLangRegex, cache: CRSOutcomeCache,
        _ body: (CRSName, [UInt8]) -> Void
    ) {
        if variable == .tx {
            tx.forEachMember(selectedBy: pattern, cache: cache, body)
        } else {
            known[variable]?.forEachMember(selectedBy: pattern, cache: cache, body)
        }
    }

    /// The number of members in the collection of `variable`; read in place.
    func count(_ variable: CRSVariable) -> Int {
        variable == .tx ? tx.count : known[variable]?.count ?? 0
    }

    /// The collections with `TX`'s members shared (`CRSCollection.share(selectedBy:cache:)`).
    func sharingTransactionMembers(selectedBy patterns: [SecLangRegex], cache: CRSOutcomeCache) -> CRSCollections {
        var collections = self
        collections.tx = tx.share(selectedBy: patterns, cache: cache)
        return collections
    }

    /// The value of `key` in the collection of `variable` (or named `name`, uppercased), nil when unset.
    func value(_ variable: CRSVariable?, named name: String, _ key: CRSName) -> [UInt8]? {
        guard let variable else { return others[name]?.value(key) }
        return value(variable, key)
    }

    /// Sets `key` in the collection of `variable` (or named `name`) to `value`.
    mutating func set(_ variable: CRSVariable?, named name: String, _ key: CRSName, _ value: [UInt8]) {
        switch variable {
        case .tx: tx.set(key, value)
        case let variable?: known[variable, default: CRSCollection()].set(key, value)
        case nil: others[name, default: CRSCollection()].set(key, value)
        }
    }

    /// Unsets `key` in the collection of `variable` (or named `name`).
    mutating func remove(_ variable: CRSVariable?, named name: String, _ key: CRSName) {
        switch variable {
        case .tx: tx.remove(key)
        case let variable?: known[variable]?.remove(key)
        case nil: others[name]?.remove(key)
        }
    }
}
