import EdgeCore
import EdgeTestSupport
import Testing

@testable import EdgeSpec

/// A valid head that most cases build on.
private let head = "version: 1\nzone:\n  name: example.com\n  plan: pro\n"

/// The OWASP Core Ruleset deployed, for expect cases that name it.
private let owaspDeployed = "managed_rules:\n  owasp:\n    enabled: true\n"

/// Bad specs with markers at the expected diagnostics: each asserts exactly the marked errors, by ID, line and column.
private let cases: [(String, String)] = [
    (
        "origin outage ending before it starts",
        head + "origin:\n  outages:\n    - from: 2025-12-20T10:00:00Z\n      until: ⟦E0111⟧2025-12-20T09:00:00Z\n"
    ),
    (
        "origin outage on a day that does not exist",
        head + "origin:\n  outages:\n    - from: 2025-12-20T10:00:00Z\n      until: ⟦E0107⟧2025-13-45T09:00:00Z\n"
    ),
    (
        "profile peak hour past the day",
        head
            + "hosts:\n  - name: api.example.com\n    routes: [/a]\nprofiles:\n  p:\n    mean_rps: 1\n"
            + "    peak_hour: ⟦E0106⟧24\n    populations: {humans: 1}\n"
    ),
    (
        "profile week of eight days",
        head
            + "hosts:\n  - name: api.example.com\n    routes: [/a]\nprofiles:\n  p:\n    mean_rps: 1\n"
            + "    weekly: ⟦E0106⟧[1, 1, 1, 1, 1, 1, 1, 1]\n    populations: {humans: 1}\n"
    ),
    (
        "profile burst multiplier above 1000",
        head
            + "hosts:\n  - name: api.example.com\n    routes: [/a]\nprofiles:\n  p:\n    mean_rps: 1\n"
            + "    populations: {humans: 1}\n    bursts:\n      - start: 1h\n        duration: 10m\n"
            + "        multiplier: ⟦E0106⟧6000\n"
    ),
    (
        "profile burst of no length",
        head
            + "hosts:\n  - name: api.example.com\n    routes: [/a]\nprofiles:\n  p:\n    mean_rps: 1\n"
            + "    populations: {humans: 1}\n    bursts:\n      - start: 1h\n        duration: ⟦E0106⟧0s\n"
            + "        multiplier: 2\n"
    ),
    (
        "profile rate above the synthesiser's maximum",
        head
            + "hosts:\n  - name: api.example.com\n    routes: [/a]\nprofiles:\n  p:\n"
            + "    mean_rps: ⟦E0106⟧2000000\n    populations: {humans: 1}\n"
    ),
    (
        "profile with every population at 0",
        head
            + "hosts:\n  - name: api.example.com\n    routes: [/a]\nprofiles:\n  p:\n    mean_rps: 1\n"
            + "    populations: ⟦E0111⟧{humans: 0, scrapers: 0}\n"
    ),
    (
        "profile with every weekday at 0",
        head
            + "hosts:\n  - name: api.example.com\n    routes: [/a]\nprofiles:\n  p:\n    mean_rps: 1\n"
            + "    weekly: ⟦E0111⟧[0, 0, 0, 0, 0, 0, 0]\n    populations: {humans: 1}\n"
    ),
    (
        "profile with every country at 0",
        head
            + "hosts:\n  - name: api.example.com\n    routes: [/a]\nprofiles:\n  p:\n    mean_rps: 1\n"
            + "    populations: {humans: 1}\n    countries: ⟦E0111⟧[{code: SG, asn: 1, colo: SIN, weight: 0}]\n"
    ),
    (
        "profile without routes to send to",
        head + "profiles:\n  ⟦E0111⟧p:\n    mean_rps: 1\n    populations: {humans: 1}\n"
    ),
    ("unknown top-level key", head + "⟦E0101⟧wafs: []\n"),
    (
        "unknown nested key and the missing field it misspells",
        "version: 1\nzone:\n  ⟦E0103⟧name: example.com\n  ⟦E0101⟧pln: pro\n"
    ),
    ("transposition suggests version", "⟦E0103⟧⟦E0101⟧vresion: 1\nzone: {name: example.com, plan: pro}\n"),
    ("quoted integer", "version: ⟦E0102⟧\"1\"\nzone: {name: example.com, plan: pro}\n"),
    ("scalar where a mapping is expected", "version: 1\nzone: ⟦E0102⟧example.com\n"),
    ("unknown plan", "version: 1\nzone:\n  name: example.com\n  plan: ⟦E0104⟧gold\n"),
    ("missing zone", "⟦E0103⟧version: 1\nhosts: []\n"),
    ("unsupported version", "version: ⟦E0106⟧2\nzone: {name: example.com, plan: pro}\n"),
    ("spec is a list", "⟦E0102⟧- version\n- zone\n"),
    (
        "bad duration unit",
        head
            + "rate_limits:\n  - id: r\n    when: 'true'\n    requests: 10\n    period: ⟦E0201⟧5min\n"
            + "    action: block\n"
    ),
    (
        "duration without unit",
        head + "rate_limits:\n  - id: r\n    when: 'true'\n    requests: 10\n    period: ⟦E0201⟧60\n"
            + "    action: block\n"
    ),
    (
        "duration out of range",
        head + "rate_limits:\n  - id: r\n    when: 'true'\n    requests: 10\n    period: ⟦E0106⟧2d\n"
            + "    action: block\n"
    ),
    ("fractional size", head + "redis:\n  provider: upstash\n  maxmemory: ⟦E0202⟧1.5gb\n"),
    ("size without unit", head + "redis:\n  provider: upstash\n  maxmemory: ⟦E0202⟧256\n"),
    (
        "duplicate rule id",
        head
            + "waf:\n  - id: dup\n    when: 'true'\n    action: block\nrate_limits:\n  - id: ⟦E0108⟧dup\n"
            + "    when: 'true'\n    requests: 1\n    period: 10s\n    action: block\n"
    ),
    ("duplicate key", "version: 1\nzone:\n  name: example.com\n  plan: pro\n  ⟦E0003⟧name: other.com\n"),
    ("tab in indentation", "version: 1\nzone:\n⟦E0004⟧\tname: example.com\n"),
    (
        "YAML 1.1 boolean in a boolean field",
        head + "waf:\n  - id: r\n    when: 'true'\n    action: block\n    enabled: ⟦E0105⟧yes\n"
    ),
    (
        "YAML 1.1 boolean in a string list (Norway)",
        head + "lists:\n  geo:\n    kind: country\n    items: [KP, ⟦E0105⟧NO]\n"
    ),
    (
        "unquoted off",
        head
            + "fly:\n  app: my-app\n  primary_region: sin\n  http_service:\n    internal_port: 8000\n"
            + "    auto_stop_machines: ⟦E0105⟧off\n"
    ),
    (
        "merge key",
        "version: 1\nzone: &z\n  name: example.com\n  plan: pro\nhosts:\n  - ⟦E0005⟧<<: *z\n"
            + "    name: api.example.com\n"
    ),
    ("unknown alias", head + "hosts: ⟦E0010⟧*nowhere\n"),
    ("second document", "version: 1\nzone: {name: example.com, plan: pro}\n⟦E0009⟧---\nversion: 1\n"),
    ("complex key", head + "⟦E0011⟧[a, b]: c\n"),
    (
        "secret literal in a Vault field",
        head + "redis:\n  provider: upstash\n  requirepass: ⟦E0301⟧hunter2hunter2\n"
    ),
    (
        "token in env",
        head + "fly:\n  app: my-app\n  primary_region: sin\n  env:\n    OPENAI: ⟦E0301⟧" + "sk-"
            + "proj-abcdefghijklmnopqrstuvwxyz0123456789\n"
    ),
    (
        "URL with a password",
        head
            + "fly:\n  app: my-app\n  primary_region: sin\n  env:\n"
            + "    DATABASE_URL: postgres://app:⟦E0301⟧s3cretpw@db.example.com/app\n"
    ),
    (
        "high-entropy password",
        head + "fly:\n  app: my-app\n  primary_region: sin\n  env:\n    DB_PASSWORD: ⟦E0301⟧Xk29fjQ0pLz8vN3w\n"
    ),
    (
        "AWS key anywhere",
        head + "hosts:\n  - name: api.example.com\n    description: ⟦E0301⟧" + "AK" + "IAIOSFODNN7EXAMPLE\n"
    ),
    (
        "malformed Vault reference",
        head + "redis:\n  provider: upstash\n  users:\n    - name: app\n      password: ⟦E0302⟧vault:#KEY\n"
    ),
    (
        "lower-case environment reference",
        head + "fly:\n  app: my-app\n  primary_region: sin\n  secrets:\n    DB: ⟦E0302⟧env:database_url\n"
    ),
    (
        "hand-set Fly secret as a Redis password",
        head + "redis:\n  provider: self-hosted\n  requirepass: ⟦E0302⟧fly:existing\n"
    ),
    (
        "Redis passwords from Vault and the environment",
        head
            + "redis:\n  provider: self-hosted\n  users:\n    - name: app\n      password: vault:kv/app#PW\n"
            + "    - name: worker\n      password: ⟦E0750⟧env:WORKER_PASSWORD\n"
    ),
    (
        "service without a price",
        head + "costs:\n  services:\n    - ⟦E0961⟧name: Status page\n"
    ),
    ("unknown LLM model", head + "costs:\n  llm_model: ⟦E0107⟧openai.gpt-9\n"),
    (
        "service plan not in the catalogue",
        head + "costs:\n  services:\n    - name: DB\n      plan: ⟦E0107⟧neon.plan.gold\n"
    ),
    ("bad host name", "version: 1\nzone:\n  name: ⟦E0107⟧not a host\n  plan: pro\n"),
    ("bad rule id", head + "waf:\n  - id: ⟦E0107⟧Block_Bots!\n    when: 'true'\n    action: block\n"),
    ("blank expression", head + "waf:\n  - id: r\n    when: ⟦E0107⟧'  '\n    action: block\n"),
    ("bad IP in a list", head + "lists:\n  bad:\n    kind: ip\n    items: [⟦E0204⟧300.1.1.1]\n"),
    ("CIDR with host bits", head + "lists:\n  bad:\n    kind: ip\n    items: [⟦E0204⟧10.0.0.1/8]\n"),
    ("lower-case country", head + "lists:\n  geo:\n    kind: country\n    items: [⟦E0204⟧sg]\n"),
    ("ASN with a prefix", head + "lists:\n  nets:\n    kind: asn\n    items: [⟦E0204⟧AS13335]\n"),
    ("bad list name", head + "lists:\n  ⟦E0107⟧Bad-Name:\n    kind: ip\n    items: [192.0.2.1]\n"),
    (
        "managed string list",
        head + "lists:\n  words:\n    kind: string\n    items: [a]\n    managed: ⟦E0112⟧true\n"
    ),
    ("unknown Fly region", head + "fly:\n  app: my-app\n  primary_region: ⟦E0107⟧hnd\n"),
    (
        "soft limit below 1",
        head
            + "fly:\n  app: my-app\n  primary_region: sin\n  http_service:\n    internal_port: 8000\n"
            + "    concurrency:\n      soft_limit: ⟦E0106⟧0\n"
    ),
    (
        "port out of range",
        head + "fly:\n  app: my-app\n  primary_region: sin\n  http_service:\n    internal_port: ⟦E0106⟧70000\n"
    ),
    ("number in env", head + "fly:\n  app: my-app\n  primary_region: sin\n  env:\n    PORT: ⟦E0102⟧8000\n"),
    (
        "string where a list is expected",
        head
            + "rate_limits:\n  - id: r\n    when: 'true'\n    characteristics: ⟦E0102⟧ip.src\n    requests: 1\n"
            + "    period: 10s\n    action: block\n"
    ),
    (
        "expect names an unknown rule",
        head
            + "waf:\n  - id: block-bad-bots\n    when: 'true'\n    action: block\nexpect:\n  - request: {path: /}\n"
            + "    action: block\n    rule: ⟦E0109⟧block-bad-bot\n"
    ),
    (
        "an owasp expectation without the OWASP Core Ruleset deployed",
        head + "expect:\n  - request: {path: /}\n    ⟦E0111⟧owasp: {score: 0}\n"
    ),
    (
        "rule owasp without the OWASP Core Ruleset deployed",
        head + "expect:\n  - request: {path: /}\n    action: block\n    rule: ⟦E0109⟧owasp\n"
    ),
    (
        "an owasp expectation with a rule id outside CRS's range",
        head + owaspDeployed + "expect:\n  - request: {path: /}\n    owasp: {rules: [942100, ⟦E0106⟧94210]}\n"
    ),
    (
        "an owasp expectation with nothing to check",
        head + owaspDeployed + "expect:\n  - request: {path: /}\n    owasp: ⟦E0103⟧{}\n"
    ),
    (
        "an owasp expectation on a sequence case instead of its steps",
        head + owaspDeployed
            + "expect:\n  - sequence:\n      - request: {path: /}\n        owasp: {score: 0}\n"
            + "    ⟦E0111⟧owasp: {score: 0}\n"
    ),
    ("skip without what to skip", head + "waf:\n  - id: r\n    when: 'true'\n    action: ⟦E0111⟧skip\n"),
    (
        "custom response on a challenge",
        head + "waf:\n  - id: r\n    when: 'true'\n    action: challenge\n    ⟦E0111⟧response:\n"
            + "      body: denied\n"
    ),
    (
        "status TTL with code and range",
        head
            + "cache:\n  - id: c\n    when: 'true'\n    edge_ttl:\n      mode: override_origin\n      status_codes:\n"
            + "        - ⟦E0111⟧code: 404\n          from: 400\n          to: 499\n          ttl: 1m\n"
    ),
    ("missing required list field", head + "lists:\n  nets:\n    ⟦E0103⟧kind: ip\n"),
    (
        "bypass rule with a TTL warns",
        head + "cache:\n  - id: c\n    when: 'true'\n    mode: bypass\n    ⟦W0114⟧edge_ttl: 1h\n"
    ),
    ("unknown threshold metric", head + "thresholds:\n  ⟦E0120⟧blok_rate: \"<1%\"\n"),
    ("threshold without a comparison", head + "thresholds:\n  block_rate: ⟦E0120⟧\"1%\"\n"),
    ("a what-if metric in thresholds", head + "thresholds:\n  ⟦E0120⟧monthly_cost: \"<300\"\n"),
    ("fail_on, the former name of thresholds, warns", head + "⟦W0121⟧fail_on:\n  block_rate: \"<1%\"\n"),
    (
        "thresholds and fail_on together",
        head + "thresholds:\n  block_rate: \"<1%\"\n⟦E0111⟧fail_on:\n  block_rate: \"<2%\"\n"
    ),
    (
        "readiness: eviction policy on a queue",
        head + "redis:\n  provider: upstash\n  maxmemory_policy: ⟦W0501⟧allkeys-lru\n"
    ),
]

