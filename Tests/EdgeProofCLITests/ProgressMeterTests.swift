import Foundation
import Synchronization
import Testing

@testable import EdgeProofCLI

/// The progress line: its text, how often it is drawn, that it is cleared, and that only a terminal gets it.
@Suite struct ProgressMeterTests {
    /// A clock moved by hand and the text written, for one meter.
    private final class Harness: Sendable {
        let now = Mutex(0.0)
        let written = Mutex<[String]>([])

        func meter() -> ProgressMeter {
            ProgressMeter(
                clock: { self.now.withLock { $0 } }, write: { text in self.written.withLock { $0.append(text) } })
        }

        func at(_ seconds: Double) { now.withLock { $0 = seconds } }
    }

    @Test func aKnownTotalShowsThePercentageReadTheRecordsAndTheTimeLeft() {
        #expect(
            ProgressMeter.line(records: 131_072, completed: 250.0 / 1000, elapsed: 10)
                == "25% · 131,072 records · ETA 30s")
        #expect(
            ProgressMeter.line(records: 65_536, completed: 1.0 / 3, elapsed: 62.5)
                == "33% · 65,536 records · ETA 2m05s")
        #expect(ProgressMeter.line(records: 0, completed: 0.0 / 1000, elapsed: 0) == "0% · 0 records")
        // A file that grew while it was read never shows more than 100% or a negative time left.
        #expect(
            ProgressMeter.line(records: 1_000_000, completed: 1200.0 / 1000, elapsed: 3)
                == "100% · 1,000,000 records · ETA 0s")
    }

    @Test func anUnknownTotalShowsRecordsASecond() {
        #expect(
            ProgressMeter.line(records: 1_310_720, completed: nil, elapsed: 4)
                == "1,310,720 records · 327,680 records/s")
    }

    @Test func theTimeLeftReadsInSecondsMinutesOrHours() {
        #expect(ProgressMeter.duration(0.2) == "0s")
        #expect(ProgressMeter.duration(45) == "45s")
        #expect(ProgressMeter.duration(59.5) == "1m00s")
        #expect(ProgressMeter.duration(125) == "2m05s")
        #expect(ProgressMeter.duration(3720) == "1h02m")
        #expect(ProgressMeter.duration(1e12) == ">99h")
    }

    @Test func theLineIsDrawnAtMostTenTimesASecondAndCountsEveryRecord() {
        let harness = Harness()
        let meter = harness.meter()
        for (seconds, completed) in [(0.0, 0.1), (0.05, 0.15), (0.099, 0.19), (0.1, 0.2), (0.15, 0.3), (1.0, 0.5)] {
            harness.at(seconds)
            meter.advance(records: 65_536, completed: completed)
        }
        #expect(
            harness.written.withLock { $0 } == [
                "\r10% · 65,536 records\u{1B}[K",
                "\r20% · 262,144 records · ETA 0s\u{1B}[K",
                "\r50% · 393,216 records · ETA 1s\u{1B}[K",
            ])
    }

    @Test func finishingClearsTheLineOnlyWhenOneWasDrawn() {
        let idle = Harness()
        idle.meter().finish()
        #expect(idle.written.withLock { $0 }.isEmpty)
        let harness = Harness()
        let meter = harness.meter()
        harness.at(2)
        meter.advance(records: 10, completed: nil)
        meter.finish()
        meter.finish()
        #expect(harness.written.withLock { $0 } == ["\r10 records · 5 records/s\u{1B}[K", "\r\u{1B}[K"])
    }

    @Test func aTerminalGetsTheProgressLineOfReplayWhatIfAndDiffAndAnythingElseNone() throws {
        // Twice the day's trace: 97,440 records, more than the 65,536 between two progress calls.
        let day = "traces/agenticverz-day.jsonl.gz"
        let runs: [[String]] = [
            ["replay", exampleSpec], ["whatif", exampleSpec, "--scale", "1"], ["diff", exampleSpec, exampleSpec],
        ]
        for run in runs {
            let arguments = run + ["--trace", day, "--trace", day]
            let terminal = edgeproof(arguments, errorIsTerminal: true)
            #expect(terminal.exitCode == 0, "\(run)")
            let end = try #require(terminal.stderr.range(of: "\u{1B}[K"), "\(run): \(terminal.stderr)")
            let line = String(terminal.stderr[..<end.lowerBound])
            #expect(line.hasPrefix("\r"), "\(run)")
            #expect(line.contains("% · 65,536 records · ETA "), "\(run): \(line)")
            let drawnAndCleared = line + "\u{1B}[K\r\u{1B}[K"
            #expect(terminal.stderr.hasPrefix(drawnAndCleared), "\(run): the line is cleared")
            #expect(!terminal.stdout.contains("\r") && !terminal.stdout.contains("records ·"), "\(run)")
            guard run[0] == "replay" else { continue }
            let pipe = edgeproof(arguments)
            #expect(terminal.stdout == pipe.stdout)
            #expect(!pipe.stderr.contains("\r") && !pipe.stderr.contains("records ·"))
        }
    }

    @Test func synthShowsTheShareOfItsWindowWrittenOnATerminalOnly() throws {
        let scratch = try ScratchDirectory()
        // 100 requests a second for 20 minutes: about 120,000 records, more than 65,536.
        let arguments = [
            "synth", "--spec", exampleSpec, "--duration", "20m", "--rps", "100", "-o", scratch.path("t.jsonl"),
        ]
        let terminal = edgeproof(arguments, errorIsTerminal: true)
        let pipe = edgeproof(arguments)
        #expect(terminal.exitCode == 0)
        #expect(terminal.stdout == pipe.stdout)
        #expect(pipe.stderr.isEmpty)
        let end = try #require(terminal.stderr.range(of: "\u{1B}[K"), "\(terminal.stderr)")
        let line = String(terminal.stderr[..<end.lowerBound])
        #expect(line.hasPrefix("\r"))
        #expect(line.contains("% · 65,536 records · ETA "), "\(line)")
        #expect(terminal.stderr.hasSuffix("\r\u{1B}[K"))
    }
}
