import EdgeCore
import Testing

@testable import CloudflareAPI

private let token = "tok-0a9b8c7d6e5f40312233"

/// Answers exchanges from a script, in order, and keeps what was sent.
private final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    enum Step {
        case answer(Int, String, retryAfter: String? = nil)
        case fail(TransportFailure)
    }
    var steps: [Step]
    var sent: [HTTPExchange] = []

    init(_ steps: [Step]) { self.steps = steps }

    func send(_ exchange: HTTPExchange, sink: (Int, UnsafeRawBufferPointer) -> String?) throws(TransportFailure)
        -> HTTPAnswer
    {
        sent.append(exchange)
        switch steps.removeFirst() {
        case let .fail(failure): throw failure
        case let .answer(status, body, retryAfter):
            let bytes = Array(body.utf8)
            if let stop = bytes.withUnsafeBytes({ sink(status, $0) }) { throw .stopped(stop) }
            return HTTPAnswer(status: status, retryAfter: retryAfter)
        }
    }
}

/// Collects the waits and notes a client makes.
private final class Recorder: @unchecked Sendable {
    var waits: [Double] = []
    var notes: [String] = []
}

private func client(_ transport: ScriptedTransport, _ recorder: Recorder, attempts: Int = 5) throws
    -> CloudflareClient
{
    CloudflareClient(
        configuration: try APIConfiguration.fromEnvironment(["CLOUDFLARE_API_TOKEN": token]),
        transport: transport, retry: RetryPolicy(attempts: attempts),
        sleep: { recorder.waits.append($0) }, note: { recorder.notes.append($0) })
}

private let zones =
    #"{"success":true,"errors":[],"result":[{"id":"0123456789abcdef0123456789abcdef","name":"a.example","#
    + #""plan":{"legacy_id":"pro"}}]}"#

@Test func rateLimitedAndFailingAnswersAreRetriedAsTheServerAsks() throws {
    let transport = ScriptedTransport([
        .answer(429, #"{"success":false,"errors":[{"code":10429,"message":"slow down"}]}"#, retryAfter: "7"),
        .answer(502, "<html>bad gateway</html>"),
        .fail(.network("Connection refused")),
        .answer(200, zones),
    ])
    let recorder = Recorder()
    let zone = try client(transport, recorder).zone("a.example")
    #expect(zone == CloudflareZone(id: "0123456789abcdef0123456789abcdef", name: "a.example", plan: "pro"))
    #expect(recorder.waits == [7, 2, 4])
    #expect(recorder.notes.first == "GET /zones: HTTP 429; trying again in 7 s")
    #expect(
        transport.sent.map(\.url)
            == Array(repeating: "https://api.cloudflare.com/client/v4/zones?name=a.example", count: 4))
    #expect(transport.sent[0].headers.contains("Authorization: Bearer \(token)"))
}

@Test func aFailureThatPersistsNamesTheRequestAndCloudflaresErrors() throws {
    let answer = #"{"success":false,"errors":[{"code":1001,"message":"busy"},{"code":1002,"message":"very busy"}]}"#
    let transport = ScriptedTransport(Array(repeating: .answer(500, answer), count: 3))
    let recorder = Recorder()
    #expect {
        try client(transport, recorder, attempts: 3).get("/zones/abc?page=2")
    } throws: { error in
        guard let failure = error as? APIFailure else { return false }
        return failure.kind == .rejected(status: 500) && failure.request == "GET /zones/abc"
            && failure.description == "GET /zones/abc: 1001: busy\nGET /zones/abc: 1002: very busy"
    }
    #expect(transport.sent.count == 3)
}

@Test func aRefusedTokenIsAnAuthenticationFailureAndEchoesAreRedacted() throws {
    let answer =
        #"{"success":false,"errors":[{"code":10000,"message":"Authentication error for Bearer "#
        + token + #""}]}"#
    let transport = ScriptedTransport([.answer(403, answer)])
    #expect {
        try client(transport, Recorder()).get("/zones")
    } throws: { error in
        guard let failure = error as? APIFailure else { return false }
        return failure.kind == .authentication && !failure.description.contains(token)
            && failure.description.contains("[token]") && failure.description.contains("CLOUDFLARE_API_TOKEN")
    }
    #expect(transport.sent.count == 1)
}

@Test func permanentTransportFailuresAreNotRetried() throws {
    let transport = ScriptedTransport([.fail(.permanent("SSL certificate problem: self-signed certificate"))])
    let recorder = Recorder()
    #expect {
        try client(transport, recorder).get("/zones")
    } throws: { error in
        (error as? APIFailure)?.kind == .network
    }
    #expect(recorder.waits.isEmpty)
}

@Test func answersThatAreNotTheEnvelopeAreMalformed() throws {
    for body in ["not json", #"{"success":false}"#, #"{"result":[]}"#] {
        let transport = ScriptedTransport([.answer(200, body)])
        #expect(throws: APIFailure.self) { try client(transport, Recorder()).get("/zones") }
    }
    let transport = ScriptedTransport([.answer(200, "{\"result\": [}")])
    #expect {
        try client(transport, Recorder()).get("/zones")
    } throws: { error in
        (error as? APIFailure)?.kind == .malformed
    }
}

@Test func aPhaseWithoutAnEntrypointIsEmptyAndOtherNotFoundsAreErrors() throws {
    let zone = "0123456789abcdef0123456789abcdef"
    let missing = #"{"success":false,"errors":[{"code":10003,"message":"could not find entrypoint ruleset"}]}"#
    let none = try client(ScriptedTransport([.answer(404, missing)]), Recorder()).entrypoint(
        zoneID: zone, phase: "http_ratelimit")
    #expect(none == nil)
    let ruleset = #"{"success":true,"errors":[],"result":{"id":"r","rules":[{"expression":"true"}]}}"#
    let found = try client(ScriptedTransport([.answer(200, ruleset)]), Recorder()).entrypoint(
        zoneID: zone, phase: "http_ratelimit")
    #expect(found?["rules"]?.arrayValue?.count == 1)
    let elsewhere = ScriptedTransport([
        .answer(404, #"{"success":false,"errors":[{"code":7003,"message":"No route"}]}"#)
    ])
    #expect(throws: APIFailure.self) {
        try client(elsewhere, Recorder()).entrypoint(zoneID: zone, phase: "http_ratelimit")
    }
}

@Test func zonesAreLookedUpByIDOrByEncodedName() throws {
    let byID = ScriptedTransport([
        .answer(200, #"{"success":true,"result":{"id":"0123456789abcdef0123456789abcdef","name":"a.example"}}"#)
    ])
    _ = try client(byID, Recorder()).zone("0123456789abcdef0123456789abcdef")
    #expect(byID.sent[0].url.hasSuffix("/zones/0123456789abcdef0123456789abcdef"))
    let byName = ScriptedTransport([.answer(200, #"{"success":true,"result":[]}"#)])
    #expect {
        try client(byName, Recorder()).zone("a b&c")
    } throws: { error in
        "\(error)".contains("no zone named 'a b&c'")
    }
    #expect(byName.sent[0].url.hasSuffix("/zones?name=a%20b%26c"))
}