@Test(arguments: cases)
func badSpecReportsMarkedDiagnostics(name: String, marked: String) {
    let spec = MarkedSpec(marked)
    let (findings, diagnostics) = spec.check()
    #expect(
        findings == Set(spec.expected),
        "\(name): expected \(spec.expected), got \(diagnostics.map { "\($0.id)@\($0.range.start) \($0.message)" })")
}

@Test func unknownKeySuggestsAndFixes() {
    let (_, diagnostics) = MarkedSpec(
        head + "rate_limits:\n  - id: r\n    when: 'true'\n    reqests: 1\n    period: 10s\n    action: block\n"
    ).check()
    let unknown = diagnostics.first { $0.id == "E0101" }
    #expect(unknown?.help == "did you mean 'requests'?")
    #expect(unknown?.fixIt?.replacement == "requests")
}

@Test func duplicateIDPointsAtBothPlaces() {
    let (_, diagnostics) = MarkedSpec(
        head
            + "waf:\n  - id: dup\n    when: 'true'\n    action: block\n  - id: dup\n    when: 'true'\n"
            + "    action: block\n"
    ).check()
    let duplicate = diagnostics.first { $0.id == "E0108" }
    #expect(duplicate?.range.start == SourceLocation(line: 9, column: 9))
    #expect(duplicate?.notes.first?.range?.start == SourceLocation(line: 6, column: 9))
}

