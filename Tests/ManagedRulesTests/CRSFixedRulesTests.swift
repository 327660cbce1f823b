import Testing

@testable import ManagedRules

/// The rules whose matches are found once after the prelude and replayed (`CRSProgram.fixedRules`): which CRS rules
/// they are, and that replaying them leaves what running every step leaves.
@Suite(.enabled(if: CRSAvailability.installed, CRSAvailability.skipMessage))
struct CRSFixedRulesTests {
    @Test("The exclusion-package and RBL skips and the score sums are fixed; no fixed rule reads the request")
    func fixedRulesOfCRS() throws {
        let program = try #require(CompiledCRSDifferential.evaluator).program
        let ids = Set(program.fixedRules.map(\.id))
        for id in [9_001_000, 9_004_000, 910_130, 912_100, 949_060] { #expect(ids.contains(id), "\(id)") }
        for rule in program.fixedRules {
            for link in rule.links {
                let targets = try #require(link.targets)
                #expect(targets.allSatisfy { $0.variable.isSetByRules }, "\(rule.id)")
                #expect(!link.capture, "\(rule.id)")
            }
        }
    }

    @Test("Replaying the fixed rules leaves the logged ids and the TX scores that running every step leaves")
    func replayMatchesRunning() throws {
        let program = try #require(CompiledCRSDifferential.evaluator).program
        let cache = CRSOutcomeCache(
            slots: program.cacheableLinks, lists: program.listTargets.count,
            targets: program.requestTargets.count, byteBudget: 1 << 20)
        let prelude = try #require(CRSTransaction.prelude(of: program, cache: cache))
        let scores = ["anomaly_score", "anomaly_score_pl1", "anomaly_score_pl2", "inbound_anomaly_score"]
            .map { CRSName(Array($0.utf8)) }
        var compared = 0
        for request in CompiledCRSDifferential.syntheticRequests() {
            var replaying = CRSTransaction(request: request, program: program, cache: cache, prelude: prelude)
            var running = CRSTransaction(request: request, program: program, cache: cache)
            guard (try? replaying.run()) != nil, (try? running.run()) != nil else { continue }
            compared += 1
            #expect(replaying.loggedRuleIDs == running.loggedRuleIDs, "\(String(decoding: request.uri, as: UTF8.self))")
            #expect(scores.map(replaying.transactionInteger) == scores.map(running.transactionInteger))
        }
        #expect(compared > 100)
    }
}
