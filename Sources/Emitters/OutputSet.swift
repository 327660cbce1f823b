/// The files one build produces, by relative path, in a stable order.
public struct OutputSet: Sendable {
    /// One emitted file.
    public struct File: Sendable, Equatable {
        /// Path relative to the output directory, with `/` separators.
        public let path: String
        /// The exact bytes.
        public let contents: [UInt8]
        /// Whether the file is a script to mark executable.
        public let executable: Bool
    }

    /// The files, sorted by path.
    public private(set) var files: [File] = []

    /// Creates an empty set.
    public init() {}

    /// Adds a text file (`\n` line ends, as rendered), ending it with a newline.
    mutating func add(_ path: String, text: String, executable: Bool = false) {
        add(File(path: path, contents: Array((text.hasSuffix("\n") ? text : text + "\n").utf8), executable: executable))
    }

    /// Adds a file, keeping the set sorted by path.
    mutating func add(_ file: File) {
        files.append(file)
        files.sort { $0.path < $1.path }
    }

    /// The file at `path`, if produced.
    public func file(_ path: String) -> File? { files.first { $0.path == path } }
}
