import EdgeCore
import EdgeWire

/// Why writing a trace failed.
public enum TraceWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output file could not be created.
    case cannotCreate(path: String, reason: String)
    /// Writing to the output failed.
    case writeFailed(path: String, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): "cannot create trace '\(path)': \(reason)"
        case let .writeFailed(path, reason): "cannot write trace '\(path)': \(reason)"
        }
    }
}

/// Writes records as native JSONL, deterministically: keys in one fixed order (the order `docs/trace-format.md` lists
/// them in, "Native JSONL"), absent fields left out, integers as integers, `ts` as RFC 3339 UTC with milliseconds,
/// strings escaped minimally (`"`, `\`, control characters) with invalid UTF-8 replaced by U+FFFD.
///
/// `ua`, `referer` and `cookie` are written as shorthand keys when they were given that way (or came from a
/// Logpush or combined-log field), otherwise they stay in `headers`. Header fields with the same name are
/// written as one key with a list. The outcome's `status` is written as `edge.status`.
public final class NativeTraceWriter {
    private let file: OutputFile?
    private var buffer: [UInt8] = []
    private let flushThreshold = 1 << 20
    /// Records written so far.
    public private(set) var recordsWritten = 0

    /// Opens `path` as an `OutputFile`: a regular file there is replaced only when `finish()` succeeds; a FIFO,
    /// a device or `-` (standard output) is streamed to.
    public init(path: String) throws(TraceWriteError) {
        do {
            file = try OutputFile(path: path)
        } catch {
            throw .cannotCreate(path: path, reason: error.reason)
        }
        buffer.reserveCapacity(flushThreshold + 64 * 1024)
    }

    /// Creates a writer that keeps its output in memory (`output`).
    public init() {
        file = nil
    }

    /// The bytes written so far by an in-memory writer.
    public var output: [UInt8] { buffer }

    /// Appends one record as a line.
    public func write(_ record: TraceRecord) throws(TraceWriteError) {
        Self.appendLine(record, to: &buffer)
        buffer.append(0x0A)
        recordsWritten += 1
        if file != nil, buffer.count >= flushThreshold { try flush() }
    }

