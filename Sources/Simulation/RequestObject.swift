import EdgeModel
import RulesLanguage
import Traces

/// One request object, as `eval --request`, `explain --request` and spec `expect` cases give it: read by the
/// native trace reader (the keys and defaults of a trace line, `docs/trace-format.md`) and built into the
/// model's request by `TraceRequestBuilder`, exactly as a replay builds each trace line's.
public enum RequestObject {
    /// The model request for the object `text`, with its recorded response and `solved_challenge`.
    public static func edgeRequest(_ text: String) throws(TraceObjectError) -> EdgeRequest {
        TraceRequestBuilder.request(try TraceRecord.fromNativeJSON(text))
    }

    /// The request one expression is evaluated on: the model request's HTTP side, with the recorded response's
    /// status and headers filled in for counting expressions (`http.response.code`, `http.response.headers`).
    public static func httpRequest(_ text: String) throws(TraceObjectError) -> HTTPRequest {
        let request = try edgeRequest(text)
        var http = request.http
        guard let response = request.response else { return http }
        http.responseStatus = Int64(response.status)
        func add(_ name: String, _ value: [UInt8]?) {
            if let value { http.responseHeaders.append(HTTPHeader(name: Array(name.utf8), value: value)) }
        }
        add("Cache-Control", response.cacheControl)
        add("Expires", response.expires)
        add("ETag", response.etag)
        add("Last-Modified", response.lastModified)
        add("Content-Type", response.contentType)
        add("Vary", response.vary)
        add("Age", response.ageSeconds.map { Array(String($0).utf8) })
        for cookie in response.setCookies { add("Set-Cookie", cookie) }
        return http
    }
}
