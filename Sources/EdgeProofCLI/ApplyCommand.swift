import ArgumentParser
import EdgeCore
import Foundation
import LiveZone

/// `edgeproof apply SPEC --zone Z`: do what `plan` shows.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Replace the zone's changed entrypoint rulesets with the compiled ones, and verify them.",
        discussion:
            "Prints the plan, asks for confirmation on a terminal (--yes skips it; without a terminal --yes is "
            + "required), then replaces each changed phase's entrypoint and reads it back. Refuses to remove a live "
            + "rule EdgeProof did not write unless --adopt. A failure part-way says which phases were applied; "
            + "running apply again finishes the rest. Exit 0; 1 for spec errors, a refused apply or a ruleset "
            + "Cloudflare rejected; 2 for usage errors, the network, the token and other API failures. See "
            + "docs/live-zone.md.")

    @OptionGroup var spec: SpecArgument
    @OptionGroup var connection: ZoneConnectionOptions

    @Flag(help: "Apply without asking.")
    var yes = false

    @Flag(help: "Remove live rules that EdgeProof did not write and the spec does not hold.")
    var adopt = false

    func run() throws {
        let planning = try LiveZonePlanning.make(spec: spec, connection: connection, format: .text)
        let plan = planning.plan
        StandardOutput.print(ZonePlanReport.text(plan, zone: planning.zone), terminator: "")
        guard plan.hasChanges else { return }
        let handMade = ZoneApply.handMadeRemovals(plan)
        if !handMade.isEmpty, !adopt {
            for (phase, rule) in handMade {
                StandardError.write(
                    "error: \(phase.rawValue): '\(rule)' was not written by EdgeProof and is not in the spec; apply "
                        + "would remove it\n")
            }
            StandardError.write(
                "help: import the zone (edgeproof import) to keep such rules in the spec, or pass --adopt to remove "
                    + "them\n")
            throw ExitCode(1)
        }
        try confirm(zone: planning.zone.name)
        let outcome = ZoneApply.apply(plan, zoneID: planning.zone.id, client: planning.client) {
            StandardError.write($0 + "\n")
        }
        guard let failed = outcome.failed else {
            StandardOutput.print("Applied \(outcome.applied.count) phase(s) to \(planning.zone.name).")
            return
        }
        StandardError.write("error: \(failed.phase.rawValue): \(failed.reason)\n")
        let applied = outcome.applied.map(\.rawValue).joined(separator: ", ")
        let notApplied = ([failed.phase] + outcome.notTried).map(\.rawValue).joined(separator: ", ")
        StandardOutput.print(
            "Applied: \(applied.isEmpty ? "none" : applied). Not applied: \(notApplied). Run apply again to "
                + "finish.")
        if let failure = failed.failure { throw ZoneConnectionOptions.fail(failure, printed: true) }
        throw ExitCode(1)
    }

    /// Asks on the terminal, or requires --yes when there is none.
    private func confirm(zone: String) throws {
        guard !yes else { return }
        guard isatty(STDIN_FILENO) == 1 else {
            StandardError.write("error: standard input is not a terminal to confirm on; pass --yes to apply\n")
            throw ExitCode(2)
        }
        StandardError.write("Apply these changes to \(zone)? Type 'yes' to go on: ")
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            StandardError.write("Nothing applied.\n")
            throw ExitCode(1)
        }
    }
}
