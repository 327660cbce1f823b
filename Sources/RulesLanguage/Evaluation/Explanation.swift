/// Why an expression matched or not: every node of its logical tree, outermost first, with its canonical text,
/// its result for one request (or that it was not evaluated, when `and`/`or` short-circuits as Cloudflare does) and,
/// for comparisons, the left side and its value.
public struct Explanation: Sendable, CustomStringConvertible {
    /// One node of the logical tree.
    public struct Step: Sendable, Equatable {
        /// The node's canonical text.
        public let canonical: String
        /// Nesting depth, 0 for the whole expression.
        public let depth: Int
        /// The node's result; nil when an `and`/`or` above it was decided by an earlier operand, so it was not
        /// evaluated.
        public let result: Bool?
        /// For a comparison, the left side's canonical text (`http.user_agent`); nil otherwise.
        public let left: String?
        /// For an evaluated comparison, the left side's value (`"sqlmap/1.7"`, `403`, `missing`); nil otherwise.
        public let value: String?
        /// For a comparison, the fields its left side reads, so renderers can hide secret-bearing values.
        public let reads: [FieldRead]
    }

    /// Nodes in pre-order: each node before its operands, operands left to right.
    public let steps: [Step]

    /// The whole expression's result.
    public var result: Bool { steps.first?.result ?? false }

    /// One line per step, indented by depth: `true   http.host eq "a"  [left side = "a"]`.
    public var description: String {
        steps.map { step in
            String(repeating: "  ", count: step.depth)
                + (step.result.map { $0 ? "true " : "false" } ?? "not evaluated") + "  " + step.canonical
                + (step.value.map { "  [left side = \($0)]" } ?? "")
        }.joined(separator: "\n")
    }
}

/// Evaluates every node of `expression`'s logical tree against `context`, in Cloudflare's order: an `and` stops at
/// its first false operand and an `or` at its first true one, and the operands after it are marked not evaluated.
public func explain(_ expression: Expression, _ context: RequestContext) -> Explanation {
    let compiler = ExpressionCompiler(missingValues: expression.missingValues)
    var steps: [Explanation.Step] = []
    func visit(_ node: LogicalExpression, depth: Int, evaluated: Bool) {
        let result = evaluated ? compiler.compileBool(node)(context) : nil
        var left: String?
        var value: String?
        var reads: [FieldRead] = []
        if case .comparison(let comparison) = node.kind {
            left = CanonicalPrinter.print(comparison.lhs)
            reads = comparison.lhs.fieldReads
            if evaluated, !comparison.lhs.isMapped {
                value = ValueRenderer.render(compiler.compileValue(comparison.lhs), context)
            }
        }
        steps.append(
            Explanation.Step(
                canonical: CanonicalPrinter.print(node), depth: depth, result: result, left: left, value: value,
                reads: reads))
        switch node.kind {
        case .combination(let connective, let items):
            var decided = !evaluated
            for item in items {
                let before = steps.count
                visit(item, depth: depth + 1, evaluated: !decided)
                if let itemResult = steps[before].result {
                    decided = connective == .and ? !itemResult : connective == .or ? itemResult : false
                }
            }
        case .not(let inner), .parenthesized(let inner): visit(inner, depth: depth + 1, evaluated: evaluated)
        case .comparison, .value: break
        }
    }
    visit(expression.root, depth: 0, evaluated: true)
    return Explanation(steps: steps)
}

/// Renders an evaluated value in expression syntax for explanations.
enum ValueRenderer {
    static func render(_ value: CompiledValue, _ context: RequestContext) -> String {
        let missing = "missing"
        switch value {
        case .bytes(let read): return read(context).map(CanonicalPrinter.string) ?? missing
        case .int(let read): return read(context).map { String($0) } ?? missing
        case .bool(let read): return read(context) ? "true" : "false"
        case .ip(let read): return read(context)?.description ?? missing
        case .bytesArray(let read): return read(context).map(list) ?? missing
        case .bytesArrayArray(let read):
            return read(context).map { "[" + $0.map(list).joined(separator: ", ") + "]" } ?? missing
        case .intArray(let read):
            return read(context).map { "[" + $0.map(String.init).joined(separator: ", ") + "]" } ?? missing
        case .boolArray(let read):
            return read(context).map { "[" + $0.map(String.init).joined(separator: ", ") + "]" } ?? missing
        case .ipArray(let read):
            return read(context).map { "[" + $0.map(\.description).joined(separator: ", ") + "]" } ?? missing
        case .map(let read):
            guard let map = read(context) else { return missing }
            return "{"
                + zip(map.keys, map.values).map { CanonicalPrinter.string($0) + ": " + list($1) }
                .joined(separator: ", ") + "}"
        }
    }

    private static func list(_ items: [[UInt8]]) -> String {
        "[" + items.map(CanonicalPrinter.string).joined(separator: ", ") + "]"
    }
}
