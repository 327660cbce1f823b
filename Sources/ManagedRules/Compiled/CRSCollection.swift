/// A collection `setvar` fills (`TX`, `IP`, …): its members in the order they were first set, with an index.
struct CRSCollection {
    /// The members in order.
    private(set) var entries: [(key: CRSName, value: [UInt8])] = []
    private var index: [CRSName: Int] = [:]

    /// The value of `key`, nil when unset.
    func value(_ key: CRSName) -> [UInt8]? {
        index[key].map { entries[$0].value }
    }

    /// Sets `key` to `value`, keeping its place when it was set before.
    mutating func set(_ key: CRSName, _ value: [UInt8]) {
        if let position = index[key] {
            entries[position].value = value
        } else {
            index[key] = entries.count
            entries.append((key, value))
        }
    }

    /// Unsets `key`.
    mutating func remove(_ key: CRSName) {
        guard let position = index[key] else { return }
        entries.remove(at: position)
        index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($0.element.key, $0.offset) })
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

    /// The members of the collection of `variable` in the order they were first set.
    func entries(_ variable: CRSVariable) -> [(key: CRSName, value: [UInt8])] {
        variable == .tx ? tx.entries : known[variable]?.entries ?? []
    }

    /// The number of members in the collection of `variable`; read in place.
    func count(_ variable: CRSVariable) -> Int {
        variable == .tx ? tx.entries.count : known[variable]?.entries.count ?? 0
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
