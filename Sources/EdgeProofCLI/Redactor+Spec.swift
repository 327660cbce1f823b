import EdgeCompiler
import Simulation

extension Redactor {
    /// The redactor a spec's `redact` section asks for: the default secret-bearing headers plus its own headers and
    /// query parameters; `enabled: false` (`--no-redact`) passes everything through.
    static func forSpec(_ compiled: CompiledEdge, enabled: Bool = true) -> Redactor {
        Redactor(
            extraHeaders: compiled.redact?.headers ?? [], queryParameters: compiled.redact?.queryParams ?? [],
            enabled: enabled)
    }
}
