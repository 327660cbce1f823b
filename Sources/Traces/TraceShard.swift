import EdgeCore
import Foundation

/// What a shard file says about itself (`docs/decisions/0032-shards-cut-from-one-stream.md`): which of how many
/// shards it is, the traces it was cut from, and, once read to its end, its counts.
///
/// A shard file is text, one item a line:
/// ```
/// #edgeproof-shard 1 INDEX COUNT
/// #input FORMAT NAME            (one per trace, in the order they were given)
/// NUMBER<TAB>INPUT<TAB>LINE<TAB>the line as it was in its trace
/// #finding SEVERITY ID INPUT LINE COLUMN MESSAGE   (shard 0 only: what reading the traces found)
/// #end RECORDS PARTITION-RECORDS MALFORMED
/// ```
/// `NUMBER` is the record's 0-based number in the stream the partition read, `INPUT` the 0-based trace and `LINE`
/// its 1-based line there. The findings are those one replay of the traces reports, in its order, so that a merge
/// reports them as it would. `#end` gives the shard's records, every shard's records together, and the malformed
/// lines the partition skipped (counted once, in shard 0).
public struct TraceShard: Sendable, Equatable {
    /// A trace the shard was cut from.
    public struct Input: Sendable, Equatable {
        /// Its format (never `auto`).
        public var format: TraceFormat
        /// Its name in findings (`<stdin>` for standard input).
        public var name: String

        /// An input named `name` in `format`.
        public init(format: TraceFormat, name: String) {
            self.format = format
            self.name = name
        }
    }

    /// The format version this build writes and reads.
    public static let version = 1
    /// The first bytes of every shard file.
    public static let magic = "#edgeproof-shard "
    /// The most shards a partition writes (each is an open file while it runs).
    public static let maxCount = 4_096

    /// 0-based shard index.
    public var index: Int
    /// How many shards the partition wrote.
    public var count: Int
    /// The traces, in the order they were given.
    public var inputs: [Input] = []
    /// Records in this shard (from `#end`).
    public var records = 0
    /// Records in all the partition's shards (from `#end`).
    public var partitionRecords = 0
    /// Malformed lines the partition skipped (from `#end`; only shard 0 counts them).
    public var malformedLines = 0
    /// What reading the traces found, as one replay of them reports it (only shard 0 holds them).
    public var findings: [Diagnostic] = []

    /// Shard `index` of `count`, cut from `inputs`.
    public init(index: Int, count: Int, inputs: [Input]) {
        self.index = index
        self.count = count
        self.inputs = inputs
    }

    /// The file name of shard `index` of `count`: `shard-0003-of-0016.shard`, with `.gz` when compressed.
    public static func fileName(index: Int, count: Int, compressed: Bool) -> String {
        "shard-\(padded(index))-of-\(padded(count)).shard" + (compressed ? ".gz" : "")
    }

    private static func padded(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The header lines, each ending in a newline.
    var header: String {
        var text = "\(Self.magic)\(Self.version) \(index) \(count)\n"
        for input in inputs { text += "#input \(input.format.rawValue) \(input.name)\n" }
        return text
    }

    /// The findings and the closing line, each ending in a newline. A finding's message is kept on its line (a
    /// newline in it becomes a space).
    var trailer: String {
        var text = ""
        for finding in findings {
            let input = inputs.firstIndex { $0.name == finding.range.file } ?? -1
            let message = finding.message.replacingOccurrences(of: "\n", with: " ")
            text +=
                "#finding \(finding.severity.rawValue) \(finding.id) \(input) \(finding.range.start.line) "
                + "\(finding.range.start.column) \(message)\n"
        }
        return text + "#end \(records) \(partitionRecords) \(malformedLines)\n"
    }
}
