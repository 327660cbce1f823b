import CloudflareAPI
import EdgeCore

/// Carries out a `ZonePlan`: each phase that changes is replaced (`PUT …/entrypoint`) with the compiled body, then
/// read back and compared with it; the first failure stops the rest, so a second `apply` converges.
public enum ZoneApply {
    /// What happened to each phase that had changes.
    public struct Outcome: Sendable {
        /// The phases replaced and verified.
        public var applied: [RulesetPhase] = []
        /// The phase that failed, why, and the API failure when it was one (nil: the read-back differed).
        public var failed: (phase: RulesetPhase, reason: String, failure: APIFailure?)?
        /// The phases not tried because an earlier one failed.
        public var notTried: [RulesetPhase] = []
    }

    /// The rules on the zone that the plan removes and EdgeProof did not write: `apply` needs `--adopt` for them.
    public static func handMadeRemovals(_ plan: ZonePlan) -> [(phase: RulesetPhase, rule: String)] {
        plan.phases.flatMap { phase in
            phase.changes.filter { $0.kind == .removed && !$0.writtenByEdgeProof }.map { (phase.phase, $0.rule) }
        }
    }

    /// Applies every phase of `plan` that changes, in order, reporting each to `progress`.
    public static func apply(
        _ plan: ZonePlan, zoneID: String, client: CloudflareClient, progress: (String) -> Void
    ) -> Outcome {
        var outcome = Outcome()
        let changing = plan.phases.filter { !$0.changes.isEmpty }
        for (index, phase) in changing.enumerated() {
            do throws(APIFailure) {
                _ = try client.replaceEntrypoint(zoneID: zoneID, phase: phase.phase.rawValue, body: phase.body)
                let readBack = try client.entrypoint(zoneID: zoneID, phase: phase.phase.rawValue)
                let wanted = phase.body["rules"] ?? .array([])
                let check = ZonePlan(
                    compiled: [phase.phase.rawValue: .object([("rules", wanted)])],
                    live: [phase.phase: readBack ?? .object([("rules", .array([]))])], specName: "")
                if let difference = check.phases.first?.changes.first {
                    outcome.failed = (
                        phase.phase,
                        "the ruleset read back differs from what was sent (rule \(difference.rule): "
                            + "\(difference.kind.rawValue)\(difference.fields.first.map { ", " + $0.field } ?? ""))",
                        nil
                    )
                } else {
                    outcome.applied.append(phase.phase)
                    progress("applied \(phase.phase.rawValue): \(phase.changes.count) rule change(s), verified")
                    continue
                }
            } catch {
                outcome.failed = (phase.phase, error.description, error)
            }
            outcome.notTried = changing[(index + 1)...].map(\.phase)
            break
        }
        return outcome
    }
}
