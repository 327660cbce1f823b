import EdgeWire
import Foundation
import Glibc
import Testing

@testable import CloudflareRegex

/// Speed figures, printed rather than asserted. Run with
/// `EDGEPROOF_REGEX_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter RegexBenchmark`.
private let benchmarksEnabled = getenv("EDGEPROOF_REGEX_BENCH") != nil

private func nanosecondsPerCall(iterations: Int, _ body: () -> Bool) -> Double {
    let clock = ContinuousClock()
    var hits = 0
    let elapsed = clock.measure {
        for _ in 0..<iterations where body() { hits += 1 }
    }
    precondition(hits >= 0)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return seconds * 1e9 / Double(iterations)
}

/// Serialized so the figures are not disturbed by other tests running at the same time.
@Suite(.serialized, .enabled(if: benchmarksEnabled))
struct RegexBenchmarks {
    @Test func regexMatchCostOnAUserAgent() throws {
        let clock = ContinuousClock()
        let tables = clock.measure { _ = UnicodeTables.shared }
        let script = clock.measure { _ = RegexTestSupport.compiled(#"(?u)\p{Hangul}"#) }
        print("one-time Unicode tables: \(tables); first script lookup (\\p{Hangul} via PCRE2): \(script)")
        let agent = Array("Mozilla/5.0 (X11; L)".utf8)
        precondition(agent.count == 20)
        for pattern in ["(?i)bot|crawl|spider", "bot|crawl|spider", #"(?i)(?:googlebot|bingbot)/\d+"#, "^Mozilla/5"] {
            let regex = try #require(RegexTestSupport.compiled(pattern))
            let engine: String
            switch regex.engine {
            case .literal: engine = "literal search"
            case let .pcre2(matcher): engine = matcher.isJIT ? "PCRE2 JIT" : "PCRE2 interpreter"
            case .pikeVM: engine = "Pike VM"
            }
            let ns = agent.withUnsafeBufferPointer { buffer in
                nanosecondsPerCall(iterations: 2_000_000) { regex.isMatch(buffer) }
            }
            let vmNs = agent.withUnsafeBufferPointer { buffer in
                nanosecondsPerCall(iterations: 200_000) { regex.vm.isMatch(buffer) }
            }
            print(
                "regex \(pattern) on a 20-byte UA: \(String(format: "%.1f", ns)) ns/match via \(engine); Pike VM "
                    + "\(String(format: "%.1f", vmNs)) ns/match"
            )
        }
    }

    @Test func pikeVMThroughputOn100KB() throws {
        var random = SplitMix64(state: 7)
        let text = (0..<100_000).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
        let cases: [(String, [UInt8])] = [
            ("(a+)+$", [UInt8](repeating: UInt8(ascii: "a"), count: 100_000) + [UInt8(ascii: "!")]),
            (#"(?i)(?:googlebot|bingbot)/\d+"#, text),
            (#"[a-z]+@[a-z]+\.com"#, text),
            (#"(?u)\w+\s+\p{Greek}"#, text),
            ("zq{3}", text),
        ]
        for (pattern, subject) in cases {
            let regex = try #require(RegexTestSupport.compiled(pattern))
            let ns = subject.withUnsafeBufferPointer { buffer in
                nanosecondsPerCall(iterations: 20) { regex.vm.isMatch(buffer) }
            }
            let megabytesPerSecond = Double(subject.count) / (ns / 1e9) / 1e6
            let publicNs = subject.withUnsafeBufferPointer { buffer in
                nanosecondsPerCall(iterations: 20) { regex.isMatch(buffer) }
            }
            print(
                "Pike VM \(pattern) on \(subject.count) bytes: \(String(format: "%.1f", megabytesPerSecond)) MB/s "
                    + "(\(regex.vm.program.instructions.count) instructions); isMatch "
                    + "\(String(format: "%.2f", publicNs / 1e6)) ms"
            )
        }
    }

    @Test func worstCasesUnderTheMatchBudget() throws {
        for (pattern, subject) in budgetWorstCases {
            let regex = try #require(RegexTestSupport.compiled(pattern))
            let ns = subject.withUnsafeBufferPointer { buffer in
                nanosecondsPerCall(iterations: 20) { regex.isMatch(buffer) }
            }
            print(
                "budgeted isMatch \(pattern) on \(subject.count) bytes: \(String(format: "%.2f", ns / 1e6)) ms "
                    + "(\(regex.vm.program.instructions.count) instructions)"
            )
        }
    }
}
