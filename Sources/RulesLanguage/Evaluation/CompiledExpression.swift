/// An expression compiled once into closures; evaluate it against any number of requests, from any thread
/// (each thread with its own `RequestContext`).
public struct CompiledExpression: Sendable {
    let run: @Sendable (RequestContext) -> Bool
    /// The canonical text of the expression it was compiled from.
    public let canonical: String

    /// Compiles `expression`, with comparisons on missing values following its `missingValues` policy.
    public init(_ expression: Expression) {
        run = ExpressionCompiler(missingValues: expression.missingValues).compileBool(expression.root)
        canonical = expression.canonical
    }

    /// Whether the expression is true for the context's request.
    @inline(__always)
    public func evaluate(_ context: RequestContext) -> Bool { run(context) }

    /// Whether the expression is true for `request` (builds a throwaway context; prefer reusing one).
    public func evaluate(_ request: HTTPRequest) -> Bool { run(RequestContext(request)) }
}
