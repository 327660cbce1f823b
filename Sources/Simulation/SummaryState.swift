import EdgeCore

/// A value of a summary's exact state (`replay --summary-json`, `docs/scaling.md`) that was not what this build
/// writes: the member's path and what was expected there.
public struct SummaryStateError: Error, Equatable, CustomStringConvertible {
    /// Where, e.g. `state.timeline.origin_requests[3]`.
    public let path: String
    /// What should have been there.
    public let expected: String

    /// An error about the value at `path`, which should have been `expected`.
    public init(path: String, expected: String) {
        self.path = path
        self.expected = expected
    }

    /// `state.requests: expected an integer`.
    public var description: String { "\(path): expected \(expected)" }
}

/// Reads a summary's exact state (and the documents around it), naming the member at fault when a value is missing
/// or of the wrong kind.
public struct StateReader {
    /// The value read.
    public let value: JSONValue
    /// Its path from the document's root.
    public let path: String

    /// Reads `value`, found at `path`.
    public init(value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    /// The member `key` of this object.
    public func member(_ key: String) throws(SummaryStateError) -> StateReader {
        guard let member = value[key] else { throw SummaryStateError(path: "\(path).\(key)", expected: "a value") }
        return StateReader(value: member, path: "\(path).\(key)")
    }

    /// The member `key`, or nil when it is missing or null.
    public func optionalMember(_ key: String) -> StateReader? {
        guard let member = value[key], member != .null else { return nil }
        return StateReader(value: member, path: "\(path).\(key)")
    }

    /// The integer.
    public func int() throws(SummaryStateError) -> Int { Int(try int64()) }

    /// The integer, 64 bits; at most 2^53 in magnitude, so that the summaries of any number of shards add up
    /// without overflow.
    public func int64() throws(SummaryStateError) -> Int64 {
        guard let number = value.integerValue, abs(number) <= Self.largest else {
            throw SummaryStateError(path: path, expected: "an integer of at most 2^53 in magnitude")
        }
        return number
    }

    /// The integer, at least 0.
    public func count() throws(SummaryStateError) -> Int {
        let number = try int()
        guard number >= 0 else { throw SummaryStateError(path: path, expected: "a count (0 or more)") }
        return number
    }

    /// The largest magnitude an integer may have.
    static let largest: Int64 = 1 << 53

    /// The string.
    public func string() throws(SummaryStateError) -> String {
        guard let text = value.stringValue else { throw SummaryStateError(path: path, expected: "a string") }
        return text
    }

    /// The elements of the array.
    public func items() throws(SummaryStateError) -> [StateReader] {
        guard let values = value.arrayValue else { throw SummaryStateError(path: path, expected: "an array") }
        return values.enumerated().map { StateReader(value: $1, path: "\(path)[\($0)]") }
    }

    /// The array of counts (each 0 or more).
    public func ints() throws(SummaryStateError) -> [Int] {
        var out: [Int] = []
        for item in try items() { out.append(try item.count()) }
        return out
    }

    /// The array of counts (each 0 or more), 64 bits.
    public func int64s() throws(SummaryStateError) -> [Int64] {
        var out: [Int64] = []
        for item in try items() { out.append(Int64(try item.count())) }
        return out
    }

    /// The object's members, in order.
    public func members() throws(SummaryStateError) -> [(key: String, value: StateReader)] {
        guard let members = value.objectMembers else { throw SummaryStateError(path: path, expected: "an object") }
        return members.map { (key: $0.0, value: StateReader(value: $0.1, path: "\(path).\($0.0)")) }
    }

    /// The object of integer counts.
    public func counts() throws(SummaryStateError) -> [String: Int] {
        var out: [String: Int] = [:]
        for (key, value) in try members() { out[key] = try value.count() }
        return out
    }

    /// The object of objects of integer counts.
    public func nestedCounts() throws(SummaryStateError) -> [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        for (key, value) in try members() { out[key] = try value.counts() }
        return out
    }
}

/// Writes the values a summary's exact state is made of, in an order that depends only on the values.
enum StateWriter {
    /// Counts as an object, keys in byte order.
    static func counts<Count: BinaryInteger>(_ counts: [String: Count]) -> JSONValue {
        .object(
            counts.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, .int(Int64($0.value))) }
        )
    }

    /// Counts of counts as an object of objects, keys in byte order.
    static func nestedCounts(_ counts: [String: [String: Int]]) -> JSONValue {
        .object(
            counts.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, Self.counts($0.value)) }
        )
    }

    /// Integers as an array.
    static func ints<Number: BinaryInteger>(_ values: [Number]) -> JSONValue { .array(values.map { .int(Int64($0)) }) }

    /// An optional integer: the integer or null.
    static func optional(_ value: Int64?) -> JSONValue { value.map { .int($0) } ?? .null }
}
