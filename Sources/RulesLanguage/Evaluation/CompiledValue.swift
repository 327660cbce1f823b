import EdgeWire

/// A compiled evaluator for one value, typed by the value's type so that evaluation works on concrete types.
///
/// Optional results are missing values (an absent map key, an index out of bounds, or a function of one).
enum CompiledValue: Sendable {
    /// `Bytes`.
    case bytes(@Sendable (RequestContext) -> [UInt8]?)
    /// `Int`.
    case int(@Sendable (RequestContext) -> Int64?)
    /// `Bool` (never missing).
    case bool(@Sendable (RequestContext) -> Bool)
    /// `Ip`.
    case ip(@Sendable (RequestContext) -> IPAddress?)
    /// `Array<Bytes>`.
    case bytesArray(@Sendable (RequestContext) -> [[UInt8]]?)
    /// `Array<Array<Bytes>>` (the values of a map under `[*]`).
    case bytesArrayArray(@Sendable (RequestContext) -> [[[UInt8]]]?)
    /// `Array<Int>`.
    case intArray(@Sendable (RequestContext) -> [Int64]?)
    /// `Array<Bool>`.
    case boolArray(@Sendable (RequestContext) -> [Bool]?)
    /// `Array<Ip>`.
    case ipArray(@Sendable (RequestContext) -> [IPAddress]?)
    /// `Map<Array<Bytes>>`.
    case map(@Sendable (RequestContext) -> ByteMultiMap?)

    /// The bytes evaluator; callers use it only where the type checker guaranteed Bytes.
    var asBytes: @Sendable (RequestContext) -> [UInt8]? {
        if case .bytes(let run) = self { return run }
        return { _ in nil }
    }

    /// The integer evaluator, where the type checker guaranteed Int.
    var asInt: @Sendable (RequestContext) -> Int64? {
        if case .int(let run) = self { return run }
        return { _ in nil }
    }

    /// The Bool evaluator, where the type checker guaranteed Bool.
    var asBool: @Sendable (RequestContext) -> Bool {
        if case .bool(let run) = self { return run }
        return { _ in false }
    }

    /// The IP evaluator, where the type checker guaranteed Ip.
    var asIP: @Sendable (RequestContext) -> IPAddress? {
        if case .ip(let run) = self { return run }
        return { _ in nil }
    }

    /// The Array<Bool> evaluator, where the type checker guaranteed it.
    var asBoolArray: @Sendable (RequestContext) -> [Bool]? {
        if case .boolArray(let run) = self { return run }
        return { _ in nil }
    }

    /// The Array<Bytes> evaluator, where the type checker guaranteed it.
    var asBytesArray: @Sendable (RequestContext) -> [[UInt8]]? {
        if case .bytesArray(let run) = self { return run }
        return { _ in nil }
    }

    /// The map evaluator, where the type checker guaranteed it.
    var asMap: @Sendable (RequestContext) -> ByteMultiMap? {
        if case .map(let run) = self { return run }
        return { _ in nil }
    }
}
