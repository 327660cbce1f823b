import EdgeCore

/// What the stack pays for beyond what the spec's own sections say, and prices that differ from the catalogue's
/// (`docs/costs.md`). The zone's plan prices Cloudflare, `fly.vm` the app's machines, `redis.provider` Upstash or a
/// self-hosted machine; a service the spec does not name is not billed.
public struct CostsSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary =
        "What the stack pays for beyond the edge, Fly and Redis, and negotiated prices (list prices: the catalogue)."
    /// The zone's Cloudflare plan a month, instead of the catalogue's list price.
    public var cloudflareMonthly: Double?
    /// One app machine a month, instead of the catalogue's price of `fly.vm`.
    public var flyMachineMonthly: Double?
    /// The self-hosted Redis machine's size.
    public var redisMachine: VMSpec?
    /// The self-hosted Redis machine a month, instead of the catalogue's price of `redis_machine`.
    public var redisMachineMonthly: Double?
    /// Upstash pay-as-you-go per 100,000 commands, instead of the catalogue's.
    public var upstashPer100kCommands: Double?
    /// The catalogue model the app's LLM calls use, e.g. `openai.gpt-4o-mini`.
    public var llmModel: String?
    /// LLM input tokens per million, instead of the model's catalogue price.
    public var llmInputPerMillion: Double?
    /// LLM output tokens per million, instead of the model's catalogue price.
    public var llmOutputPerMillion: Double?
    /// Other services the stack pays for each month.
    public var services: [ServiceCostSpec]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// The largest price a field takes (USD): any real price fits, and totals over a month stay finite.
    static let maximumPrice = 1_000_000.0

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> CostsSpec {
        CostsSpec(
            cloudflareMonthly: r.optional(
                "cloudflare_monthly", .number(maximum: maximumPrice),
                "The zone's plan a month (default: the catalogue's list price; Enterprise has none)."),
            flyMachineMonthly: r.optional(
                "fly_machine_monthly", .number(maximum: maximumPrice),
                "One app machine a month (default: the catalogue's price of fly.vm)."),
            redisMachine: r.optional(
                "redis_machine", ObjectReader.object(VMSpec.self, name: "redis_machine"),
                "The self-hosted Redis machine (default: shared-cpu-1x with 512mb)."),
            redisMachineMonthly: r.optional(
                "redis_machine_monthly", .number(maximum: maximumPrice),
                "The self-hosted Redis machine a month (default: the catalogue's price of redis_machine)."),
            upstashPer100kCommands: r.optional(
                "upstash_per_100k_commands", .number(maximum: maximumPrice),
                "Upstash pay-as-you-go per 100K commands (default: the catalogue's)."),
            llmModel: r.optional(
                "llm_model", .string(validate: PriceCatalogue.shipped.modelProblem),
                "The model the app's llm_calls use, from the catalogue, e.g. openai.gpt-4o-mini."),
            llmInputPerMillion: r.optional(
                "llm_input_per_million", .number(maximum: maximumPrice),
                "Input tokens per million (default: llm_model's catalogue price)."),
            llmOutputPerMillion: r.optional(
                "llm_output_per_million", .number(maximum: maximumPrice),
                "Output tokens per million (default: llm_model's catalogue price)."),
            services: r.optional(
                "services", .array(ObjectReader.object(ServiceCostSpec.self, name: "service")), default: [],
                "Other services the stack pays for each month: a catalogue plan or a price."),
            ranges: r.ranges)
    }
}

/// A service billed every month: a catalogue plan (`neon.plan.launch`) or a price the spec gives.
public struct ServiceCostSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A monthly service: name, and a catalogue plan or a monthly price."
    /// The name the bill shows, e.g. `Neon PostgreSQL`.
    public var name: String
    /// A catalogue id priced per month.
    public var plan: String?
    /// The price a month, for a service the catalogue lacks or a negotiated one.
    public var monthly: Double?
    /// What the bill says beside the price, e.g. `Pro plan`.
    public var detail: String?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ServiceCostSpec {
        ServiceCostSpec(
            name: r.required("name", .string, "The name the bill shows."),
            plan: r.optional(
                "plan", .string(validate: PriceCatalogue.shipped.monthlyPlanProblem),
                "A catalogue plan priced per month, e.g. neon.plan.launch."),
            monthly: r.optional(
                "monthly", .number(maximum: CostsSpec.maximumPrice), "The price a month (instead of plan)."),
            detail: r.optional("detail", .string, "What the bill says beside the price, e.g. Pro plan."),
            ranges: r.ranges)
    }
}
