import EdgeWire
import Testing

@testable import RulesLanguage

/// One row of the URL normalization examples table: the path of the incoming URL and the path at Cloudflare's
/// network, for the Cloudflare normalization type with incoming URLs normalized (the default).
struct URLNormalizationExample: Sendable, CustomTestStringConvertible {
    let incoming: String
    let atCloudflare: String
    let source: CloudflareSource

    var testDescription: String { "\(incoming) → \(atCloudflare)" }
}

private let examples = CloudflareSource(
    page: "https://developers.cloudflare.com/rules/normalization/examples/",
    part: "table rows with Normalization type (any) or Cloudflare and Normalize incoming URLs On", read: "2026-12-02")

/// The table's rows for the default settings, with the host left out (normalization does not change it).
let urlNormalizationExamples: [URLNormalizationExample] = [
    .init(incoming: "/hello", atCloudflare: "/hello", source: examples),
    .init(incoming: "/%68ello", atCloudflare: "/hello", source: examples),
    .init(incoming: #"/%68ello//pa\th"#, atCloudflare: "/hello/pa/th", source: examples),
    .init(incoming: "/hello//../path", atCloudflare: "/path", source: examples),
    .init(incoming: #"/hello/\../path"#, atCloudflare: "/path", source: examples),
]

/// Rules see the normalized path in `http.request.uri.path` and the path as received in `raw.http.request.uri.path`
/// (`docs/cloudflare-semantics.md`, "URL normalization").
@Test(arguments: urlNormalizationExamples)
func urlNormalizationFollowsCloudflaresExamples(_ row: URLNormalizationExample) {
    let context = RequestContext(HTTPRequest(path: row.incoming))
    let normalized = FieldCatalogue.byName["http.request.uri.path"]?.renderedValue(in: context)
    let raw = FieldCatalogue.byName["raw.http.request.uri.path"]?.renderedValue(in: context)
    #expect(normalized == quoted(row.atCloudflare), "\(row.source)")
    #expect(raw == quoted(row.incoming), "\(row.source)")
    #expect(
        String(decoding: URLNormalizer.normalize(path: Array(row.incoming.utf8)), as: UTF8.self) == row.atCloudflare)
}

/// `value` as the field catalogue renders a string, in Rules-language string syntax.
private func quoted(_ value: String) -> String { CanonicalPrinter.string(Array(value.utf8)) }
