import EdgeCore
import EdgeWire
import Testing

@testable import RulesLanguage

private let read = "2026-12-02"
private let fieldsIndex = "https://developers.cloudflare.com/ruleset-engine/rules-language/fields/reference/"

private func source(_ field: String, _ part: String) -> CloudflareSource {
    CloudflareSource(page: fieldsIndex + field + "/", part: part, read: read)
}

/// One entry of the fields reference: its name, its `data_type` and its plan label, as the page gives them.
struct ReferenceEntry: Sendable, CustomStringConvertible {
    let name: String
    let dataType: String
    let planLabel: String?
    var description: String { name }
}

/// Entries transcribed from the fields reference (the `data_type` and plan label of each page).
private let entries: [ReferenceEntry] = [
    ("http.cookie", "String", nil), ("http.host", "String", nil), ("http.referer", "String", nil),
    ("http.request.full_uri", "String", nil), ("http.request.method", "String", nil),
    ("http.request.cookies", "Map<Array<String>>", "Pro or above"),
    ("http.request.timestamp.sec", "Integer", nil), ("http.request.timestamp.msec", "Integer", nil),
    ("http.request.uri", "String", nil), ("http.request.uri.path", "String", nil),
    ("http.request.uri.path.extension", "String", nil), ("http.request.uri.query", "String", nil),
    ("http.user_agent", "String", nil), ("http.request.version", "String", nil),
    ("http.x_forwarded_for", "String", nil), ("ip.src", "IP address", nil), ("ip.src.lat", "String", nil),
    ("ip.src.lon", "String", nil), ("ip.src.city", "String", nil), ("ip.src.postal_code", "String", nil),
    ("ip.src.metro_code", "String", nil), ("ip.src.region", "String", nil), ("ip.src.region_code", "String", nil),
    ("ip.src.asnum", "Number", nil), ("ip.src.continent", "String", nil), ("ip.src.country", "String", nil),
    ("ip.src.subdivision_1_iso_code", "String", "Business or above"),
    ("ip.src.subdivision_2_iso_code", "String", "Business or above"),
    ("ip.src.is_in_european_union", "Boolean", "Business or above"),
    ("raw.http.request.full_uri", "String", nil), ("raw.http.request.uri", "String", nil),
    ("raw.http.request.uri.path", "String", nil), ("raw.http.request.uri.path.extension", "String", nil),
    ("raw.http.request.uri.query", "String", nil), ("raw.http.response.headers", "Map<Array<String>>", nil),
    ("raw.http.response.headers.names", "Array<String>", nil),
    ("raw.http.response.headers.values", "Array<String>", nil), ("ssl", "Boolean", nil),
    ("cf.api_gateway.auth_id_present", "Boolean", "Enterprise add-on"),
    ("cf.api_gateway.request_violates_schema", "Boolean", nil),
    ("cf.schema_validation.learned.violated", "Boolean", nil),
    ("cf.schema_validation.uploaded.violated", "Boolean", nil), ("cf.api_gateway.fallthrough_detected", "Boolean", nil),
    ("cf.bot_management.verified_bot", "Boolean", "Enterprise add-on"), ("cf.verified_bot_category", "String", nil),
    ("cf.bot_management.score", "Number", "Enterprise add-on"),
    ("cf.bot_management.static_resource", "Boolean", "Enterprise add-on"),
    ("cf.bot_management.js_detection.passed", "Boolean", "Enterprise add-on"),
    ("cf.bot_management.detection_ids", "Array<Number>", "Enterprise add-on"), ("cf.client.bot", "Boolean", nil),
    ("cf.bot_management.corporate_proxy", "Boolean", "Enterprise add-on"),
    ("cf.bot_management.signed_agent", "Boolean", "Enterprise add-on"), ("cf.edge.server_ip", "IP address", nil),
    ("cf.edge.server_port", "Number", nil), ("cf.hostname.metadata", "String", nil), ("cf.ray_id", "String", nil),
    ("cf.threat_score", "Number", nil), ("cf.tls_cipher", "String", nil),
    ("cf.tls_client_auth.cert_revoked", "Boolean", nil), ("cf.tls_client_auth.cert_verified", "Boolean", nil),
    ("cf.tls_client_auth.cert_presented", "Boolean", nil), ("cf.tls_client_auth.cert_issuer_dn", "String", nil),
    ("cf.tls_client_auth.cert_subject_dn", "String", nil), ("cf.tls_client_auth.cert_issuer_dn_rfc2253", "String", nil),
    ("cf.tls_client_auth.cert_subject_dn_rfc2253", "String", nil),
    ("cf.tls_client_auth.cert_issuer_dn_legacy", "String", nil),
    ("cf.tls_client_auth.cert_subject_dn_legacy", "String", nil), ("cf.tls_client_auth.cert_serial", "String", nil),
    ("cf.tls_client_auth.cert_issuer_serial", "String", nil),
    ("cf.tls_client_auth.cert_fingerprint_sha256", "String", nil),
    ("cf.tls_client_auth.cert_fingerprint_sha1", "String", nil), ("cf.tls_client_auth.cert_not_before", "String", nil),
    ("cf.tls_client_auth.cert_not_after", "String", nil), ("cf.tls_client_auth.cert_ski", "String", nil),
    ("cf.tls_client_auth.cert_issuer_ski", "String", nil), ("cf.tls_client_auth.cert_rfc9440", "String", nil),
    ("cf.tls_client_auth.cert_rfc9440_too_large", "Boolean", nil),
    ("cf.tls_client_auth.cert_chain_rfc9440", "String", nil),
    ("cf.tls_client_auth.cert_chain_rfc9440_too_large", "Boolean", nil),
    ("cf.tls_client_extensions_sha1", "String", nil), ("cf.tls_client_extensions_sha1_le", "String", nil),
    ("cf.tls_ciphers_sha1", "String", nil), ("cf.tls_client_hello_length", "Number", nil),
    ("cf.tls_client_random", "String", nil), ("cf.tls_version", "String", nil), ("cf.edge.client_tcp", "Boolean", nil),
    ("cf.edge.l4.delivery_rate", "Integer", nil), ("cf.timings.client_tcp_rtt_msec", "Number", nil),
    ("cf.timings.client_quic_rtt_msec", "Integer", nil), ("cf.timings.edge_msec", "Integer", nil),
    ("cf.timings.origin_ttfb_msec", "Integer", nil), ("cf.timings.worker_msec", "Integer", nil),
    ("cf.waf.content_scan.has_obj", "Boolean", "Enterprise add-on"),
    ("cf.waf.content_scan.has_malicious_obj", "Boolean", "Enterprise add-on"),
    ("cf.waf.content_scan.num_malicious_obj", "Integer", "Enterprise add-on"),
    ("cf.waf.content_scan.has_failed", "Boolean", "Enterprise add-on"),
    ("cf.waf.content_scan.num_obj", "Integer", "Enterprise add-on"),
    ("cf.waf.content_scan.obj_sizes", "Array<Integer>", "Enterprise add-on"),
    ("cf.waf.content_scan.obj_types", "Array<String>", "Enterprise add-on"),
    ("cf.waf.content_scan.obj_results", "Array<String>", "Enterprise add-on"),
    ("cf.waf.score", "Number", "Enterprise"), ("cf.waf.score.sqli", "Number", "Enterprise"),
    ("cf.waf.score.xss", "Number", "Enterprise"), ("cf.waf.score.rce", "Number", "Enterprise"),
    ("cf.waf.score.class", "String", "Business or above"), ("cf.waf.auth_detected", "Boolean", "Enterprise"),
    ("cf.waf.credential_check.password_leaked", "Boolean", nil),
    ("cf.waf.credential_check.username_leaked", "Boolean", "Enterprise"),
    ("cf.waf.credential_check.username_and_password_leaked", "Boolean", "Pro or above"),
    ("cf.waf.credential_check.username_password_similar", "Boolean", "Enterprise"),
    ("cf.llm.prompt.detected", "Boolean", "Enterprise"), ("cf.llm.prompt.pii_detected", "Boolean", "Enterprise"),
    ("cf.llm.prompt.pii_categories", "Array<String>", "Enterprise"),
    ("cf.llm.prompt.unsafe_topic_detected", "Boolean", "Enterprise"),
    ("cf.llm.prompt.unsafe_topic_categories", "Array<String>", "Enterprise"),
    ("cf.llm.prompt.injection_score", "Number", "Enterprise"), ("cf.llm.prompt.token_count", "Number", "Enterprise"),
    ("cf.worker.upstream_zone", "String", nil),
    ("http.request.jwt.claims.aud", "Map<Array<String>>", "Enterprise add-on"),
    ("http.request.jwt.claims.aud.names", "Array<String>", "Enterprise add-on"),
    ("http.request.jwt.claims.aud.values", "Array<String>", "Enterprise add-on"),
    ("http.request.jwt.claims.iat.sec.names", "Array<String>", "Enterprise add-on"),
    ("http.request.jwt.claims.iat.sec.values", "Array<Integer>", "Enterprise add-on"),
    ("http.request.jwt.claims.iss", "Map<Array<String>>", "Enterprise add-on"),
    ("http.request.jwt.claims.jti", "Map<Array<String>>", "Enterprise add-on"),
    ("http.request.jwt.claims.nbf.sec.values", "Array<Integer>", "Enterprise add-on"),
    ("http.request.jwt.claims.sub", "Map<Array<String>>", "Enterprise add-on"),
    ("http.request.jwt.claims.sub.values", "Array<String>", "Enterprise add-on"),
    ("http.request.uri.args", "Map<Array<String>>", nil), ("http.request.uri.args.names", "Array<String>", nil),
    ("http.request.uri.args.values", "Array<String>", nil), ("raw.http.request.uri.args", "Map<Array<String>>", nil),
    ("raw.http.request.uri.args.names", "Array<String>", nil),
    ("raw.http.request.uri.args.values", "Array<String>", nil),
    ("http.request.headers", "Map<Array<String>>", nil), ("http.request.headers.names", "Array<String>", nil),
    ("http.request.headers.values", "Array<String>", nil), ("http.request.headers.truncated", "Boolean", nil),
    ("http.request.accepted_languages", "Array<String>", nil), ("http.response.code", "Integer", nil),
    ("http.response.headers", "Map<Array<String>>", nil), ("http.response.headers.names", "Array<String>", nil),
    ("http.response.headers.values", "Array<String>", nil), ("http.response.content_type.media_type", "String", nil),
    ("cf.response.1xxx_code", "Integer", nil), ("cf.response.error_type", "String", nil),
].map { ReferenceEntry(name: $0.0, dataType: $0.1, planLabel: $0.2) }

