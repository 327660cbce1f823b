import EdgeTestSupport
import Testing

@testable import EdgeSpec

private let head = "version: 1\nzone:\n  name: example.com\n  plan: pro\n"
private let fly = head + "fly:\n  app: my-app\n  primary_region: sin\n"

/// Keys that become bare TOML keys or `NAME=VALUE` lines, and numbers that feed sums: each bad spec marks the
/// diagnostics expected, by ID, line and column.
private let cases: [(String, String)] = [
    ("dotted env key (a nested TOML table)", fly + "  env:\n    ⟦E0107⟧LOG.LEVEL: debug\n"),
    ("env key with a space", fly + "  env:\n    ⟦E0107⟧\"LOG LEVEL\": debug\n"),
    ("env key with a quote", fly + "  env:\n    ⟦E0107⟧'LOG\"LEVEL': debug\n"),
    ("env key with a newline", fly + "  env:\n    ⟦E0107⟧\"LOG\\nLEVEL\": debug\n"),
    ("env key starting with a digit", fly + "  env:\n    ⟦E0107⟧\"1LEVEL\": debug\n"),
    ("secret name with a hash", fly + "  secrets:\n    ⟦E0107⟧\"API#KEY\": vault:app/api#KEY\n"),
    ("secret name with an equals sign", fly + "  secrets:\n    ⟦E0107⟧\"API=KEY\": vault:app/api#KEY\n"),
    ("process name with a space", fly + "  processes:\n    ⟦E0107⟧\"web app\": bin/web\n"),
    ("check name with a dot", fly + "  checks:\n    ⟦E0107⟧alive.tcp:\n      type: tcp\n      port: 8080\n"),
    ("cost of 1e308", head + "costs:\n  redis_machine_monthly: ⟦E0106⟧1e308\n"),
    ("YAML infinity is not a number here", head + "costs:\n  fly_machine_monthly: ⟦E0102⟧.inf\n"),
    ("YAML not-a-number is not a number here", head + "costs:\n  cloudflare_monthly: ⟦E0102⟧.nan\n"),
    (
        "a service price beyond any real plan",
        head + "costs:\n  services:\n    - name: Neon\n      monthly: ⟦E0106⟧9223372036854775807\n"
    ),
    ("max_unavailable too large to be a count", fly + "  deploy:\n    max_unavailable: ⟦E0106⟧1e300\n"),
]

@Test(arguments: cases)
func outputKeysAndNumbersAreChecked(name: String, marked: String) {
    let spec = MarkedSpec(marked)
    let (findings, diagnostics) = spec.check()
    #expect(
        findings == Set(spec.expected),
        "\(name): expected \(spec.expected), got \(diagnostics.map { "\($0.id)@\($0.range.start) \($0.message)" })")
}

/// The shapes Fly accepts stay accepted.
@Test func ordinaryFlyNamesAndLargeRealisticCostsCheck() {
    let spec = MarkedSpec(
        fly
            + "  env:\n    _PRIVATE: x\n    log_level9: info\n  processes:\n    web-app: bin/web\n"
            + "    worker_2: bin/worker\n"
            + "  checks:\n    http-alive:\n      type: tcp\n      port: 8080\n"
            + "costs:\n  services:\n    - {name: Neon, monthly: 999999.99}\n"
    )
    let (findings, diagnostics) = spec.check()
    #expect(findings.isEmpty, "\(diagnostics.map { "\($0.id)@\($0.range.start) \($0.message)" })")
}
