/// Folding of `or`/`and` chains whose terms test the same operand against different literals, e.g.
/// `lower(http.user_agent) contains "sqlmap" or lower(http.user_agent) contains "nikto"` or
/// `starts_with(http.request.uri.path, "/api/") or starts_with(http.request.uri.path, "/v1/")`: the operand is
/// evaluated once and every literal tested against it (several `contains` in one pass).
///
/// Evaluation has no side effects, so the folded term may stand where its first member stood. Each foldable test
/// is false on a missing operand under either missing-value policy, so the folded term is too.
extension ExpressionCompiler {
    /// The evaluators of the operands of a Bool `op` chain, with foldable terms on one operand merged.
    func compileChain(_ op: LogicalOperator, _ items: [LogicalExpression]) -> [CompiledValue] {
        guard op != .xor else { return items.map(compileLogical) }
        var slots: [ChainSlot] = []
        var groupSlot: [FoldKey: Int] = [:]
        for item in items {
            guard let term = Self.foldableTerm(item, op) else {
                slots.append(.single(item))
                continue
            }
            let key = FoldKey(test: term.test, operand: StructureDump.dump(term.operand))
            if let index = groupSlot[key], case .group(let test, let operand, let members, let literals) = slots[index]
            {
                slots[index] = .group(test, operand, members + [item], literals + [term.literal])
            } else {
                groupSlot[key] = slots.count
                slots.append(.group(term.test, term.operand, [item], [term.literal]))
            }
        }
        return slots.map { slot in
            switch slot {
            case .single(let item):
                return compileLogical(item)
            case .group(_, _, let members, _) where members.count == 1:
                return compileLogical(members[0])
            case .group(.contains, let operand, _, let literals) where op == .or:
                // `lower(x) contains …`: search x with the case mapping instead of building lower(x).
                let (search, searched) =
                    Self.caseMappedOperand(operand).map { (MultiLiteralSearch(literals, mapping: $0.0), $0.1) }
                    ?? (MultiLiteralSearch(literals), operand)
                if let field = searched.plainField?.borrowed {
                    return .bool { context in context.withBytes(field) { search.containsAny($0) } }
                }
                return .bool(Self.containsAny(compileValue(searched).asBytes, search))
            case .group(let test, let operand, _, let literals):
                if let field = operand.plainField?.borrowed,
                    let borrowing = Self.foldedBorrowed(test, op, field, literals)
                {
                    return .bool(borrowing)
                }
                return .bool(Self.folded(test, op, compileValue(operand).asBytes, literals))
            }
        }
    }

    /// One operand of a chain: compiled on its own, or a group of foldable terms on the same operand.
    private enum ChainSlot {
        case single(LogicalExpression)
        case group(FoldableTest, ValueExpression, [LogicalExpression], [[UInt8]])
    }

    /// A test of a Bytes operand against one literal that several of can be evaluated together.
    enum FoldableTest: Hashable {
        /// `x contains "lit"`.
        case contains
        /// `starts_with(x, "lit")`.
        case startsWith
        /// `ends_with(x, "lit")`.
        case endsWith
        /// `x eq "lit"` (folded in `or` chains only, as set membership).
        case equals
    }

    private struct FoldKey: Hashable {
        let test: FoldableTest
        /// The operand's structure dump: equal for syntactically identical operands.
        let operand: String
    }

    /// The test, operand and literal of a chain term that can be folded in an `op` chain, if it is one.
    static func foldableTerm(
        _ item: LogicalExpression, _ op: LogicalOperator
    ) -> (test: FoldableTest, operand: ValueExpression, literal: [UInt8])? {
        guard item.type == .bool else { return nil }
        switch item.kind {
        case .parenthesized(let inner):
            return foldableTerm(inner, op)
        case .comparison(let comparison):
            guard !comparison.lhs.isMapped, comparison.lhs.type == .bytes, case .bytes(let literal) = comparison.rhs
            else { return nil }
            switch comparison.op {
            case .contains: return (.contains, comparison.lhs, literal)
            case .equal where op == .or: return (.equals, comparison.lhs, literal)
            default: return nil
            }
        case .value(let value):
            guard value.steps.isEmpty, !value.isMapped, case .call(let call) = value.base, call.arguments.count == 2,
                let operand = call.arguments[0].value, !operand.isMapped, operand.type == .bytes,
                let second = call.arguments[1].value, second.isLiteral, case .string(let literal) = second.base
            else { return nil }
            switch call.function.name {
            case FunctionDefinition.startsWith.name: return (.startsWith, operand, literal)
            case FunctionDefinition.endsWith.name: return (.endsWith, operand, literal)
            default: return nil
            }
        case .combination, .not:
            return nil
        }
    }

