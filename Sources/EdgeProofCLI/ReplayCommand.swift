import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Simulation
import Traces

/// `edgeproof replay [SPEC] --trace FILE…`: stream traces through the edge model and summarise.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay request traces through the edge model: actions, rules, rate limits, cache, origin load.",
        discussion: """
            Exit 0; 1 when a threshold named by --fail-on is broken (a bare --fail-on applies the spec's fail_on); \
            2 for unreadable traces or more malformed lines than --max-errors.
            """)

    @OptionGroup var spec: SpecArgument

    @OptionGroup var traces: TraceInput

    @OptionGroup var format: ResultFormatOption

    @Option(help: "Write one JSON decision per record, in input order, to this file.")
    var decisions: String?

    @Option(help: "Write the summary to this file: HTML when it ends in .html, JSON otherwise.")
    var report: String?

    @Option(
        name: .customLong("fail-on"),
        help: "A threshold such as 'block_rate<0.1%'; give the option without a value to apply the spec's fail_on.")
    var failOn: [String] = []

    @Flag(name: .customLong("fail-on-spec"), help: "Apply the spec's fail_on thresholds (what a bare --fail-on means).")
    var failOnSpec = false

    @Flag(help: "Show Authorization, Cookie and sensitive query parameters in examples.")
    var noRedact = false

    @Option(help: "Write the thresholds as a JUnit report (one test case per threshold).")
    var junit: String?

    func run() throws {
        var options = try traces.replayOptions(deprecatedFormat: format.deprecatedTraceFormat)
        let thresholds = try parseThresholds()
        let outputs = [("--decisions", decisions), ("--report", report), ("--junit", junit)]
        try CommandOutput.refuseConflicts(inputs: [spec.path] + traces.paths, outputs: outputs)
        let stream = try ResultStream.choosing(outputs: outputs)
        let compiled = try spec.load(format: format.output)
        options.decisionsPath = decisions
        options.redactor = Redactor.forSpec(compiled, enabled: !noRedact)
        if Console.current.errorIsTerminal {
            let started = ProcessInfo.processInfo.systemUptime
            let console = Console.current
            options.progress = { records in
                let elapsed = max(0.001, ProcessInfo.processInfo.systemUptime - started)
                console.writeError("\r\(records) records, \(Int(Double(records) / elapsed)) records/s")
            }
        }
        let summary = try TraceInput.reading(github: format.output == .github ? stream : nil) { diagnostics in
            let summary = try Replay.run(compiled, paths: traces.paths, options: options, diagnostics: diagnostics)
            if options.progress != nil { StandardError.write("\r\u{1B}[K") }
            return summary
        }
        let applied = thresholds + (failOnSpec ? compiled.failOn : [])
        let broken = ThresholdCheck.broken(applied, in: summary)
        let status = ThresholdStatus(applied: applied.count, broken: broken)
        ReplayResultOutput.write(summary, format: format.output, thresholds: status, to: stream)
        UnsuppliedFieldWarning.print(summary.unsuppliedFields)
        UndecidedSearchWarning.printIfAny()
        if let report {
            try CommandOutput.writeReport(
                to: report,
                html: {
                    HTMLReport(
                        title: "Replay of \(traces.fileNames)",
                        subtitle: "through \(compiled.specName) (compiled spec sha256:\(compiled.shortHash))",
                        summary: summary, capacity: ReportCapacity.line(for: compiled))
                }, json: { SummaryRenderer.json(summary).pretty })
        }
        ReplayResultOutput.writeThresholds(status, format: format.output, to: stream)
        if let junit { try CommandOutput.write(ThresholdJUnit.xml(applied, broken: broken), to: junit) }
        if !broken.isEmpty { throw ExitCode(1) }
    }

    private func parseThresholds() throws -> [ThresholdSpec] {
        try failOn.map { text in
            guard let index = text.firstIndex(where: { "<>=".contains($0) }) else {
                throw ValidationError("--fail-on '\(text)': write METRIC<VALUE, e.g. block_rate<0.1%")
            }
            switch ThresholdSpec.parse(
                metric: String(text[..<index]).trimmingCharacters(in: .whitespaces), condition: String(text[index...]),
                range: .wholeFile("--fail-on"))
            {
            case let .success(threshold): return threshold
            case let .failure(problem): throw ValidationError("--fail-on '\(text)': \(problem.message)")
            }
        }
    }
}

/// The capacity line charts draw, from the spec's Fly settings.
enum ReportCapacity {
    static func line(for compiled: CompiledEdge) -> CapacityLine? {
        guard compiled.fly != nil else { return nil }
        let model = CapacityModel(fly: compiled.fly)
        return CapacityLine(
            softLimitPerMachine: model.softLimitPerMachine, hardLimitPerMachine: model.hardLimitPerMachine,
            machines: model.machines)
    }
}

/// Replay thresholds as JUnit test cases.
enum ThresholdJUnit {
    static func xml(_ thresholds: [ThresholdSpec], broken: [String]) -> String {
        JUnitReport(
            suite: "edgeproof replay",
            cases: thresholds.map { threshold in
                JUnitReport.Case(
                    name: "\(threshold.metric) \(threshold.comparison.rawValue) \(threshold.bound)",
                    failure: broken.first {
                        $0.hasPrefix(threshold.metric + " ") || $0.hasPrefix(threshold.metric + ":")
                    })
            }
        ).xml
    }
}
