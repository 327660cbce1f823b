import EdgeCompiler
import EdgeCore
import EdgeSpec

/// libFuzzer harness for the spec front end: the input is an `edge.yaml`, read by the located YAML reader (Yams and
/// libyaml), typed, checked, scanned for secrets and linted by `SpecChecker`, then compiled by `EdgeCompiler` when
/// it checked clean, as `check` and `build` do. Every diagnostic is rendered as text (with the source line and
/// caret), JSON and GitHub annotations. Nothing may crash, and a spec is rejected exactly when an error was
/// reported.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = "edge.yaml"
    let diagnostics = DiagnosticCollector()
    let checked = SpecChecker.check(bytes, file: file, diagnostics: diagnostics)
    guard (checked == nil) == diagnostics.hasErrors else {
        fatalError(
            "SpecChecker returned \(checked == nil ? "nothing" : "a spec") with hasErrors \(diagnostics.hasErrors)")
    }
    if let checked {
        let compiled = EdgeCompiler.compile(checked, specPath: file, diagnostics: diagnostics)
        guard (compiled == nil) == diagnostics.hasErrors else {
            fatalError(
                "EdgeCompiler returned \(compiled == nil ? "nothing" : "an edge") with hasErrors "
                    + "\(diagnostics.hasErrors)"
            )
        }
    }
    let sorted = diagnostics.sorted
    _ = DiagnosticTextRenderer(sources: [SourceFile(name: file, bytes: bytes)]).render(sorted, summaryFor: file)
    _ = DiagnosticJSONRenderer.render(sorted, file: file)
    _ = DiagnosticGitHubRenderer.render(sorted)
    return 0
}
