import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation

/// A month's bill for the stack the spec describes (`docs/costs.md`): the zone's plan prices Cloudflare, `fly.vm`
/// and the capacity model the app's machines, `redis.provider` Upstash or a self-hosted machine, `app` routes the
/// LLM tokens, and `costs.services` everything else. List prices come from the catalogue; `costs` overrides them.
/// What cannot be priced is a warning, never a silent zero.
public struct CostModel: Sendable {
    /// The zone's plan.
    let plan: CloudflarePlan
    /// The Fly app, when the spec has one.
    let fly: FlySpec?
    /// Redis, when the spec has it.
    let redis: RedisSpec?
    /// The spec's `costs` section.
    let costs: CostsSpec?
    /// List prices.
    let catalogue: PriceCatalogue

    /// The bill of `edge`, priced from `catalogue`.
    public init(edge: CompiledEdge, catalogue: PriceCatalogue = .shipped) {
        plan = edge.zone.plan
        fly = edge.fly
        redis = edge.redis
        costs = edge.costs
        self.catalogue = catalogue
    }

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
        var bill = Bill()
        cloudflare(&bill)
        if let fly { appMachines(fly, count: usage.machines, &bill) }
        if let redis {
            if redis.provider == .upstash {
                upstash(commandsPerMonth: usage.redisCommandsPerDay * 30, &bill)
            } else {
                selfHostedRedis(&bill)
            }
        }
        llm(usage, &bill)
        for service in costs?.services ?? [] { self.service(service, &bill) }
        return (bill.lines, bill.warnings)
    }

    /// Lines and warnings as they are added.
    struct Bill {
        var lines: [CostLine] = []
        var warnings: [String] = []
    }

    private func cloudflare(_ bill: inout Bill) {
        let name = plan.rawValue.capitalized + " plan"
        if let negotiated = costs?.cloudflareMonthly {
            bill.lines.append(
                CostLine(service: "Cloudflare", detail: name + ", costs.cloudflare_monthly", monthly: negotiated))
        } else if let price = catalogue["cloudflare.plan.\(plan.rawValue)"] {
            bill.lines.append(
                CostLine(service: "Cloudflare", detail: name + ", " + Self.listed(price), monthly: price.usd))
        } else {
            bill.warnings.append(
                "Cloudflare: the \(name) has no list price, so the bill leaves it out; set costs.cloudflare_monthly")
        }
    }

    private func appMachines(_ fly: FlySpec, count: Int, _ bill: inout Bill) {
        let vm = fly.vm.first { $0.processes.isEmpty || $0.processes.contains("app") } ?? fly.vm.first
        let each: (usd: Double, detail: String)
        if let negotiated = costs?.flyMachineMonthly {
            each = (negotiated, "costs.fly_machine_monthly")
        } else if let priced = machinePrice(vm, region: fly.primaryRegion, unset: "fly.vm", &bill) {
            each = priced
        } else {
            return
        }
        bill.lines.append(
            CostLine(
                service: "Fly.io", detail: "\(count) × $\(Self.money(each.usd)) machine, \(each.detail)",
                monthly: Double(count) * each.usd))
    }

    private func selfHostedRedis(_ bill: inout Bill) {
        let each: (usd: Double, detail: String)
        if let negotiated = costs?.redisMachineMonthly {
            each = (negotiated, "costs.redis_machine_monthly")
        } else if let priced = machinePrice(
            costs?.redisMachine, region: fly?.primaryRegion ?? "iad", unset: "costs.redis_machine", &bill,
            fallbackMemoryMB: 512)
        {
            each = priced
        } else {
            return
        }
        bill.lines.append(
            CostLine(service: "Redis (self-hosted)", detail: "1 machine, " + each.detail, monthly: each.usd))
    }

    /// A Fly machine's monthly price: its preset plus the memory beyond the preset's. Without a size, Fly's
    /// smallest preset with `fallbackMemoryMB` (or the preset's own memory), said so in the detail.
    private func machinePrice(
        _ vm: VMSpec?, region: String, unset: String, _ bill: inout Bill, fallbackMemoryMB: Int? = nil
    ) -> (usd: Double, detail: String)? {
        let kind = vm?.cpuKind ?? .shared
        let cpus = vm?.cpus ?? 1
        let preset = "\(kind == .shared ? "shared-cpu" : "performance")-\(cpus)x"
        guard let base = catalogue["fly.preset.\(preset)"], let presetMB = base.memoryMB,
            let memory = catalogue["fly.memory"]
        else {
            bill.warnings.append("Fly.io: the catalogue has no price for \(preset); set a monthly price in costs")
            return nil
        }
        let memoryMB = vm.map { Int($0.memory.bytes / 1_048_576) } ?? fallbackMemoryMB ?? presetMB
        let extraGB = Double(max(0, memoryMB - presetMB)) / 1024
        var detail = "\(preset) \(Self.memory(memoryMB))"
        if vm == nil { detail += " (\(unset) not set)" }
        detail += ", " + Self.listed(base)
        if region != "iad" { detail += "; prices are iad's, \(region) is marked up" }
        return (base.usd + extraGB * memory.usd, detail)
    }

    private func upstash(commandsPerMonth: Double, _ bill: inout Bill) {
        let commands = Self.count(commandsPerMonth)
        if let negotiated = costs?.upstashPer100kCommands {
            bill.lines.append(
                CostLine(
                    service: "Upstash Redis",
                    detail: "\(commands) commands × $\(Self.money(negotiated))/100K, costs.upstash_per_100k_commands",
                    monthly: commandsPerMonth / 100_000 * negotiated))
            return
        }
        guard let payg = catalogue["upstash.payg.commands"] else { return }
        if let free = catalogue["upstash.free.commands"], let included = free.includes, commandsPerMonth <= included {
            bill.lines.append(
                CostLine(
                    service: "Upstash Redis",
                    detail: "free tier: \(commands) of \(Self.count(included)) commands a month, " + Self.listed(free),
                    monthly: 0))
            return
        }
        bill.lines.append(
            CostLine(
                service: "Upstash Redis",
                detail: "\(commands) commands × $\(Self.money(payg.usd))/100K pay-as-you-go, " + Self.listed(payg),
                monthly: commandsPerMonth / 100_000 * payg.usd))
    }

    private func llm(_ usage: Usage, _ bill: inout Bill) {
        guard usage.tokensInPerMonth > 0 || usage.tokensOutPerMonth > 0 else { return }
        let model = costs?.llmModel
        let input = costs?.llmInputPerMillion ?? model.flatMap { catalogue["\($0).input"]?.usd }
        let output = costs?.llmOutputPerMillion ?? model.flatMap { catalogue["\($0).output"]?.usd }
        let tokens = "\(Self.count(usage.tokensInPerMonth)) in + \(Self.count(usage.tokensOutPerMonth)) out tokens"
        guard let input, let output else {
            bill.warnings.append(
                "LLM: the app's routes use \(tokens) a month, but costs names no llm_model (or both per-million "
                    + "prices), so the bill leaves them out")
            return
        }
        let vendor = model.map { $0.hasPrefix("openai.") ? "OpenAI API" : "LLM API" } ?? "LLM API"
        let name = model.map { String($0.split(separator: ".", maxSplits: 1).last ?? "") } ?? "costs prices"
        bill.lines.append(
            CostLine(
                service: vendor, detail: "\(tokens), \(name)",
                monthly: usage.tokensInPerMonth / 1_000_000 * input + usage.tokensOutPerMonth / 1_000_000 * output))
    }

    private func service(_ service: ServiceCostSpec, _ bill: inout Bill) {
        if let monthly = service.monthly {
            bill.lines.append(
                CostLine(service: service.name, detail: service.detail ?? "costs.services", monthly: monthly))
        } else if let plan = service.plan, let price = catalogue[plan] {
            let detail = (service.detail.map { $0 + ", " } ?? "") + plan + ", " + Self.listed(price)
            bill.lines.append(CostLine(service: service.name, detail: detail, monthly: price.usd))
        }
    }

    /// "list price read DATE" and the price's note.
    static func listed(_ price: PriceCatalogue.Price) -> String {
        "list price read \(price.read)" + (price.note.map { " (\($0))" } ?? "")
    }

    /// `memoryMB` as `256 MB` or `1 GB`.
    static func memory(_ memoryMB: Int) -> String {
        memoryMB % 1024 == 0 ? "\(memoryMB / 1024) GB" : "\(memoryMB) MB"
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
