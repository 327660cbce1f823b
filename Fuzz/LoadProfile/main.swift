import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Simulation
import Traces
import TrafficSynthesis

/// libFuzzer harness for the load-profile file of `synth --profile FILE`: the input is the YAML file, read by
/// `ProfileFile`, turned into a `LoadProfile` over the example spec's routes by `LoadProfileBuilder` and validated
/// by `TraceSynthesizer`. A modest profile (at most 200 requests a second, bursts at most ×10) is synthesised for
/// two seconds into memory, and what was written must read back as native JSONL without a finding.

private let edge: CompiledEdge = {
    let path = "examples/agenticverz/edge.yaml"
    guard let data = FileManager.default.contents(atPath: path) else {
        fatalError("run from the repository root: \(path) is missing")
    }
    let diagnostics = DiagnosticCollector()
    guard let checked = SpecChecker.check([UInt8](data), file: path, diagnostics: diagnostics),
        let compiled = EdgeCompiler.compile(checked, specPath: path, diagnostics: diagnostics)
    else { fatalError("the example spec does not compile") }
    return compiled
}()

/// libFuzzer entry point: one input is one load profile read, checked and synthesised under tight bounds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let diagnostics = DiagnosticCollector()
    guard let spec = ProfileFile.read(bytes, file: "profile.yaml", diagnostics: diagnostics) else {
        guard diagnostics.hasErrors else { fatalError("a profile was rejected without an error") }
        _ = DiagnosticTextRenderer(sources: [SourceFile(name: "profile.yaml", bytes: bytes)])
            .render(diagnostics.sorted, summaryFor: "profile.yaml")
        return 0
    }
    guard let profile = try? LoadProfileBuilder.profile(spec, name: "fuzz", edge: edge),
        let synthesizer = try? TraceSynthesizer(
            profile: profile, seed: 7, startMilliseconds: 1_767_571_200_000,
            durationMilliseconds: 2_000)
    else { return 0 }
    guard profile.meanRequestsPerSecond <= 200, profile.diurnal.peakToTroughRatio <= 100,
        profile.bursts.allSatisfy({ $0.multiplier <= 10 })
    else { return 0 }
    let writer = NativeTraceWriter()
    guard let statistics = try? synthesizer.write(to: writer) else { fatalError("writing to memory failed") }
    let reader = TraceReader(bytes: writer.output, name: "synth.jsonl", format: .native)
    var count = 0
    do {
        while try reader.next() != nil { count += 1 }
    } catch {
        fatalError("a synthesised trace does not read back: \(error)")
    }
    guard count == statistics.totalRecords, reader.diagnostics.diagnostics.isEmpty else {
        fatalError(
            "a synthesised trace reads back as \(count) of \(statistics.totalRecords) records with "
                + "\(reader.diagnostics.diagnostics.count) findings"
        )
    }
    return 0
}