@Test func duplicateKeyNotesTheEarlierOccurrence() {
    let (_, diagnostics) = MarkedSpec("version: 1\nzone:\n  name: example.com\n  plan: pro\n  name: other.com\n")
        .check()
    #expect(diagnostics.first { $0.id == "E0003" }?.notes.first?.range?.start == SourceLocation(line: 3, column: 3))
}

@Test func emptyAndCommentOnlyFilesAreReported() {
    // The carriage-return cases were found by the LoadProfile fuzz target: libyaml reads them as a stream with no
    // document, which used to give no root and no error, so `check` said "ok".
    for text in ["", "\n\n", "# only a comment\n", "\r#", "\r\n# a comment\r\n"] {
        let (_, diagnostics) = MarkedSpec(text).check()
        #expect(diagnostics.map(\.id) == ["E0007"])
        #expect(diagnostics.first?.range.start == SourceLocation(line: 1, column: 1))
    }
}

/// Found by the LoadProfile fuzz target: a profile file holding only a carriage return and a comment was rejected
/// without a reason, so `synth --profile FILE` exited 1 printing nothing.
@Test func commentOnlyProfileFileIsReported() {
    let diagnostics = DiagnosticCollector()
    #expect(ProfileFile.read(Array("\r# launch week".utf8), file: "profile.yaml", diagnostics: diagnostics) == nil)
    #expect(diagnostics.diagnostics.map(\.id) == ["E0007"])
}

