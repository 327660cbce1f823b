import EdgeCore
import Testing

@testable import RulesLanguage

/// One row of the conformance table: an expression, the options and request it runs with, and the expected
/// result or the expected error (id and the text the error's column points at).
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable {
        case result(Bool)
        case error(String, column: Int)
    }

    let expression: String
    let expectation: Expectation
    var request: HTTPRequest = sampleRequest
    var plan: CloudflarePlan = .enterprise
    var context: RuleContext?
    var missing: MissingValuePolicy = .cloudflare

    var testDescription: String { expression }

}

/// The 1-based column (in Unicode scalars) of the first occurrence of `marker` in `expression` (1 if empty).
func column(of marker: String, in expression: String) -> Int {
    guard !marker.isEmpty, let range = expression.range(of: marker) else { return marker.isEmpty ? 1 : -1 }
    return expression.unicodeScalars.distance(from: expression.unicodeScalars.startIndex, to: range.lowerBound) + 1
}

/// Expects the expression to evaluate to true.
func yes(
    _ expression: String, _ request: HTTPRequest = sampleRequest, plan: CloudflarePlan = .enterprise,
    context: RuleContext? = nil, missing: MissingValuePolicy = .cloudflare
) -> ConformanceCase {
    ConformanceCase(
        expression: expression, expectation: .result(true), request: request, plan: plan, context: context,
        missing: missing)
}

/// Expects the expression to evaluate to false.
func no(
    _ expression: String, _ request: HTTPRequest = sampleRequest, plan: CloudflarePlan = .enterprise,
    context: RuleContext? = nil, missing: MissingValuePolicy = .cloudflare
) -> ConformanceCase {
    ConformanceCase(
        expression: expression, expectation: .result(false), request: request, plan: plan, context: context,
        missing: missing)
}

/// Expects an error with `id` whose column is where `marker` first occurs.
func fails(
    _ expression: String, _ id: String, at marker: String, plan: CloudflarePlan = .enterprise,
    context: RuleContext? = nil
) -> ConformanceCase {
    ConformanceCase(
        expression: expression, expectation: .error(id, column: column(of: marker, in: expression)),
        plan: plan, context: context)
}

/// Expects an error with `id` at an explicit column (for positions a marker cannot name, like the end).
func fails(_ expression: String, _ id: String, column: Int) -> ConformanceCase {
    ConformanceCase(expression: expression, expectation: .error(id, column: column))
}
