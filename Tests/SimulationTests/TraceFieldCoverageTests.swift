import RulesLanguage
import Testing
import Traces

@testable import Simulation

private func records(_ text: String, format: TraceFormat = .native) throws -> [TraceRecord] {
    let reader = TraceReader(bytes: Array(text.utf8), name: "coverage", format: format)
    var records: [TraceRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

@Test func aCombinedLogSuppliesNoHostCountryOrScore() throws {
    var coverage = TraceFieldCoverage(reading: [
        "http.host", "ip.src", "http.user_agent", "ip.src.country", "cf.bot_management.score", "http.request.method",
        "cf.edge.server_port",
    ])
    for record in try records(
        #"192.0.2.1 - - [10/Oct/2025:13:55:36 +0000] "GET /a HTTP/1.1" 200 2326 "-" "curl/8.0""# + "\n",
        format: .combined)
    {
        coverage.note(record)
    }
    #expect(
        coverage.unsupplied == [
            UnsuppliedField(name: "cf.bot_management.score", reads: "0"),
            UnsuppliedField(name: "cf.edge.server_port", reads: "443"),
            UnsuppliedField(name: "http.host", reads: #""""#),
            UnsuppliedField(name: "ip.src.country", reads: #""""#),
        ])
}

@Test func oneRecordWithTheKeyIsEnough() throws {
    var coverage = TraceFieldCoverage(reading: ["ip.src.city", "http.request.headers", "http.response.code"])
    let lines = [
        #"{"ts": 1, "path": "/"}"#, #"{"ts": 2, "city": "Lyon"}"#, #"{"ts": 3, "headers": {"accept": "*/*"}}"#,
    ]
    for record in try records(lines.joined(separator: "\n")) { coverage.note(record) }
    #expect(coverage.unsupplied == [UnsuppliedField(name: "http.response.code", reads: "0")])
    #expect(coverage.unsupplied.first?.message == "`http.response.code` is not in the trace; every request reads 0")
}

@Test func fieldsNoTraceCarriesAreAlwaysReportedAndUnknownNamesIgnored() {
    let coverage = TraceFieldCoverage(reading: ["cf.tls_version", "http.request.timestamp.sec", "not.a.field"])
    #expect(coverage.unsupplied == [UnsuppliedField(name: "cf.tls_version", reads: #""""#)])
}

/// A native record with every key supplies every field computed from trace inputs, so no input bit is left without a
/// key that sets it; only the fields no trace carries remain.
@Test func aRecordWithEveryKeySuppliesEveryFieldWithInputs() throws {
    let line =
        #"{"ts": 1766239200, "ip": "192.0.2.1", "method": "POST", "scheme": "https", "host": "example.com", "#
        + #""path": "/a", "query": "b=1", "headers": {"x-a": "1"}, "ua": "curl", "referer": "https://r/", "#
        + #""cookie": "c=1", "country": "DE", "asn": 3320, "colo": "FRA", "ssl": true, "port": 443, "#
        + #""version": "HTTP/2", "bot": false, "bot_score": 40, "threat_score": 0, "continent": "EU", "#
        + #""city": "Berlin", "region_code": "BE", "verified_bot_category": "", "waf_score": 80, "ray_id": "8c", "#
        + #""ja3_hash": "e7d705a3", "ja4": "t13d1516h2", "body": "a=1", "#
        + #""status": 200, "cache_control": "max-age=60", "content_type": "text/html"}"#
    var coverage = TraceFieldCoverage(reading: FieldCatalogue.all.map(\.name))
    for record in try records(line) { coverage.note(record) }
    let expected = FieldCatalogue.all.filter { $0.inputs.isEmpty }.map(\.name).sorted()
    #expect(coverage.unsupplied.map(\.name) == expected)
    #expect(!expected.contains("cf.bot_management.score") && expected.contains("cf.tls_version"))
}
