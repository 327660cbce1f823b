import Foundation
import Synchronization

/// One line on standard error showing how far a long command is, rewritten in place with `\r` and cleared at the
/// end: the share of the work done and the time left when it is known (the share of the traces read, of the
/// synthesised window written), records a second otherwise.
///
/// It is UI only: the clock is a parameter (tests drive it by hand) and nothing it shows reaches an output. The
/// line is drawn at most once every `minimumInterval` seconds, however often `advance` is called.
final class ProgressMeter: Sendable {
    private struct State {
        var records = 0
        var lastDrawn: Double?
    }

    /// The shortest time between two drawings of the line (at most ten a second).
    static let minimumInterval = 0.1

    private let state = Mutex(State())
    private let started: Double
    private let clock: @Sendable () -> Double
    private let write: @Sendable (String) -> Void

    /// A meter started now. `clock`: seconds on a monotonic clock; `write`: where the line goes.
    init(clock: @escaping @Sendable () -> Double, write: @escaping @Sendable (String) -> Void) {
        self.clock = clock
        self.write = write
        started = clock()
    }

    /// Counts `records` more records processed, with `completed` the share of the work now done (0 to 1; nil:
    /// unknown), and redraws the line unless it was drawn less than `minimumInterval` ago.
    func advance(records: Int, completed: Double?) {
        let now = clock()
        let line: String? = state.withLock { state in
            state.records += records
            if let last = state.lastDrawn, now - last < Self.minimumInterval { return nil }
            state.lastDrawn = now
            return Self.line(records: state.records, completed: completed, elapsed: now - started)
        }
        if let line { write("\r" + line + "\u{1B}[K") }
    }

    /// A meter on `console`'s standard error with the system's monotonic clock.
    static func onStandardError(of console: Console) -> ProgressMeter {
        ProgressMeter(clock: { ProcessInfo.processInfo.systemUptime }, write: { console.writeError($0) })
    }

    /// Clears the line, if one was drawn, so what follows starts on a clean line.
    func finish() {
        let drawn = state.withLock { state in
            defer { state.lastDrawn = nil }
            return state.lastDrawn != nil
        }
        if drawn { write("\r\u{1B}[K") }
    }

    /// The text of the line: `37% · 1,310,720 records · ETA 2m05s` when the total is known, else
    /// `1,310,720 records · 262,144 records/s`.
    static func line(records: Int, completed: Double?, elapsed: Double) -> String {
        let count = "\(grouped(records)) records"
        guard let completed, completed.isFinite else {
            let rate = elapsed > 0 ? Int((Double(records) / elapsed).rounded()) : 0
            return "\(count) · \(grouped(rate)) records/s"
        }
        let fraction = min(1, max(0, completed))
        let percent = "\(Int((fraction * 100).rounded(.down)))%"
        guard fraction > 0, elapsed > 0 else { return "\(percent) · \(count)" }
        return "\(percent) · \(count) · ETA \(duration(elapsed * (1 - fraction) / fraction))"
    }

    /// `45s`, `2m05s`, `1h02m`; `>99h` beyond.
    static func duration(_ seconds: Double) -> String {
        guard seconds < 100 * 3600 else { return ">99h" }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m" + String(format: "%02ds", whole % 60) }
        return "\(whole / 3600)h" + String(format: "%02dm", whole % 3600 / 60)
    }

    private static func grouped(_ value: Int) -> String {
        var digits = String(value)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return digits
    }
}
