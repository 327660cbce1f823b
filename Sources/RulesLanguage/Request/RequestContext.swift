import EdgeWire

/// One request being evaluated: wraps an `HTTPRequest` and computes derived field values lazily, caching them
/// until the context is pointed at the next request.
///
/// Reuse one context per thread with `reset(to:)`: caches keep their storage, so evaluating a ruleset over a
/// stream of requests does not allocate once the buffers have grown. Not thread-safe; not `Sendable`.
public final class RequestContext {
    /// The request being evaluated.
    @exclusivity(unchecked) public private(set) var request: HTTPRequest

    @exclusivity(unchecked) private var computed: Derived = []
    @exclusivity(unchecked) private var generation: UInt64 = 1

    @exclusivity(unchecked) private var headerMapStorage = ByteMultiMap()
    @exclusivity(unchecked) private var headerNamesStorage: [[UInt8]] = []
    @exclusivity(unchecked) private var headerValuesStorage: [[UInt8]] = []
    @exclusivity(unchecked) private var responseHeaderMapStorage = ByteMultiMap()
    @exclusivity(unchecked) private var responseHeaderNamesStorage: [[UInt8]] = []
    @exclusivity(unchecked) private var responseHeaderValuesStorage: [[UInt8]] = []
    @exclusivity(unchecked) private var userAgentStorage: [UInt8] = []
    @exclusivity(unchecked) private var refererStorage: [UInt8] = []
    @exclusivity(unchecked) private var cookieStorage: [UInt8] = []
    @exclusivity(unchecked) private var forwardedForStorage: [UInt8] = []
    @exclusivity(unchecked) private var cookieMapStorage = ByteMultiMap()
    @exclusivity(unchecked) private var argsStorage = ByteMultiMap()
    @exclusivity(unchecked) private var argNamesStorage: [[UInt8]] = []
    @exclusivity(unchecked) private var argValuesStorage: [[UInt8]] = []
    @exclusivity(unchecked) private var normalizedPathStorage: [UInt8] = []
    @exclusivity(unchecked) private var extensionStorage: [UInt8] = []
    @exclusivity(unchecked) private var rawExtensionStorage: [UInt8] = []
    @exclusivity(unchecked) private var uriStorage: [UInt8] = []
    @exclusivity(unchecked) private var rawURIStorage: [UInt8] = []
    @exclusivity(unchecked) private var fullURIStorage: [UInt8] = []
    @exclusivity(unchecked) private var rawFullURIStorage: [UInt8] = []
    @exclusivity(unchecked) private var mediaTypeStorage: [UInt8] = []
    @exclusivity(unchecked) private var bodyPrefixStorage: [UInt8] = []
    @exclusivity(unchecked) private var formStorage = ByteMultiMap()
    @exclusivity(unchecked) private var formNamesStorage: [[UInt8]] = []
    @exclusivity(unchecked) private var formValuesStorage: [[UInt8]] = []
    @exclusivity(unchecked) private var bodyMimeStorage: [UInt8] = []
    @exclusivity(unchecked) private var visitorIDStorage: [UInt8] = []
    @exclusivity(unchecked) private var caseCache: [[UInt8]] = []
    @exclusivity(unchecked) private var caseCacheGeneration: [UInt64] = []

    /// The element a `[*]` expression is currently applied to (one register per element type).
    @exclusivity(unchecked) var elementBytes: [UInt8] = []
    /// The element when mapping over values of type `Array<Bytes>`.
    @exclusivity(unchecked) var elementBytesArray: [[UInt8]] = []
    /// The element when mapping over `Int` values.
    @exclusivity(unchecked) var elementInt: Int64 = 0
    /// The element when mapping over `Bool` values.
    @exclusivity(unchecked) var elementBool: Bool = false
    /// The element when mapping over `Ip` values.
    @exclusivity(unchecked) var elementIP: IPAddress = .zeroV4

    /// A context for `request`.
    public init(_ request: HTTPRequest) {
        self.request = request
    }

