import Foundation
import Testing

/// `examples/small-saas` (Cloudflare Free, a Fly app, a self-hosted Redis, no Vault) checks with `--strict`, and a
/// what-if on synthetic traffic bills only the Cloudflare Free plan, the Fly machines and the Redis machine, at the
/// catalogue's prices (docs/costs.md, "Worked examples").
@Suite struct SmallSaaSExampleTests {
    let scratch: ScratchDirectory
    let spec = repositoryRoot + "/examples/small-saas/edge.yaml"

    init() throws {
        scratch = try ScratchDirectory()
    }

    @Test func itChecksStrictAndItsExpectationsHold() {
        let check = edgeproof("check", spec, "--strict")
        #expect(check.exitCode == 0, "\(check.stdout)")
        #expect(check.stdout.contains("ok, no findings"))
        let test = edgeproof("test", spec)
        #expect(test.exitCode == 0, "\(test.stdout)")
    }

    @Test func whatIfBillsOnlyTheFreeZoneTheFlyMachinesAndTheRedisMachine() throws {
        let trace = scratch.path("trace.jsonl")
        let synth = edgeproof("synth", "--spec", spec, "--duration", "5m", "-o", trace)
        #expect(synth.exitCode == 0, "\(synth.stderr)")
        let result = edgeproof("whatif", spec, "--trace", trace, "--scale", "1,10", "--format", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((document["warnings"] as? [String])?.isEmpty == true, "\(document["warnings"] ?? "")")
        let scenarios = try #require(document["scenarios"] as? [[String: Any]])
        #expect(scenarios.count == 2)
        for scenario in scenarios {
            let costs = try #require(scenario["costs"] as? [[String: Any]])
            let bill = costs.map { ($0["service"] as? String ?? "", $0["monthly"] as? Double ?? -1) }
            #expect(bill.map(\.0) == ["Cloudflare", "Fly.io", "Redis (self-hosted)"])
            #expect(
                bill.map(\.1) == [0, 6.38, 3.19], "Free plan; 2 × shared-cpu-1x 512 MB at $3.19; one more for Redis")
        }
    }
}
