import EdgeModel
import RulesLanguage

/// The evaluator one edge model consults: it answers with the verdict computed ahead for the request the model is
/// about to process, and asks the memoised evaluator otherwise. The replay loop holds each request's verdict here
/// just before the model processes it, so the model stays unaware of memos and threads.
///
/// A held verdict is only given for a request whose key equals the one it was computed for: a model that changed
/// the request, or did not reach the managed rules phase, never gets another request's verdict. One slot belongs
/// to one model and to the thread that runs it.
public final class ManagedRulesVerdictSlot: ManagedRulesEvaluator, @unchecked Sendable {
    /// Evaluates the requests without a held verdict, and computes verdicts ahead.
    public let source: MemoisedEvaluator
    private var held: (key: VerdictMemoKey, verdict: ManagedRulesVerdict)?

    /// A slot over `source`, holding nothing.
    public init(source: MemoisedEvaluator) {
        self.source = source
    }

    /// Holds `verdict` for the request with `key`, until `release()`.
    public func hold(_ verdict: ManagedRulesVerdict, for key: VerdictMemoKey) {
        held = (key, verdict)
    }

    /// Holds nothing.
    public func release() {
        held = nil
    }

    /// The held verdict when `request` is the one it was computed for, else the memoised evaluator's.
    public func evaluate(_ request: HTTPRequest) -> ManagedRulesVerdict {
        let request = CRSRequest(request)
        if let held, held.key.isKey(of: request, addressUse: source.addressUse) { return held.verdict }
        return source.verdict(for: request, key: source.key(request))
    }

    /// The memoised evaluator without `ruleIDs` (a held verdict was computed with every rule, so it is not used).
    public func removing(_ ruleIDs: Set<Int>) -> any ManagedRulesEvaluator {
        source.removing(ruleIDs)
    }
}
