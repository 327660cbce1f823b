import EdgeCore

/// Monthly prices in USD; every field has a default (`docs/costs.md`, "Default prices").
public struct CostsSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Monthly prices in USD (defaults: the production plan's price table)."
    /// Neon PostgreSQL Pro.
    public var neonMonthly: Double
    /// Upstash pay-as-you-go price per 100,000 commands.
    public var upstashPer100kCommands: Double
    /// Upstash free tier's commands per day.
    public var upstashFreeCommandsPerDay: Int64
    /// One Fly machine (shared-cpu-2x, 1 GB) a month.
    public var flyMachineMonthly: Double
    /// OpenAI input tokens, per million.
    public var openaiInputPerMillion: Double
    /// OpenAI output tokens, per million.
    public var openaiOutputPerMillion: Double
    /// Cloudflare plan.
    public var cloudflareMonthly: Double
    /// Grafana Cloud.
    public var grafanaMonthly: Double
    /// Better Uptime.
    public var betterUptimeMonthly: Double
    /// HCP Vault (optional add-on; 0 when self-managed).
    public var hcpVaultMonthly: Double
    /// PagerDuty (optional add-on).
    public var pagerdutyMonthly: Double
    /// Anthropic fallback (optional add-on).
    public var anthropicFallbackMonthly: Double
    /// Whether the optional add-ons are counted.
    public var includeAddOns: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// The largest price a field takes (USD): any real price fits, and totals over a month stay finite.
    static let maximumPrice = 1_000_000.0

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> CostsSpec {
        CostsSpec(
            neonMonthly: r.optional(
                "neon_monthly", .number(maximum: maximumPrice), default: 19, "Neon PostgreSQL Pro, per month."),
            upstashPer100kCommands: r.optional(
                "upstash_per_100k_commands", .number(maximum: maximumPrice), default: 0.20,
                "Upstash pay-as-you-go, per 100K commands."),
            upstashFreeCommandsPerDay: r.optional(
                "upstash_free_commands_per_day", .integer(0...1_000_000_000_000), default: 10_000,
                "Upstash free tier, commands per day."),
            flyMachineMonthly: r.optional(
                "fly_machine_monthly", .number(maximum: maximumPrice), default: 10,
                "One Fly machine (shared-cpu-2x), per month."),
            openaiInputPerMillion: r.optional(
                "openai_input_per_million", .number(maximum: maximumPrice), default: 0.15,
                "OpenAI input tokens, per million (gpt-4o-mini)."),
            openaiOutputPerMillion: r.optional(
                "openai_output_per_million", .number(maximum: maximumPrice), default: 0.60,
                "OpenAI output tokens, per million (gpt-4o-mini)."),
            cloudflareMonthly: r.optional(
                "cloudflare_monthly", .number(maximum: maximumPrice), default: 20, "Cloudflare plan, per month."),
            grafanaMonthly: r.optional(
                "grafana_monthly", .number(maximum: maximumPrice), default: 0, "Grafana Cloud, per month."),
            betterUptimeMonthly: r.optional(
                "better_uptime_monthly", .number(maximum: maximumPrice), default: 20, "Better Uptime, per month."),
            hcpVaultMonthly: r.optional(
                "hcp_vault_monthly", .number(maximum: maximumPrice), default: 22, "HCP Vault add-on, per month."),
            pagerdutyMonthly: r.optional(
                "pagerduty_monthly", .number(maximum: maximumPrice), default: 21, "PagerDuty add-on, per month."),
            anthropicFallbackMonthly: r.optional(
                "anthropic_fallback_monthly", .number(maximum: maximumPrice), default: 10,
                "Anthropic fallback add-on, per month."),
            includeAddOns: r.optional("include_add_ons", .boolean, default: false, "Count the optional add-ons."),
            ranges: r.ranges)
    }
}

extension CostsSpec {
    /// Every field at its default (`docs/costs.md`, "Default prices").
    public static var designDefaults: CostsSpec { CostsSpec.read(.describingPlaceholder) }
}
