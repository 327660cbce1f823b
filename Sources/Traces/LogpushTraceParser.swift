import EdgeWire

/// Reads one line of Cloudflare Logpush `http_requests` ndjson into a `TraceRecord` (`docs/cloudflare-semantics.md`,
/// "Logpush `http_requests` fields"; `docs/trace-format.md`).
///
/// Mapping: `EdgeStartTimestamp` (unixnano, unix or rfc3339) → ts; `ClientIP` → ip; `ClientRequestMethod`,
/// `ClientRequestHost`, `ClientRequestScheme`, `ClientRequestProtocol` → method, host, scheme, version;
/// `ClientRequestURI` split at the first `?` into path and query (`ClientRequestPath` when there is no URI);
/// `ClientRequestUserAgent`, `ClientRequestReferer` → ua, referer; `ClientSSLProtocol` `"none"` → ssl false,
/// any other value → true; `ClientCountry` upper-cased; `ClientASN`; `EdgeColoCode` upper-cased (as native `colo`
/// is, so a record written as native JSONL reads back alike); `EdgeResponseBytes` →
/// bytes; `EdgeResponseContentType` → content_type; `OriginResponseDurationMs` → origin_ms; `BotScore`;
/// `JA3Hash`, `JA4` → ja3_hash, ja4; `RequestHeaders` (custom fields) → headers; `ResponseHeaders` → the
/// response-side fields they name.
/// `status` is the origin's status: `OriginResponseStatus` when it is not 0, else `EdgeResponseStatus` when the
/// response came from cache (0 means no origin request). The recorded outcome takes `SecurityAction` (mapped to
/// this project's names), `SecurityRuleDescription`, `SecurityRuleID`, `CacheCacheStatus` (upper-cased) and
/// `EdgeResponseStatus`. Other keys are skipped silently: Logpush jobs choose their own field lists.
struct LogpushTraceParser {
    enum Key: UInt8, Sendable {
        case edgeStartTimestamp, clientIP, clientRequestHost, clientRequestMethod, clientRequestURI
        case clientRequestPath, clientRequestUserAgent, clientRequestReferer, clientRequestProtocol
        case clientRequestScheme, clientSSLProtocol, clientCountry, clientASN, edgeColoCode, edgeResponseStatus
        case originResponseStatus, edgeResponseBytes, edgeResponseContentType, cacheCacheStatus, securityAction
        case securityRuleDescription, securityRuleID, originResponseDurationMs, botScore, requestHeaders
        case responseHeaders, clientCity, clientRegionCode, verifiedBotCategory, wafAttackScore, rayID
        case ja3Hash, ja4
    }

    /// The Logpush (and Logpull) field names the reader understands, in the order it lists them.
    static var fieldNames: [String] { keyNames.map(\.0) }

    private static let keyNames: [(String, Key)] = [
        ("EdgeStartTimestamp", .edgeStartTimestamp), ("ClientIP", .clientIP),
        ("ClientRequestHost", .clientRequestHost), ("ClientRequestMethod", .clientRequestMethod),
        ("ClientRequestURI", .clientRequestURI), ("ClientRequestPath", .clientRequestPath),
        ("ClientRequestUserAgent", .clientRequestUserAgent), ("ClientRequestReferer", .clientRequestReferer),
        ("ClientRequestProtocol", .clientRequestProtocol), ("ClientRequestScheme", .clientRequestScheme),
        ("ClientSSLProtocol", .clientSSLProtocol), ("ClientCountry", .clientCountry), ("ClientASN", .clientASN),
        ("EdgeColoCode", .edgeColoCode), ("EdgeResponseStatus", .edgeResponseStatus),
        ("OriginResponseStatus", .originResponseStatus), ("EdgeResponseBytes", .edgeResponseBytes),
        ("EdgeResponseContentType", .edgeResponseContentType), ("CacheCacheStatus", .cacheCacheStatus),
        ("SecurityAction", .securityAction), ("SecurityRuleDescription", .securityRuleDescription),
        ("SecurityRuleID", .securityRuleID), ("OriginResponseDurationMs", .originResponseDurationMs),
        ("BotScore", .botScore), ("RequestHeaders", .requestHeaders), ("ResponseHeaders", .responseHeaders),
        ("ClientCity", .clientCity), ("ClientRegionCode", .clientRegionCode),
        ("VerifiedBotCategory", .verifiedBotCategory), ("WAFAttackScore", .wafAttackScore), ("RayID", .rayID),
        ("JA3Hash", .ja3Hash), ("JA4", .ja4),
    ]

    private static let keyTable = KeyTable<Key>(keyNames)

    private let keys = LogpushTraceParser.keyTable
    private var headerScratch: [HeaderField] = []
    private var unknownActions: [String] = []

    init() {
        headerScratch.reserveCapacity(64)
    }

