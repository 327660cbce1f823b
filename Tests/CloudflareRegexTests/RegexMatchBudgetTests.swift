import Testing

@testable import CloudflareRegex

/// Patterns under the size limit whose Pike VM cost (subject length × live threads) is large, each with a 100 KB
/// subject that makes it so.
let budgetWorstCases: [(pattern: String, subject: [UInt8])] = [
    ("(a{1,100}){1,100}$", [UInt8](repeating: UInt8(ascii: "a"), count: 100_000) + [UInt8(ascii: "!")]),
    ("[ab]{60000}!", [UInt8](repeating: UInt8(ascii: "a"), count: 100_000) + [UInt8(ascii: "!")]),
    (".{4079}!", [UInt8](repeating: UInt8(ascii: "x"), count: 100_000) + [UInt8(ascii: "?")]),
]

@Test(arguments: budgetWorstCases.indices)
func aSearchStopsAtTheMatchBudget(index: Int) throws {
    let (pattern, subject) = budgetWorstCases[index]
    let regex = try #require(RegexTestSupport.compiled(pattern))
    subject.withUnsafeBufferPointer { buffer in
        // Unbudgeted, these searches take seconds; the budget stops them after a bounded number of steps.
        #expect(regex.vm.search(buffer, budget: CompiledRegex.matchBudget) == .outOfBudget, "\(pattern)")
        // The documented outcome of an undecided search is false, and it is counted so a replay can say so.
        let undecidedBefore = UndecidedSearches.count
        #expect(!regex.isMatch(buffer), "\(pattern)")
        #expect(UndecidedSearches.count > undecidedBefore, "\(pattern)")
    }
}

@Test func searchesWithinTheBudgetAnswerExactly() throws {
    let regex = try #require(RegexTestSupport.compiled(".{100}!"))
    let hit = [UInt8](repeating: UInt8(ascii: "x"), count: 1_000) + [UInt8(ascii: "!")]
    let miss = [UInt8](repeating: UInt8(ascii: "x"), count: 1_000) + [UInt8(ascii: "?")]
    hit.withUnsafeBufferPointer { #expect(regex.vm.search($0, budget: CompiledRegex.matchBudget) == .match) }
    miss.withUnsafeBufferPointer { #expect(regex.vm.search($0, budget: CompiledRegex.matchBudget) == .noMatch) }
    #expect(regex.isMatch(hit) && !regex.isMatch(miss))
    // The budget counts thread steps: the same search with too small a budget stops undecided.
    miss.withUnsafeBufferPointer { #expect(regex.vm.search($0, budget: 1_000) == .outOfBudget) }
}
