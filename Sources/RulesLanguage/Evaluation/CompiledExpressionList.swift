/// The compiled conditions of an ordered rule list, evaluated by position.
///
/// A closure loaded out of an array is retained and released around every call. Here each evaluator sits in an
/// immutable box that the list keeps alive, and evaluation reaches the box through an unmanaged reference, so
/// evaluating a rule costs no reference counting.
public struct CompiledExpressionList: @unchecked Sendable {
    private final class Evaluator: Sendable {
        let run: @Sendable (RequestContext) -> Bool
        init(_ run: @escaping @Sendable (RequestContext) -> Bool) { self.run = run }
    }

    /// Owns the boxes for as long as the list exists.
    private let owners: [Evaluator]
    /// The same boxes, unretained; valid while `owners` holds them.
    private let evaluators: [Unmanaged<Evaluator>]

    /// The list of `expressions`, in order.
    public init(_ expressions: [CompiledExpression]) {
        owners = expressions.map { Evaluator($0.run) }
        evaluators = owners.map { Unmanaged.passUnretained($0) }
    }

    /// The number of conditions.
    public var count: Int { evaluators.count }

    /// The positions of the conditions.
    public var indices: Range<Int> { evaluators.indices }

    /// Whether condition number `index` is true for the context's request.
    @inline(__always)
    public func evaluate(_ index: Int, _ context: RequestContext) -> Bool {
        evaluators[index]._withUnsafeGuaranteedRef { $0.run(context) }
    }
}