    /// `lower(x)` or `upper(x)` of an unmapped value: the mapping and `x`.
    private static func caseMappedOperand(_ operand: ValueExpression) -> (
        MultiLiteralSearch.CaseMapping, ValueExpression
    )? {
        guard operand.steps.isEmpty, case .call(let call) = operand.base, call.arguments.count == 1,
            let inner = call.arguments[0].value, !inner.isMapped, inner.type == .bytes
        else { return nil }
        switch call.function.name {
        case FunctionDefinition.lower.name: return (.lower, inner)
        case FunctionDefinition.upper.name: return (.upper, inner)
        default: return nil
        }
    }

    /// Whether the operand contains any of the search's literals; false when it is missing.
    private static func containsAny(
        _ read: @escaping @Sendable (RequestContext) -> [UInt8]?, _ search: MultiLiteralSearch
    ) -> @Sendable (RequestContext) -> Bool {
        { context in
            guard let value = read(context) else { return false }
            return search.containsAny(value)
        }
    }

    /// One evaluator for `test(operand, literal)` over every literal, joined by `op` (`and` or `or`).
    private static func folded(
        _ test: FoldableTest, _ op: LogicalOperator, _ read: @escaping @Sendable (RequestContext) -> [UInt8]?,
        _ literals: [[UInt8]]
    ) -> @Sendable (RequestContext) -> Bool {
        let all = op == .and
        switch test {
        case .contains:
            return { context in
                guard let value = read(context) else { return false }
                return value.withUnsafeBufferPointer { contains($0, literals, all: all) }
            }
        case .startsWith, .endsWith:
            let prefix = test == .startsWith
            return { context in
                guard let value = read(context) else { return false }
                return value.withUnsafeBufferPointer { affixes($0, literals, prefix: prefix, all: all) }
            }
        case .equals:
            let set = ByteStringSet(literals)
            return { context in
                guard let value = read(context) else { return false }
                return set.contains(value)
            }
        }
    }

    /// `folded` on a field read in place; nil where the test needs an owned value (a hashed set).
    private static func foldedBorrowed(
        _ test: FoldableTest, _ op: LogicalOperator, _ field: BorrowedBytesField, _ literals: [[UInt8]]
    ) -> (@Sendable (RequestContext) -> Bool)? {
        let all = op == .and
        switch test {
        case .contains:
            return { context in context.withBytes(field) { contains($0, literals, all: all) } }
        case .startsWith, .endsWith:
            let prefix = test == .startsWith
            return { context in context.withBytes(field) { affixes($0, literals, prefix: prefix, all: all) } }
        case .equals:
            let set = ByteStringSet(literals)
            guard set.testsBorrowed else { return nil }
            return { context in context.withBytes(field) { set.contains(borrowed: $0) } }
        }
    }

    /// Whether `value` contains any literal (`all` false: an `or` chain) or every literal (`all` true: `and`).
    @inline(__always)
    private static func contains(_ value: UnsafeBufferPointer<UInt8>, _ literals: [[UInt8]], all: Bool) -> Bool {
        for literal in literals where ByteOperations.contains(value, literal) != all { return !all }
        return all
    }

    /// Whether `value` starts (or, with `prefix` false, ends) with any literal (`or`) or with every literal (`and`).
    @inline(__always)
    private static func affixes(_ value: UnsafeBufferPointer<UInt8>, _ literals: [[UInt8]], prefix: Bool, all: Bool)
        -> Bool
    {
        for literal in literals {
            let found = prefix ? ByteOperations.hasPrefix(value, literal) : ByteOperations.hasSuffix(value, literal)
            if found != all { return found }
        }
        return all
    }
}
