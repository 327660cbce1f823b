import Foundation

/// Compares what a build would write with what a directory holds: missing files, changed files (with a unified
/// diff), and files the directory's previous `MANIFEST.json` lists that the build no longer produces.
public enum DriftCheck {
    /// One difference.
    public struct Difference: Sendable {
        /// What kind of difference.
        public enum Kind: String, Sendable {
            /// The build produces the file; the directory lacks it.
            case missing
            /// The contents differ.
            case changed
            /// The previous manifest lists it; the build no longer produces it.
            case stale
        }

        /// The kind.
        public let kind: Kind
        /// The path relative to the directory.
        public let path: String
        /// A unified diff (empty for binary-equal or unreadable cases).
        public let diff: String
    }

    /// The differences between `outputs` and `directory`; empty when they match.
    public static func compare(_ outputs: OutputSet, with directory: String) -> [Difference] {
        var differences: [Difference] = []
        for file in outputs.files {
            let path = directory + "/" + file.path
            guard let data = FileManager.default.contents(atPath: path) else {
                differences.append(
                    Difference(
                        kind: .missing, path: file.path,
                        diff: UnifiedDiff.render(
                            old: "", new: String(decoding: file.contents, as: UTF8.self), oldName: "/dev/null",
                            newName: "b/\(file.path)")))
                continue
            }
            let current = [UInt8](data)
            if current != file.contents {
                differences.append(
                    Difference(
                        kind: .changed, path: file.path,
                        diff: UnifiedDiff.render(
                            old: String(decoding: current, as: UTF8.self),
                            new: String(decoding: file.contents, as: UTF8.self),
                            oldName: "a/\(file.path)", newName: "b/\(file.path)")))
            }
        }
        if let manifest = FileManager.default.contents(atPath: directory + "/" + ManifestRenderer.path),
            let abandoned = ManifestRenderer.abandonedPaths(previousManifest: [UInt8](manifest), outputs: outputs)
        {
            for path in abandoned {
                differences.append(Difference(kind: .stale, path: path, diff: ""))
            }
        }
        return differences
    }
}
