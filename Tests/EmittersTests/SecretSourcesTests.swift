import EdgeCompiler
import Foundation
import Testing

@testable import Emitters

#if canImport(Glibc)
    import Glibc
#endif

// Secrets without Vault: `env:NAME` (the deploying shell) and `fly:existing` (set in Fly by hand), in
// `fly/secrets.sh` and `redis/write-redis-conf.sh` (docs/secrets.md, "Where a secret comes from").

/// A Fly app with one secret of each kind.
private let flySpec = """
    version: 1
    zone: {name: example.com, plan: free}
    fly:
      app: small-app
      primary_region: iad
      secrets:
        DATABASE_URL: env:DATABASE_URL
        SENTRY_DSN: fly:existing
        STRIPE_KEY: vault:app/stripe#KEY

    """

/// A self-hosted Redis whose two users' passwords come from the deploying shell.
private let redisSpec = """
    version: 1
    zone: {name: example.com, plan: free}
    redis:
      provider: self-hosted
      use: cache
      maxmemory_policy: allkeys-lru
      users:
        - name: app
          password: env:REDIS_APP_PASSWORD
          rules: "~* +@all -@dangerous"
        - name: reports
          password: env:REDIS_REPORTS_PASSWORD
          rules: "~reports:* +@read +ping"

    """