    /// Parses the line `start..<end` of `record.storage` into `record`.
    mutating func parse(
        start: Int, end: Int, into record: inout TraceRecord, warnings: inout [LineWarning]
    ) throws(LineError) {
        var cursor = JSONCursor(base: record.storage.base, start: start, end: end)
        try cursor.beginObject()
        headerScratch.removeAll(keepingCapacity: true)
        var outcome = RecordedOutcome.empty
        var hasOutcome = false
        var originStatus: Int?
        var uri = ByteSlice.absent
        var requestPath = ByteSlice.absent
        var first = true
        while let key = try cursor.nextKey(first: &first) {
            guard let known = keys.lookup(cursor.base + Int(key.offset), count: Int(key.count)) else {
                try cursor.skipValue()
                continue
            }
            switch known {
            case .edgeStartTimestamp: record.timestampMs = try cursor.optionalTimestamp("EdgeStartTimestamp")
            case .clientIP: record.ip = try cursor.optionalIPAddress("ClientIP")
            case .clientRequestHost: record.host = try cursor.optionalString("ClientRequestHost")
            case .clientRequestMethod: record.method = try cursor.optionalString("ClientRequestMethod")
            case .clientRequestURI: uri = try cursor.optionalString("ClientRequestURI")
            case .clientRequestPath: requestPath = try cursor.optionalString("ClientRequestPath")
            case .clientRequestUserAgent:
                record.userAgent = try cursor.optionalString("ClientRequestUserAgent")
                if record.userAgent.isPresent { record.shorthandMask |= 1 }
            case .clientRequestReferer:
                record.referer = try cursor.optionalString("ClientRequestReferer")
                if record.referer.isPresent { record.shorthandMask |= 2 }
            case .clientRequestProtocol: record.version = try cursor.optionalString("ClientRequestProtocol")
            case .clientRequestScheme: record.scheme = try cursor.optionalString("ClientRequestScheme")
            case .clientSSLProtocol:
                let text = try cursor.optionalString("ClientSSLProtocol")
                if text.isPresent {
                    record.ssl = !ASCII.equals(bytes(text, cursor), "none")
                }
            case .clientCountry:
                record.country = try cursor.optionalString("ClientCountry")
                cursor.upperCaseInPlace(record.country)
            case .clientASN: record.asn = try cursor.optionalInteger("ClientASN")
            case .edgeColoCode:
                record.colo = try cursor.optionalString("EdgeColoCode")
                cursor.upperCaseInPlace(record.colo)
            case .edgeResponseStatus:
                outcome.status = try cursor.optionalInteger("EdgeResponseStatus")
                hasOutcome = true
            case .originResponseStatus: originStatus = try cursor.optionalInteger("OriginResponseStatus")
            case .edgeResponseBytes: record.bytes = try cursor.optionalInteger("EdgeResponseBytes")
            case .edgeResponseContentType: record.contentType = try cursor.optionalString("EdgeResponseContentType")
            case .cacheCacheStatus:
                outcome.cache = try cursor.optionalString("CacheCacheStatus")
                cursor.upperCaseInPlace(outcome.cache)
                hasOutcome = true
            case .securityAction:
                let start = cursor.position
                let text = try cursor.optionalString("SecurityAction")
                if text.isPresent {
                    outcome.action = mapAction(bytes(text, cursor), record: &record, at: start, warnings: &warnings)
                }
                hasOutcome = true
            case .securityRuleDescription:
                outcome.rule = try cursor.optionalString("SecurityRuleDescription")
                hasOutcome = true
            case .securityRuleID:
                outcome.cloudflareRuleID = try cursor.optionalString("SecurityRuleID")
                hasOutcome = true
            case .originResponseDurationMs:
                record.originMs = try cursor.optionalInteger("OriginResponseDurationMs", rounding: true)
            case .botScore: record.botScore = try cursor.optionalInteger("BotScore")
            case .requestHeaders: try readRequestHeaders(&cursor)
            case .responseHeaders: try readResponseHeaders(&cursor, into: &record)
            case .clientCity: record.city = try cursor.optionalString("ClientCity")
            case .clientRegionCode: record.regionCode = try cursor.optionalString("ClientRegionCode")
            case .verifiedBotCategory: record.verifiedBotCategory = try cursor.optionalString("VerifiedBotCategory")
            case .wafAttackScore: record.wafScore = try cursor.optionalInteger("WAFAttackScore")
            case .rayID: record.rayID = try cursor.optionalString("RayID")
            case .ja3Hash: record.ja3Hash = try cursor.optionalString("JA3Hash")
            case .ja4: record.ja4 = try cursor.optionalString("JA4")
            }
        }
        cursor.skipSpace()
        guard cursor.isAtEnd else {
            throw LineError(reason: "unexpected text after the object", position: cursor.position)
        }
        splitURI(uri.isPresent ? uri : requestPath, base: cursor.base, into: &record)
        record.status =
            originStatus.flatMap { $0 > 0 ? $0 : nil }
            ?? (servedFromCache(outcome.cache, cursor) ? outcome.status : nil)
        if hasOutcome { record.outcome = outcome }
        finishHeaders(into: &record, base: cursor.base)
    }

