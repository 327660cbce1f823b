import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeSpec
import EdgeWire
import Foundation
import Simulation
import Traces
import TrafficSynthesis

/// `edgeproof synth`: a seeded synthetic trace from a load profile, streamed to disk as native JSONL.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract:
            "Write a synthetic native JSONL trace from a load profile (the spec's profiles, a profile file, or the "
            + "default mix).",
        discussion:
            "The same seed gives the same bytes. Exit 0; 1 for spec or profile errors; 2 for usage or write errors.")

    @Option(help: "The spec whose hosts, routes and profiles are used.")
    var spec: String = "edge.yaml"

    @Option(
        help: "A profile name from the spec's profiles, or a YAML file holding one profile; default: the default mix.")
    var profile: String?

    @Option(help: ArgumentHelp("How much traffic to write, e.g. 24h or 7d.", valueName: "duration"))
    var duration = EdgeDuration.seconds(86_400)

    @Option(help: "Mean requests per second over the whole duration, across all populations (overrides the profile's).")
    var rps: Double?

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Start time, RFC 3339 (default 2026-01-05T00:00:00Z, a Monday).")
    var start: String = "2026-01-05T00:00:00Z"

    @Option(
        name: .shortAndLong,
        help: "The trace file to write ('-' for standard output; the summary line then goes to stderr).")
    var output: String

    @Option(
        help: ArgumentHelp(
            "The summary's format: text (one line) or json (one JSON document); on stderr when the trace goes to "
                + "standard output."))
    var format: OutputFormat = .text

    func run() throws {
        try format.refuse(unless: [.text, .json], command: "synth")
        guard duration.milliseconds > 0 else { throw ValidationError("--duration must be above 0, e.g. 24h") }
        guard let startMilliseconds = Array(start.utf8).withUnsafeBytes({ TraceTimestamp.parseRFC3339($0) }) else {
            throw ValidationError("--start: '\(start)' is not an RFC 3339 timestamp")
        }
        if let rps, !(rps > 0) { throw ValidationError("--rps must be above 0") }
        try CommandOutput.refuseConflicts(
            inputs: [spec] + (profile.map { [$0] } ?? []), outputs: [("--output", output)])
        let compiled = try SpecLoader.load(spec, format: format)
        var loadProfile: LoadProfile
        do {
            loadProfile = try chosenProfile(compiled)
        } catch let failure as LoadProfileBuilder.Failure {
            StandardError.write("error: \(failure)\n")
            throw ExitCode(1)
        }
        if let rps { loadProfile.meanRequestsPerSecond = rps }
        do {
            let synthesizer = try TraceSynthesizer(
                profile: loadProfile, seed: seed, startMilliseconds: startMilliseconds,
                durationMilliseconds: duration.milliseconds)
            let writer = try NativeTraceWriter(path: output)
            let meter = Console.current.errorIsTerminal ? ProgressMeter.onStandardError(of: Console.current) : nil
            let written = Result {
                try synthesizer.write(
                    to: writer,
                    progress: meter.map { meter in
                        { meter.advance(records: TraceSynthesizer.progressInterval, completed: $1) }
                    })
            }
            meter?.finish()
            let statistics = try written.get()
            try writer.finish()
            let summary = SynthSummary(
                records: statistics.totalRecords, output: output, profile: loadProfile.name, seed: seed,
                duration: duration, populations: statistics.populations.map { ($0.name, $0.records) })
            let text = format == .json ? summary.json.pretty : summary.line + "\n"
            if output == "-" { StandardError.write(text) } else { StandardOutput.print(text, terminator: "") }
        } catch let error as SynthesisError {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
    }

    private func chosenProfile(_ compiled: CompiledEdge) throws -> LoadProfile {
        guard let profile else { return try LoadProfileBuilder.defaultMix(compiled, meanRequestsPerSecond: rps ?? 20) }
        if let declared = compiled.profiles.first(where: { $0.key.text == profile }) {
            return try LoadProfileBuilder.profile(declared.value, name: profile, edge: compiled)
        }
        guard let prefix = try? InputFile.readPrefix(profile, limit: YAMLReader.maxBytes) else {
            let names = compiled.profiles.map(\.key.text)
            let suggestion = bestSuggestion(for: profile, among: names).map { "; did you mean '\($0)'?" } ?? ""
            throw LoadProfileBuilder.Failure(
                description:
                    "'\(profile)' is neither a profile in \(compiled.specName) nor a readable file\(suggestion)")
        }
        let diagnostics = DiagnosticCollector()
        guard let spec = ProfileFile.read(prefix.bytes, file: profile, size: prefix.size, diagnostics: diagnostics)
        else {
            let source = SourceFile(name: profile, bytes: prefix.bytes)
            StandardError.write(
                DiagnosticTextRenderer(sources: [source]).render(diagnostics.sorted, summaryFor: profile))
            throw ExitCode(1)
        }
        return try LoadProfileBuilder.profile(spec, name: (profile as NSString).lastPathComponent, edge: compiled)
    }
}