@Test func nonUTF8BytesAreLocated() {
    var bytes = Array("version: 1\nzone:\n  name: ex".utf8)
    bytes.append(0xFF)
    bytes += Array("ample.com\n".utf8)
    let diagnostics = DiagnosticCollector()
    #expect(SpecChecker.check(bytes, file: "edge.yaml", diagnostics: diagnostics) == nil)
    #expect(diagnostics.diagnostics.map(\.id) == ["E0002"])
    #expect(diagnostics.diagnostics.first?.range.start == SourceLocation(line: 3, column: 11))
}

@Test func oversizeFileIsRejected() {
    let bytes = Array((head + "# " + String(repeating: "x", count: YAMLReader.maxBytes) + "\n").utf8)
    let diagnostics = DiagnosticCollector()
    #expect(SpecChecker.check(bytes, file: "edge.yaml", diagnostics: diagnostics) == nil)
    #expect(diagnostics.diagnostics.map(\.id) == ["E0001"])
}

@Test func aliasBombIsStopped() {
    var text = head + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 {
        text +=
            "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    let diagnostics = DiagnosticCollector()
    #expect(SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics) == nil)
    let bomb = diagnostics.diagnostics.first { $0.id == "E0006" }
    #expect(bomb != nil)
    #expect(bomb?.range.start.line == 8)
}

@Test func yamlSyntaxErrorIsLocated() {
    let diagnostics = DiagnosticCollector()
    _ = SpecChecker.check(
        Array("version: 1\nzone: {name: example.com\n".utf8), file: "edge.yaml", diagnostics: diagnostics)
    let syntax = diagnostics.diagnostics.first { $0.id == "E0008" }
    #expect(syntax != nil)
    #expect(syntax?.range.start.line == 3)
}

@Test func secretsAreNeverEchoed() {
    let (_, diagnostics) = MarkedSpec(head + "redis:\n  provider: upstash\n  requirepass: hunter2hunter2\n").check()
    let rendered = DiagnosticTextRenderer(sources: [
        SourceFile(name: "edge.yaml", text: head + "redis:\n  provider: upstash\n  requirepass: hunter2hunter2\n")
    ])
    .render(diagnostics, summaryFor: "edge.yaml")
    #expect(!rendered.contains("hunter2"))
    #expect(!DiagnosticJSONRenderer.render(diagnostics, file: "edge.yaml").contains("hunter2"))
}

@Test func hundredMegabyteLineGivesABoundedDiagnostic() {
    var bytes = Array((head + "# ").utf8)
    bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 100_000_000)
    bytes.append(UInt8(ascii: "\n"))
    let diagnostics = DiagnosticCollector()
    #expect(YAMLReader(file: "edge.yaml", diagnostics: diagnostics).read(bytes) == nil)
    #expect(diagnostics.diagnostics.map(\.id) == ["E0001"])
    let text = DiagnosticTextRenderer(sources: [SourceFile(name: "edge.yaml", bytes: bytes)])
        .render(diagnostics.sorted, summaryFor: "edge.yaml")
    #expect(text.utf8.count < 1_000)
    #expect(!text.contains("xxxxxxxx"), "the size is known before the lines are, so no line is quoted")
    #expect(DiagnosticJSONRenderer.render(diagnostics.sorted, file: "edge.yaml").utf8.count < 1_000)
    #expect(DiagnosticGitHubRenderer.render(diagnostics.sorted).utf8.count < 1_000)
}

