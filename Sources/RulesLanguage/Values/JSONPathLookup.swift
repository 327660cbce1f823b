import EdgeWire

/// `lookup_json_string()` and `lookup_json_integer()`: follows a path of keys and indexes through a JSON
/// document on the shared byte-level cursor (`EdgeWire.JSONCursor`), without building a document tree. The
/// document is copied once into scratch memory the cursor unescapes strings in; malformed JSON on the path
/// yields nil (a missing value).
enum JSONPathLookup {
    /// One step of a lookup path.
    enum Step: Sendable, Equatable {
        /// An object key.
        case key([UInt8])
        /// An array index.
        case index(Int)
    }

    /// The string at `path`, unescaped.
    static func string(in document: [UInt8], path: [Step]) -> [UInt8]? {
        withCursor(over: document, path: path) { cursor in
            guard cursor.current == UInt8(ascii: "\""), let value = try? cursor.string() else { return nil }
            return Array(UnsafeBufferPointer(start: cursor.base + Int(value.offset), count: Int(value.count)))
        }
    }

    /// The integer at `path`; nil for non-integers such as `42.0` or `1e3`, or values outside Int64.
    static func integer(in document: [UInt8], path: [Step]) -> Int64? {
        withCursor(over: document, path: path) { cursor in
            let start = cursor.position
            guard (try? cursor.number()) != nil else { return nil }
            let text = UnsafeBufferPointer(start: cursor.base + start, count: cursor.position - start)
            // A fraction or an exponent makes it a non-integer even when its value is whole.
            guard !text.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) else {
                return nil
            }
            return Int64(String(decoding: text, as: UTF8.self))
        }
    }

    /// Runs `body` with a cursor at the value `path` leads to in a scratch copy of `document`; nil when the
    /// path does not lead to a value.
    private static func withCursor<Value>(
        over document: [UInt8], path: [Step], _ body: (inout JSONCursor) -> Value?
    ) -> Value? {
        guard !document.isEmpty else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: document.count) { scratch -> Value? in
            guard let base = scratch.baseAddress else { return nil }
            _ = scratch.initialize(from: document)
            var cursor = JSONCursor(base: base, start: 0, end: document.count)
            guard (try? follow(path, with: &cursor)) == true else { return nil }
            return body(&cursor)
        }
    }

    /// Moves the cursor to the value at `path`; false when a key or index is missing or a step meets another
    /// type.
    private static func follow(_ path: [Step], with cursor: inout JSONCursor) throws(LineError) -> Bool {
        cursor.skipSpace()
        for step in path {
            switch step {
            case .key(let key):
                guard cursor.current == UInt8(ascii: "{") else { return false }
                try cursor.beginObject()
                var first = true
                while true {
                    guard let name = try cursor.nextKey(first: &first) else { return false }
                    if key.elementsEqual(
                        UnsafeBufferPointer(start: cursor.base + Int(name.offset), count: Int(name.count)))
                    {
                        break
                    }
                    try cursor.skipValue()
                }
            case .index(let index):
                guard cursor.current == UInt8(ascii: "[") else { return false }
                try cursor.beginArray()
                var first = true
                for _ in 0..<index {
                    guard try cursor.nextElement(first: &first) else { return false }
                    try cursor.skipValue()
                }
                guard try cursor.nextElement(first: &first) else { return false }
            }
        }
        return true
    }
}
