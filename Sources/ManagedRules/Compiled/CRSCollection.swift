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

/// The collections of one transaction: those the compiled evaluator knows by variable, the others by name.
struct CRSCollections {
    private var known = [CRSCollection?](repeating: nil, count: CRSVariable.allCases.count)
    private var others: [String: CRSCollection] = [:]

    /// The collection of `variable`, nil before a member is set.
    subscript(variable: CRSVariable) -> CRSCollection? {
        known[variable.rawValue]
    }

    /// The value of `key` in the collection of `variable`, nil when unset; read in place.
    func value(_ variable: CRSVariable, _ key: CRSName) -> [UInt8]? {
        known[variable.rawValue]?.value(key)
    }

    /// The members of the collection of `variable` in the order they were first set.
    func entries(_ variable: CRSVariable) -> [(key: CRSName, value: [UInt8])] {
        known[variable.rawValue]?.entries ?? []
    }

    /// The number of members in the collection of `variable`; read in place.
    func count(_ variable: CRSVariable) -> Int {
        known[variable.rawValue]?.entries.count ?? 0
    }

    /// The collection named `name` (uppercased), known or not.
    func collection(_ variable: CRSVariable?, named name: String) -> CRSCollection? {
        variable.map { known[$0.rawValue] } ?? others[name]
    }

    /// Sets `key` in the collection of `variable` (or named `name`) to `value`.
    mutating func set(_ variable: CRSVariable?, named name: String, _ key: CRSName, _ value: [UInt8]) {
        if let variable {
            if known[variable.rawValue] == nil { known[variable.rawValue] = CRSCollection() }
            known[variable.rawValue]!.set(key, value)
        } else {
            others[name, default: CRSCollection()].set(key, value)
        }
    }

    /// Unsets `key` in the collection of `variable` (or named `name`).
    mutating func remove(_ variable: CRSVariable?, named name: String, _ key: CRSName) {
        if let variable {
            known[variable.rawValue]?.remove(key)
        } else {
            others[name]?.remove(key)
        }
    }
}
