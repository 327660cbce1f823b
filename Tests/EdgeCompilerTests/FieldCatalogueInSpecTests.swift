import EdgeCompiler
import EdgeCore
import EdgeSpec
import Testing

/// Fields of Cloudflare's fields reference that the checker used to reject as unknown, each with the lowest plan
/// its entry names ("Pro or above", "Business or above", "Enterprise", "Enterprise add-on") and an expression
/// reading it. Checked in a WAF custom rule of a whole spec.
private let documentedFields: [(expression: String, plan: String)] = [
    ("cf.worker.upstream_zone eq \"example.net\"", "free"),
    ("cf.bot_management.static_resource", "enterprise"),
    ("cf.bot_management.js_detection.passed", "enterprise"),
    ("any(cf.bot_management.detection_ids[*] eq 33554817)", "enterprise"),
    ("cf.bot_management.corporate_proxy", "enterprise"),
    ("cf.bot_management.signed_agent", "enterprise"),
    ("cf.tls_client_auth.cert_verified", "free"),
    ("cf.tls_client_auth.cert_revoked", "free"),
    ("cf.tls_client_auth.cert_subject_dn eq \"CN=a\"", "free"),
    ("cf.tls_client_auth.cert_fingerprint_sha256 eq \"af36\"", "free"),
    ("any(http.request.jwt.claims.sub[\"token\"][*] eq \"alice\")", "enterprise"),
    ("any(http.request.jwt.claims.aud.values[*] eq \"api\")", "enterprise"),
    ("any(http.request.jwt.claims.iat.sec.values[*] gt 1700000000)", "enterprise"),
    ("any(raw.http.request.uri.args.names[*] eq \"q\")", "free"),
    ("cf.tls_cipher eq \"AES128-SHA256\"", "free"),
    ("cf.tls_version eq \"TLSv1.2\"", "free"),
    ("cf.tls_client_hello_length gt 508", "free"),
    ("cf.tls_ciphers_sha1 eq \"GXSPDLP4G3X+prK73a4wBuOaHRc=\"", "free"),
    ("cf.edge.server_port eq 8443", "free"),
    ("cf.edge.server_ip in {198.51.100.0/24}", "free"),
    ("cf.edge.client_tcp", "free"),
    ("cf.edge.l4.delivery_rate lt 100000", "free"),
    ("cf.timings.origin_ttfb_msec gt 2000", "free"),
    ("cf.ray_id eq \"8c3f\"", "free"),
    ("cf.threat_score gt 10", "free"),
    ("ip.src.lat eq \"37.78044\"", "free"),
    ("ip.src.postal_code eq \"78701\"", "free"),
    ("ip.src.metro_code eq \"635\"", "free"),
    ("ip.src.region eq \"Texas\"", "free"),
    ("ip.src.subdivision_1_iso_code eq \"GB-ENG\"", "business"),
    ("ip.src.is_in_european_union", "business"),
    ("cf.waf.score lt 20", "enterprise"),
    ("cf.waf.score.sqli lt 20", "enterprise"),
    ("cf.waf.score.class eq \"attack\"", "business"),
    ("cf.waf.credential_check.username_and_password_leaked", "pro"),
    ("cf.waf.credential_check.password_leaked", "free"),
    ("cf.waf.auth_detected", "enterprise"),
    ("cf.waf.content_scan.has_malicious_obj", "enterprise"),
    ("any(cf.waf.content_scan.obj_sizes[*] gt 512000)", "enterprise"),
    ("cf.llm.prompt.injection_score lt 20", "enterprise"),
    ("cf.api_gateway.auth_id_present", "enterprise"),
    ("cf.api_gateway.request_violates_schema", "free"),
    ("cf.client.bot", "free"),
    ("ssl", "free"),
    ("http.request.timestamp.sec gt 1484063137", "free"),
]

private let plans = ["free", "pro", "business", "enterprise"]

private func errors(_ text: String) -> [Diagnostic] {
    let diagnostics = DiagnosticCollector()
    if let checked = SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics) {
        _ = EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics)
    }
    return diagnostics.diagnostics.filter { $0.severity == .error }
}

private func wafSpec(_ expression: String, plan: String) -> String {
    "version: 1\nzone:\n  name: example.com\n  plan: \(plan)\nwaf:\n  - id: r\n    when: '\(expression)'\n"
        + "    action: block\n"
}

@Test("each documented field checks clean from its plan and is refused one plan below", arguments: documentedFields)
func documentedFieldIsGatedByItsPlan(expression: String, plan: String) throws {
    let found = errors(wafSpec(expression, plan: plan))
    #expect(found.isEmpty, "\(expression) on \(plan): \(found.map { "\($0.id) \($0.message)" })")
    let index = try #require(plans.firstIndex(of: plan))
    guard index > 0 else { return }
    let below = errors(wafSpec(expression, plan: plans[index - 1]))
    #expect(below.map(\.id) == ["E0621"], "\(expression) on \(plans[index - 1]): \(below.map(\.message))")
}

@Test func bundledAddOnsAreNamedInThePlanError() {
    let found = errors(wafSpec("cf.bot_management.score lt 30", plan: "business"))
    #expect(
        found.map(\.message) == [
            "`cf.bot_management.score` needs the enterprise plan or higher, with Bot Management "
                + "(zone plan: business)"
        ])
}

/// The availability table: custom counting expressions from Business, reading "All rule expression fields, Response
/// code, Response headers".
@Test(arguments: [
    "http.response.code eq 401", "any(http.response.headers[\"x-login\"][*] eq \"failed\")",
    "any(raw.http.response.headers.names[*] eq \"x-login\")", "http.response.content_type.media_type eq \"text/html\"",
])
func businessMayCountOnResponseCodeAndHeaders(counting: String) {
    let spec =
        "version: 1\nzone:\n  name: example.com\n  plan: business\nrate_limits:\n  - id: r\n"
        + "    when: http.request.uri.path eq \"/login\"\n    counting_when: '\(counting)'\n    requests: 10\n"
        + "    period: 1m\n    action: block\n"
    let found = errors(spec)
    #expect(found.isEmpty, "\(found.map { "\($0.id) \($0.message)" })")
}

@Test(arguments: [
    ("http.request.accepted_languages[0] eq \"fr\"", "Transform Rules"),
    ("ip.src.timezone.name eq \"America/Chicago\"", "rewrite expressions of Transform Rules"),
    ("cf.response.1xxx_code eq 1020", "Response Header Transform Rules and Custom Errors"),
])
func fieldsOfOtherProductsSayWhereTheyBelong(expression: String, product: String) {
    let found = errors(wafSpec(expression, plan: "enterprise"))
    #expect(found.map(\.id) == ["E0620"])
    #expect(found.first?.message.contains("available only in \(product)") == true, "\(found.map(\.message))")
}

@Test func aDocumentedFieldOfAnUnmodelledTypeIsRefusedForThatReason() {
    let found = errors(wafSpec("http.request.jwt.claims.iat.sec[\"t\"][0] gt 1", plan: "enterprise"))
    #expect(found.map(\.id) == ["E0618"])
    #expect(found.first?.message.contains("Map<Array<Int>>") == true)
}
