import EdgeCore
import EdgeWire

/// How a field's value is read from a request context, typed so evaluation never boxes values.
enum FieldReader: Sendable {
    /// A `Bytes` field. Never nil: the result is optional only so that an evaluator (whose Bytes values may be
    /// missing) can use the reader as it is, without a wrapping closure call per read.
    case bytes(@Sendable (RequestContext) -> [UInt8]?)
    /// An `Int` field.
    case int(@Sendable (RequestContext) -> Int64)
    /// A `Bool` field.
    case bool(@Sendable (RequestContext) -> Bool)
    /// An `Ip` field.
    case ip(@Sendable (RequestContext) -> IPAddress)
    /// An `Array<Bytes>` field.
    case bytesArray(@Sendable (RequestContext) -> [[UInt8]])
    /// An `Array<Int>` field.
    case intArray(@Sendable (RequestContext) -> [Int64])
    /// A `Map<Array<Bytes>>` field.
    case map(@Sendable (RequestContext) -> ByteMultiMap)
}

/// Which phase's data a field reads, which decides the rule contexts it may appear in.
enum FieldPhase: Sendable {
    /// Request data: every context.
    case request
    /// Response data: only counting expressions of rate limiting rules.
    case response
    /// Usable only as a rate-limit characteristic, never inside an expression (`cf.colo.id`).
    case characteristicOnly
    /// Usable only in other Cloudflare products, named here (e.g. "Transform Rules"), never in the rules EdgeProof
    /// deploys.
    case elsewhere(String)
}

/// One field of the scheme: name, type, where it may be used and how to read it.
public struct FieldDefinition: Sendable {
    /// The field name as written in expressions, e.g. `http.request.uri.path`.
    public let name: String
    /// The field's type.
    public let type: RuleType
    /// One line describing the value, for generated reference pages.
    public let summary: String
    let phase: FieldPhase
    /// The lowest plan on which the field exists at all.
    let minimumPlan: CloudflarePlan
    /// The lowest plan on which a rate limiting rule's expression may read the field (`docs/cloudflare-semantics.md`,
    /// "Fields and where they may be read").
    let rateLimitPlan: CloudflarePlan
    /// The preferred name when this one is a deprecated alias.
    let replacement: String?
    /// A caveat reported as a warning whenever the field is used.
    let caveat: String?
    /// The add-on or product the field needs besides the plan, e.g. "Bot Management"; named in plan diagnostics.
    let product: String?
    /// The trace inputs the value is computed from; empty when no trace supplies it.
    public let inputs: RequestInputs
    let read: FieldReader
    /// How to read the value in place, for the Bytes fields that allow it.
    let borrowed: BorrowedBytesField?
    /// Position in `FieldCatalogue.all`; keys per-field caches in `RequestContext`.
    let slot: Int

    /// Whether the field reads the response (`http.response.*`, `raw.http.response.*`), so that an expression using
    /// it can only be evaluated once the response is known.
    public var readsResponse: Bool {
        if case .response = phase { return true }
        return false
    }

    /// The field's value for `context`'s request, written as in an expression (`0`, `""`, `false`, `[]`).
    public func renderedValue(in context: RequestContext) -> String {
        ValueRenderer.render(ExpressionCompiler.compileField(self), context)
    }

    init(
        _ name: String, _ type: RuleType, _ summary: String, phase: FieldPhase = .request,
        plan: CloudflarePlan = .free, rateLimitPlan: CloudflarePlan = .enterprise, replacement: String? = nil,
        caveat: String? = nil, product: String? = nil, inputs: RequestInputs, slot: Int,
        borrowed: BorrowedBytesField? = nil, read: FieldReader
    ) {
        self.name = name
        self.type = type
        self.summary = summary
        self.phase = phase
        self.minimumPlan = plan
        self.rateLimitPlan = max(plan, rateLimitPlan)
        self.replacement = replacement
        self.caveat = caveat
        self.product = product
        self.inputs = inputs
        self.read = read
        self.borrowed = borrowed
        self.slot = slot
    }
}
