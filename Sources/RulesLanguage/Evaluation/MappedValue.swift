/// A value under `[*]`: the collection to iterate and an evaluator for the current element. Consumers compile
/// a per-element kernel against `element` and turn it into an array with `mapEach`.
struct MappedValue {
    /// The array (or map) whose elements are visited.
    let collection: CompiledValue
    /// Reads the current element (with the index steps after `[*]` applied).
    let element: CompiledValue

    /// The array of `kernel`'s results, one per element for which it is not missing; `[*]` over a missing
    /// collection gives an empty array.
    func mapEach(_ kernel: CompiledValue) -> CompiledValue {
        switch kernel {
        case .bytes(let run): .bytesArray(iterate(run))
        case .int(let run): .intArray(iterate(run))
        case .bool(let run): .boolArray(iterate { context in run(context) })
        case .ip(let run): .ipArray(iterate(run))
        case .bytesArray(let run): .bytesArrayArray(iterate(run))
        case .bytesArrayArray, .intArray, .boolArray, .ipArray, .map: .boolArray { _ in [] }
        }
    }

    private func iterate<Result>(
        _ kernel: @escaping @Sendable (RequestContext) -> Result?
    ) -> @Sendable (RequestContext) -> [Result]? {
        switch collection {
        case .bytesArray(let items):
            return { context in
                Self.visit(items(context) ?? [], context, \.elementBytes, kernel)
            }
        case .bytesArrayArray(let items):
            return { context in
                Self.visit(items(context) ?? [], context, \.elementBytesArray, kernel)
            }
        case .map(let map):
            return { context in
                Self.visit(map(context)?.values ?? [], context, \.elementBytesArray, kernel)
            }
        case .intArray(let items):
            return { context in Self.visit(items(context) ?? [], context, \.elementInt, kernel) }
        case .boolArray(let items):
            return { context in Self.visit(items(context) ?? [], context, \.elementBool, kernel) }
        case .ipArray(let items):
            return { context in Self.visit(items(context) ?? [], context, \.elementIP, kernel) }
        case .bytes, .int, .bool, .ip:
            return { _ in [] }
        }
    }

    private static func visit<Element, Result>(
        _ items: [Element], _ context: RequestContext, _ register: ReferenceWritableKeyPath<RequestContext, Element>,
        _ kernel: (RequestContext) -> Result?
    ) -> [Result] {
        let saved = context[keyPath: register]
        defer { context[keyPath: register] = saved }
        var results: [Result] = []
        results.reserveCapacity(items.count)
        for item in items {
            context[keyPath: register] = item
            if let result = kernel(context) { results.append(result) }
        }
        return results
    }
}
