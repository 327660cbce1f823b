import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Testing

@testable import Simulation

// The bill follows the spec (docs/costs.md): the zone's plan prices Cloudflare, fly.vm the app's machines,
// redis.provider Upstash or a self-hosted machine, and nothing the spec does not name is billed.

/// A spec with `body` after the zone on `plan`.
private func compiled(plan: String = "free", _ body: String) throws -> CompiledEdge {
    let text = "version: 1\nzone: {name: example.com, plan: \(plan)}\n" + body
    let diagnostics = DiagnosticCollector()
    let checked = try #require(
        SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics),
        "\(diagnostics.diagnostics.map(\.message))")
    return try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
}

private let smallApp = """
    fly:
      app: small-app
      primary_region: iad
      machines: {iad: 2}
      vm:
        - {size: shared-cpu-1x, cpu_kind: shared, cpus: 1, memory: 512mb}
    redis:
      provider: self-hosted
      use: cache
      maxmemory_policy: allkeys-lru

    """

private func usage(machines: Int = 2, commandsPerDay: Double = 0, tokens: Double = 0) -> CostModel.Usage {
    CostModel.Usage(
        incidentsPerMonth: 0, tokensInPerMonth: tokens, tokensOutPerMonth: tokens, redisCommandsPerDay: commandsPerDay,
        machines: machines)
}

@Test func aFreeZoneWithFlyAndSelfHostedRedisBillsOnlyThose() throws {
    let (lines, warnings) = CostModel(edge: try compiled(smallApp)).monthly(usage(commandsPerDay: 1_000_000))
    #expect(lines.map(\.service) == ["Cloudflare", "Fly.io", "Redis (self-hosted)"])
    #expect(warnings.isEmpty)
    let bill = Dictionary(uniqueKeysWithValues: lines.map { ($0.service, $0.monthly) })
    // Fly's pricing page: a preset's price plus $5 per 30 days per GB beyond its memory. shared-cpu-1x is $1.94
    // with 256 MB, so 512 MB is $1.94 + 0.25 × $5 = $3.19.
    #expect(bill["Cloudflare"] == 0)
    #expect(abs(bill["Fly.io"]! - 2 * 3.19) < 1e-9)
    #expect(abs(bill["Redis (self-hosted)"]! - 3.19) < 1e-9, "costs.redis_machine unset: shared-cpu-1x, 512 MB")
    #expect(lines[2].detail.contains("costs.redis_machine not set"))
}

/// Fly's worked figures: shared-cpu-1x with 1 GB ($5.70 on the pricing page's table, $5.69 from the preset and the
/// memory price) and performance-2x with 8 GB ($62 + 4 × $5).
@Test(arguments: [
    ("{cpu_kind: shared, cpus: 1, memory: 1gb}", 5.69), ("{cpu_kind: performance, cpus: 2, memory: 8gb}", 82.0),
    ("{cpu_kind: shared, cpus: 2, memory: 512mb}", 3.89),
])
func flyMachinesArePricedFromTheirPresetAndMemory(vm: String, monthly: Double) throws {
    let spec = "fly:\n  app: small-app\n  primary_region: iad\n  vm:\n    - \(vm)\n"
    let (lines, _) = CostModel(edge: try compiled(spec)).monthly(usage(machines: 1))
    let fly = try #require(lines.first { $0.service == "Fly.io" })
    #expect(abs(fly.monthly - monthly) < 1e-9, "\(fly.detail)")
}

@Test func aRegionOtherThanIadSaysItsPriceIsIads() throws {
    let spec = smallApp.replacingOccurrences(of: "primary_region: iad", with: "primary_region: fra")
        .replacingOccurrences(of: "machines: {iad: 2}", with: "machines: {fra: 2}")
    let (lines, _) = CostModel(edge: try compiled(spec)).monthly(usage())
    #expect(lines.first { $0.service == "Fly.io" }?.detail.contains("prices are iad's, fra is marked up") == true)
}

@Test func upstashIsFreeWithinItsFreeTierAndPayAsYouGoBeyond() throws {
    let spec = "redis:\n  provider: upstash\n  use: queue\n  maxmemory_policy: noeviction\n"
    let edge = try compiled(spec)
    // Upstash's pricing page: 500K commands a month are free; beyond, $0.20 per 100K.
    let free = CostModel(edge: edge).monthly(usage(commandsPerDay: 16_000)).lines
    #expect(free.map(\.service) == ["Cloudflare", "Upstash Redis"])
    #expect(free[1].monthly == 0 && free[1].detail.hasPrefix("free tier: 480K of 500K commands a month"))
    let paid = CostModel(edge: edge).monthly(usage(commandsPerDay: 100_000)).lines
    #expect(abs(paid[1].monthly - 6) < 1e-9, "3M commands a month × $0.20/100K")
    #expect(paid.allSatisfy { $0.service != "Redis (self-hosted)" })
}

@Test func eachPlanPricesCloudflareAndEnterpriseAsksForItsPrice() throws {
    for (plan, monthly) in [("free", 0.0), ("pro", 20), ("business", 200)] {
        let lines = CostModel(edge: try compiled(plan: plan, "")).monthly(usage()).lines
        #expect(lines.map(\.monthly) == [monthly], "\(plan)")
    }
    let (lines, warnings) = CostModel(edge: try compiled(plan: "enterprise", "")).monthly(usage())
    #expect(lines.isEmpty)
    #expect(
        warnings == [
            "Cloudflare: the Enterprise plan has no list price, so the bill leaves it out; set costs.cloudflare_monthly"
        ])
    let negotiated = try compiled(plan: "enterprise", "costs: {cloudflare_monthly: 3000}\n")
    #expect(CostModel(edge: negotiated).monthly(usage()).lines.map(\.monthly) == [3000])
}

@Test func llmTokensNeedAModelAndServicesComeFromTheCatalogueOrTheSpec() throws {
    let (unpriced, warnings) = CostModel(edge: try compiled("")).monthly(usage(tokens: 1_000_000))
    #expect(unpriced.map(\.service) == ["Cloudflare"])
    #expect(warnings.count == 1 && warnings[0].contains("costs names no llm_model"))

    let spec = """
        costs:
          llm_model: openai.gpt-4o
          services:
            - {name: Neon PostgreSQL, plan: neon.plan.launch}
            - {name: Status page, monthly: 29}

        """
    let lines = CostModel(edge: try compiled(spec)).monthly(usage(tokens: 1_000_000)).lines
    let bill = Dictionary(uniqueKeysWithValues: lines.map { ($0.service, $0.monthly) })
    #expect(bill["OpenAI API"] == 12.5, "1M in at $2.50 + 1M out at $10.00")
    #expect(bill["Neon PostgreSQL"] == 5, "Launch's monthly minimum")
    #expect(bill["Status page"] == 29)
}

/// Every price names an https page and the date it was read, and no id is listed twice.
@Test func everyCataloguePriceHasItsSourceAndDate() {
    let prices = PriceCatalogue.shipped.prices
    #expect(prices.count >= 20)
    #expect(Set(prices.map(\.id)).count == prices.count)
    let date = /^\d{4}-\d{2}-\d{2}$/
    for price in prices {
        #expect(price.source.hasPrefix("https://"), "\(price.id)")
        #expect(price.read.wholeMatch(of: date) != nil, "\(price.id)")
        #expect(price.usd >= 0, "\(price.id)")
    }
    #expect(PriceCatalogue.shipped.models.contains("openai.gpt-4o-mini"))
}
