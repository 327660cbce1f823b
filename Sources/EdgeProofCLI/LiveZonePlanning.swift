import ArgumentParser
import CloudflareAPI
import EdgeCore
import Emitters
import LiveZone

/// What `plan` and `apply` share: the spec compiled, the zone looked up, its four entrypoints read, the plan.
struct LiveZonePlanning {
    let client: CloudflareClient
    let zone: CloudflareZone
    let plan: ZonePlan

    /// Compiles `spec` (exit 1 on spec errors) and plans it against the zone `connection` names (exit 2 when the
    /// API cannot be reached or refuses).
    static func make(spec: SpecArgument, connection: ZoneConnectionOptions, format: OutputFormat) throws
        -> LiveZonePlanning
    {
        let compiled = try spec.load(format: format)
        let client = try connection.client()
        let bodies = Dictionary(CompiledRulesets.bodies(compiled).map { ($0.phase, $0.body) }) { first, _ in first }
        let read: Result<(CloudflareZone, [RulesetPhase: JSONValue]), APIFailure> = Result { () throws(APIFailure) in
            let zone = try client.zone(connection.zone)
            var live: [RulesetPhase: JSONValue] = [:]
            for phase in RulesetPhase.allCases {
                live[phase] = try client.entrypoint(zoneID: zone.id, phase: phase.rawValue)
            }
            return (zone, live)
        }
        switch read {
        case let .success((zone, live)):
            return LiveZonePlanning(
                client: client, zone: zone, plan: ZonePlan(compiled: bodies, live: live, specName: compiled.specName))
        case let .failure(failure):
            throw ZoneConnectionOptions.fail(failure)
        }
    }
}
