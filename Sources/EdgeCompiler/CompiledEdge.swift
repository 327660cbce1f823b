import EdgeCore
import EdgeSpec

/// A checked spec lowered for the emitters and the edge model: the sections each target needs, the spec's file
/// name (never a path) and the hash of the canonical compiled spec, which provenance headers and `MANIFEST.json`
/// carry. Emitters read nothing else.
public struct CompiledEdge: Sendable {
    /// The spec's file name, e.g. `edge.yaml`.
    public let specName: String
    /// SHA-256 of the canonical compiled spec (independent of comments, layout and key order in the YAML).
    public let specHash: String
    /// The Cloudflare zone.
    public let zone: ZoneSpec
    /// The Fly.io app, if the spec has one.
    public let fly: FlySpec?
    /// The Vault server, if the spec has one.
    public let vault: VaultSpec?
    /// Redis, if the spec has one.
    public let redis: RedisSpec?

    /// The first 12 hex digits of `specHash`, for headers.
    public var shortHash: String { String(specHash.prefix(12)) }
}

/// Lowers a checked spec into `CompiledEdge`, reporting what a target cannot express as warnings that point at the
/// spec.
public enum EdgeCompiler {
    /// Compiles `checked`, read from `specPath` (only its last path component is kept).
    public static func compile(_ checked: CheckedSpec, specPath: String, diagnostics: DiagnosticCollector) -> CompiledEdge {
        let spec = checked.spec
        TargetLimits(spec: spec, diagnostics: diagnostics).run()
        let name = specPath.split(separator: "/").last.map(String.init) ?? specPath
        return CompiledEdge(
            specName: name, specHash: SHA256Digest.hex(CanonicalForm.text(of: spec)), zone: spec.zone,
            fly: spec.fly, vault: spec.vault, redis: spec.redis)
    }
}