/// The reference's type names in the checker's vocabulary (String is Bytes; Number and Integer are Int).
private func ruleType(_ dataType: String) -> RuleType? {
    switch dataType {
    case "String": .bytes
    case "Number", "Integer": .int
    case "Boolean": .bool
    case "IP address": .ip
    case "Array<String>": .array(.bytes)
    case "Array<Number>", "Array<Integer>": .array(.int)
    case "Map<Array<String>>": .map(.array(.bytes))
    default: nil
    }
}

/// The lowest plan a label names; "Enterprise add-on" is Enterprise (the add-on is named in the diagnostic).
private func plan(_ label: String?) -> CloudflarePlan {
    switch label {
    case "Pro or above": .pro
    case "Business or above": .business
    case "Enterprise", "Enterprise add-on": .enterprise
    default: .free
    }
}

@Suite("Fields reference")
struct FieldReferenceConformanceTests {
    @Test("each field has the page's type and plan", arguments: entries)
    func typeAndPlan(_ entry: ReferenceEntry) throws {
        let origin = source(entry.name, "data type and plan label")
        let field = try #require(FieldCatalogue.byName[entry.name], "\(origin)")
        #expect(field.type == ruleType(entry.dataType), "\(origin)")
        #expect(field.minimumPlan == plan(entry.planLabel), "\(origin)")
    }

