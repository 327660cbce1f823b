import EdgeSpec
import Foundation

/// Monthly cost from usage and the spec's prices (defaults: `docs/costs.md`, "Default prices").
public struct CostModel: Sendable {
    /// Prices.
    public let prices: CostsSpec

    /// Creates a model.
    public init(prices: CostsSpec) { self.prices = prices }

    /// What a month of traffic uses.
    public struct Usage: Sendable {
        /// Incidents a month.
        public var incidentsPerMonth: Double
        /// LLM input tokens a month.
        public var tokensInPerMonth: Double
        /// LLM output tokens a month.
        public var tokensOutPerMonth: Double
        /// Redis commands a day.
        public var redisCommandsPerDay: Double
        /// Fly machines running all month.
        public var machines: Int

        /// Creates usage.
        public init(
            incidentsPerMonth: Double, tokensInPerMonth: Double, tokensOutPerMonth: Double, redisCommandsPerDay: Double,
            machines: Int
        ) {
            self.incidentsPerMonth = incidentsPerMonth
            self.tokensInPerMonth = tokensInPerMonth
            self.tokensOutPerMonth = tokensOutPerMonth
            self.redisCommandsPerDay = redisCommandsPerDay
            self.machines = machines
        }
    }

    /// The cost lines and warnings for `usage`.
    public func monthly(_ usage: Usage) -> (lines: [CostLine], warnings: [String]) {
        var lines: [CostLine] = []
        var warnings: [String] = []
        lines.append(CostLine(service: "Neon PostgreSQL", detail: "Pro plan", monthly: prices.neonMonthly))
        let commandsPerMonth = usage.redisCommandsPerDay * 30
        let redis = commandsPerMonth / 100_000 * prices.upstashPer100kCommands
        lines.append(
            CostLine(
                service: "Upstash Redis",
                detail: "\(Self.count(commandsPerMonth)) commands × "
                    + "$\(Self.money(prices.upstashPer100kCommands))/100K",
                monthly: redis))
        if usage.redisCommandsPerDay > Double(prices.upstashFreeCommandsPerDay) {
            warnings.append(
                "Upstash: \(Self.count(usage.redisCommandsPerDay)) commands a day exceeds the free tier's "
                    + "\(Self.count(Double(prices.upstashFreeCommandsPerDay))); pay-as-you-go pricing applies"
            )
        }
        lines.append(
            CostLine(
                service: "Fly.io", detail: "\(usage.machines) × $\(Self.money(prices.flyMachineMonthly)) machine",
                monthly: Double(usage.machines) * prices.flyMachineMonthly))
        let llm =
            usage.tokensInPerMonth / 1_000_000 * prices.openaiInputPerMillion + usage.tokensOutPerMonth / 1_000_000
            * prices.openaiOutputPerMillion
        lines.append(
            CostLine(
                service: "OpenAI API",
                detail: "\(Self.count(usage.tokensInPerMonth)) in + \(Self.count(usage.tokensOutPerMonth)) out tokens",
                monthly: llm))
        lines.append(CostLine(service: "Cloudflare", detail: "plan", monthly: prices.cloudflareMonthly))
        lines.append(CostLine(service: "Grafana Cloud", detail: "plan", monthly: prices.grafanaMonthly))
        lines.append(CostLine(service: "Better Uptime", detail: "plan", monthly: prices.betterUptimeMonthly))
        if prices.includeAddOns {
            lines.append(CostLine(service: "HCP Vault", detail: "add-on", monthly: prices.hcpVaultMonthly))
            lines.append(CostLine(service: "PagerDuty", detail: "add-on", monthly: prices.pagerdutyMonthly))
            lines.append(
                CostLine(service: "Anthropic fallback", detail: "add-on", monthly: prices.anthropicFallbackMonthly))
        }
        return (lines, warnings)
    }

    static func money(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.0f", value) }

    /// A compact count with at most one decimal: 950, 1.2K, 10K, 3.4M, 1.1B.
    public static func count(_ value: Double) -> String {
        let (scaled, suffix): (Double, String) =
            switch value {
            case 1_000_000_000...: (value / 1e9, "B")
            case 1_000_000...: (value / 1e6, "M")
            case 1_000...: (value / 1e3, "K")
            default: (value, "")
            }
        let rounded = (scaled * 10).rounded() / 10
        return (rounded == rounded.rounded() ? String(format: "%.0f", rounded) : String(format: "%.1f", rounded))
            + suffix
    }
}
