import EdgeCore
import EdgeWire
import Testing

@testable import Traces

/// The request body keys of the native format (`docs/trace-format.md`, "Request bodies and visitor ids").
@Suite("Request bodies in traces")
struct RequestBodyTraceTests {
    @Test func base64BodiesAreDecodedWithOrWithoutPadding() throws {
        for (text, expected) in [
            ("", ""), ("YQ==", "a"), ("YQ", "a"), ("YWI=", "ab"), ("YWJj", "abc"), ("AP8A", "\0\u{FF}\0"),
        ] {
            let record = try TraceRecord.fromNativeJSON(#"{"body_b64":"\#(text)"}"#)
            let decoded = try #require(record.bytes(record.body))
            #expect(decoded == (expected == "\0\u{FF}\0" ? [0, 0xFF, 0] : Array(expected.utf8)), "\(text)")
        }
    }

    @Test(
        "a malformed body is an error at its place",
        arguments: [
            (
                #"{"body":"a","body_b64":"YQ=="}"#,
                "1:24: give the request body once, as body (text) or body_b64 (base64), not both"
            ),
            (
                #"{"body_b64":"YQ=*"}"#,
                "1:16: body_b64 is not base64: it holds a byte that is not base64 (write the bytes in standard base64, "
                    + "or the text as body)"
            ),
            (
                #"{"body_b64":"Y"}"#,
                "1:15: body_b64 is not base64: its length is not that of base64 text (write the bytes in standard "
                    + "base64, or the text as body)"
            ),
            (#"{"body_size":-1}"#, "1:14: body_size must be a number of bytes, 0 or more"),
            (
                #"{"body":"abcd","body_size":3}"#,
                "1:9: body_size 3 is smaller than the recorded body (4 bytes); give the whole body's size, or leave "
                    + "body_size out"
            ),
        ])
    func malformedBodies(text: String, message: String) {
        #expect(throws: TraceObjectError.self) { try TraceRecord.fromNativeJSON(text) }
        do {
            _ = try TraceRecord.fromNativeJSON(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func theWriterKeepsEveryBodyByteAndTheRecordedSize() throws {
        var builder = TraceRecordBuilder()
        builder.body = [0x00, 0xFF, 0x10, 0x41]
        builder.bodySize = 9000
        let binary = NativeTraceWriter.line(for: builder.build())
        #expect(binary == #"{"body_b64":"AP8QQQ==","body_size":9000}"#)
        let back = try TraceRecord.fromNativeJSON(binary)
        #expect(back.bytes(back.body) == [0x00, 0xFF, 0x10, 0x41] && back.bodySize == 9000)

        builder.body = Array("user=ada&x=\"1\"".utf8)
        builder.bodySize = nil
        let text = NativeTraceWriter.line(for: builder.build())
        #expect(text == #"{"body":"user=ada&x=\"1\""}"#)
        let again = try TraceRecord.fromNativeJSON(text)
        #expect(again.string(again.body) == "user=ada&x=\"1\"" && again.bodySize == nil)
    }

    @Test func fingerprintsAreReadFromLogpush() throws {
        let line = #"{"EdgeStartTimestamp":1766224800,"ClientIP":"203.0.113.7","JA3Hash":"e7d705a3","JA4":"t13d"}"#
        let (records, _) = try readAll(line, format: .logpush)
        let record = try #require(records.first)
        #expect(record.string(record.ja3Hash) == "e7d705a3" && record.string(record.ja4) == "t13d")
        #expect(NativeTraceWriter.line(for: record).contains(#""ja3_hash":"e7d705a3","ja4":"t13d""#))
    }
}