    /// The example table of `http.request.uri.path.extension`.
    @Test(
        "path extension example table",
        arguments: [
            ("/foo", ""), ("/foo.mp3", "mp3"), ("/.mp3", ""), ("/.foo.mp3", "mp3"), ("/foo.tar.bz2", "bz2"),
            ("/foo.", ""), ("/foo.MP3", "mp3"), ("/articles/index.html", "html"), ("/articles/index.", ""),
        ])
    func pathExtension(path: String, expected: String) {
        let origin = source("http.request.uri.path.extension", "Example values")
        let value = FieldCatalogue.byName["http.request.uri.path.extension"]?.renderedValue(
            in: RequestContext(HTTPRequest(path: path)))
        #expect(value == "\"\(expected)\"", "\(origin)")
    }

    /// The example table of `http.response.content_type.media_type`.
    @Test(
        "media type example table",
        arguments: [
            ("text/html", "text/html"), ("text/html; charset=utf-8", "text/html"),
            ("text/html+extra", "text/html+extra"), ("text/html+extra; charset=utf-8", "text/html+extra"),
            ("text/HTML", "text/html"), ("text/html; charset=utf-8; other=value", "text/html"),
        ])
    func mediaType(header: String, expected: String) {
        let origin = source("http.response.content_type.media_type", "Example values")
        var request = HTTPRequest()
        request.responseHeaders = [HTTPHeader("Content-Type", header)]
        let value = FieldCatalogue.byName["http.response.content_type.media_type"]?.renderedValue(
            in: RequestContext(request))
        #expect(value == "\"\(expected)\"", "\(origin)")
    }

