/// Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions and transpositions
/// of adjacent characters each cost one, so `vresion` is one edit from `version`.
public func editDistance(_ a: String, _ b: String) -> Int {
    let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
    for i in 0...s.count { table[i][0] = i }
    for j in 0...t.count { table[0][j] = j }
    for i in 1...s.count {
        for j in 1...t.count {
            let cost = s[i - 1] == t[j - 1] ? 0 : 1
            var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                best = min(best, table[i - 2][j - 2] + 1)
            }
            table[i][j] = best
        }
    }
    return table[s.count][t.count]
}

/// The candidate closest to `word` within a distance that scales with its length (at most a third of the
/// characters, at least 1, at most 3), or nil; ties go to the earlier candidate.
public func bestSuggestion(for word: String, among candidates: some Sequence<String>) -> String? {
    let limit = min(3, max(1, word.unicodeScalars.count / 3))
    var best: (String, Int)?
    for candidate in candidates where candidate != word {
        let distance = editDistance(word.lowercased(), candidate.lowercased())
        if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}