    private func bytes(_ slice: ByteSlice, _ cursor: JSONCursor) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: cursor.base + Int(slice.offset), count: Int(slice.count))
    }

    /// Whether an (upper-cased) cache status says the response came from cache rather than the origin.
    private func servedFromCache(_ cache: ByteSlice, _ cursor: JSONCursor) -> Bool {
        let text = bytes(cache, cursor)
        return ASCII.equals(text, "HIT") || ASCII.equals(text, "STALE") || ASCII.equals(text, "UPDATING")
            || ASCII.equals(text, "REVALIDATED")
    }

    /// Maps Logpush `SecurityAction` values to this project's action names; unknown values are reported
    /// once each and leave the action unrecorded.
    private mutating func mapAction(
        _ text: UnsafeRawBufferPointer, record: inout TraceRecord, at position: Int, warnings: inout [LineWarning]
    ) -> EdgeAction? {
        switch String(decoding: text, as: UTF8.self) {
        case "block", "connectionClose", "forceConnectionClose": return .block
        case "challenge": return .challenge
        case "jschallenge": return .jsChallenge
        case "managedChallenge": return .managedChallenge
        case "log": return .log
        case "allow", "skip", "bypass", "challengeBypassed", "jschallengeBypassed", "managedChallengeSkipped":
            return .allow
        case "challengeSolved", "jschallengeSolved", "managedChallengeNonInteractiveSolved",
            "managedChallengeInteractiveSolved":
            record.solvedChallenge = true
            return .allow
        case "", "unknown":
            return nil
        case let other:
            if !unknownActions.contains(other), unknownActions.count < 64 {
                unknownActions.append(other)
                warnings.append(
                    LineWarning(
                        reason: "SecurityAction '\(other)' has no equivalent here and is not recorded (reported once)",
                        position: position))
            }
            return nil
        }
    }

    /// `RequestHeaders`: an object of header names to strings (Logpush custom fields).
    private mutating func readRequestHeaders(_ cursor: inout JSONCursor) throws(LineError) {
        if cursor.consume("null") { return }
        try cursor.beginObject()
        var first = true
        while let name = try cursor.nextKey(first: &first) {
            let value = try cursor.optionalString("a request header value")
            if value.isPresent { headerScratch.append(HeaderField(name: name, value: value)) }
        }
    }

    /// `ResponseHeaders`: the headers that have a response-side field here fill it; others are skipped.
    private func readResponseHeaders(_ cursor: inout JSONCursor, into record: inout TraceRecord) throws(LineError) {
        if cursor.consume("null") { return }
        try cursor.beginObject()
        var first = true
        while let name = try cursor.nextKey(first: &first) {
            let nameBytes = bytes(name, cursor)
            if equalsIgnoringCase(nameBytes, "age") {
                record.age = try cursor.optionalInteger("the age response header")
                continue
            }
            let value = try cursor.optionalString("a response header value")
            if equalsIgnoringCase(nameBytes, "cache-control") {
                record.cacheControl = value
            } else if equalsIgnoringCase(nameBytes, "expires") {
                record.expires = value
            } else if equalsIgnoringCase(nameBytes, "etag") {
                record.etag = value
            } else if equalsIgnoringCase(nameBytes, "last-modified") {
                record.lastModified = value
            } else if equalsIgnoringCase(nameBytes, "set-cookie") {
                record.setCookie = value
            } else if equalsIgnoringCase(nameBytes, "vary") {
                record.vary = value
            } else if equalsIgnoringCase(nameBytes, "content-type") {
                record.contentType = value
            }
        }
    }

    /// Splits a request URI at its first `?` into path and query.
    private func splitURI(_ uri: ByteSlice, base: UnsafeMutablePointer<UInt8>, into record: inout TraceRecord) {
        guard uri.isPresent else { return }
        let start = Int(uri.offset)
        let end = start + Int(uri.count)
        var index = start
        while index < end, base[index] != UInt8(ascii: "?") { index += 1 }
        record.path = ByteSlice(start: start, end: index)
        if index < end { record.query = ByteSlice(start: index + 1, end: end) }
    }

    /// Stores the header list and fills `cookie` from a `Cookie` header.
    private func finishHeaders(into record: inout TraceRecord, base: UnsafeMutablePointer<UInt8>) {
        guard !headerScratch.isEmpty else { return }
        for field in headerScratch where record.cookie.isAbsent {
            let name = UnsafeRawBufferPointer(start: base + Int(field.name.offset), count: Int(field.name.count))
            if equalsIgnoringCase(name, "cookie") { record.cookie = field.value }
        }
        let stored = headerScratch.withUnsafeBufferPointer {
            record.storage.storeHeaders($0.baseAddress.unsafelyUnwrapped, count: $0.count)
        }
        record.headerFields = UnsafeBufferPointer(start: stored, count: headerScratch.count)
    }
}
