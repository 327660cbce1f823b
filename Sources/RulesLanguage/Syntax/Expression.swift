/// A parsed, type-checked rule expression: the typed tree with byte ranges, plus what callers need to know
/// about it without walking the tree.
public struct Expression: Sendable {
    /// The root of the tree; its type is Bool.
    public let root: LogicalExpression
    /// The text as given.
    public let source: String
    /// Comparisons on missing values follow this policy when compiled.
    public let missingValues: MissingValuePolicy
    /// Names of the fields the expression reads.
    public let fieldsUsed: Set<String>

    /// The canonical text: English operators, single spaces, decimal integers, canonical CIDRs, raw strings
    /// where escapes would be needed, no tabs. Parsing it gives the same tree.
    public var canonical: String { CanonicalPrinter.print(root) }

    /// The text deployed to Cloudflare: the canonical form with named lists written inline as sets, except the
    /// lists in `keep` (managed account lists), which stay `$name`.
    public func deployable(keepingLists keep: Set<String> = []) -> String {
        CanonicalPrinter.print(root, lists: .inline(keep: keep))
    }

    /// Whether the expression uses `matches`.
    public var usesRegex: Bool { Self.containsRegex(root) }

    /// A rendering of the tree without positions or spellings; equal for equal trees.
    var structure: String { StructureDump.dump(root) }

    private static func containsRegex(_ node: LogicalExpression) -> Bool {
        switch node.kind {
        case .combination(_, let items): return items.contains(where: containsRegex)
        case .not(let inner), .parenthesized(let inner): return containsRegex(inner)
        case .comparison(let comparison):
            if case .regex = comparison.rhs { return true }
            return containsRegex(comparison.lhs)
        case .value(let value): return containsRegex(value)
        }
    }

    private static func containsRegex(_ value: ValueExpression) -> Bool {
        guard case .call(let call) = value.base else { return false }
        return call.arguments.contains { argument in
            switch argument {
            case .value(let inner): containsRegex(inner)
            case .logical(let logical): containsRegex(logical)
            }
        }
    }
}
