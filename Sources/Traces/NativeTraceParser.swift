import EdgeCore
import EdgeWire

/// Reads one line of the native trace format (JSONL, one request object a line; see `docs/trace-format.md`,
/// "Native JSONL") into a `TraceRecord`, byte by byte. Unknown keys are skipped, whatever their value;
/// each distinct unknown key is reported once as a warning with a did-you-mean, or, for a parser that rejects
/// them, is an error. A `path` with a `?` and no `query` key is split into the two.
struct NativeTraceParser {
    enum Key: UInt8, Sendable {
        case ts, ip, method, scheme, host, path, query, headers, ua, referer, cookie, country, asn, colo, ssl
        case port, version, bot, botScore, threatScore, solvedChallenge, status, cacheControl, expires, etag
        case lastModified, age, setCookie, contentType, bytes, originMs, edge
        case continent, city, regionCode, verifiedBotCategory, wafScore, rayID, vary
        case ja3Hash, ja4, uniqueVisitorID, body, bodyB64, bodySize
    }

    enum OutcomeKey: UInt8, Sendable {
        case action, rule, cache, status
    }

    /// The key names of the format, in the order the writer prints them.
    static let keyNames: [(String, Key)] = [
        ("ts", .ts), ("ip", .ip), ("method", .method), ("scheme", .scheme), ("host", .host), ("path", .path),
        ("query", .query), ("ua", .ua), ("referer", .referer), ("cookie", .cookie), ("headers", .headers),
        ("country", .country), ("continent", .continent), ("city", .city), ("region_code", .regionCode),
        ("asn", .asn), ("colo", .colo), ("ssl", .ssl), ("port", .port), ("version", .version), ("bot", .bot),
        ("verified_bot_category", .verifiedBotCategory), ("bot_score", .botScore), ("threat_score", .threatScore),
        ("waf_score", .wafScore), ("ray_id", .rayID), ("ja3_hash", .ja3Hash), ("ja4", .ja4),
        ("unique_visitor_id", .uniqueVisitorID), ("body", .body), ("body_b64", .bodyB64), ("body_size", .bodySize),
        ("solved_challenge", .solvedChallenge), ("status", .status),
        ("cache_control", .cacheControl),
        ("expires", .expires), ("etag", .etag), ("last_modified", .lastModified), ("age", .age),
        ("set_cookie", .setCookie), ("content_type", .contentType), ("vary", .vary), ("bytes", .bytes),
        ("origin_ms", .originMs),
        ("edge", .edge),
    ]

    /// Lives for the process: built once.
    private static let keyTable = KeyTable(keyNames)
    private static let outcomeKeyTable = KeyTable<OutcomeKey>([
        ("action", .action), ("rule", .rule), ("cache", .cache), ("status", .status),
    ])

    /// The quoted key names, indexed by `Key.rawValue`.
    private static let quotedKeyPatterns: QuotedKeyPatterns = {
        let byRawValue = keyNames.sorted { $0.1.rawValue < $1.1.rawValue }
        precondition(
            byRawValue.enumerated().allSatisfy { $0.offset == Int($0.element.1.rawValue) }, "every key is named once")
        precondition(byRawValue.count + 1 == afterUnknownKey, "one successor slot per key, then one for unknown keys")
        return QuotedKeyPatterns(byRawValue.map(\.0))
    }()

    /// The successor slot used after an unknown key (slot 0 is the start of the object, 1 + k follows key k);
    /// the key count plus one, checked where the patterns are built, and the size of `successors` less one.
    private static let afterUnknownKey = 46

    private let keys = NativeTraceParser.keyTable
    private let quotedKeys = NativeTraceParser.quotedKeyPatterns
    private let outcomeKeys = NativeTraceParser.outcomeKeyTable
    private let headerScratch = HeaderScratch()
    private var unknownKeys = UnknownKeyReporter(known: NativeTraceParser.keyNames.map(\.0))
    /// For each slot (start of the object, after each key, after an unknown key), the key that followed it
    /// last time: lines of one trace list their keys in the same order, so the next key is usually
    /// confirmed by comparing its quoted form instead of being scanned and looked up.
    private var successors = InlineArray<47, Key?>(repeating: nil)
    /// Whether an unknown key is an error instead of a warning.
    private let rejectsUnknownKeys: Bool

