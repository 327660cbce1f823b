import EdgeCore
import EdgeWire
import Testing

@testable import RulesLanguage

/// How the body fields and the derived visitor id are computed
/// (`docs/decisions/0009-rate-limit-keys-and-request-bodies.md`).
@Suite("Request body fields")
struct RequestBodyFieldTests {
    private func context(body: [UInt8], headers: [(String, String)] = []) -> RequestContext {
        var request = HTTPRequest(headers: headers)
        request.body = body
        return RequestContext(request)
    }

    @Test(
        "the MIME type comes from the body's first bytes",
        arguments: [
            ([0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg"), ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
            (Array("GIF89a..".utf8), "image/gif"), (Array("RIFF\0\0\0\0WEBPVP8 ".utf8), "image/webp"),
            (Array("%PDF-1.7".utf8), "application/pdf"), ([0x50, 0x4B, 0x03, 0x04], "application/zip"),
            ([0x1F, 0x8B, 0x08], "application/gzip"), (Array("  {\"a\":1}".utf8), "application/json"),
            (Array("[1,2]".utf8), "application/json"), (Array("<!doctype html>".utf8), "text/html"),
            (Array("<?xml version=\"1.0\"?>".utf8), "text/xml"), (Array("user=ada&x=1".utf8), "text/plain"),
            (Array("héllo".utf8), "text/plain"), ([0x00, 0x01, 0x02], "application/octet-stream"),
            ([UInt8](), ""),
        ] as [([UInt8], String)])
    func mime(body: [UInt8], expected: String) {
        #expect(String(decoding: context(body: body).bodyMime, as: UTF8.self) == expected)
    }

    @Test func aLongTextBodyCutInsideACharacterIsStillText() {
        let body = Array((String(repeating: "a", count: 511) + "é and more").utf8)
        #expect(String(decoding: context(body: body).bodyMime, as: UTF8.self) == "text/plain")
    }

    @Test func theFormIsReadOnlyForTheURLEncodedMediaTypeWithParameters() {
        let body = Array("a=1&a=2&b".utf8)
        let form = context(
            body: body, headers: [("Content-Type", " Application/X-WWW-Form-URLEncoded ; charset=utf-8")])
        #expect(form.bodyForm.lookup(Array("a".utf8)) == [Array("1".utf8), Array("2".utf8)])
        #expect(form.bodyForm.lookup(Array("b".utf8)) == [[]])
        #expect(form.bodyFormNames.count == 3)
        #expect(context(body: body, headers: [("Content-Type", "text/plain")]).bodyFormNames.isEmpty)
        #expect(context(body: body).bodyFormNames.isEmpty)
    }

    @Test func theDerivedVisitorIDIsStableAndSeparatesBrowsersBehindOneAddress() {
        func id(_ ip: String, _ agent: String?) -> String {
            var request = HTTPRequest(
                headers: agent.map { [("User-Agent", $0)] } ?? [], ip: IPAddress.parse(ip) ?? .zeroV4)
            request.timestampMilliseconds = 1
            return String(decoding: RequestContext(request).uniqueVisitorID, as: UTF8.self)
        }
        let first = id("198.51.100.7", "Browser/1")
        #expect(first.hasPrefix("v1-") && first.count == 19)
        #expect(first == id("198.51.100.7", "Browser/1"))
        #expect(first != id("198.51.100.7", "Browser/2"))
        #expect(first != id("198.51.100.8", "Browser/1"))
        #expect(id("198.51.100.7", nil) != id("::ffff:198.51.100.7", nil))
        var recorded = HTTPRequest()
        recorded.uniqueVisitorID = Array("cf-visitor".utf8)
        #expect(RequestContext(recorded).uniqueVisitorID == Array("cf-visitor".utf8))
    }
}
