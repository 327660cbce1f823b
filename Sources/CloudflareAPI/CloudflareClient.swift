import EdgeCore

/// The Cloudflare API calls EdgeProof makes, over an `HTTPTransport`: every answer is read as Cloudflare's
/// envelope (`success`, `result`, `errors[]`), `429` and `5xx` answers and network failures are retried under the
/// `RetryPolicy`, and nothing shown or thrown holds the token or a header.
public final class CloudflareClient: Sendable {
    /// The API and its token.
    public let configuration: APIConfiguration
    private let transport: any HTTPTransport
    private let retry: RetryPolicy
    private let sleep: @Sendable (Double) -> Void
    private let note: @Sendable (String) -> Void

    /// The largest answer read into memory (a ruleset or a page of a list).
    public static let maximumAnswerBytes = 64 << 20

    /// A client. `sleep` waits between tries (tests pass one that does not) and `note` hears each retry.
    public init(
        configuration: APIConfiguration, transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy(),
        sleep: @escaping @Sendable (Double) -> Void, note: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.retry = retry
        self.sleep = sleep
        self.note = note
    }

    /// An answer's status and its envelope (nil for an empty body).
    public struct Answer: Sendable {
        /// The HTTP status.
        public var status: Int
        /// The whole JSON answer.
        public var document: JSONValue?
        /// The envelope's `result`.
        public var result: JSONValue? { document?["result"] }
    }

    // MARK: - Calls

    /// `GET path` (relative to the base URL, query included), retried; throws unless the envelope says
    /// `success: true`, except for the statuses in `accepting`, which are returned as they are.
    public func get(_ path: String, accepting: Set<Int> = []) throws(APIFailure) -> Answer {
        try call("GET", path, body: nil, accepting: accepting)
    }

    /// `GET path` for an endpoint that answers plain JSON rather than the envelope (the Logpull field list),
    /// retried; the document of a `200` answer.
    public func getDocument(_ path: String) throws(APIFailure) -> JSONValue {
        try call("GET", path, body: nil, accepting: [], envelope: false).document ?? .null
    }

    /// `PUT path` with a JSON body, retried.
    public func put(_ path: String, body: JSONValue) throws(APIFailure) -> Answer {
        try call("PUT", path, body: Array(body.compact.utf8), accepting: [])
    }

    /// `GET path` whose answer, when it is `200`, streams to `receive` piece by piece (logs); `restart` runs before
    /// each try, so that what an earlier, failed try delivered can be dropped. Any other status is read as the
    /// envelope and thrown, after the retries.
    public func stream(
        _ path: String, accept: String, restart: () -> Void, receive: (UnsafeRawBufferPointer) -> String?
    ) throws(APIFailure) {
        var errorBody: [UInt8] = []
        let answer = try exchangeRetrying(
            "GET", path, body: nil, accept: accept,
            startTry: {
                restart()
                errorBody = []
            },
            sink: { status, piece in
                if status == 200 { return receive(piece) }
                if errorBody.count < 65_536 { errorBody.append(contentsOf: piece.prefix(65_536 - errorBody.count)) }
                return nil
            })
        guard answer.status == 200 else {
            throw failure(status: answer.status, body: errorBody, label: "GET " + Self.pathOnly(path))
        }
    }

    private func call(
        _ method: String, _ path: String, body: [UInt8]?, accepting: Set<Int>, envelope: Bool = true
    ) throws(APIFailure) -> Answer {
        let label = method + " " + Self.pathOnly(path)
        var received: [UInt8] = []
        let answer = try exchangeRetrying(
            method, path, body: body, accept: "application/json", startTry: { received = [] },
            sink: { _, bytes in
                guard received.count + bytes.count <= Self.maximumAnswerBytes else {
                    return "the answer is larger than \(Self.maximumAnswerBytes >> 20) MiB"
                }
                received.append(contentsOf: bytes)
                return nil
            })
        if accepting.contains(answer.status) {
            return Answer(status: answer.status, document: try? JSONDocumentReader.read(received))
        }
        guard (200...299).contains(answer.status) else {
            throw failure(status: answer.status, body: received, label: label)
        }
        let document: JSONValue
        do {
            document = try JSONDocumentReader.read(received)
        } catch {
            throw APIFailure(
                kind: .malformed, request: label, reasons: ["the answer (HTTP \(answer.status)) is not JSON: \(error)"])
        }
        guard !envelope || document["success"]?.boolValue == true else {
            throw failure(status: answer.status, body: received, label: label)
        }
        return Answer(status: answer.status, document: document)
    }

