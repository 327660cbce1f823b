import EdgeCore
import Testing

@testable import EdgeSpec

/// Credential formats, each built at run time from pieces so this file holds no literal a scanner would flag.
/// `needle` is the part that must never appear in any output.
struct SecretFormat: CustomStringConvertible, Sendable {
    let name: String
    let value: String
    let needle: String
    var description: String { name }

    init(_ name: String, _ value: String, needle: String? = nil) {
        self.name = name
        self.value = value
        self.needle = needle ?? value
    }
}

/// Deterministic pseudo-random text over `alphabet` (a linear congruential generator seeded by `seed`).
func randomText(
    _ count: Int, seed: UInt64, alphabet: String = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
) -> String {
    let letters = Array(alphabet)
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return String(
        (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return letters[Int((state >> 33) % UInt64(letters.count))]
        })
}

private let upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
private let base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
private let base64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
private let pemBody = randomText(64, seed: 14, alphabet: base64) + "7Qa"
private let password = randomText(18, seed: 15) + "9"

/// One value per format the scanner knows (docs/secrets.md, "Formats").
let secretFormats: [SecretFormat] = [
    SecretFormat("GitHub classic token", "gh" + "p_" + randomText(36, seed: 1)),
    SecretFormat(
        "GitHub fine-grained token", "github" + "_pat_" + randomText(22, seed: 2) + "_" + randomText(59, seed: 3)),
    SecretFormat("OpenAI legacy key", "s" + "k-" + randomText(48, seed: 4) + "1"),
    SecretFormat("OpenAI project key", "s" + "k-proj-" + randomText(48, seed: 5, alphabet: base64URL)),
    SecretFormat("Anthropic key", "s" + "k-ant-api03-" + randomText(80, seed: 6, alphabet: base64URL)),
    SecretFormat("AWS access key id", "AK" + "IA" + randomText(16, seed: 7, alphabet: upperAlnum)),
    SecretFormat("AWS temporary key id", "AS" + "IA" + randomText(16, seed: 8, alphabet: upperAlnum)),
    SecretFormat("AWS secret access key", "wJ" + randomText(37, seed: 9, alphabet: base64) + "7"),
    SecretFormat(
        "Slack bot token",
        "xo" + "xb-" + randomText(11, seed: 10, alphabet: "0123456789") + "-" + randomText(24, seed: 11)),
    SecretFormat(
        "Slack app token",
        "xa" + "pp-1-A0" + randomText(9, seed: 12, alphabet: upperAlnum) + "-"
            + randomText(40, seed: 13, alphabet: "0123456789abcdef")),
    SecretFormat(
        "Slack webhook",
        "https://hooks" + ".slack.com/services/T" + randomText(8, seed: 16, alphabet: upperAlnum) + "/B"
            + randomText(8, seed: 17, alphabet: upperAlnum) + "/" + randomText(24, seed: 18)),
    SecretFormat("Stripe live key", "sk" + "_live_" + randomText(24, seed: 19)),
    SecretFormat("Stripe restricted key", "rk" + "_live_" + randomText(24, seed: 20)),
    SecretFormat("Stripe test key", "sk" + "_test_" + randomText(24, seed: 21)),
    SecretFormat(
        "PEM private key", "-----BEGIN RSA " + "PRIVATE KEY-----\n" + pemBody + "\n-----END RSA PRIVATE KEY-----",
        needle: pemBody),
    SecretFormat(
        "JWT",
        "ey" + "J" + randomText(20, seed: 22, alphabet: base64URL) + ".ey" + "J"
            + randomText(40, seed: 23, alphabet: base64URL) + "." + randomText(43, seed: 24, alphabet: base64URL)),
    SecretFormat("URL with a password", "postgres://app:" + password + "@db.example.com/app", needle: password),
]

/// The value as the contents of a YAML double-quoted scalar.
private func quoted(_ value: String) -> String {
    value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "\n", with: "\\n")
}

private let head = "version: 1\nzone:\n  name: example.com\n  plan: pro\n"
private let fly = head + "fly:\n  app: my-app\n  primary_region: sin\n"

/// A place a spec can carry a string into an output, or a diagnostic can quote one. `alsoExpected` names a
/// diagnostic that must fire there besides the secret finding (it quotes the value or its line); `scanned` is
/// false where the reader stops before any scalar is read.
struct SecretPosition: CustomStringConvertible, Sendable {
    let name: String
    let spec: @Sendable (String) -> String
    var alsoExpected: String?
    var scanned = true
    var description: String { name }
}