    /// The country table of `ip.src.is_in_european_union`, and countries outside it.
    @Test(
        "European Union country table",
        arguments: [
            "AT", "AX", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GF", "GP", "GR", "HR", "HU", "IE",
            "IT", "LT", "LU", "LV", "MF", "MQ", "MT", "NL", "PL", "PT", "RE", "RO", "SE", "SI", "SK", "YT",
        ])
    func europeanUnion(country: String) {
        let origin = source("ip.src.is_in_european_union", "Countries in the EU (from geolocation data)")
        let field = FieldCatalogue.byName["ip.src.is_in_european_union"]
        #expect(field?.renderedValue(in: RequestContext(HTTPRequest(country: country))) == "true", "\(origin)")
        for outside in ["GB", "CH", "NO", "US", ""] {
            #expect(field?.renderedValue(in: RequestContext(HTTPRequest(country: outside))) == "false", "\(origin)")
        }
    }

    /// Values the pages give for a request that does not have what the field describes.
    @Test(
        "documented values when there is nothing to report",
        arguments: [
            ("cf.tls_client_auth.cert_verified", "false", "defaults to false if the connection does not use mTLS"),
            ("cf.tls_client_auth.cert_subject_dn", "\"\"", "defaults to \"\" if the connection does not use mTLS"),
            ("cf.tls_client_auth.cert_rfc9440", "\"\"", "returns \"\" if no client certificate was presented"),
            ("cf.edge.l4.delivery_rate", "0", "returns 0 when L4 statistics are not available"),
            ("cf.timings.worker_msec", "0", "0 if the request did not invoke a Worker"),
            ("cf.timings.origin_ttfb_msec", "0", "0 if served from cache and the origin was not reached"),
            ("cf.waf.score", "100", "the special score 100 indicates that Cloudflare did not score the request"),
            ("cf.llm.prompt.injection_score", "100", "the special score 100 indicates the request was not scored"),
            ("cf.worker.upstream_zone", "\"\"", "empty when the request does not come from a Worker"),
            ("cf.threat_score", "0", "the threat score is always 0"),
            ("ip.src.subdivision_1_iso_code", "\"\"", "an empty string when the value is not available"),
        ])
    func documentedDefaults(field name: String, expected: String, part: String) {
        let origin = source(name, part)
        let value = FieldCatalogue.byName[name]?.renderedValue(in: RequestContext(HTTPRequest()))
        #expect(value == expected, "\(origin)")
    }

    /// "Not computed: bot scores of 0" (Bots › Concepts › Bot scores, "Bot groupings").
    @Test func botScoreNotComputedIsZero() {
        let origin = CloudflareSource(
            page: "https://developers.cloudflare.com/bots/concepts/bot-score/", part: "Bot groupings", read: read)
        let value = FieldCatalogue.byName["cf.bot_management.score"]?.renderedValue(in: RequestContext(HTTPRequest()))
        #expect(value == "0", "\(origin)")
    }

    /// The pages' example expressions parse clean on Enterprise in the context they belong to.
    @Test(
        "example expressions",
        arguments: [
            ("http.request.cookies", #"any(http.request.cookies["app"][*] == "test")"#, RuleContext.custom),
            ("cf.bot_management.detection_ids", "any(cf.bot_management.detection_ids[*] eq 33554817)", .custom),
            (
                "cf.bot_management.corporate_proxy",
                "not cf.bot_management.verified_bot and not cf.bot_management.static_resource "
                    + "and not cf.bot_management.corporate_proxy and cf.bot_management.score lt 30", .custom
            ),
            ("cf.edge.l4.delivery_rate", "cf.edge.l4.delivery_rate < 100000", .custom),
            ("cf.timings.origin_ttfb_msec", "cf.timings.origin_ttfb_msec > 2000", .custom),
            (
                "cf.waf.content_scan.obj_results",
                #"any(cf.waf.content_scan.obj_results[*] in {"suspicious" "infected"}) and "#
                    + #"http.request.uri.path eq "/upload""#, .custom
            ),
            (
                "cf.llm.prompt.pii_categories",
                #"(cf.llm.prompt.pii_detected and any(cf.llm.prompt.pii_categories[*] in "#
                    + #"{"EMAIL_ADDRESS" "BANK_ACCOUNT"}))"#, .custom
            ),
            ("cf.llm.prompt.token_count", "(cf.llm.prompt.token_count gt 4000)", .custom),
            ("raw.http.response.headers", #"any(raw.http.response.headers["server"][*] == "nginx")"#, .counting),
            ("raw.http.response.headers.values", "any(len(raw.http.response.headers.values[*])[*] gt 10)", .counting),
            ("http.request.uri.args", #"any(http.request.uri.args["search"][*] == "red+apples")"#, .rateLimit),
        ])
    func exampleExpression(field: String, expression: String, context: RuleContext) {
        let origin = source(field, "example_block")
        let (parsed, diagnostics) = RulesParser.parse(
            expression, options: ParseOptions(plan: .enterprise, context: context))
        #expect(parsed != nil && diagnostics.isEmpty, "\(origin): \(diagnostics.map { "\($0.id) \($0.message)" })")
    }
}
