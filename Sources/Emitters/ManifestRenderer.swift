import EdgeCompiler
import EdgeCore

/// Renders `MANIFEST.json`: every other file with its sha256, and the compiled spec's hash.
enum ManifestRenderer {
    /// The manifest's own path.
    static let path = "MANIFEST.json"

    static func render(_ outputs: OutputSet, edge: CompiledEdge) -> String {
        JSONValue.object([
            ("generator", "edgeproof"),
            ("format", 1),
            ("spec", .string(edge.specName)),
            ("spec_sha256", .string(edge.specHash)),
            (
                "files",
                .array(
                    outputs.files.map { file in
                        .object([("path", .string(file.path)), ("sha256", .string(SHA256Digest.hex(file.contents)))])
                    })
            ),
        ]).pretty
    }

    /// Whether a listed path stays inside the output directory: relative, without empty, `.` or `..` components.
    private static func isSafeRelativePath(_ path: String) -> Bool {
        path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    /// The paths an earlier manifest lists that `outputs` no longer produces, sorted; only paths inside the
    /// directory (`isSafeRelativePath`), so `build` and `build --check` agree on what is stale. nil when the
    /// manifest cannot be read.
    static func abandonedPaths(previousManifest bytes: [UInt8], outputs: OutputSet) -> [String]? {
        guard let object = try? JSONSerializationBridge.object(bytes), let files = object["files"] as? [[String: Any]]
        else { return nil }
        let produced = Set(outputs.files.map(\.path))
        return files.compactMap { $0["path"] as? String }.filter { !produced.contains($0) && isSafeRelativePath($0) }
            .sorted()
    }
}
