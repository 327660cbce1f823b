/// Unicode data for Unicode mode (`(?u)`): general categories, the Perl classes and simple case folding,
/// derived once from the standard library's `Unicode.Scalar.Properties`.
struct UnicodeTables: Sendable {
    /// The shared tables, built on first use (a one-time scan over all scalars).
    static let shared = UnicodeTables()

    /// Maximal runs of scalars sharing one general category.
    let categoryRuns: [(range: ClosedRange<UInt32>, category: Unicode.GeneralCategory)]
    /// `\d` in Unicode mode: general category Nd.
    let perlDigit: ScalarSet
    /// `\s` in Unicode mode: the White_Space property.
    let perlSpace: ScalarSet
    /// `\w` in Unicode mode: Alphabetic, marks, Nd, Pc and Join_Control (UTS #18 Annex C).
    let perlWord: ScalarSet
    /// For every scalar whose simple case-folding orbit has other members, the whole orbit.
    let caseOrbits: [UInt32: [UInt32]]

    private init() {
        var runs: [(range: ClosedRange<UInt32>, category: Unicode.GeneralCategory)] = []
        var space: [ClosedRange<UInt32>] = []
        var word: [ClosedRange<UInt32>] = []
        func extend(_ list: inout [ClosedRange<UInt32>], _ value: UInt32) {
            if let last = list.last, last.upperBound + 1 == value {
                list[list.count - 1] = last.lowerBound...value
            } else {
                list.append(value...value)
            }
        }
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            let category = properties.generalCategory
            if let last = runs.last, last.category == category, last.range.upperBound + 1 == value {
                runs[runs.count - 1].range = last.range.lowerBound...value
            } else {
                runs.append((value...value, category))
            }
            if properties.isWhitespace { extend(&space, value) }
            switch category {
            case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation:
                extend(&word, value)
            default:
                if properties.isAlphabetic || properties.isJoinControl { extend(&word, value) }
            }
        }
        categoryRuns = runs
        perlDigit = ScalarSet(runs.filter { $0.category == .decimalNumber }.map(\.range))
        perlSpace = ScalarSet(space)
        perlWord = ScalarSet(word)
        caseOrbits = Self.buildCaseOrbits()
    }

    /// Scalars in any of `categories`.
    func scalars(in categories: Set<Unicode.GeneralCategory>) -> ScalarSet {
        ScalarSet(categoryRuns.filter { categories.contains($0.category) }.map(\.range))
    }

    /// `set` closed under simple case folding.
    func caseFolded(_ set: ScalarSet) -> ScalarSet {
        var added: [ClosedRange<UInt32>] = []
        for (member, orbit) in caseOrbits where set.contains(member) {
            for other in orbit { added.append(other...other) }
        }
        return added.isEmpty ? set : set.union(ScalarSet(added))
    }

    /// Orbits of the relation "is the single-scalar lower-, upper- or titlecase mapping of".
    private static func buildCaseOrbits() -> [UInt32: [UInt32]] {
        var parent: [UInt32: UInt32] = [:]
        func find(_ x: UInt32) -> UInt32 {
            var root = x
            while let next = parent[root], next != root { root = next }
            return root
        }
        func unite(_ a: UInt32, _ b: UInt32) {
            let ra = find(a), rb = find(b)
            if parent[ra] == nil { parent[ra] = ra }
            if parent[rb] == nil { parent[rb] = rb }
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        for value in UInt32(0)...0x1FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenCaseMapped else { continue }
            for mapping in [
                scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping,
                scalar.properties.titlecaseMapping,
            ] {
                let scalars = mapping.unicodeScalars
                if scalars.count == 1, let other = scalars.first, other.value != value { unite(value, other.value) }
            }
        }
        var members: [UInt32: [UInt32]] = [:]
        for key in parent.keys { members[find(key), default: []].append(key) }
        var orbits: [UInt32: [UInt32]] = [:]
        for group in members.values where group.count > 1 {
            let sorted = group.sorted()
            for member in sorted { orbits[member] = sorted }
        }
        return orbits
    }
}
