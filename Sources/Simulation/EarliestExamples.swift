import EdgeCore

/// The few examples a report shows, chosen as the earliest records in input order: which are kept does not depend on
/// the order records are processed in, so summaries of colos replayed apart merge into the summary of one replay.
struct EarliestExamples: Sendable, Equatable {
    /// An example and its record's place in the input.
    struct Entry: Sendable, Equatable {
        let index: Int
        let text: String
    }

    /// The most examples kept.
    let limit: Int
    /// The examples kept, earliest first.
    private(set) var entries: [Entry] = []

    /// No examples yet; at most `limit` kept.
    init(limit: Int) {
        self.limit = limit
    }

    /// The texts, earliest first.
    var texts: [String] { entries.map(\.text) }

    /// Whether an example of input record `index` would be kept (so its text is worth building).
    func wants(_ index: Int) -> Bool {
        entries.count < limit || index < entries[entries.count - 1].index
    }

    /// Keeps `text`, the example of input record `index`, when it is among the earliest.
    mutating func add(index: Int, text: @autoclosure () -> String) {
        guard wants(index), !entries.contains(where: { $0.index == index }) else { return }
        let position = entries.firstIndex { $0.index > index } ?? entries.endIndex
        entries.insert(Entry(index: index, text: text()), at: position)
        if entries.count > limit { entries.removeLast() }
    }

    /// Keeps the earliest of both.
    mutating func merge(_ other: EarliestExamples) {
        for entry in other.entries { add(index: entry.index, text: entry.text) }
    }
}

extension EarliestExamples {
    /// The examples exactly, for a mergeable summary: `[{"n": index, "text": …}, …]`, earliest first.
    var state: JSONValue {
        .array(entries.map { .object([("n", .int(Int64($0.index))), ("text", .string($0.text))]) })
    }

    /// The examples `state` describes, at most `limit`.
    init(limit: Int, state: StateReader) throws(SummaryStateError) {
        self.init(limit: limit)
        for entry in try state.items() {
            let text = try entry.member("text").string()
            add(index: try entry.member("n").count(), text: text)
        }
    }
}