    /// A parser; with `rejectingUnknownKeys`, an unknown key ends the line with an error.
    init(rejectingUnknownKeys: Bool = false) {
        rejectsUnknownKeys = rejectingUnknownKeys
    }

    /// Parses the line `start..<end` of `record.storage` into `record`.
    mutating func parse(
        start: Int, end: Int, into record: inout TraceRecord, warnings: inout [LineWarning]
    ) throws(LineError) {
        var cursor = JSONCursor(base: record.storage.base, start: start, end: end)
        cursor.skipSpace()
        guard cursor.current == UInt8(ascii: "{") else {
            throw LineError(reason: "line is not a JSON object", position: cursor.position)
        }
        try cursor.beginObject()
        headerScratch.removeAll()
        var first = true
        var slot = 0
        /// Where the body's value starts, for errors; -1 until one of `body` and `body_b64` is read.
        var bodyStart = -1
        while true {
            let key: Key
            if let expected = successors[slot], cursor.consumeKey(Int(expected.rawValue), of: quotedKeys, first: &first)
            {
                key = expected
            } else {
                guard let name = try cursor.nextKey(first: &first) else { break }
                guard let known = keys.lookup(cursor.base + Int(name.offset), count: Int(name.count)) else {
                    if rejectsUnknownKeys {
                        throw LineError(
                            reason: unknownKeys.rejection(of: name, base: cursor.base), position: Int(name.offset) - 1)
                    }
                    unknownKeys.noteUnknown(name, base: cursor.base, at: Int(name.offset) - 1, warnings: &warnings)
                    try cursor.skipValue()
                    slot = Self.afterUnknownKey
                    continue
                }
                successors[slot] = known
                key = known
            }
            slot = Int(key.rawValue) + 1
            try readValue(of: key, cursor: &cursor, into: &record, bodyStart: &bodyStart)
        }
        cursor.skipSpace()
        guard cursor.isAtEnd else {
            throw LineError(reason: "unexpected text after the object", position: cursor.position)
        }
        finishHeaders(into: &record, base: cursor.base)
        if record.body.isPresent, record.bodySize != nil { try checkBody(record, bodyStart: bodyStart) }
        if record.query.isAbsent, record.path.isPresent { splitQuery(of: &record, base: cursor.base) }
    }

    /// Splits a `path` that carries its query (`/a?b=1`) at the first `?` when no `query` key was given.
    private func splitQuery(of record: inout TraceRecord, base: UnsafeMutablePointer<UInt8>) {
        let start = Int(record.path.offset)
        let end = start + Int(record.path.count)
        var index = start
        while index < end, base[index] != UInt8(ascii: "?") { index += 1 }
        guard index < end else { return }
        record.path = ByteSlice(start: start, end: index)
        record.query = ByteSlice(start: index + 1, end: end)
    }

