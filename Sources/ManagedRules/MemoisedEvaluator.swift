import Dispatch
import EdgeModel
import RulesLanguage

/// The OWASP Core Rule Set's verdicts through a memo: an identical request (by `VerdictMemoKey`) is evaluated once.
/// Traffic repeats itself — health checks, polling clients, the same page for many users — so most requests of a
/// trace are answered from the memo; the others run through the evaluator behind it (the compiled rules, or
/// libmodsecurity), several at once when asked for in a batch (`verdicts(for:threads:)`). Safe to use from several
/// threads; a verdict never depends on the order of the requests or on the threads (decision 0022).
public final class MemoisedEvaluator: ManagedRulesEvaluator {
    /// What evaluates the requests the memo does not hold.
    public let engine: any CRSRequestEvaluator
    /// What the keys keep of the client address.
    public let addressUse: CRSClientAddressUse
    /// The verdicts held.
    public let memo: VerdictMemo

    /// Memoises `engine`'s verdicts in `memo`, keyed as `addressUse` says.
    public init(engine: any CRSRequestEvaluator, addressUse: CRSClientAddressUse, memo: VerdictMemo = VerdictMemo()) {
        self.engine = engine
        self.addressUse = addressUse
        self.memo = memo
    }

    /// The key of `request`.
    public func key(_ request: CRSRequest) -> VerdictMemoKey {
        VerdictMemoKey(request, addressUse: addressUse)
    }

    /// The verdict for `request`, from the memo when it holds it.
    public func evaluate(_ request: HTTPRequest) -> ManagedRulesVerdict {
        let request = CRSRequest(request)
        return verdict(for: request, key: key(request))
    }

    /// The verdict for `request`, whose key is `key`: from the memo when it holds it, else from the engine (and
    /// then stored).
    func verdict(for request: CRSRequest, key: VerdictMemoKey) -> ManagedRulesVerdict {
        if let verdict = memo.verdict(for: key) { return verdict }
        let verdict = engine.evaluate(request)
        memo.store(verdict, for: key)
        return verdict
    }

    /// The memoised evaluator of the engine without `ruleIDs` as well (shared by every model that skips the same
    /// rules); when that engine cannot be loaded, this one with their matches dropped.
    public func removing(_ ruleIDs: Set<Int>) -> any ManagedRulesEvaluator {
        let removed = ruleIDs.union(engine.removedRuleIDs)
        guard removed.count > engine.removedRuleIDs.count else { return self }
        do {
            return try ModSecurityEngines.memoisedEvaluator(
                installation: engine.installation, removedRuleIDs: Array(removed))
        } catch {
            return withoutMatches(of: ruleIDs)
        }
    }

    /// The keys and verdicts of `requests`, in their order. The memo is consulted and filled in the order of
    /// `requests` on the calling thread; the requests it does not hold (each distinct key once) are evaluated on up
    /// to `threads` threads at the same time, the calling thread included.
    public func verdicts(for requests: [CRSRequest], threads: Int)
        -> [(key: VerdictMemoKey, verdict: ManagedRulesVerdict)]
    {
        let keys = requests.map(key)
        var verdicts = [ManagedRulesVerdict?](repeating: nil, count: requests.count)
        var missing: [(key: VerdictMemoKey, request: CRSRequest)] = []
        var missingIndex: [VerdictMemoKey: Int] = [:]
        var pending: [(position: Int, missing: Int)] = []
        for (position, request) in requests.enumerated() {
            let key = keys[position]
            if let index = missingIndex[key] {
                pending.append((position, index))
            } else if let verdict = memo.verdict(for: key) {
                verdicts[position] = verdict
            } else {
                missingIndex[key] = missing.count
                pending.append((position, missing.count))
                missing.append((key, request))
            }
        }
        let computed = evaluateAll(missing.map(\.request), threads: threads)
        for (index, entry) in missing.enumerated() { memo.store(computed[index], for: entry.key) }
        for entry in pending { verdicts[entry.position] = computed[entry.missing] }
        return zip(keys, verdicts).map { ($0, $1 ?? .clean) }
    }

    /// `engine`'s verdicts for `requests`, worker `w` of `threads` taking requests w, w + threads, …
    private func evaluateAll(_ requests: [CRSRequest], threads: Int) -> [ManagedRulesVerdict] {
        let workers = max(1, min(threads, requests.count))
        guard workers > 1 else { return requests.map(engine.evaluate) }
        let results = VerdictBuffer(count: requests.count)
        let engine = self.engine
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: requests.count, by: workers) {
                results.set(index, engine.evaluate(requests[index]))
            }
        }
        return results.values
    }
}

/// Verdicts written by several threads, each to its own positions, and read once they are all done.
private final class VerdictBuffer: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<ManagedRulesVerdict>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: .clean)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    /// Sets position `index`; no other thread may touch it meanwhile.
    func set(_ index: Int, _ verdict: ManagedRulesVerdict) {
        storage[index] = verdict
    }

    /// The verdicts, after every writer finished.
    var values: [ManagedRulesVerdict] { Array(storage) }
}