private func rendered(_ spec: String, _ path: String) throws -> String {
    let (edge, _) = try compileSpec(bytes: Array(spec.utf8), specPath: "edge.yaml")
    return String(decoding: try #require(try BuildOutputs.render(edge).file(path)).contents, as: UTF8.self)
}

private let databaseURL = "postgres://app:env-pw-51c2@db.internal:5432/app"
private let stripeKey = "stripe-value-9d0e"

@Test(arguments: testShells)
func secretsScriptReadsTheEnvironmentAndChecksHandSetSecrets(shell: String) throws {
    let stubs = try ScriptStubs(vaultValues: ["app/stripe#KEY": stripeKey], flySecretNames: ["SENTRY_DSN", "OTHER"])
    let run = try stubs.run(
        try rendered(flySpec, "fly/secrets.sh"), shell: shell, environment: ["DATABASE_URL": databaseURL])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(stubs.flyCalls == ["secrets list --app small-app --json", "secrets import --app small-app"])
    #expect(
        flySecretsImportParse(try #require(stubs.flyStdin)) == ["DATABASE_URL": databaseURL, "STRIPE_KEY": stripeKey])
    #expect(!(run.stdout + run.stderr).contains("env-pw-51c2"))
}

/// An unset or empty variable, a hand-set secret Fly does not list (names are case-sensitive), or a failing
/// `fly secrets list` each stop the script before anything is imported, naming the secret and never a value.
@Test(
    arguments: [
        ([:], ["SENTRY_DSN"], "secrets.sh: DATABASE_URL is not set: export DATABASE_URL in the shell"),
        (["DATABASE_URL": ""], ["SENTRY_DSN"], "secrets.sh: DATABASE_URL is empty in $DATABASE_URL"),
        (["DATABASE_URL": databaseURL], ["OTHER"], "secrets.sh: SENTRY_DSN is not set in Fly"),
        (["DATABASE_URL": databaseURL], ["sentry_dsn"], "secrets.sh: SENTRY_DSN is not set in Fly"),
        (["DATABASE_URL": databaseURL], nil, "secrets.sh: could not list the secrets set in Fly"),
    ] as [([String: String], [String]?, String)])
func secretsScriptImportsNothingWhenASourceFails(
    environment: [String: String], flyNames: [String]?, message: String
) throws {
    let stubs = try ScriptStubs(vaultValues: ["app/stripe#KEY": stripeKey], flySecretNames: flyNames)
    let run = try stubs.run(try rendered(flySpec, "fly/secrets.sh"), shell: "sh", environment: environment)
    #expect(run.status == 1)
    #expect(stubs.flyStdin == nil, "fly secrets import must not run")
    #expect(run.stderr.contains(message) && run.stderr.contains("nothing was imported"), "\(run.stderr)")
    #expect(!(run.stdout + run.stderr).contains("env-pw-51c2") && !run.stderr.contains(stripeKey))
}

/// Only hand-set secrets: the script checks them and imports nothing.
@Test func secretsScriptWithOnlyHandSetSecretsImportsNothing() throws {
    let spec = flySpec.replacingOccurrences(of: "    DATABASE_URL: env:DATABASE_URL\n", with: "")
        .replacingOccurrences(of: "    STRIPE_KEY: vault:app/stripe#KEY\n", with: "")
    let stubs = try ScriptStubs(vaultValues: [:], flySecretNames: ["SENTRY_DSN"])
    let run = try stubs.run(try rendered(spec, "fly/secrets.sh"), shell: "sh")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(stubs.flyCalls == ["secrets list --app small-app --json"])
}

/// Without a Vault reference the build writes no Vault Agent template, and the committed redis.conf points at the
/// script instead.
@Test func environmentPasswordsWriteAScriptInsteadOfAVaultTemplate() throws {
    let (edge, _) = try compileSpec(bytes: Array(redisSpec.utf8), specPath: "edge.yaml")
    let outputs = try BuildOutputs.render(edge)
    #expect(outputs.file("redis/redis.conf.ctmpl") == nil)
    #expect(outputs.file("redis/write-redis-conf.sh")?.executable == true)
    let plain = String(decoding: try #require(outputs.file("redis/redis.conf")).contents, as: UTF8.self)
    #expect(plain.contains("write-redis-conf.sh writes the deploy-time variant"))
    #expect(plain.contains("user app off ~* +@all -@dangerous"))
}

/// Passwords with spaces, quotes, backslashes and `$` reach redis-server exactly: each user authenticates with
/// its own password, and the file is readable by its owner only.
@Test(.enabled(if: redisToolsInstalled, "redis-server and redis-cli are not installed"), arguments: testShells)
func writtenRedisConfLetsEachUserAuthenticate(shell: String) throws {
    let passwords = ["REDIS_APP_PASSWORD": #"a "quoted" pass\word $HOME"#, "REDIS_REPORTS_PASSWORD": "r-7e1d'x"]
    let stubs = try ScriptStubs(vaultValues: [:])
    let target = stubs.directory + "/redis.conf"
    let run = try stubs.run(
        try rendered(redisSpec, "redis/write-redis-conf.sh"), shell: shell, environment: passwords,
        arguments: [target])
    #expect(run.status == 0, "\(run.stderr)")
    let mode = try #require(FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int)
    #expect(mode & 0o077 == 0, "redis.conf is readable by others: \(String(mode, radix: 8))")
    let server = try RedisServer(configuration: target)
    defer { server.stop() }
    #expect(try server.ping(user: "app", password: passwords["REDIS_APP_PASSWORD"]!) == "PONG")
    #expect(try server.ping(user: "reports", password: passwords["REDIS_REPORTS_PASSWORD"]!) == "PONG")
    #expect(try server.ping(user: "app", password: passwords["REDIS_REPORTS_PASSWORD"]!) != "PONG")
}

/// A missing, empty or control-character password, or a target that is a symbolic link, writes nothing; a call
/// without a target is a usage error.
@Test(
    arguments: [
        (
            ["REDIS_APP_PASSWORD": "app-pw"], "target", 1,
            "$REDIS_REPORTS_PASSWORD is not set (the password of Redis user reports)"
        ),
        (["REDIS_APP_PASSWORD": "", "REDIS_REPORTS_PASSWORD": "r"], "target", 1, "$REDIS_APP_PASSWORD is empty"),
        (
            ["REDIS_APP_PASSWORD": "a\nb", "REDIS_REPORTS_PASSWORD": "r"], "target", 1,
            "$REDIS_APP_PASSWORD holds a control"
        ),
        (["REDIS_APP_PASSWORD": "a", "REDIS_REPORTS_PASSWORD": "r"], "link", 1, "is not a regular file"),
        (["REDIS_APP_PASSWORD": "a", "REDIS_REPORTS_PASSWORD": "r"], "", 2, "usage: write-redis-conf.sh TARGET"),
    ] as [([String: String], String, Int32, String)])
func writeRedisConfWritesNothingWhenAPasswordIsUnusable(
    environment: [String: String], target: String, status: Int32, message: String
) throws {
    let stubs = try ScriptStubs(vaultValues: [:])
    let elsewhere = stubs.directory + "/elsewhere.conf"
    try "kept\n".write(toFile: elsewhere, atomically: true, encoding: .utf8)
    if target == "link" {
        try FileManager.default.createSymbolicLink(atPath: stubs.directory + "/link", withDestinationPath: elsewhere)
    }
    let run = try stubs.run(
        try rendered(redisSpec, "redis/write-redis-conf.sh"), shell: "sh", environment: environment,
        arguments: target.isEmpty ? [] : [stubs.directory + "/" + target])
    #expect(run.status == status)
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: stubs.directory + "/target"))
    #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "kept\n")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: stubs.directory).filter {
        $0.contains(".conf.") || $0.hasPrefix("target.")
    }
    #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
    #expect(!run.stderr.contains("app-pw"))
}

private let redisToolsInstalled = ["redis-server", "redis-cli"].allSatisfy { tool in
    ["/usr/bin/", "/usr/local/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + tool) }
}

/// redis-server on a configuration file, listening on a private Unix socket only.
private struct RedisServer {
    let process = Process()
    let socket: String

    init(configuration: String) throws {
        let directory = (configuration as NSString).deletingLastPathComponent
        socket = directory + "/redis.sock"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "redis-server", configuration, "--port", "0", "--unixsocket", socket, "--dir", directory,
            "--daemonize", "no", "--save", "",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: socket) { usleep(25_000) }
        try #require(FileManager.default.fileExists(atPath: socket), "redis-server did not start within 5 s")
    }

    /// What `PING` answers after `AUTH user password` (an error text when authentication fails).
    func ping(user: String, password: String) throws -> String {
        let client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        client.arguments = ["redis-cli", "-s", socket, "--user", user, "--pass", password, "--no-auth-warning", "ping"]
        let output = Pipe()
        client.standardOutput = output
        client.standardError = output
        try client.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        client.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