    @inline(__always)
    private mutating func readValue(
        of key: Key, cursor: inout JSONCursor, into record: inout TraceRecord, bodyStart: inout Int
    ) throws(LineError) {
        switch key {
        case .ts: record.timestampMs = try cursor.optionalTimestamp("ts")
        case .ip: record.ip = try cursor.optionalIPAddress("ip")
        case .method: record.method = try cursor.optionalString("method")
        case .scheme: record.scheme = try cursor.optionalString("scheme")
        case .host: record.host = try cursor.optionalString("host")
        case .path: record.path = try cursor.optionalString("path")
        case .query: record.query = try cursor.optionalString("query")
        case .headers: try readHeaders(&cursor)
        case .ua:
            record.userAgent = try cursor.optionalString("ua")
            if record.userAgent.isPresent { record.shorthandMask |= 1 }
        case .referer:
            record.referer = try cursor.optionalString("referer")
            if record.referer.isPresent { record.shorthandMask |= 2 }
        case .cookie:
            record.cookie = try cursor.optionalString("cookie")
            if record.cookie.isPresent { record.shorthandMask |= 4 }
        case .country:
            record.country = try cursor.optionalString("country")
            cursor.upperCaseInPlace(record.country)
        case .asn: record.asn = try cursor.optionalInteger("asn")
        case .colo:
            record.colo = try cursor.optionalString("colo")
            cursor.upperCaseInPlace(record.colo)
        case .ssl: record.ssl = try cursor.optionalBool("ssl")
        case .port: record.port = try cursor.optionalInteger("port")
        case .version: record.version = try cursor.optionalString("version")
        case .bot: record.bot = try cursor.optionalBool("bot")
        case .botScore: record.botScore = try cursor.optionalInteger("bot_score")
        case .threatScore: record.threatScore = try cursor.optionalInteger("threat_score")
        case .solvedChallenge: record.solvedChallenge = try cursor.optionalBool("solved_challenge")
        case .status: record.status = try cursor.optionalInteger("status")
        case .cacheControl: record.cacheControl = try cursor.optionalString("cache_control")
        case .expires: record.expires = try cursor.optionalString("expires")
        case .etag: record.etag = try cursor.optionalString("etag")
        case .lastModified: record.lastModified = try cursor.optionalString("last_modified")
        case .age: record.age = try cursor.optionalInteger("age")
        case .setCookie: record.setCookie = try cursor.optionalString("set_cookie")
        case .contentType: record.contentType = try cursor.optionalString("content_type")
        case .vary: record.vary = try cursor.optionalString("vary")
        case .bytes: record.bytes = try cursor.optionalInteger("bytes")
        case .originMs: record.originMs = try cursor.optionalInteger("origin_ms", rounding: true)
        case .edge: record.outcome = try readOutcome(&cursor)
        case .continent: record.continent = try cursor.optionalString("continent")
        case .city: record.city = try cursor.optionalString("city")
        case .regionCode: record.regionCode = try cursor.optionalString("region_code")
        case .verifiedBotCategory: record.verifiedBotCategory = try cursor.optionalString("verified_bot_category")
        case .wafScore: record.wafScore = try cursor.optionalInteger("waf_score")
        case .rayID: record.rayID = try cursor.optionalString("ray_id")
        case .ja3Hash: record.ja3Hash = try cursor.optionalString("ja3_hash")
        case .ja4: record.ja4 = try cursor.optionalString("ja4")
        case .uniqueVisitorID: record.uniqueVisitorID = try cursor.optionalString("unique_visitor_id")
        case .body:
            try Self.noteBody(at: cursor.position, in: &bodyStart)
            record.body = try cursor.optionalString("body")
        case .bodyB64:
            let start = cursor.position
            try Self.noteBody(at: start, in: &bodyStart)
            let text = try cursor.optionalString("body_b64")
            guard text.isPresent else { return }
            switch Base64InPlace.decode(text, in: cursor.base) {
            case .success(let bytes): record.body = bytes
            case .failure(let failure):
                throw LineError(
                    reason: "body_b64 is not base64: \(failure.reason) (write the bytes in standard base64, or the "
                        + "text as body)", position: start + 1 + failure.offset)
            }
        case .bodySize:
            let start = cursor.position
            record.bodySize = try cursor.optionalInteger("body_size")
            if let size = record.bodySize, size < 0 {
                throw LineError(reason: "body_size must be a number of bytes, 0 or more", position: start)
            }
        }
    }

    /// Records where the body's value starts; a second body key (`body` and `body_b64` both given) is an error.
    private static func noteBody(at position: Int, in bodyStart: inout Int) throws(LineError) {
        guard bodyStart < 0 else {
            throw LineError(
                reason: "give the request body once, as body (text) or body_b64 (base64), not both", position: position)
        }
        bodyStart = position
    }

