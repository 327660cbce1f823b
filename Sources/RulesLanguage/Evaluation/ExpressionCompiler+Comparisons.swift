import CloudflareRegex
import EdgeWire

/// Comparison evaluators: byte-level string tests, integer and IP tests, pre-built membership sets, and the
/// missing-value policy.
extension ExpressionCompiler {
    func compileComparison(_ comparison: Comparison) -> CompiledValue {
        if comparison.lhs.isMapped {
            let mapped = compileMapped(comparison.lhs)
            return mapped.mapEach(.bool(kernel(mapped.element, comparison.op, comparison.rhs)))
        }
        if let field = comparison.lhs.plainField?.borrowed,
            let borrowing = borrowedBytesKernel(field, comparison.op, comparison.rhs)
        {
            return .bool(borrowing)
        }
        return .bool(kernel(compileValue(comparison.lhs), comparison.op, comparison.rhs))
    }

    /// The result of a comparison whose left side is missing.
    private func missingResult(_ op: ComparisonOperator) -> Bool {
        op == .notEqual && missingValues == .wirefilter
    }

    private func kernel(
        _ lhs: CompiledValue, _ op: ComparisonOperator, _ rhs: ComparisonValue
    ) -> @Sendable (RequestContext) -> Bool {
        let onMissing = missingResult(op)
        switch lhs {
        case .bytes(let read):
            if let fused = fusedBytesKernel(read, op, rhs, onMissing: onMissing) { return fused }
            let test = bytesTest(op, rhs)
            return { context in
                guard let value = read(context) else { return onMissing }
                return test(value)
            }
        case .int(let read):
            let test = intTest(op, rhs)
            return { context in
                guard let value = read(context) else { return onMissing }
                return test(value)
            }
        case .ip(let read):
            let test = ipTest(op, rhs)
            return { context in
                guard let value = read(context) else { return onMissing }
                return test(value)
            }
        default:
            return { _ in false }
        }
    }

    /// The common byte comparisons with the test written into the reading closure (one call less per evaluation).
    private func fusedBytesKernel(
        _ read: @escaping @Sendable (RequestContext) -> [UInt8]?, _ op: ComparisonOperator, _ rhs: ComparisonValue,
        onMissing: Bool
    ) -> (@Sendable (RequestContext) -> Bool)? {
        switch (op, rhs) {
        case (.equal, .bytes(let literal)):
            return { context in
                guard let value = read(context) else { return onMissing }
                return ByteOperations.equal(value, literal)
            }
        case (.notEqual, .bytes(let literal)):
            return { context in
                guard let value = read(context) else { return onMissing }
                return !ByteOperations.equal(value, literal)
            }
        case (.contains, .bytes(let literal)):
            return { context in
                guard let value = read(context) else { return onMissing }
                return ByteOperations.contains(value, literal)
            }
        case (.isIn, .bytesSet(let items)), (.isIn, .list(_, .strings(let items))):
            let set = ByteStringSet(items)
            return { context in
                guard let value = read(context) else { return onMissing }
                return set.contains(value)
            }
        default:
            return nil
        }
    }

    /// The common byte comparisons on a field read in place (a field is never missing).
    private func borrowedBytesKernel(
        _ field: BorrowedBytesField, _ op: ComparisonOperator, _ rhs: ComparisonValue
    ) -> (@Sendable (RequestContext) -> Bool)? {
        switch (op, rhs) {
        case (.equal, .bytes(let literal)):
            return { context in context.withBytes(field) { ByteOperations.equal($0, literal) } }
        case (.notEqual, .bytes(let literal)):
            return { context in context.withBytes(field) { !ByteOperations.equal($0, literal) } }
        case (.contains, .bytes(let literal)):
            return { context in context.withBytes(field) { ByteOperations.contains($0, literal) } }
        case (.isIn, .bytesSet(let items)), (.isIn, .list(_, .strings(let items))):
            let set = ByteStringSet(items)
            guard set.testsBorrowed else { return nil }
            return { context in context.withBytes(field) { set.contains(borrowed: $0) } }
        default:
            return nil
        }
    }

    /// The remaining byte comparisons (ordering, regex, wildcard), applied to a present value.
    private func bytesTest(_ op: ComparisonOperator, _ rhs: ComparisonValue) -> @Sendable ([UInt8]) -> Bool {
        switch (op, rhs) {
        case (.less, .bytes(let literal)): return { ByteOperations.compare($0, literal) < 0 }
        case (.lessOrEqual, .bytes(let literal)): return { ByteOperations.compare($0, literal) <= 0 }
        case (.greater, .bytes(let literal)): return { ByteOperations.compare($0, literal) > 0 }
        case (.greaterOrEqual, .bytes(let literal)): return { ByteOperations.compare($0, literal) >= 0 }
        case (.matches, .regex(let regex)):
            let compiled = regex.compiled
            return { value in value.withUnsafeBufferPointer { compiled.isMatch($0) } }
        case (.wildcard, .wildcard(let pattern)), (.strictWildcard, .wildcard(let pattern)):
            return { pattern.matches($0) }
        default:
            return { _ in false }
        }
    }

    private func intTest(_ op: ComparisonOperator, _ rhs: ComparisonValue) -> @Sendable (Int64) -> Bool {
        switch (op, rhs) {
        case (.equal, .int(let literal)): return { $0 == literal }
        case (.notEqual, .int(let literal)): return { $0 != literal }
        case (.less, .int(let literal)): return { $0 < literal }
        case (.lessOrEqual, .int(let literal)): return { $0 <= literal }
        case (.greater, .int(let literal)): return { $0 > literal }
        case (.greaterOrEqual, .int(let literal)): return { $0 >= literal }
        case (.isIn, .intSet(let ranges)):
            let set = IntegerRangeSet(ranges)
            return { set.contains($0) }
        case (.isIn, .list(_, .asns(let numbers))):
            let set = IntegerRangeSet(numbers.map { $0...$0 })
            return { set.contains($0) }
        default:
            return { _ in false }
        }
    }

    private func ipTest(_ op: ComparisonOperator, _ rhs: ComparisonValue) -> @Sendable (IPAddress) -> Bool {
        switch (op, rhs) {
        case (.equal, .ip(let literal)): return { $0 == literal }
        // Addresses of different families are incomparable, so `ne` is true for them (`docs/cloudflare-semantics.md`,
        // "Comparing IP addresses").
        case (.notEqual, .ip(let literal)): return { $0 != literal }
        case (.isIn, .ipSet(let ranges)), (.isIn, .list(_, .ips(let ranges))):
            let set = IPRangeSet(ranges)
            return { set.contains($0) }
        default:
            return { _ in false }
        }
    }
}
