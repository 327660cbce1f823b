import EdgeModel
import Foundation
import ManagedRules
import RulesLanguage
import Testing

/// libmodsecurity with one shared rule set and many transactions at once, as the replay runs it.
@Suite(.enabled(if: CRSAvailability.installed, CRSAvailability.skipMessage))
struct ConcurrentTransactionTests {
    @Test("Eight threads evaluating 200 requests each on one engine get the single-threaded verdicts")
    func sharedRuleSetUnderConcurrency() throws {
        let engine = try #require(MemoisedEvaluatorTests.engine)
        let requests = MemoisedEvaluatorTests.mix(count: 200)
        let expected = requests.map { engine.evaluate($0) }
        let threads = 8
        let results = Results(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            // Each thread walks the requests from its own starting point, so different rules run at the same time.
            let verdicts = requests.indices.map { index in
                let position = (index + thread * 25) % requests.count
                return (position, engine.evaluate(requests[position]))
            }
            results.set(thread, verdicts.sorted { $0.0 < $1.0 }.map(\.1))
        }
        for thread in 0..<threads { #expect(results.get(thread) == expected, "thread \(thread)") }
    }
}

/// Each thread's verdicts, written once by that thread.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [[ManagedRulesVerdict]]

    init(count: Int) { values = Array(repeating: [], count: count) }

    func set(_ index: Int, _ verdicts: [ManagedRulesVerdict]) {
        lock.lock()
        values[index] = verdicts
        lock.unlock()
    }

    func get(_ index: Int) -> [ManagedRulesVerdict] {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}