    /// Sends an exchange until it gets an answer not worth another try (429 and 5xx answers, dropped connections,
    /// cut answers and timeouts are retried under the policy) and returns it; `startTry` runs before each try and
    /// `sink` receives each try's body.
    private func exchangeRetrying(
        _ method: String, _ path: String, body: [UInt8]?, accept: String, startTry: () -> Void,
        sink: (Int, UnsafeRawBufferPointer) -> String?
    ) throws(APIFailure) -> HTTPAnswer {
        let label = method + " " + Self.pathOnly(path)
        var attempt = 1
        while true {
            startTry()
            let outcome: Result<HTTPAnswer, TransportFailure>
            do {
                outcome = .success(try transport.send(exchange(method, path, body: body, accept: accept), sink: sink))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case let .failure(problem):
                if case let .stopped(reason) = problem {
                    throw APIFailure(kind: .stopped, request: label, reasons: [reason])
                }
                if problem.isRetryable, let delay = retry.delay(after: attempt, retryAfter: nil) {
                    wait(delay, label, describe(problem))
                    attempt += 1
                    continue
                }
                throw APIFailure(kind: .network, request: label, reasons: [describe(problem)])
            case let .success(answer):
                if RetryPolicy.isRetryable(status: answer.status),
                    let delay = retry.delay(after: attempt, retryAfter: answer.retryAfter)
                {
                    wait(delay, label, "HTTP \(answer.status)")
                    attempt += 1
                    continue
                }
                return answer
            }
        }
    }

    // MARK: - Pieces

    private func exchange(_ method: String, _ path: String, body: [UInt8]?, accept: String) -> HTTPExchange {
        var headers = ["Authorization: Bearer \(configuration.token)", "Accept: \(accept)"]
        if body != nil { headers.append("Content-Type: application/json") }
        return HTTPExchange(method: method, url: configuration.baseURL + path, headers: headers, body: body)
    }

    private func wait(_ seconds: Double, _ label: String, _ why: String) {
        note("\(label): \(why); trying again in \(Self.seconds(seconds))")
        sleep(seconds)
    }

    private func describe(_ problem: TransportFailure) -> String {
        switch problem {
        case let .network(message), let .permanent(message): configuration.redacted(message)
        case let .timedOut(message): "timed out (\(configuration.redacted(message)))"
        case let .stopped(message): message
        }
    }

    /// The failure an error answer describes: Cloudflare's `errors[]` when the body is its envelope, else the
    /// status alone.
    private func failure(status: Int, body: [UInt8], label: String) -> APIFailure {
        let document = try? JSONDocumentReader.read(body)
        var reasons: [String] = []
        var authentication = status == 401 || status == 403
        for error in document?["errors"]?.arrayValue ?? [] {
            let code = error["code"]?.integerValue
            let message = configuration.redacted(error["message"]?.stringValue ?? "no message")
            if let code, [9106, 9109, 10000, 10001].contains(code) { authentication = true }
            reasons.append(code.map { "\($0): \(message)" } ?? message)
        }
        if reasons.isEmpty {
            reasons.append(
                document == nil && !body.isEmpty
                    ? "HTTP \(status) with an answer that is not JSON" : "HTTP \(status) without an error message")
        }
        if authentication {
            reasons.append(
                "the token was refused: check that \(APIConfiguration.tokenVariable) holds a valid token with the "
                    + "permissions docs/live-zone.md lists")
        }
        let kind: APIFailure.Kind =
            authentication
            ? .authentication : (document == nil && !body.isEmpty ? .malformed : .rejected(status: status))
        return APIFailure(kind: kind, request: label, reasons: reasons)
    }

    /// The path without its query (a query may hold times or names, never secrets, but stays short this way).
    static func pathOnly(_ path: String) -> String {
        String(path.prefix { $0 != "?" })
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
