import ArgumentParser
import CloudflareAPI
import EdgeCore
import EdgeSpec
import Foundation
import LiveZone

/// `edgeproof import`: a spec from a zone's entrypoint rulesets, read from the API or from files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Write a spec from what a zone runs: its custom rules, rate limits, cache rules and managed rulesets.",
        discussion:
            "Reads the entrypoint rulesets of the four phases EdgeProof emits for the zone --zone names from the "
            + "Cloudflare API (the token in CLOUDFLARE_API_TOKEN) or from ruleset JSON files (--from DIR: the API's "
            + "answers or what 'build' writes). Rules the spec cannot hold are reported and kept in the spec as "
            + "comments. Exit 0; 1 when the imported spec does not check clean; 2 for usage errors, unreadable "
            + "files, the network, the token and API failures. See docs/live-zone.md.")

    @OptionGroup var connection: ZoneConnectionOptions

    @Option(
        help: ArgumentHelp(
            "Read the rulesets from files instead of the API: DIR/<phase>.json or DIR/cloudflare/<phase>.json.",
            valueName: "dir"))
    var from: String?

    @Option(help: ArgumentHelp("The zone's plan (free, pro, business, enterprise); default: the API's answer."))
    var plan: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The spec to write ('-' for standard output).", valueName: "file"))
    var output: String = "-"

    @Flag(help: "Replace the output file when it exists.")
    var force = false

    func validate() throws {
        if let plan, CloudflarePlan(rawValue: plan) == nil {
            throw ValidationError("--plan: '\(plan)' is not one of free, pro, business, enterprise")
        }
        if from != nil, plan == nil { throw ValidationError("--from needs --plan: files do not say the zone's plan") }
    }

    func run() throws {
        try CommandOutput.refuseReplacing(output, force: force)
        let rulesets: [RulesetPhase: JSONValue]
        let zoneName: String
        let zonePlan: String
        let source: String
        if let from {
            do {
                rulesets = try RulesetFiles.read(directory: from)
            } catch {
                StandardError.write("error: \(error)\n")
                throw ExitCode(2)
            }
            zoneName = connection.zone
            zonePlan = plan ?? ""
            source = "the ruleset files in \(from)"
        } else {
            let client = try connection.client()
            do {
                let zone = try client.zone(connection.zone)
                var read: [RulesetPhase: JSONValue] = [:]
                for phase in RulesetPhase.allCases {
                    read[phase] = try client.entrypoint(zoneID: zone.id, phase: phase.rawValue)
                }
                rulesets = read
                zoneName = zone.name
                guard let known = plan ?? zone.plan.flatMap({ CloudflarePlan(rawValue: $0) != nil ? $0 : nil }) else {
                    StandardError.write(
                        "error: the API does not say which plan \(zone.name) is on; give --plan (free, pro, business, "
                            + "enterprise)\n")
                    throw ExitCode(2)
                }
                zonePlan = known
                source = "zone \(zone.name) (\(zone.id))"
            } catch let failure as APIFailure {
                throw ZoneConnectionOptions.fail(failure)
            }
        }
        let result = ZoneImport.spec(rulesets: rulesets, zoneName: zoneName, plan: zonePlan, source: source)
        let name = output == "-" ? "edge.yaml" : output
        for note in result.notes {
            StandardError.write("warning: not imported: \(note) (kept as a comment in \(name))\n")
        }
        do {
            try OutputFile.write(result.text, to: output)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        let diagnostics = DiagnosticCollector()
        let checked = SpecChecker.check(Array(result.text.utf8), file: name, diagnostics: diagnostics)
        let errors = diagnostics.diagnostics.filter { $0.severity == .error }
        StandardError.write(
            "imported \(result.imported) rule(s) into \(name)"
                + (result.notes.isEmpty ? "" : "; \(result.notes.count) kept as comments") + "\n")
        if checked == nil || !errors.isEmpty {
            let renderer = DiagnosticTextRenderer(sources: [SourceFile(name: name, bytes: Array(result.text.utf8))])
            for diagnostic in errors { StandardError.write(renderer.render(diagnostic)) }
            StandardError.write("error: the imported spec does not check clean; fix it where the errors point\n")
            throw ExitCode(1)
        }
    }
}
