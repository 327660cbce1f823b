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