@Test func longValueQuotedInAMessageIsElided() {
    let (_, diagnostics) = MarkedSpec(
        "version: 1\nzone:\n  name: example.com\n  plan: " + String(repeating: "g", count: 100_000) + "\n"
    ).check()
    let plan = diagnostics.first { $0.id == "E0104" }
    #expect(plan != nil)
    let source = SourceFile(
        name: "edge.yaml",
        bytes: Array(
            ("version: 1\nzone:\n  name: example.com\n  plan: " + String(repeating: "g", count: 100_000) + "\n").utf8))
    let text = DiagnosticTextRenderer(sources: [source]).render(diagnostics, summaryFor: "edge.yaml")
    #expect(text.utf8.count < 2_000)
    #expect(
        text.contains(" 4 |   plan: ggg") && text.contains("ggg…\n"),
        "the quoted line is cut after a window and marked"
    )
    for rendered in [
        DiagnosticJSONRenderer.render(diagnostics, file: "edge.yaml"), DiagnosticGitHubRenderer.render(diagnostics),
    ] {
        #expect(rendered.utf8.count < 2_000)
        #expect(rendered.contains("characters elided"))
    }
}

@Test func oversizeFileNamesItsSizeFromTheFileSystem() {
    let diagnostics = DiagnosticCollector()
    #expect(SpecChecker.check([], file: "edge.yaml", size: 4 << 30, diagnostics: diagnostics) == nil)
    #expect(
        diagnostics.diagnostics.map(\.message) == ["the spec is 4294967296 bytes; the limit is 1048576 bytes (1 MiB)"])
    let stream = DiagnosticCollector()
    #expect(
        SpecChecker.check([UInt8](repeating: 0, count: YAMLReader.maxBytes + 1), file: "/dev/zero", diagnostics: stream)
            == nil)
    #expect(
        stream.diagnostics.map(\.message) == [
            "the spec is more than 1048576 bytes (a stream); the limit is 1048576 bytes (1 MiB)"
        ])
}
