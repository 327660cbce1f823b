import RulesLanguage
import Traces

extension RequestInputs {
    /// The inputs among `wanted` that `record` carries. A replay asks only for the inputs no earlier record
    /// carried, so once every input the spec reads has been seen a record costs nothing here.
    static func carried(by record: TraceRecord, among wanted: RequestInputs) -> RequestInputs {
        var carried: RequestInputs = .timestamp
        func note(_ input: RequestInputs, _ present: @autoclosure () -> Bool) {
            if wanted.contains(input), present() { carried.insert(input) }
        }
        note(.ip, record.ip != nil)
        note(.method, record.method.isPresent)
        note(.scheme, record.scheme.isPresent)
        note(.host, record.host.isPresent)
        note(.path, record.path.isPresent)
        note(.query, record.query.isPresent)
        note(.headers, record.hasRequestHeaders)
        note(.userAgent, record.userAgent.isPresent)
        note(.referer, record.referer.isPresent)
        note(.cookie, record.cookie.isPresent)
        note(.country, record.country.isPresent)
        note(.asn, record.asn != nil)
        note(.colo, record.colo.isPresent)
        note(.ssl, record.ssl != nil)
        note(.port, record.port != nil)
        note(.version, record.version.isPresent)
        note(.bot, record.bot != nil)
        note(.botScore, record.botScore != nil)
        note(.threatScore, record.threatScore != nil)
        note(.continent, record.continent.isPresent)
        note(.city, record.city.isPresent)
        note(.regionCode, record.regionCode.isPresent)
        note(.verifiedBotCategory, record.verifiedBotCategory.isPresent)
        note(.wafScore, record.wafScore != nil)
        note(.rayID, record.rayID.isPresent)
        note(.responseStatus, record.status != nil)
        note(.responseHeaders, record.hasResponseHeaders)
        note(.contentType, record.contentType.isPresent)
        note(.ja3Hash, record.ja3Hash.isPresent)
        note(.ja4, record.ja4.isPresent)
        note(.body, record.body.isPresent || record.bodySize != nil)
        return carried
    }
}

extension TraceRecord {
    /// Whether the record has at least one request header (a shorthand key counts).
    fileprivate var hasRequestHeaders: Bool {
        var any = false
        forEachRequestHeader { _, _ in any = true }
        return any
    }

    /// Whether the record has at least one of the response headers a trace may carry.
    fileprivate var hasResponseHeaders: Bool {
        cacheControl.isPresent || expires.isPresent || etag.isPresent || lastModified.isPresent || age != nil
            || setCookie.isPresent || contentType.isPresent
    }
}