let secretPositions: [SecretPosition] = [
    SecretPosition(
        name: "rule description",
        spec: { head + "waf:\n  - id: r\n    description: \"\(quoted($0))\"\n    when: 'true'\n    action: block\n" }),
    SecretPosition(
        name: "string literal in a WAF expression",
        spec: {
            head + "waf:\n  - id: r\n    when: \"http.request.uri.path eq \\\"\(quoted($0))\\\"\"\n    action: block\n"
        }),
    SecretPosition(
        name: "Bearer header in a WAF expression",
        spec: {
            head
                + "waf:\n  - id: r\n    when: \"any(http.request.headers[\\\"authorization\\\"][*] eq \\\"Bearer "
                + "\(quoted($0))\\\")\"\n    action: block\n"
        }),
    SecretPosition(
        name: "list item",
        spec: { head + "lists:\n  words:\n    kind: string\n    items: [\"safe\", \"\(quoted($0))\"]\n" }),
    SecretPosition(name: "env value", spec: { fly + "  env:\n    UPSTREAM: \"\(quoted($0))\"\n" }),
    SecretPosition(
        name: "env value embedded after Bearer", spec: { fly + "  env:\n    AUTH_HEADER: \"Bearer \(quoted($0))\"\n" }),
    SecretPosition(
        name: "response body",
        spec: {
            head
                + "waf:\n  - id: r\n    when: 'true'\n    action: block\n    response:\n"
                + "      body: \"{\\\"error\\\": \\\"\(quoted($0))\\\"}\"\n"
        }),
    SecretPosition(
        name: "rule id", spec: { head + "waf:\n  - id: \"\(quoted($0))\"\n    when: 'true'\n    action: block\n" }),
    SecretPosition(name: "map key", spec: { fly + "  env:\n    \"\(quoted($0))\": x\n" }),
    SecretPosition(
        name: "enumeration (plan)", spec: { "version: 1\nzone:\n  name: example.com\n  plan: \"\(quoted($0))\"\n" },
        alsoExpected: "E0104"),
    SecretPosition(name: "unknown key", spec: { head + "\"\(quoted($0))\": 1\n" }, alsoExpected: "E0101"),
    SecretPosition(
        name: "duplicate key", spec: { head + "  \"\(quoted($0))\": a\n  \"\(quoted($0))\": b\n" },
        alsoExpected: "E0003"),
    SecretPosition(
        name: "health-check path",
        spec: { fly + "  http_service:\n    internal_port: 8000\n    checks:\n      - path: \"\(quoted($0))\"\n" }),
    SecretPosition(
        name: "line with a tab in its indentation", spec: { head + "\tnote: \"\(quoted($0))\"\n" },
        alsoExpected: "E0004", scanned: false),
    SecretPosition(
        name: "line with a YAML syntax error", spec: { head + "note: \"\(quoted($0))\" trailing\n" },
        alsoExpected: "E0008"),
]

/// Every diagnostic `check` would print for `text`, in the three formats.
private func renderedCheck(_ text: String) -> (checked: CheckedSpec?, diagnostics: [Diagnostic], outputs: [String]) {
    let collector = DiagnosticCollector()
    let checked = SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: collector)
    let sorted = collector.sorted
    let outputs = [
        DiagnosticTextRenderer(sources: [SourceFile(name: "edge.yaml", text: text)]).render(
            sorted, summaryFor: "edge.yaml"),
        DiagnosticJSONRenderer.render(sorted, file: "edge.yaml"),
        DiagnosticGitHubRenderer.render(sorted),
    ]
    return (checked, sorted, outputs)
}

@Test(arguments: secretFormats, secretPositions)
func secretIsReportedAndNeverEchoed(format: SecretFormat, position: SecretPosition) {
    let spec = position.spec(format.value)
    let (checked, diagnostics, outputs) = renderedCheck(spec)
    let ids = Set(diagnostics.map(\.id))
    #expect(checked == nil, "\(format) in \(position): a spec holding a credential must not check (build refuses it)")
    if position.scanned { #expect(ids.contains("E0301"), "\(format) in \(position): got \(ids.sorted())") }
    if let also = position.alsoExpected {
        #expect(ids.contains(also), "\(format) in \(position): expected \(also), got \(ids.sorted())")
    }
    for (format_, output) in zip(["text", "json", "github"], outputs) {
        #expect(!output.contains(format.needle), "\(format) in \(position) leaks in \(format_):\n\(output)")
    }
    #expect(
        outputs[0].contains(SecretPatterns.marker),
        "\(format) in \(position): the text output should show where the value was masked")
}

@Test(arguments: secretFormats)
func secretFormatIsRecognisedInsideALongerString(format: SecretFormat) throws {
    let text = "prefix (" + format.value + ") suffix"
    let match = try #require(SecretPatterns.matches(in: text).first, "\(format) not found")
    let found = String(decoding: Array(text.utf8)[match.bytes], as: UTF8.self)
    #expect(found.contains(format.needle))
    #expect(!SecretPatterns.redacted(text).contains(format.needle))
}

@Test func highEntropyValueCountsOnlyUnderASecretNamedKey() {
    let value = randomText(20, seed: 30)
    #expect(
        SecretPatterns.matches(in: value, key: "DB_PASSWORD").map(\.kind) == [
            "a high-entropy value under 'DB_PASSWORD'"
        ])
    #expect(SecretPatterns.matches(in: value, key: "REGION").isEmpty)
    #expect(SecretPatterns.matches(in: "vault:app/prod#DB_PASSWORD", key: "DB_PASSWORD").isEmpty)
    let (_, diagnostics, outputs) = renderedCheck(fly + "  env:\n    DB_PASSWORD: \(value)\n")
    #expect(diagnostics.map(\.id) == ["E0301"])
    #expect(outputs.allSatisfy { !$0.contains(value) })
}

