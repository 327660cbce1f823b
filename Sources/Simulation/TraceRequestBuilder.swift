import EdgeModel
import EdgeWire
import RulesLanguage
import Traces

/// Turns a parsed trace record into the model's request: the request side as `HTTPRequest` inputs, the recorded
/// response (when the trace has one) as `RecordedResponse`, and whether the client solves challenges.
public enum TraceRequestBuilder {
    /// The model request for `record`, freshly allocated.
    public static func request(_ record: TraceRecord) -> EdgeRequest {
        var request = EdgeRequest(HTTPRequest())
        fill(&request, from: record)
        return request
    }

    /// Overwrites every input of `request` with `record`'s. A replay keeps one request and refills it per record:
    /// while nothing else holds the request (the edge model lets go of it after each decision), the byte buffers
    /// keep their capacity and a record costs no allocation.
    public static func fill(_ request: inout EdgeRequest, from record: TraceRecord) {
        set(&request.http.method, record, record.method, default: "GET")
        replace(&request.http.scheme, with: bytes(record.isHTTPS ? "https" : "http"))
        set(&request.http.host, record, record.host, default: "")
        set(&request.http.path, record, record.path.count == 0 ? .absent : record.path, default: "/")
        set(&request.http.query, record, record.query, default: "")
        set(&request.http.country, record, record.country, default: "")
        set(&request.http.colo, record, record.colo, default: "")
        set(&request.http.version, record, record.version, default: "HTTP/1.1")
        set(&request.http.continent, record, record.continent, default: "")
        set(&request.http.city, record, record.city, default: "")
        set(&request.http.regionCode, record, record.regionCode, default: "")
        set(&request.http.verifiedBotCategory, record, record.verifiedBotCategory, default: "")
        set(&request.http.rayID, record, record.rayID, default: "")
        set(&request.http.ja3Hash, record, record.ja3Hash, default: "")
        set(&request.http.ja4, record, record.ja4, default: "")
        set(&request.http.uniqueVisitorID, record, record.uniqueVisitorID, default: "")
        set(&request.http.body, record, record.body, default: "")
        request.http.recordedBodySize = record.bodySize.map(Int64.init) ?? -1
        fillHeaders(&request.http.headers, from: record)
        request.http.ip = record.ip ?? .zeroV4
        request.http.asn = Int64(record.asn ?? 0)
        request.http.ssl = record.effectiveSSL
        request.http.port = Int64(record.effectivePort)
        request.http.verifiedBot = record.bot ?? false
        request.http.botScore = Int64(record.botScore ?? 0)
        request.http.threatScore = Int64(record.threatScore ?? 0)
        request.http.wafScore = Int64(record.wafScore ?? 100)
        request.http.timestampMilliseconds = record.timestampMs ?? 0
        fillResponse(&request.response, from: record)
        request.solvedChallenge = record.solvedChallenge ?? false
    }

    /// Replaces `target`'s bytes with the slice's, or with `fallback` when the slice is absent, in place.
    private static func set(
        _ target: inout [UInt8], _ record: TraceRecord, _ slice: ByteSlice, default fallback: StaticString
    ) {
        if slice.isPresent {
            record.withBytes(slice) { replace(&target, with: $0) }
        } else {
            replace(&target, with: bytes(fallback))
        }
    }

    private static func bytes(_ text: StaticString) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Overwrites `target` with `source`: a plain copy when the lengths agree (the common case for method, country,
    /// colo), otherwise a resize that keeps the buffer.
    @inline(__always)
    private static func replace(_ target: inout [UInt8], with source: UnsafeRawBufferPointer) {
        guard target.count == source.count else {
            target.replaceSubrange(0..<target.count, with: source.assumingMemoryBound(to: UInt8.self))
            return
        }
        // An empty array shares one storage: asking it for mutable bytes would copy it, once a record per field.
        guard !source.isEmpty, let from = source.baseAddress else { return }
        target.withUnsafeMutableBytes { $0.baseAddress?.copyMemory(from: from, byteCount: $0.count) }
    }

    /// Rewrites the header list in place: existing entries are reused, extra ones dropped, missing ones added.
    private static func fillHeaders(_ headers: inout [HTTPHeader], from record: TraceRecord) {
        var count = 0
        record.forEachRequestHeader { name, value in
            if count < headers.count {
                replace(&headers[count].name, with: name)
                replace(&headers[count].value, with: value)
            } else {
                headers.append(HTTPHeader(name: Array(name), value: Array(value)))
            }
            count += 1
        }
        if count < headers.count { headers.removeLast(headers.count - count) }
    }

    /// Sets `response` to the record's recorded origin response (nil when the trace has no status for it), reusing
    /// the previous response's buffers.
    private static func fillResponse(_ response: inout RecordedResponse?, from record: TraceRecord) {
        guard let status = record.status else {
            response = nil
            return
        }
        var filled = response.take() ?? RecordedResponse(status: status)
        filled.status = status
        set(&filled.cacheControl, record, record.cacheControl)
        set(&filled.expires, record, record.expires)
        set(&filled.etag, record, record.etag)
        set(&filled.lastModified, record, record.lastModified)
        set(&filled.contentType, record, record.contentType)
        set(&filled.vary, record, record.vary)
        if record.setCookie.isPresent {
            if filled.setCookies.count != 1 { filled.setCookies = [[]] }
            record.withBytes(record.setCookie) { replace(&filled.setCookies[0], with: $0) }
        } else if !filled.setCookies.isEmpty {
            filled.setCookies.removeAll()
        }
        filled.ageSeconds = record.age.map(Int64.init)
        filled.bytes = record.bytes.map(Int64.init)
        filled.originLatencyMilliseconds = record.originMs.map(Int64.init)
        response = filled
    }

    /// Replaces an optional header value in place: nil when the slice is absent.
    private static func set(_ target: inout [UInt8]?, _ record: TraceRecord, _ slice: ByteSlice) {
        guard slice.isPresent else {
            target = nil
            return
        }
        var bytes = target.take() ?? []
        record.withBytes(slice) { replace(&bytes, with: $0) }
        target = bytes
    }
}
