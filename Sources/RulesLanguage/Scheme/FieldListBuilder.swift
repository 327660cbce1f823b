import EdgeCore
import EdgeWire

/// Collects `FieldDefinition`s in declaration order, numbering their slots; the catalogue's groups add to it.
struct FieldListBuilder {
    /// The fields added so far.
    private(set) var fields: [FieldDefinition] = []

    /// `Array<Bytes>`.
    static let stringArray = RuleType.array(.bytes)
    /// `Map<Array<Bytes>>`.
    static let stringMap = RuleType.map(.array(.bytes))

    /// Adds a field the model reads from the request.
    mutating func add(
        _ name: String, _ type: RuleType, _ summary: String, phase: FieldPhase = .request,
        plan: CloudflarePlan = .free, rateLimitPlan: CloudflarePlan = .enterprise, product: String? = nil,
        replacement: String? = nil, caveat: String? = nil, inputs: RequestInputs, borrowed: BorrowedBytesField? = nil,
        _ read: FieldReader
    ) {
        fields.append(
            FieldDefinition(
                name, type, summary, phase: phase, plan: plan, rateLimitPlan: rateLimitPlan, replacement: replacement,
                caveat: caveat, product: product, inputs: inputs, slot: fields.count, borrowed: borrowed, read: read))
    }

    /// Adds a field no trace supplies: every request reads `defaultValue` (`docs/cloudflare-semantics.md`, "Fields
    /// a trace cannot supply"), which is the type's empty value unless the field's page documents another.
    mutating func addUnsupplied(
        _ name: String, _ type: RuleType, _ summary: String, phase: FieldPhase = .request,
        plan: CloudflarePlan = .free, product: String? = nil, defaultValue: Int64 = 0
    ) {
        add(
            name, type, summary, phase: phase, plan: plan, product: product, inputs: [],
            Self.constantReader(type, defaultValue))
    }

    /// A reader returning the default of `type`: empty bytes, `integer`, false, 0.0.0.0, an empty array or map.
    private static func constantReader(_ type: RuleType, _ integer: Int64) -> FieldReader {
        switch type {
        case .bytes: .bytes { _ in [] }
        case .int: .int { _ in integer }
        case .bool: .bool { _ in false }
        case .ip: .ip { _ in .zeroV4 }
        case .array(.int): .intArray { _ in [] }
        case .array: .bytesArray { _ in [] }
        case .map: .map { _ in ByteMultiMap() }
        }
    }
}
