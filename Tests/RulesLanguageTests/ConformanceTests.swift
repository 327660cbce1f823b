import EdgeCore
import Testing

@testable import RulesLanguage

@Suite("Conformance table")
struct ConformanceTests {
    @Test("the table has at least 150 cases")
    func tableSize() {
        #expect(conformanceCases.count >= 150)
    }

    @Test("each case evaluates or fails as expected", arguments: conformanceCases)
    func conformance(_ testCase: ConformanceCase) {
        let (expression, diagnostics) = parse(
            testCase.expression, plan: testCase.plan, context: testCase.context, missing: testCase.missing)
        switch testCase.expectation {
        case .result(let expected):
            let errors = diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "unexpected errors: \(errors.map { "\($0.id) \($0.message)" })")
            guard let expression else { return }
            let compiled = CompiledExpression(expression)
            #expect(compiled.evaluate(RequestContext(testCase.request)) == expected)
            #expect(explain(expression, RequestContext(testCase.request)).result == expected)
        case .error(let id, let column):
            #expect(expression == nil)
            let error = diagnostics.first { $0.severity == .error }
            #expect(error?.id == id, "got \(diagnostics.map { "\($0.id) \($0.message)" })")
            #expect(
                error?.range.start.column == column,
                "error at \(String(describing: error?.range)), expected column \(column)")
        }
    }
}