    /// Writes out buffered bytes (a no-op in memory).
    public func flush() throws(TraceWriteError) {
        guard let file else { return }
        do {
            try file.write(buffer)
        } catch {
            throw .writeFailed(path: file.path, reason: error.reason)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and commits the file; call once at the end (without it, a replaced file stays as it was).
    public func finish() throws(TraceWriteError) {
        try flush()
        guard let file else { return }
        do {
            try file.commit()
        } catch {
            throw .writeFailed(path: file.path, reason: error.reason)
        }
    }

    /// The native JSON object of one record, without a newline.
    public static func line(for record: TraceRecord) -> String {
        var bytes: [UInt8] = []
        appendLine(record, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the JSON object of `record` to `output`.
    static func appendLine(_ record: TraceRecord, to output: inout [UInt8]) {
        var object = JSONObjectWriter(&output)
        if let timestamp = record.timestampMs {
            object.key("ts", &output)
            output.append(UInt8(ascii: "\""))
            TraceTimestamp.appendRFC3339(timestamp, to: &output)
            output.append(UInt8(ascii: "\""))
        }
        if let ip = record.ip {
            object.key("ip", &output)
            JSONObjectWriter.string(Array(ip.description.utf8), &output)
        }
        record.withExtendedLifetimeOfStorage { base in
            object.slice("method", record.method, base, &output)
            object.slice("scheme", record.scheme, base, &output)
            object.slice("host", record.host, base, &output)
            object.slice("path", record.path, base, &output)
            object.slice("query", record.query, base, &output)
            if record.userAgentIsShorthand { object.slice("ua", record.userAgent, base, &output) }
            if record.refererIsShorthand { object.slice("referer", record.referer, base, &output) }
            if record.cookieIsShorthand { object.slice("cookie", record.cookie, base, &output) }
            writeHeaders(record, base, &object, &output)
            object.slice("country", record.country, base, &output)
            object.slice("continent", record.continent, base, &output)
            object.slice("city", record.city, base, &output)
            object.slice("region_code", record.regionCode, base, &output)
            object.integer("asn", record.asn, &output)
            object.slice("colo", record.colo, base, &output)
            object.bool("ssl", record.ssl, &output)
            object.integer("port", record.port, &output)
            object.slice("version", record.version, base, &output)
            object.bool("bot", record.bot, &output)
            object.slice("verified_bot_category", record.verifiedBotCategory, base, &output)
            object.integer("bot_score", record.botScore, &output)
            object.integer("threat_score", record.threatScore, &output)
            object.integer("waf_score", record.wafScore, &output)
            object.slice("ray_id", record.rayID, base, &output)
            object.slice("ja3_hash", record.ja3Hash, base, &output)
            object.slice("ja4", record.ja4, base, &output)
            object.slice("unique_visitor_id", record.uniqueVisitorID, base, &output)
            writeBody(record, base, &object, &output)
            object.integer("body_size", record.bodySize, &output)
            object.bool("solved_challenge", record.solvedChallenge, &output)
            object.integer("status", record.status, &output)
            object.slice("cache_control", record.cacheControl, base, &output)
            object.slice("expires", record.expires, base, &output)
            object.slice("etag", record.etag, base, &output)
            object.slice("last_modified", record.lastModified, base, &output)
            object.integer("age", record.age, &output)
            object.slice("set_cookie", record.setCookie, base, &output)
            object.slice("content_type", record.contentType, base, &output)
            object.slice("vary", record.vary, base, &output)
            object.integer("bytes", record.bytes, &output)
            object.integer("origin_ms", record.originMs, &output)
            if let outcome = record.outcome {
                object.key("edge", &output)
                var inner = JSONObjectWriter(&output)
                if let action = outcome.action {
                    inner.key("action", &output)
                    JSONObjectWriter.string(Array(action.rawValue.utf8), &output)
                }
                inner.slice("rule", outcome.rule, base, &output)
                inner.slice("cache", outcome.cache, base, &output)
                inner.integer("status", outcome.status, &output)
                inner.close(&output)
            }
        }
        object.close(&output)
    }

    /// The body as `body` when it is UTF-8 text, otherwise as `body_b64` (standard base64 with padding), so any
    /// bytes survive the round trip.
    private static func writeBody(
        _ record: TraceRecord, _ base: UnsafeMutablePointer<UInt8>, _ object: inout JSONObjectWriter,
        _ output: inout [UInt8]
    ) {
        guard record.body.isPresent else { return }
        let bytes = UnsafeRawBufferPointer(start: base + Int(record.body.offset), count: Int(record.body.count))
        if UTF8Validation.firstInvalidOffset(bytes) == nil {
            object.slice("body", record.body, base, &output)
            return
        }
        object.key("body_b64", &output)
        output.append(UInt8(ascii: "\""))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var index = 0
        while index < bytes.count {
            let chunk = min(3, bytes.count - index)
            var word = UInt32(bytes[index]) << 16
            if chunk > 1 { word |= UInt32(bytes[index + 1]) << 8 }
            if chunk > 2 { word |= UInt32(bytes[index + 2]) }
            for position in 0..<4 {
                output.append(
                    position <= chunk ? alphabet[Int(word >> UInt32(18 - 6 * position) & 0x3F)] : UInt8(ascii: "="))
            }
            index += 3
        }
        output.append(UInt8(ascii: "\""))
    }

    /// `"headers":{…}`: one key per distinct name (first appearance order), a list where a name repeats.
    private static func writeHeaders(
        _ record: TraceRecord, _ base: UnsafeMutablePointer<UInt8>, _ object: inout JSONObjectWriter,
        _ output: inout [UInt8]
    ) {
        let fields = record.headerFields
        guard !fields.isEmpty else { return }
        func bytes(_ slice: ByteSlice) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: base + Int(slice.offset), count: Int(slice.count))
        }
        object.key("headers", &output)
        var inner = JSONObjectWriter(&output)
        for (index, field) in fields.enumerated() {
            let name = bytes(field.name)
            if fields[..<index].contains(where: { bytes($0.name).elementsEqual(name) }) { continue }
            let values = fields[index...].filter { bytes($0.name).elementsEqual(name) }
            inner.rawKey(name, &output)
            if values.count == 1 {
                JSONObjectWriter.string(bytes(field.value), &output)
            } else {
                output.append(UInt8(ascii: "["))
                for (position, value) in values.enumerated() {
                    if position > 0 { output.append(UInt8(ascii: ",")) }
                    JSONObjectWriter.string(bytes(value.value), &output)
                }
                output.append(UInt8(ascii: "]"))
            }
        }
        inner.close(&output)
    }
}

extension TraceRecord {
    /// Calls `body` with the storage base while keeping the storage alive.
    func withExtendedLifetimeOfStorage(_ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        withExtendedLifetime(storage) { body(storage.base) }
    }
}