@Test func highEntropyValueReachedThroughAnAliasUnderASecretNamedKeyIsReported() {
    let value = randomText(20, seed: 31)
    let (_, diagnostics, outputs) = renderedCheck(fly + "  env:\n    REGION_CODE: &v \(value)\n    DB_PASSWORD: *v\n")
    #expect(diagnostics.map(\.id).contains("E0301"))
    #expect(outputs.allSatisfy { !$0.contains(value) })
}

@Test func contextualSecretIsMaskedInEveryDiagnosticThatQuotesIt() {
    // A literal in a Vault field is a secret however it looks; an unrelated error on the same line must not show it.
    let value = "hunter2" + "hunter2"
    let spec = head + "redis:\n  provider: upstash\n  requirepass: \(value)\n  maxmemory: 1.5gb\n"
    let (_, diagnostics, outputs) = renderedCheck(spec)
    #expect(Set(diagnostics.map(\.id)) == ["E0301", "E0202"])
    #expect(outputs.allSatisfy { !$0.contains(value) })
    #expect(outputs[0].contains("requirepass: [redacted]"))
}

@Test func awsSecretKeyRuleSkipsDigestsPathsAndWords() {
    #expect(
        SecretPatterns.matches(in: randomText(40, seed: 31, alphabet: "0123456789abcdef")).isEmpty, "a SHA-1 hex digest"
    )
    #expect(SecretPatterns.matches(in: "/api/v1/Users/Settings/Profile/Avatar/42").isEmpty, "a path")
    #expect(SecretPatterns.matches(in: "ThisIsAVeryLongCamelCaseIdentifierName12").isEmpty, "an identifier")
    #expect(SecretPatterns.matches(in: randomText(40, seed: 32, alphabet: base64) + "==").isEmpty, "longer base64 data")
    let keyID = "AK" + "IA" + randomText(16, seed: 7, alphabet: upperAlnum)
    #expect(
        SecretPatterns.matches(in: keyID + ":" + "Abcdefghij0123456789Abcdefghij0123456789").count == 2,
        "a lower-entropy secret key next to a key id")
}

@Test func ordinarySpecValuesAreNotSecrets() {
    let values = [
        "vault:agenticverz/database-prod#DATABASE_URL", "api.example.com", "^/api/v[0-9]+/(users|orders)/[0-9a-f]{24}$",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36", "https://api.example.com/v1/health",
        "disk-usage-alert-threshold-0123456789", "task-runner-2024-queue", "sk-learn-tutorial-page-one",
        "-----BEGIN CERTIFICATE-----", "postgres://app@db.example.com/app", "redis://:${REDIS_PASSWORD}@cache:6379",
    ]
    for value in values { #expect(SecretPatterns.matches(in: value).isEmpty, "\(value)") }
}

@Test func privateKeyInABlockScalarIsMaskedOnEveryLine() {
    let lines = (0..<3).map { randomText(64, seed: 40 + UInt64($0), alphabet: base64) }
    let block = (["-----BEGIN " + "PRIVATE KEY-----"] + lines + ["-----END PRIVATE KEY-----"]).map { "        " + $0 }
        .joined(separator: "\n")
    let spec =
        head + "waf:\n  - id: r\n    when: 'true'\n    action: block\n    response:\n      body: |\n" + block
        + "\n      status: 99\n"
    let (_, diagnostics, outputs) = renderedCheck(spec)
    #expect(diagnostics.first { $0.id == "E0301" }?.range.start.line == 11)
    for line in lines { #expect(outputs.allSatisfy { !$0.contains(line) }) }
}

@Test func secretNamedValueOnASyntaxErrorLineIsMasked() {
    let value = randomText(20, seed: 50)
    let (_, diagnostics, outputs) = renderedCheck(head + "fly: {app: my-app, api_token: \(value)\n")
    #expect(diagnostics.contains { $0.id == "E0008" })
    #expect(outputs.allSatisfy { !$0.contains(value) }, "\(outputs[0])")
}

@Test func aLineFullOfCredentialsListsTheFirstHundredAndCountsTheRest() {
    let tokens = (0..<500).map { "gh" + "p_" + randomText(36, seed: 100 + UInt64($0)) }
    let spec =
        head + "lists:\n  words:\n    kind: string\n    items: [" + tokens.map { "\"\($0)\"" }.joined(separator: ", ")
        + "]\n"
    let (_, diagnostics, outputs) = renderedCheck(spec)
    #expect(diagnostics.filter { $0.id == "E0301" }.count == SecretScanner.maximumListed + 1)
    #expect(diagnostics.last?.message == "400 more values look like credentials (only the first 100 are listed)")
    #expect(
        diagnostics.allSatisfy { $0.secretRanges.count < 40 }, "only credentials near the quoted position are attached")
    for token in tokens { #expect(outputs.allSatisfy { !$0.contains(token) }) }
}