    /// `body_size` must be at least the length of the recorded body (which may be only its start).
    private func checkBody(_ record: TraceRecord, bodyStart: Int) throws(LineError) {
        guard let size = record.bodySize else { return }
        if record.body.isPresent, size < Int(record.body.count) {
            throw LineError(
                reason: "body_size \(size) is smaller than the recorded body (\(record.body.count) bytes); give the "
                    + "whole body's size, or leave body_size out", position: max(bodyStart, 0))
        }
    }

    /// `"headers": {"name": "value" | ["value", …], …}` into the scratch list.
    private mutating func readHeaders(_ cursor: inout JSONCursor) throws(LineError) {
        guard cursor.current == UInt8(ascii: "{") else {
            if cursor.consume("null") { return }
            throw LineError(reason: "headers must be an object of names to strings or lists", position: cursor.position)
        }
        try cursor.beginObject()
        var first = true
        while let name = try cursor.nextKey(first: &first) {
            switch cursor.current {
            case UInt8(ascii: "\""):
                headerScratch.append(HeaderField(name: name, value: try cursor.string()))
            case UInt8(ascii: "["):
                try cursor.beginArray()
                var firstItem = true
                while try cursor.nextElement(first: &firstItem) {
                    guard cursor.current == UInt8(ascii: "\"") else {
                        throw LineError(reason: "header values must be strings", position: cursor.position)
                    }
                    headerScratch.append(HeaderField(name: name, value: try cursor.string()))
                }
            default:
                if cursor.consume("null") { continue }
                throw LineError(reason: "header values must be strings", position: cursor.position)
            }
        }
    }

    /// `"edge": {"action": …, "rule": …, "cache": …, "status": …}`.
    private func readOutcome(_ cursor: inout JSONCursor) throws(LineError) -> RecordedOutcome? {
        if cursor.consume("null") { return nil }
        guard cursor.current == UInt8(ascii: "{") else {
            throw LineError(reason: "edge must be an object with action, rule and cache", position: cursor.position)
        }
        try cursor.beginObject()
        var outcome = RecordedOutcome.empty
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            switch outcomeKeys.lookup(cursor.base + Int(key.offset), count: Int(key.count)) {
            case .action:
                let start = cursor.position
                let text = try cursor.optionalString("edge.action")
                guard text.isPresent else { continue }
                let bytes = UnsafeRawBufferPointer(start: cursor.base + Int(text.offset), count: Int(text.count))
                guard let action = EdgeAction.parse(bytes) else {
                    let name = String(decoding: bytes, as: UTF8.self)
                    let names = EdgeAction.allCases.map(\.rawValue)
                    let hint = bestSuggestion(for: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
                    throw LineError(
                        reason: "unknown edge action '\(name)'\(hint) (known: \(names.joined(separator: ", ")))",
                        position: start)
                }
                outcome.action = action
            case .rule: outcome.rule = try cursor.optionalString("edge.rule")
            case .cache:
                outcome.cache = try cursor.optionalString("edge.cache")
                cursor.upperCaseInPlace(outcome.cache)
            case .status: outcome.status = try cursor.optionalInteger("edge.status")
            case nil: try cursor.skipValue()
            }
        }
        return outcome
    }

    /// Stores the header list and fills `userAgent`, `referer`, `cookie` from it where no shorthand was given.
    private mutating func finishHeaders(into record: inout TraceRecord, base: UnsafeMutablePointer<UInt8>) {
        let count = headerScratch.count
        guard count > 0 else { return }
        let fields = headerScratch.fields
        for field in UnsafeBufferPointer(start: fields, count: count) {
            let name = UnsafeRawBufferPointer(start: base + Int(field.name.offset), count: Int(field.name.count))
            switch name.count {
            case 10 where record.userAgent.isAbsent && equalsIgnoringCase(name, "user-agent"):
                record.userAgent = field.value
            case 7 where record.referer.isAbsent && equalsIgnoringCase(name, "referer"):
                record.referer = field.value
            case 6 where record.cookie.isAbsent && equalsIgnoringCase(name, "cookie"):
                record.cookie = field.value
            default:
                break
            }
        }
        let stored = record.storage.storeHeaders(fields, count: count)
        record.headerFields = UnsafeBufferPointer(start: stored, count: count)
    }
}
