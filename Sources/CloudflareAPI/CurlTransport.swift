import CCurl

/// `HTTPTransport` on libcurl: TLS through the system's OpenSSL and CA store (plus `caFile` when given), connect
/// and total timeouts, no redirects followed (a redirect would carry the bearer token elsewhere), any
/// content encoding the server offers decoded.
public struct CurlTransport: HTTPTransport {
    /// Seconds allowed to connect.
    public var connectTimeout: Double
    /// Seconds allowed for a whole exchange.
    public var totalTimeout: Double
    /// A PEM file of certificates to trust in addition to the system's.
    public var caFile: String?

    /// A transport with these limits.
    public init(connectTimeout: Double = 10, totalTimeout: Double = 120, caFile: String? = nil) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.caFile = caFile
    }

    /// The libcurl failures another try may get past: the host not found or refusing, the connection dropped, the
    /// answer cut short. Certificate and URL problems are not among them.
    private static let transient: Set<CURLcode> = [
        CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_PARTIAL_FILE, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
        CURLE_GOT_NOTHING, CURLE_HTTP2, CURLE_HTTP2_STREAM,
    ]

    /// libcurl's process-wide set-up, done once before the first handle.
    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Sends one exchange on a fresh easy handle.
    public func send(_ exchange: HTTPExchange, sink: (_ status: Int, _ piece: UnsafeRawBufferPointer) -> String?)
        throws(TransportFailure)
        -> HTTPAnswer
    {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else {
            throw .network("libcurl could not be initialised")
        }
        defer { curl_easy_cleanup(handle) }
        return try withoutActuallyEscaping(sink) { sink throws(TransportFailure) -> HTTPAnswer in
            let receiver = Receiver(sink: sink)
            let context = Unmanaged.passUnretained(receiver).toOpaque()
            var headers: UnsafeMutablePointer<curl_slist>?
            defer { curl_slist_free_all(headers) }
            for header in exchange.headers { headers = curl_slist_append(headers, header) }
            var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
            let code = errorBuffer.withUnsafeMutableBufferPointer { errors -> CURLcode in
                var failed = CURLE_OK
                func set(_ result: CURLcode) { if failed == CURLE_OK { failed = result } }
                set(edgeproof_curl_set_string(handle, CURLOPT_URL, exchange.url))
                set(edgeproof_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, exchange.method))
                set(edgeproof_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
                set(edgeproof_curl_set_long(handle, CURLOPT_NOSIGNAL, 1))
                set(edgeproof_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0))
                set(edgeproof_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000)))
                set(edgeproof_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(totalTimeout * 1000)))
                set(edgeproof_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
                set(edgeproof_curl_set_pointer(handle, CURLOPT_HTTPHEADER, headers))
                set(edgeproof_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errors.baseAddress))
                if let caFile { set(edgeproof_curl_set_string(handle, CURLOPT_CAINFO, caFile)) }
                if let body = exchange.body {
                    set(edgeproof_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, body.count))
                    body.withUnsafeBytes { bytes in
                        // COPYPOSTFIELDS copies the body, so it need not outlive this call.
                        set(
                            edgeproof_curl_set_pointer(
                                handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress)))
                    }
                }
                set(edgeproof_curl_set_write_callback(handle, CURLOPT_WRITEFUNCTION, receiveBody))
                set(edgeproof_curl_set_pointer(handle, CURLOPT_WRITEDATA, context))
                set(edgeproof_curl_set_write_callback(handle, CURLOPT_HEADERFUNCTION, receiveHeader))
                set(edgeproof_curl_set_pointer(handle, CURLOPT_HEADERDATA, context))
                guard failed == CURLE_OK else { return failed }
                return curl_easy_perform(handle)
            }
            if let stop = receiver.stopReason { throw .stopped(stop) }
            guard code == CURLE_OK else {
                let detail = String(
                    decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
                if code == CURLE_OPERATION_TIMEDOUT { throw .timedOut(message) }
                throw Self.transient.contains(code) ? .network(message) : .permanent(message)
            }
            var status = 0
            _ = edgeproof_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
            return HTTPAnswer(status: status, retryAfter: receiver.retryAfter)
        }
    }
}

/// What the libcurl callbacks write into: the body sink, and the status and `Retry-After` header of the answer
/// being received.
private final class Receiver {
    let sink: (Int, UnsafeRawBufferPointer) -> String?
    var stopReason: String?
    var status = 0
    var retryAfter: String?

    init(sink: @escaping (Int, UnsafeRawBufferPointer) -> String?) { self.sink = sink }
}

/// CURLOPT_WRITEFUNCTION: hands the piece to the sink; a short count stops the transfer.
private func receiveBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
)
    -> Int
{
    guard let context else { return 0 }
    let receiver = Unmanaged<Receiver>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    if let reason = receiver.sink(receiver.status, UnsafeRawBufferPointer(start: data, count: length)) {
        receiver.stopReason = reason
        return 0
    }
    return length
}

/// CURLOPT_HEADERFUNCTION: keeps `Retry-After`; a new status line (a retried or informational response)
/// forgets the previous one's.
private func receiveHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
)
    -> Int
{
    let length = size * count
    guard let context, let data else { return length }
    let receiver = Unmanaged<Receiver>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: length)
    if bytes.starts(with: "HTTP/".utf8) {
        // A status line (`HTTP/1.1 429 Too Many Requests`) starts an answer: its code, and no Retry-After yet.
        receiver.retryAfter = nil
        let fields = bytes.split(separator: UInt8(ascii: " "), maxSplits: 2)
        receiver.status = fields.count > 1 ? Int(String(decoding: fields[1], as: UTF8.self)) ?? 0 : 0
        return length
    }
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return length }
    let name = String(decoding: bytes[..<colon], as: UTF8.self)
    if name.lowercased() == "retry-after" {
        let value = bytes[(colon + 1)...].filter {
            $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != 0x0D && $0 != 0x0A
        }
        receiver.retryAfter = String(decoding: value, as: UTF8.self)
    }
    return length
}
