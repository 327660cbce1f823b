import EdgeCore
import EdgeWire
import Foundation

/// Reads a whole JSON document (an API answer, a ruleset file) into a `JSONValue` that keeps object members in
/// order, on the byte-level `JSONCursor` the trace readers use. Errors give the line and column.
public enum JSONDocumentReader {
    /// A document that is not JSON: where and why.
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        /// The 1-based line.
        public var line: Int
        /// The 1-based column (in bytes).
        public var column: Int
        /// What was wrong.
        public var reason: String

        /// `line:column: reason`.
        public var description: String { "\(line):\(column): \(reason)" }
    }

    /// A file that could not be read as JSON: `path: reason`, or `path:line:column: reason`.
    public struct FileError: Error, CustomStringConvertible {
        /// The message, naming the file.
        public var description: String
    }

    /// The value the file at `path` holds; `expected` says what it should be, for the error.
    public static func read(file path: String, expected: String) throws(FileError) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(description: "\(path): cannot be read (expected \(expected))")
        }
        do {
            return try read(Array(data))
        } catch {
            throw FileError(description: "\(path):\(error): expected \(expected)")
        }
    }

    /// Objects and arrays may nest this deep.
    public static let maximumDepth = 64

    /// The value `bytes` hold: one JSON value with only whitespace around it.
    public static func read(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        guard !bytes.isEmpty else { throw SyntaxError(line: 1, column: 1, reason: "the document is empty") }
        guard bytes.count < Int(UInt32.max) else {
            throw SyntaxError(line: 1, column: 1, reason: "the document is larger than 4 GiB")
        }
        var storage = bytes
        let count = storage.count
        let result: Result<JSONValue, LineError> = storage.withUnsafeMutableBufferPointer { buffer in
            var cursor = JSONCursor(base: buffer.baseAddress!, start: 0, end: count)
            do throws(LineError) {
                cursor.skipSpace()
                let value = try readValue(&cursor, depth: 0)
                cursor.skipSpace()
                guard cursor.isAtEnd else { throw cursor.unexpected(expected: "the end of the document") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case let .success(value): return value
        case let .failure(error): throw located(error, in: bytes)
        }
    }

    private static func readValue(_ cursor: inout JSONCursor, depth: Int) throws(LineError) -> JSONValue {
        switch cursor.current {
        case UInt8(ascii: "{"):
            guard depth < maximumDepth else { throw LineError(reason: "nested too deeply", position: cursor.position) }
            try cursor.beginObject()
            var members: [(String, JSONValue)] = []
            var first = true
            while let key = try cursor.nextKey(first: &first) {
                let name = try text(key, cursor)
                cursor.skipSpace()
                members.append((name, try readValue(&cursor, depth: depth + 1)))
                cursor.skipSpace()
            }
            return .object(members)
        case UInt8(ascii: "["):
            guard depth < maximumDepth else { throw LineError(reason: "nested too deeply", position: cursor.position) }
            try cursor.beginArray()
            var elements: [JSONValue] = []
            var first = true
            while try cursor.nextElement(first: &first) {
                elements.append(try readValue(&cursor, depth: depth + 1))
            }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try text(try cursor.string(), cursor))
        case UInt8(ascii: "t"):
            guard cursor.consume("true") else { throw cursor.unexpected(expected: "a value") }
            return .bool(true)
        case UInt8(ascii: "f"):
            guard cursor.consume("false") else { throw cursor.unexpected(expected: "a value") }
            return .bool(false)
        case UInt8(ascii: "n"):
            guard cursor.consume("null") else { throw cursor.unexpected(expected: "a value") }
            return .null
        default:
            let start = cursor.position
            let number = try cursor.number()
            let digits = UnsafeBufferPointer(start: cursor.base + start, count: cursor.position - start)
            // `JSONValue` prints a double as an integer only below 10^15, and larger ones with an exponent, so a
            // number written with a fraction or an exponent is an integer only below 10^15: what a document prints
            // reads back as the same value (`5.5000001830253336e+16` stays a double).
            let fractionOrExponent = digits.contains {
                $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
            }
            if let integer = number.integer, !fractionOrExponent || integer.magnitude < 1_000_000_000_000_000 {
                return .int(integer)
            }
            guard let value = Double(String(decoding: digits, as: UTF8.self)), value.isFinite else {
                throw LineError(reason: "the number is too large", position: start)
            }
            if value == value.rounded(), abs(value) < 1e15 { return .int(Int64(value)) }
            return .double(value)
        }
    }

    /// The string a slice holds, which must be UTF-8.
    private static func text(_ slice: ByteSlice, _ cursor: JSONCursor) throws(LineError) -> String {
        let start = Int(slice.offset)
        let bytes = UnsafeRawBufferPointer(start: cursor.base + start, count: Int(slice.count))
        if let offset = UTF8Validation.firstInvalidOffset(bytes) {
            throw LineError(reason: "a string is not valid UTF-8", position: start + offset)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The line and column of an error's byte offset.
    private static func located(_ error: LineError, in bytes: [UInt8]) -> SyntaxError {
        let position = min(error.position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<position where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return SyntaxError(line: line, column: position - lineStart + 1, reason: error.reason)
    }
}
