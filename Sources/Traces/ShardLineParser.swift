import EdgeCore

/// Reads the lines of a shard file (`TraceShard`): the header and `#end` directives, and the
/// `NUMBER<TAB>INPUT<TAB>LINE<TAB>` prefix of each record line. Anything else means the file was not written by
/// `edgeproof partition` or was changed since, which is an error, not a malformed trace line.
struct ShardLineParser {
    /// The shard as its header describes it; nil before the first line.
    private(set) var shard: TraceShard?
    /// Whether `#end` was read.
    private(set) var ended = false

    /// Where a record line's original line starts, and what the prefix said.
    struct Prefix {
        let number: Int
        let input: TraceShard.Input
        let line: Int
        let payloadStart: Int
    }

    /// What a line is.
    enum Item {
        /// A header or trailer line, taken in.
        case directive
        /// A record line.
        case record(Prefix)
    }

    /// Takes the line `bytes[start..<end]` (of a file named `name`, at line `line`); `records` is the count of
    /// records read so far. Throws `damagedShard` for a line that does not belong in a shard.
    mutating func take(_ bytes: UnsafeMutablePointer<UInt8>, start: Int, end: Int, records: Int, name: String)
        throws(TraceReadError) -> Item
    {
        let line = UnsafeBufferPointer(start: bytes + start, count: end - start)
        guard !ended else { throw Self.damaged(name, "a line follows its #end line") }
        if line.first == UInt8(ascii: "#") {
            try directive(String(decoding: line, as: UTF8.self), records: records, name: name)
            return .directive
        }
        guard let shard else { throw Self.damaged(name, "it does not start with a #edgeproof-shard line") }
        var position = 0
        /// The decimal number at `position` and the tab after it.
        func field() throws(TraceReadError) -> Int {
            var value = 0, digits = 0
            while position < line.count, line[position] >= 0x30, line[position] <= 0x39, digits < 18 {
                value = value * 10 + Int(line[position] - 0x30)
                position += 1
                digits += 1
            }
            guard digits > 0, position < line.count, line[position] == 0x09 else {
                throw Self.damaged(name, "a record line does not start with NUMBER<TAB>INPUT<TAB>LINE<TAB>")
            }
            position += 1
            return value
        }
        let number = try field(), input = try field(), lineNumber = try field()
        guard input < shard.inputs.count else {
            throw Self.damaged(name, "a record line names input \(input), but the header lists \(shard.inputs.count)")
        }
        return .record(
            Prefix(number: number, input: shard.inputs[input], line: lineNumber, payloadStart: start + position))
    }

    /// At the end of the file: the shard, complete, or `damagedShard` when it never got to `#end`.
    func finish(name: String) throws(TraceReadError) -> TraceShard {
        guard let shard, ended else {
            throw Self.damaged(name, "it ends before its #end line, so records are missing (run the partition again)")
        }
        return shard
    }

    private mutating func directive(_ text: String, records: Int, name: String) throws(TraceReadError) {
        let words = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        switch words.first {
        case "#edgeproof-shard" where shard == nil:
            guard let numbers = Self.numbers(text.dropFirst(TraceShard.magic.count), count: 3),
                numbers[0] == TraceShard.version, (1...TraceShard.maxCount).contains(numbers[2]),
                numbers[1] < numbers[2]
            else {
                throw Self.damaged(
                    name,
                    "its header is not '#edgeproof-shard \(TraceShard.version) INDEX COUNT' (a shard of another "
                        + "EdgeProof version? partition the traces again with this one)")
            }
            shard = TraceShard(index: numbers[1], count: numbers[2], inputs: [])
        case "#input" where shard != nil && records == 0:
            guard words.count == 3, let format = TraceFormat(rawValue: words[1]) else {
                throw Self.damaged(name, "an #input line is not '#input FORMAT NAME'")
            }
            shard?.inputs.append(TraceShard.Input(format: format, name: words[2]))
        case "#finding" where shard != nil:
            let finding = try finding(text, name: name)
            shard?.findings.append(finding)
        case "#end" where shard != nil:
            guard let numbers = Self.numbers(text.dropFirst(5), count: 3) else {
                throw Self.damaged(name, "its #end line is not '#end N TOTAL MALFORMED'")
            }
            guard numbers[0] == records else {
                throw Self.damaged(name, "its #end line counts \(numbers[0]) records, but \(records) were read")
            }
            shard?.records = numbers[0]
            shard?.partitionRecords = numbers[1]
            shard?.malformedLines = numbers[2]
            ended = true
        default:
            throw Self.damaged(name, "the line '\(text.prefix(40))' is not part of a shard file")
        }
    }

    /// Exactly `count` non-negative decimal numbers separated by single spaces, or nil.
    private static func numbers(_ text: Substring, count: Int) -> [Int]? {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        let numbers = words.compactMap { word in
            word.count <= 18 && word.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? Int(word) : nil
        }
        return words.count == count && numbers.count == count ? numbers : nil
    }

    /// The finding a `#finding SEVERITY ID INPUT LINE COLUMN MESSAGE` line describes.
    private func finding(_ text: String, name: String) throws(TraceReadError) -> Diagnostic {
        let words = text.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
        guard words.count == 7, let severity = Severity(rawValue: words[1]), let input = Int(words[3]),
            let line = Int(words[4]), let column = Int(words[5]), let inputs = shard?.inputs,
            (-1..<inputs.count).contains(input)
        else {
            throw Self.damaged(name, "a #finding line is not '#finding SEVERITY ID INPUT LINE COLUMN MESSAGE'")
        }
        let file = input < 0 ? name : inputs[input].name
        return Diagnostic(
            words[2], severity, words[6], at: SourceRange(file: file, at: SourceLocation(line: line, column: column)))
    }

    private static func damaged(_ name: String, _ reason: String) -> TraceReadError {
        .damagedShard(file: name, reason: reason)
    }
}
