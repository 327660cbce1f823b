import EdgeCompiler
import Foundation
import Testing

@testable import Emitters

/// A spec with three secrets in two Vault paths.
private let spec = """
    version: 1
    zone: {name: example.com, plan: pro}
    fly:
      app: demo-app
      primary_region: sin
      machines: {sin: 2, nrt: 1}
      secrets:
        DATABASE_URL: vault:app/db#DATABASE_URL
        TLS_KEY: vault:app/tls#TLS_KEY
        API_TOKEN: vault:app/api#API_TOKEN

    """

/// Vault's answers when every read works; each value is unique so a leak is easy to find.
private let goodValues = [
    "app/db#DATABASE_URL": "postgres://app:db-pw-7f3a@db.internal:5432/app?sslmode=require",
    "app/tls#TLS_KEY":
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nbWlkZGxlLWxpbmUtb2Yta2V5\n"
        + "-----END PRIVATE KEY-----\n",
    "app/api#API_TOKEN": "tok-9c1e-last",
]

private func renderedScript(_ path: String = "fly/secrets.sh") throws -> String {
    let (edge, _) = try compileSpec(bytes: Array(spec.utf8), specPath: "edge.yaml")
    return String(decoding: try #require(try BuildOutputs.render(edge).file(path)).contents, as: UTF8.self)
}

/// No secret value, nor any of its lines, appears on the script's own output streams.
private func expectNoValueLeaked(_ run: ScriptRun, _ values: [String: String]) {
    for value in values.values {
        for line in value.split(separator: "\n") where line.count > 8 {
            #expect(
                !run.stdout.contains(line) && !run.stderr.contains(line), "a secret value reached the script's output")
        }
    }
}

@Test(arguments: testShells)
func secretsScriptImportsEveryValueExactly(shell: String) throws {
    let stubs = try ScriptStubs(vaultValues: goodValues)
    let run = try stubs.run(try renderedScript(), shell: shell)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(stubs.flyCalls == ["secrets import --app demo-app"])
    let pem = try #require(goodValues["app/tls#TLS_KEY"])
    #expect(
        stubs.flyStdin == """
            DATABASE_URL="\(goodValues["app/db#DATABASE_URL"]!)"
            TLS_KEY=\"""\(pem)\"""
            API_TOKEN="tok-9c1e-last"

            """)
    #expect(
        flySecretsImportParse(try #require(stubs.flyStdin)) == [
            "DATABASE_URL": goodValues["app/db#DATABASE_URL"]!, "TLS_KEY": pem, "API_TOKEN": "tok-9c1e-last",
        ])
    expectNoValueLeaked(run, goodValues)
}

/// Vault failing on any one read (the first, the middle, the last) stops the script before `fly` runs.
@Test(arguments: testShells, ["app/db#DATABASE_URL", "app/tls#TLS_KEY", "app/api#API_TOKEN"])
func secretsScriptImportsNothingWhenAnyVaultReadFails(shell: String, failing: String) throws {
    var values = goodValues
    values[failing] = nil
    let stubs = try ScriptStubs(vaultValues: values)
    let run = try stubs.run(try renderedScript(), shell: shell)
    #expect(run.status != 0)
    #expect(stubs.flyStdin == nil, "fly secrets import must not run")
    let name = String(failing.split(separator: "#")[1])
    #expect(
        run.stderr.contains("secrets.sh: \(name) could not be read from Vault; nothing was imported"), "\(run.stderr)")
    expectNoValueLeaked(run, values)
}

@Test(arguments: testShells)
func secretsScriptRefusesAnEmptyValue(shell: String) throws {
    var values = goodValues
    values["app/api#API_TOKEN"] = ""
    let stubs = try ScriptStubs(vaultValues: values)
    let run = try stubs.run(try renderedScript(), shell: shell)
    #expect(run.status != 0)
    #expect(stubs.flyStdin == nil)
    #expect(run.stderr.contains("API_TOKEN is empty in Vault"), "\(run.stderr)")
    expectNoValueLeaked(run, values)
}

/// Values `fly secrets import` cannot read back exactly are refused by name; the value is never printed.
@Test(arguments: [
    ("has \"\"\" inside", "contains \"\"\""),
    ("-----BEGIN-----\nkey\"\"\"\n-----END-----", "contains \"\"\""),
    ("crlf\r\nvalue", "contains a carriage return"),
    ("\"\"starts-with-two-quotes", "starts with a double quote"),
    ("\"", "starts with a double quote"),
    (String(repeating: "x", count: 60_001), "has a line longer than 60000 bytes"),
])
func secretsScriptRefusesValuesFlyWouldMisread(value: String, reason: String) throws {
    var values = goodValues
    values["app/tls#TLS_KEY"] = value
    let stubs = try ScriptStubs(vaultValues: values)
    let run = try stubs.run(try renderedScript(), shell: "sh")
    #expect(run.status != 0)
    #expect(stubs.flyStdin == nil)
    #expect(run.stderr.contains("TLS_KEY \(reason)"), "\(run.stderr)")
    if value.count > 3 { #expect(!run.stderr.contains(value) && !run.stdout.contains(value)) }
}

/// Spaces, `=`, quotes, backslashes, `$` and backquotes survive: what flyctl parses is what Vault holds.
@Test(arguments: testShells)
func secretsScriptPassesAwkwardValuesWhole(shell: String) throws {
    let awkward = [
        "app/db#DATABASE_URL": "  leading and trailing spaces  ",
        "app/tls#TLS_KEY": "\"quoted\" a=b \\back\\slash $HOME `id` 'single'\n  indented second line\"\n\n",
        "app/api#API_TOKEN": "\"wrapped in quotes\"",
    ]
    let stubs = try ScriptStubs(vaultValues: awkward)
    let run = try stubs.run(try renderedScript(), shell: shell)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
        flySecretsImportParse(try #require(stubs.flyStdin)) == [
            "DATABASE_URL": awkward["app/db#DATABASE_URL"]!, "TLS_KEY": awkward["app/tls#TLS_KEY"]!,
            "API_TOKEN": awkward["app/api#API_TOKEN"]!,
        ])
}

@Test(arguments: testShells)
func secretsScriptFailsWhenFlyFails(shell: String) throws {
    let stubs = try ScriptStubs(vaultValues: goodValues, failingFly: true)
    let run = try stubs.run(try renderedScript(), shell: shell)
    #expect(run.status != 0)
    expectNoValueLeaked(run, goodValues)
}

/// `fly/scale.sh` stops at the first `fly scale count` that fails.
@Test(arguments: testShells)
func scaleScriptStopsAtTheFirstFailure(shell: String) throws {
    let stubs = try ScriptStubs(vaultValues: [:], failingFly: true)
    let run = try stubs.run(try renderedScript("fly/scale.sh"), shell: shell)
    #expect(run.status != 0)
    #expect(stubs.flyCalls == ["scale count 2 --region sin --app demo-app --yes"])
}
