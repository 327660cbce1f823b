import EdgeCore
import EdgeModel
import RulesLanguage
import Simulation

/// The text of one traced decision: each phase's rules, every sub-expression of the rules the request reached with
/// its value, then the action and the phase and rule that decided.
enum ExplainReport {
    /// The report for `decision`, hiding values the redactor hides.
    static func render(_ decision: Decision, redactor: Redactor) -> String {
        var out = decision.trace.map { $0.render { lines($0, redactor: redactor) } } ?? ""
        if !out.hasSuffix("\n") && !out.isEmpty { out += "\n" }
        out += "action: \(decision.action.rawValue)"
        if let rule = decision.ruleID {
            out += " (rule \(rule)" + (decision.phase.map { " in \($0.rawValue)" } ?? "") + ")"
        }
        out +=
            ", status \(decision.status), cache \(decision.cacheStatus.rawValue), origin "
            + "\(decision.originContacted ? "contacted" : "not contacted")"
        return out
    }

    /// One line per sub-expression, indented by nesting: `http.user_agent contains "bot"  → true  [http.user_agent =
    /// "nikto/2.5"]`, or `→ not evaluated (short-circuited)` after an `and`/`or` was decided.
    static func lines(_ explanation: Explanation, redactor: Redactor) -> [String] {
        explanation.steps.map { step in
            var line = String(repeating: "  ", count: step.depth) + step.canonical + "  → "
            line += step.result.map { $0 ? "true" : "false" } ?? "not evaluated (short-circuited)"
            if let left = step.left, let value = ExplainedValue.shown(step, redactor: redactor) {
                line += "  [\(left) = \(value)]"
            }
            return line
        }
    }
}

/// A comparison's left-side value as explain shows it.
enum ExplainedValue {
    /// The value, `REDACTED` when the left side reads a secret-bearing field, credentials masked in any other value;
    /// nil when the step has no value (not a comparison, not evaluated, or compared per element).
    static func shown(_ step: Explanation.Step, redactor: Redactor) -> String? {
        guard let value = step.value else { return nil }
        if step.reads.contains(where: redactor.hidesValue) { return "REDACTED" }
        return SecretPatterns.redacted(value)
    }
}
