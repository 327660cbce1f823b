import EdgeCompiler
import EdgeCore
import RulesLanguage
import Traces

/// A field the spec reads that no record of a replay supplied, and the value every request read instead.
public struct UnsuppliedField: Sendable, Equatable {
    /// The field name, e.g. `cf.bot_management.score`.
    public let name: String
    /// The value every request read, written as in an expression, e.g. `0` or `""`.
    public let reads: String

    /// The warning a replay prints: "`cf.bot_management.score` is not in the trace; every request reads 0".
    public var message: String { "`\(name)` is not in the trace; every request reads \(reads)" }

    /// The `fields_not_in_trace` list of the JSON reports: `[{"field": …, "every_request_reads": …}]`.
    static func json(_ fields: [UnsuppliedField]) -> JSONValue {
        .array(fields.map { .object([("field", .string($0.name)), ("every_request_reads", .string($0.reads))]) })
    }
}

/// Tracks which of the fields a spec reads the records of a replay supplied (`docs/replay-output.md`, "Fields not
/// in the trace").
///
/// Built once from the spec; `note(_:)` runs per record and ORs the inputs the record carried, looking only at
/// inputs not yet seen, so once every input the spec reads has appeared it is one comparison per record.
public struct TraceFieldCoverage: Sendable {
    /// The fields the spec reads that come from request data, by name.
    private let fields: [FieldDefinition]
    /// The union of those fields' inputs.
    private let wanted: RequestInputs
    /// The inputs some record carried so far.
    private var carried: RequestInputs = .timestamp

    /// Coverage of `fieldNames` (names not in the catalogue are ignored).
    public init(reading fieldNames: some Sequence<String>) {
        fields = Set(fieldNames).compactMap { FieldCatalogue.byName[$0] }.sorted { $0.name < $1.name }
        wanted = fields.reduce(into: RequestInputs()) { $0.formUnion($1.inputs) }
    }

    /// Coverage of the fields the simulated rules of `edges` read: enabled custom rules, rate limiting rules
    /// (expression, counting expression and characteristics) and cache rules.
    public init(for edges: [CompiledEdge]) {
        var names: [String] = []
        for edge in edges {
            for rule in edge.customRules where rule.enabled { names += rule.when.expression.fieldsUsed }
            for rule in edge.rateLimitRules {
                names += rule.when.expression.fieldsUsed
                names += rule.countingWhen?.expression.fieldsUsed ?? []
                names += rule.characteristics.map { String($0.prefix { $0 != "[" }) }
            }
            for rule in edge.cacheRules { names += rule.when.expression.fieldsUsed }
        }
        self.init(reading: names)
    }

    /// Records which inputs `record` carried.
    @inline(__always)
    public mutating func note(_ record: TraceRecord) {
        guard !carried.isSuperset(of: wanted) else { return }
        carried.formUnion(RequestInputs.carried(by: record, among: wanted.subtracting(carried)))
    }

    /// The fields none of whose inputs any noted record carried, by name, each with the value every request read
    /// (the field read on the request a record without any optional key becomes).
    public var unsupplied: [UnsuppliedField] {
        let missing = fields.filter { $0.inputs.isDisjoint(with: carried) }
        guard !missing.isEmpty else { return [] }
        let context = RequestContext(TraceRequestBuilder.request(TraceRecord()).http)
        return missing.map { UnsuppliedField(name: $0.name, reads: $0.renderedValue(in: context)) }
    }
}
