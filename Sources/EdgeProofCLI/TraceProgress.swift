import Foundation
import Simulation
import Traces

/// The progress line of the commands that replay traces (replay, whatif, diff), shown only when standard error is
/// a terminal.
enum TraceProgress {
    /// When standard error is a terminal, sets `options` to drive a `ProgressMeter` there and returns it; nil
    /// otherwise. The total is `passes` readings of `paths` (a run that reads the traces twice counts their size
    /// twice), unknown when one of them is not a regular file (`-`, a FIFO).
    static func attach(to options: inout ReplayOptions, paths: [String], passes: Int) -> ProgressMeter? {
        let console = Console.current
        guard console.errorIsTerminal else { return nil }
        let counter = TraceByteCounter()
        let sizes = paths.map(regularFileSize)
        let total = sizes.contains(nil) ? nil : sizes.reduce(0) { $0 + $1! } * passes
        let meter = ProgressMeter.onStandardError(of: console)
        options.byteCounter = counter
        options.progress = { _ in
            meter.advance(
                records: ReplayOptions.progressInterval,
                completed: total.flatMap { $0 > 0 ? Double(counter.bytes) / Double($0) : nil })
        }
        return meter
    }

    /// The size of `path` when it names a regular file (through symlinks).
    private static func regularFileSize(_ path: String) -> Int? {
        var status = stat()
        guard path != "-", stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(status.st_size)
    }
}
