/// Compiles a typed tree once into closures over concrete types (wirefilter's shape): logical connectives,
/// values (fields, calls, index steps, `[*]`) and comparisons (in `ExpressionCompiler+Comparisons.swift`).
struct ExpressionCompiler {
    let missingValues: MissingValuePolicy

    /// The evaluator of a Bool-typed node.
    func compileBool(_ node: LogicalExpression) -> @Sendable (RequestContext) -> Bool {
        compileLogical(node).asBool
    }

    /// The evaluator of a logical node: `.bool`, or `.boolArray` for per-element logic.
    func compileLogical(_ node: LogicalExpression) -> CompiledValue {
        switch node.kind {
        case .parenthesized(let inner):
            return compileLogical(inner)
        case .comparison(let comparison):
            return compileComparison(comparison)
        case .value(let value):
            if value.isMapped {
                let mapped = compileMapped(value)
                return mapped.mapEach(mapped.element)
            }
            return compileValue(value)
        case .not(let operand):
            let inner = compileLogical(operand)
            if case .boolArray(let run) = inner {
                return .boolArray { context in run(context)?.map { !$0 } }
            }
            let run = inner.asBool
            return .bool { context in !run(context) }
        case .combination(let op, let items):
            if node.type == .array(.bool) {
                return .boolArray(Self.combineElementwise(op, items.map { compileLogical($0).asBoolArray }))
            }
            return .bool(Self.combine(op, compileChain(op, items)))
        }
    }

    /// Joins operands into nested two-operand closures (`a and (b and c)`), which call their captured
    /// operands directly instead of iterating an array of closures. The operands come as `CompiledValue`s
    /// because a closure taken out of an array is called through reabstraction thunks; one taken out of the
    /// enum is not.
    private static func combine(
        _ op: LogicalOperator, _ items: [CompiledValue]
    ) -> @Sendable (RequestContext) -> Bool {
        guard var result = items.last?.asBool else { return { _ in false } }
        for item in items.dropLast().reversed() {
            let first = item.asBool
            let second = result
            switch op {
            case .and: result = { context in first(context) && second(context) }
            case .or: result = { context in first(context) || second(context) }
            case .xor: result = { context in first(context) != second(context) }
            }
        }
        return result
    }

    /// Per-element `and`/`or`/`xor` over arrays, truncated to the shortest operand.
    private static func combineElementwise(
        _ op: LogicalOperator, _ items: [@Sendable (RequestContext) -> [Bool]?]
    ) -> @Sendable (RequestContext) -> [Bool]? {
        { context in
            let arrays = items.map { $0(context) ?? [] }
            let length = arrays.map(\.count).min() ?? 0
            return (0..<length).map { index in
                switch op {
                case .and: arrays.allSatisfy { $0[index] }
                case .or: arrays.contains { $0[index] }
                case .xor: arrays.reduce(false) { $0 != $1[index] }
                }
            }
        }
    }

    /// The evaluator of a value without `[*]`.
    func compileValue(_ value: ValueExpression) -> CompiledValue {
        value.steps.reduce(compileBase(value)) { applyStep($0, $1) }
    }

    /// Splits a value with `[*]` into the collection and a per-element evaluator.
    func compileMapped(_ value: ValueExpression) -> MappedValue {
        let eachIndex = value.steps.firstIndex(of: .each) ?? value.steps.count
        let collection = value.steps[..<eachIndex].reduce(compileBase(value)) { applyStep($0, $1) }
        let register: CompiledValue =
            switch collection {
            case .bytesArray: .bytes { $0.elementBytes }
            case .bytesArrayArray, .map: .bytesArray { $0.elementBytesArray }
            case .intArray: .int { $0.elementInt }
            case .boolArray: .bool { $0.elementBool }
            case .ipArray: .ip { $0.elementIP }
            case .bytes, .int, .bool, .ip: collection
            }
        let element = value.steps[(eachIndex + 1)...].reduce(register) { applyStep($0, $1) }
        return MappedValue(collection: collection, element: element)
    }

    private func compileBase(_ value: ValueExpression) -> CompiledValue {
        switch value.base {
        case .field(let field):
            return Self.compileField(field)
        case .constant(let flag):
            return .bool { _ in flag }
        case .string(let bytes):
            return .bytes { _ in bytes }
        case .integer(let number):
            return .int { _ in number }
        case .call(let call):
            return compileCall(call)
        }
    }

    private func compileCall(_ call: FunctionCall) -> CompiledValue {
        var mapped: MappedValue?
        var compiled: [CompiledValue] = []
        for (index, argument) in call.arguments.enumerated() {
            switch argument {
            case .logical(let logical):
                compiled.append(compileLogical(logical))
            case .value(let value):
                if index == 0, value.isMapped {
                    let split = compileMapped(value)
                    mapped = split
                    compiled.append(split.element)
                } else {
                    compiled.append(compileValue(value))
                }
            }
        }
        var field: FieldDefinition?
        if mapped == nil, let first = call.arguments.first?.value, let plain = first.plainField, plain.type == .bytes {
            field = plain
        }
        let kernel = call.function.compile(
            FunctionCompilation(arguments: call.arguments, compiled: compiled, firstArgumentField: field))
        return mapped?.mapEach(kernel) ?? kernel
    }

    /// The evaluator reading `field`.
    static func compileField(_ field: FieldDefinition) -> CompiledValue {
        switch field.read {
        case .bytes(let read): .bytes(read)
        case .int(let read): .int { context in read(context) }
        case .bool(let read): .bool(read)
        case .ip(let read): .ip { context in read(context) }
        case .bytesArray(let read): .bytesArray { context in read(context) }
        case .intArray(let read): .intArray { context in read(context) }
        case .map(let read): .map { context in read(context) }
        }
    }

    private func applyStep(_ value: CompiledValue, _ step: IndexStep) -> CompiledValue {
        switch (value, step) {
        case (.map(let read), .key(let key)):
            return .bytesArray { context in read(context)?.lookup(key) }
        case (.bytesArray(let read), .element(let position)):
            return .bytes(Self.element(position, of: read))
        case (.bytesArrayArray(let read), .element(let position)):
            return .bytesArray(Self.element(position, of: read))
        case (.intArray(let read), .element(let position)):
            return .int(Self.element(position, of: read))
        case (.ipArray(let read), .element(let position)):
            return .ip(Self.element(position, of: read))
        case (.boolArray(let read), .element(let position)):
            let element = Self.element(position, of: read)
            return .bool { context in element(context) ?? false }
        default:
            return value
        }
    }

    /// Reads element `position` of the array `read` returns; missing past its end or when the array is.
    private static func element<Element>(
        _ position: UInt32, of read: @escaping @Sendable (RequestContext) -> [Element]?
    ) -> @Sendable (RequestContext) -> Element? {
        let index = Int(position)
        return { context in
            guard let items = read(context), index < items.count else { return nil }
            return items[index]
        }
    }
}
