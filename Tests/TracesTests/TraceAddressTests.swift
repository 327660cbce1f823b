import EdgeWire
import Testing

@testable import Traces

/// Trace readers read client addresses with the one address parser the Rules language uses, refusing what an edge
/// never logs: a leading-zero dotted-quad part (ambiguous, octal to some parsers) and a zone id.
@Test func ambiguousClientAddressesMakeTheLineMalformed() throws {
    for ip in ["1.1.1.01", "010.0.0.1", "::ffff:01.2.3.4", "fe80::1%eth0", " 1.2.3.4"] {
        let (records, reader) = try readAll(#"{"ip":"\#(ip)","path":"/p"}"#, format: .native)
        #expect(records.isEmpty, "\(ip)")
        #expect(
            diagnostics(reader, TraceDiagnosticID.malformedLine).first?.message
                == "ip is not an IPv4 or IPv6 address; line skipped", "\(ip)")
    }
    let (records, _) = try readAll(#"{"ip":"1.1.1.1","path":"/p"}"# + "\n" + #"{"ip":"2001:db8::7","path":"/p"}"#)
    #expect(records.map(\.ip) == [IPAddress(v4: 0x0101_0101), IPAddress.parse("2001:db8::7")])
}

@Test func logpushAndCombinedLogsRefuseTheSameAddresses() throws {
    let logpush = try readAll(
        #"{"ClientIP":"1.1.1.01","ClientRequestPath":"/p","EdgeStartTimestamp":1700000000}"#, format: .logpush)
    #expect(logpush.records.isEmpty)
    #expect(!diagnostics(logpush.reader, TraceDiagnosticID.malformedLine).isEmpty)
    let combined = try readAll(
        #"1.1.1.01 - - [20/Dec/2025:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl""#, format: .combined)
    #expect(combined.records.isEmpty)
    #expect(!diagnostics(combined.reader, TraceDiagnosticID.malformedLine).isEmpty)
}
