import EdgeModel
import Foundation
import RulesLanguage
import Traces

/// Turns a parsed trace record into the model's request: the request side as `HTTPRequest` inputs, the recorded
/// response (when the trace has one) as `RecordedResponse`, and whether the client solves challenges.
public enum TraceRequestBuilder {
    /// The model request for `record`.
    public static func request(_ record: TraceRecord) -> EdgeRequest {
        var http = HTTPRequest()
        // Inputs equal to HTTPRequest's defaults (GET, https, HTTP/1.1) are left alone: no copy per record.
        if record.method.isPresent, !record.withBytes(record.method, { Self.equals($0, "GET") }), let method = record.bytes(record.method) {
            http.method = method
        }
        if !record.isHTTPS { http.scheme = Array("http".utf8) }
        if let host = record.bytes(record.host) { http.host = host }
        if let path = record.bytes(record.path), !path.isEmpty { http.path = path }
        if let query = record.bytes(record.query) { http.query = query }
        var headers: [HTTPHeader] = []
        record.forEachRequestHeader { name, value in headers.append(HTTPHeader(name: Array(name), value: Array(value))) }
        http.headers = headers
        if let ip = record.ip {
            http.ip = ip.isIPv4 ? RulesLanguage.IPAddress(v4: UInt32(truncatingIfNeeded: ip.low)) : RulesLanguage.IPAddress(v6High: ip.high, low: ip.low)
        }
        if let country = record.bytes(record.country) { http.country = country }
        if let asn = record.asn { http.asn = Int64(asn) }
        if let colo = record.bytes(record.colo) { http.colo = colo }
        http.ssl = record.effectiveSSL
        http.port = Int64(record.effectivePort)
        if record.version.isPresent, !record.withBytes(record.version, { Self.equals($0, "HTTP/1.1") }), let version = record.bytes(record.version) {
            http.version = version
        }
        if let bot = record.bot { http.verifiedBot = bot }
        if let score = record.botScore { http.botScore = Int64(score) }
        if let score = record.threatScore { http.threatScore = Int64(score) }
        if let timestamp = record.timestampMs { http.timestampMilliseconds = timestamp }
        return EdgeRequest(http, response: response(record), solvedChallenge: record.solvedChallenge ?? false)
    }

    private static func equals(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount, let base = bytes.baseAddress else { return bytes.count == 0 && text.utf8CodeUnitCount == 0 }
        return memcmp(base, text.utf8Start, bytes.count) == 0
    }

    /// The recorded origin response, when the trace has a status for it.
    static func response(_ record: TraceRecord) -> RecordedResponse? {
        guard let status = record.status else { return nil }
        var cookies: [[UInt8]] = []
        if let cookie = record.bytes(record.setCookie) { cookies.append(cookie) }
        return RecordedResponse(
            status: status, cacheControl: record.bytes(record.cacheControl), expires: record.bytes(record.expires),
            etag: record.bytes(record.etag), lastModified: record.bytes(record.lastModified), ageSeconds: record.age.map(Int64.init),
            setCookies: cookies, contentType: record.bytes(record.contentType), bytes: record.bytes.map(Int64.init),
            originLatencyMilliseconds: record.originMs.map(Int64.init))
    }
}