    /// Points the context at another request, dropping cached values but keeping their storage.
    public func reset(to request: HTTPRequest) {
        self.request = request
        computed = []
        generation &+= 1
    }

    /// Lets go of the request (the context then holds a shared empty one) so that the caller's copy is the only
    /// reference again and can be refilled in place. Cached values are dropped as by `reset(to:)`.
    public func releaseRequest() {
        // Cached values that share buffers with the request's headers go too; otherwise the caller's next in-place
        // write to those headers would have to copy them.
        if computed.contains(.userAgent) { userAgentStorage = [] }
        if computed.contains(.referer) { refererStorage = [] }
        if computed.contains(.headerMap) { headerMapStorage.removeAll() }
        if computed.contains(.headerLists) {
            headerNamesStorage.removeAll(keepingCapacity: true)
            headerValuesStorage.removeAll(keepingCapacity: true)
        }
        reset(to: Self.emptyRequest)
    }

    private static let emptyRequest = HTTPRequest()

    private struct Derived: OptionSet {
        let rawValue: UInt32
        static let headerMap = Derived(rawValue: 1 << 0)
        static let headerLists = Derived(rawValue: 1 << 1)
        static let responseHeaderMap = Derived(rawValue: 1 << 2)
        static let responseHeaderLists = Derived(rawValue: 1 << 3)
        static let userAgent = Derived(rawValue: 1 << 4)
        static let referer = Derived(rawValue: 1 << 5)
        static let cookie = Derived(rawValue: 1 << 6)
        static let forwardedFor = Derived(rawValue: 1 << 7)
        static let cookieMap = Derived(rawValue: 1 << 8)
        static let args = Derived(rawValue: 1 << 9)
        static let normalizedPath = Derived(rawValue: 1 << 10)
        static let pathExtension = Derived(rawValue: 1 << 11)
        static let rawPathExtension = Derived(rawValue: 1 << 12)
        static let uri = Derived(rawValue: 1 << 13)
        static let rawURI = Derived(rawValue: 1 << 14)
        static let fullURI = Derived(rawValue: 1 << 15)
        static let rawFullURI = Derived(rawValue: 1 << 16)
        static let mediaType = Derived(rawValue: 1 << 17)
        static let bodyPrefix = Derived(rawValue: 1 << 18)
        static let form = Derived(rawValue: 1 << 19)
        static let bodyMime = Derived(rawValue: 1 << 20)
        static let visitorID = Derived(rawValue: 1 << 21)
    }

    @inline(__always)
    private func needs(_ flag: Derived) -> Bool {
        if computed.contains(flag) { return false }
        computed.insert(flag)
        return true
    }

    // MARK: Headers

    /// `http.request.headers`: values keyed by the lowercased header name.
    public var headerMap: ByteMultiMap {
        if needs(.headerMap) { Self.buildHeaderMap(request.headers, into: &headerMapStorage) }
        return headerMapStorage
    }

    /// `http.request.headers.names`: names in the case sent, in order, duplicates kept.
    public var headerNames: [[UInt8]] {
        if needs(.headerLists) {
            Self.buildLists(request.headers, names: &headerNamesStorage, values: &headerValuesStorage)
        }
        return headerNamesStorage
    }

    /// `http.request.headers.values`: values parallel to `headerNames`.
    public var headerValues: [[UInt8]] {
        if needs(.headerLists) {
            Self.buildLists(request.headers, names: &headerNamesStorage, values: &headerValuesStorage)
        }
        return headerValuesStorage
    }

    /// `http.response.headers`: response header values keyed by lowercased name.
    public var responseHeaderMap: ByteMultiMap {
        if needs(.responseHeaderMap) { Self.buildHeaderMap(request.responseHeaders, into: &responseHeaderMapStorage) }
        return responseHeaderMapStorage
    }

    /// `http.response.headers.names`.
    public var responseHeaderNames: [[UInt8]] {
        if needs(.responseHeaderLists) {
            Self.buildLists(
                request.responseHeaders, names: &responseHeaderNamesStorage, values: &responseHeaderValuesStorage)
        }
        return responseHeaderNamesStorage
    }

