import ArgumentParser
import Foundation

/// `--jobs N`: how many threads replay colos at once. The result is the same bytes with any number.
struct JobsOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Threads that replay data centres (colos) at once; the results are the same with any number "
                + "(default: the number of cores).", valueName: "n"))
    var jobs: Int?

    /// The number of threads: `--jobs`, else every core this process may use; a usage error below 1.
    func value() throws -> Int {
        guard let jobs else { return ProcessInfo.processInfo.activeProcessorCount }
        guard jobs >= 1 else { throw ValidationError("--jobs must be 1 or more") }
        return jobs
    }
}
