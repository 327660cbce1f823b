import ArgumentParser
import EdgeCore
import LiveZone

/// `edgeproof plan SPEC --zone Z`: what `apply` would change on the live zone.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Compare the compiled rulesets with the zone's live ones: rules added, removed, changed and moved.",
        discussion:
            "Reads the four entrypoint rulesets of the zone (token in CLOUDFLARE_API_TOKEN) and compares them with "
            + "what the spec compiles to, rule by rule, field by field, expressions as a word diff. Exit 0 (with "
            + "--exit-code: 0 without changes, 1 with changes); 1 for spec errors; 2 for usage errors, the network, "
            + "the token and API failures. See docs/live-zone.md.")

    @OptionGroup var spec: SpecArgument
    @OptionGroup var connection: ZoneConnectionOptions

    @Option(help: "text, or json (one JSON document, docs/live-zone.md).")
    var format: OutputFormat = .text

    @Flag(help: "Exit 1 when the zone would change, like git diff --exit-code.")
    var exitCode = false

    func run() throws {
        try format.refuse(unless: [.text, .json], command: "plan")
        let planning = try LiveZonePlanning.make(spec: spec, connection: connection, format: format)
        switch format {
        case .json: StandardOutput.print(ZonePlanReport.json(planning.plan, zone: planning.zone).pretty, terminator: "")
        default: StandardOutput.print(ZonePlanReport.text(planning.plan, zone: planning.zone), terminator: "")
        }
        if exitCode, planning.plan.hasChanges { throw ExitCode(1) }
    }
}