    /// `http.response.headers.values`.
    public var responseHeaderValues: [[UInt8]] {
        if needs(.responseHeaderLists) {
            Self.buildLists(
                request.responseHeaders, names: &responseHeaderNamesStorage, values: &responseHeaderValuesStorage)
        }
        return responseHeaderValuesStorage
    }

    private static func buildHeaderMap(_ headers: [HTTPHeader], into map: inout ByteMultiMap) {
        map.removeAll()
        for header in headers { map.append(header.value, for: header.name.map(ASCII.lowercased)) }
    }

    private static func buildLists(_ headers: [HTTPHeader], names: inout [[UInt8]], values: inout [[UInt8]]) {
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        for header in headers {
            names.append(header.name)
            values.append(header.value)
        }
    }

    /// `http.user_agent`: the first `User-Agent` header, `""` when absent.
    public var userAgent: [UInt8] {
        computeUserAgentIfNeeded()
        return userAgentStorage
    }

    /// Runs `body` over `http.user_agent` in place.
    @inline(__always)
    func withUserAgent<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        computeUserAgentIfNeeded()
        return userAgentStorage.withUnsafeBufferPointer(body)
    }

    @inline(__always)
    private func computeUserAgentIfNeeded() {
        if needs(.userAgent) { userAgentStorage = firstHeader(Self.userAgentName) }
    }

    /// `http.referer`: the first `Referer` header, `""` when absent.
    public var referer: [UInt8] {
        if needs(.referer) { refererStorage = firstHeader(Self.refererName) }
        return refererStorage
    }

    /// `http.cookie`: every `Cookie` header joined with `; `, `""` when absent.
    public var cookie: [UInt8] {
        if needs(.cookie) { cookieStorage = joinedHeaders(Self.cookieName, separator: Array("; ".utf8)) }
        return cookieStorage
    }

    /// `http.x_forwarded_for`: every `X-Forwarded-For` header joined with `, `, `""` when absent.
    public var forwardedFor: [UInt8] {
        if needs(.forwardedFor) {
            forwardedForStorage = joinedHeaders(Self.forwardedForName, separator: Array(", ".utf8))
        }
        return forwardedForStorage
    }

    /// `http.request.cookies`: cookie values keyed by URL-decoded cookie name.
    public var cookieMap: ByteMultiMap {
        if needs(.cookieMap) {
            let values = request.headers.filter { ByteOperations.equalIgnoringCase($0.name, Self.cookieName) }.map(
                \.value)
            RequestParsing.cookies(values, into: &cookieMapStorage)
        }
        return cookieMapStorage
    }

    private static let userAgentName = Array("user-agent".utf8)
    private static let refererName = Array("referer".utf8)
    private static let cookieName = Array("cookie".utf8)
    private static let forwardedForName = Array("x-forwarded-for".utf8)

    private func firstHeader(_ lowercasedName: [UInt8]) -> [UInt8] {
        // Indexing a borrowed buffer compares names without copying (retaining) each header.
        request.headers.withUnsafeBufferPointer { headers in
            for index in headers.indices where ByteOperations.equalIgnoringCase(headers[index].name, lowercasedName) {
                return headers[index].value
            }
            return []
        }
    }

    private func joinedHeaders(_ lowercasedName: [UInt8], separator: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var first = true
        for header in request.headers where ByteOperations.equalIgnoringCase(header.name, lowercasedName) {
            if !first { result += separator }
            result += header.value
            first = false
        }
        return result
    }

    // MARK: URI

    /// `http.request.uri.args` (identical for `raw.*`: arguments are never normalised).
    public var args: ByteMultiMap {
        buildArgsIfNeeded()
        return argsStorage
    }

    /// `http.request.uri.args.names`.
    public var argNames: [[UInt8]] {
        buildArgsIfNeeded()
        return argNamesStorage
    }

    /// `http.request.uri.args.values`.
    public var argValues: [[UInt8]] {
        buildArgsIfNeeded()
        return argValuesStorage
    }

    private func buildArgsIfNeeded() {
        if needs(.args) {
            RequestParsing.queryArguments(
                request.query, into: &argsStorage, names: &argNamesStorage, values: &argValuesStorage)
        }
    }

    /// `http.request.uri.path`: the path after URL normalisation.
    public var normalizedPath: [UInt8] {
        computeNormalizedPathIfNeeded()
        return normalizedPathStorage
    }

    /// Runs `body` over `http.request.uri.path` in place.
    @inline(__always)
    func withNormalizedPath<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        computeNormalizedPathIfNeeded()
        return normalizedPathStorage.withUnsafeBufferPointer(body)
    }

    @inline(__always)
    private func computeNormalizedPathIfNeeded() {
        if needs(.normalizedPath) { URLNormalizer.normalize(path: request.path, into: &normalizedPathStorage) }
    }

    /// Runs `body` over `http.request.uri.path.extension` in place.
    @inline(__always)
    func withPathExtension<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        computePathExtensionIfNeeded()
        return extensionStorage.withUnsafeBufferPointer(body)
    }

    @inline(__always)
    private func computePathExtensionIfNeeded() {
        if needs(.pathExtension) { RequestParsing.pathExtension(normalizedPath, into: &extensionStorage) }
    }

    /// `http.request.uri.path.extension`.
    public var pathExtension: [UInt8] {
        computePathExtensionIfNeeded()
        return extensionStorage
    }

    /// `raw.http.request.uri.path.extension`.
    public var rawPathExtension: [UInt8] {
        if needs(.rawPathExtension) { RequestParsing.pathExtension(request.path, into: &rawExtensionStorage) }
        return rawExtensionStorage
    }

    /// `http.request.uri`: normalised path, then `?query` when there is a query.
    public var uri: [UInt8] {
        if needs(.uri) { Self.joinURI(normalizedPath, request.query, into: &uriStorage) }
        return uriStorage
    }

    /// `raw.http.request.uri`.
    public var rawURI: [UInt8] {
        if needs(.rawURI) { Self.joinURI(request.path, request.query, into: &rawURIStorage) }
        return rawURIStorage
    }

    /// `http.request.full_uri`: `scheme://host` followed by `http.request.uri`.
    public var fullURI: [UInt8] {
        if needs(.fullURI) { joinFullURI(uri, into: &fullURIStorage) }
        return fullURIStorage
    }

    /// `raw.http.request.full_uri`.
    public var rawFullURI: [UInt8] {
        if needs(.rawFullURI) { joinFullURI(rawURI, into: &rawFullURIStorage) }
        return rawFullURIStorage
    }

    private static func joinURI(_ path: [UInt8], _ query: [UInt8], into target: inout [UInt8]) {
        target.removeAll(keepingCapacity: true)
        target += path
        if !query.isEmpty {
            target.append(UInt8(ascii: "?"))
            target += query
        }
    }

    private func joinFullURI(_ uri: [UInt8], into target: inout [UInt8]) {
        target.removeAll(keepingCapacity: true)
        target += request.scheme
        target += Array("://".utf8)
        target += request.host
        target += uri
    }

    /// `http.response.content_type.media_type`: the lowercased `Content-Type` response header up to `;`.
    public var responseMediaType: [UInt8] {
        if needs(.mediaType) {
            mediaTypeStorage.removeAll(keepingCapacity: true)
            if let value = responseHeaderMap.lookup(Array("content-type".utf8))?.first {
                let end = value.firstIndex(of: UInt8(ascii: ";")) ?? value.count
                var slice = value[..<end]
                while slice.last == 0x20 { slice = slice.dropLast() }
                while slice.first == 0x20 { slice = slice.dropFirst() }
                mediaTypeStorage += slice.map(ASCII.lowercased)
            }
        }
        return mediaTypeStorage
    }

    // MARK: Body and visitor

    /// `http.request.body.raw`: the body up to `RequestBody.fieldLimit` bytes (the request's own buffer when it is
    /// no longer).
    public var bodyRaw: [UInt8] {
        guard request.body.count > RequestBody.fieldLimit else { return request.body }
        if needs(.bodyPrefix) {
            bodyPrefixStorage.removeAll(keepingCapacity: true)
            bodyPrefixStorage += request.body.prefix(RequestBody.fieldLimit)
        }
        return bodyPrefixStorage
    }

    /// `http.request.body.size`: the recorded size of the whole body, else the recorded body's length.
    public var bodySize: Int64 {
        request.recordedBodySize >= 0 ? request.recordedBodySize : Int64(request.body.count)
    }

    /// `http.request.body.truncated`: whether the body is longer than the body fields read.
    public var bodyTruncated: Bool { bodySize > Int64(RequestBody.fieldLimit) }

    /// `http.request.body.form`: the fields of a URL-encoded form body (undecoded, case kept), empty unless the
    /// request's `Content-Type` is `application/x-www-form-urlencoded`.
    public var bodyForm: ByteMultiMap {
        buildFormIfNeeded()
        return formStorage
    }

    /// `http.request.body.form.names`.
    public var bodyFormNames: [[UInt8]] {
        buildFormIfNeeded()
        return formNamesStorage
    }

    /// `http.request.body.form.values`.
    public var bodyFormValues: [[UInt8]] {
        buildFormIfNeeded()
        return formValuesStorage
    }

    private func buildFormIfNeeded() {
        guard needs(.form) else { return }
        if !request.body.isEmpty, RequestBody.isForm(request.headers) {
            RequestParsing.queryArguments(
                bodyRaw, into: &formStorage, names: &formNamesStorage, values: &formValuesStorage)
        } else {
            formStorage.removeAll()
            formNamesStorage.removeAll(keepingCapacity: true)
            formValuesStorage.removeAll(keepingCapacity: true)
        }
    }

    /// `http.request.body.mime`: the media type detected from the body's first bytes (`RequestBody.mime`).
    public var bodyMime: [UInt8] {
        if needs(.bodyMime) { bodyMimeStorage = RequestBody.mime(request.body) }
        return bodyMimeStorage
    }

    /// `cf.unique_visitor_id`: the recorded visitor id, else one derived from the client IP and user agent
    /// (`RequestBody.derivedVisitorID`).
    public var uniqueVisitorID: [UInt8] {
        guard request.uniqueVisitorID.isEmpty else { return request.uniqueVisitorID }
        if needs(.visitorID) {
            RequestBody.derivedVisitorID(ip: request.ip, userAgent: userAgent, into: &visitorIDStorage)
        }
        return visitorIDStorage
    }

    /// `lookup_json_string(http.request.body.raw, key)`; nil when the body is not JSON or has no such string.
    public func bodyJSONString(_ key: [UInt8]) -> [UInt8]? {
        JSONPathLookup.string(in: bodyRaw, path: [.key(key)])
    }

    /// `lookup_json_integer(http.request.body.raw, key)`; nil when the body is not JSON or has no such integer.
    public func bodyJSONInteger(_ key: [UInt8]) -> Int64? {
        JSONPathLookup.integer(in: bodyRaw, path: [.key(key)])
    }

    // MARK: Case-mapped field values

    /// The ASCII lower- or uppercase of a field's value, computed once per request and cached by `slot`.
    func caseMapped(slot: Int, upper: Bool, _ read: (RequestContext) -> [UInt8]?) -> [UInt8] {
        let index = slot * 2 + (upper ? 1 : 0)
        if index >= caseCache.count {
            caseCache += [[UInt8]](repeating: [], count: index + 1 - caseCache.count)
            caseCacheGeneration += [UInt64](repeating: 0, count: index + 1 - caseCacheGeneration.count)
        }
        if caseCacheGeneration[index] != generation {
            let source = read(self) ?? []
            if upper {
                ByteOperations.uppercase(source, into: &caseCache[index])
            } else {
                ByteOperations.lowercase(source, into: &caseCache[index])
            }
            caseCacheGeneration[index] = generation
        }
        return caseCache[index]
    }
}
