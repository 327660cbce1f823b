import Foundation
import Testing

/// Readiness lints that follow what the spec describes (Redis's use and provider, the zone's plan), warnings
/// acknowledged in `lints:`, and `check` and `build` reporting the same findings.
@Suite struct LintFitTests {
    let scratch: ScratchDirectory

    init() throws {
        scratch = try ScratchDirectory()
    }

    /// A free-plan spec with one rate limit and one WAF rule, and `redis` and `lints` as given.
    func spec(redis: String, lints: String = "") throws -> String {
        try scratch.write(
            "edge.yaml",
            """
            version: 1
            zone:
              name: example.com
              plan: free
            waf:
              - id: block-admin
                when: 'http.request.uri.path eq "/admin"'
                action: block
            rate_limits:
              - id: per-ip
                when: 'true'
                requests: 100
                period: 10s
                timeout: 10s
                action: block
            \(redis)
            \(lints)
            """)
    }

    func ids(_ result: CommandResult) throws -> [String: String] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        var found: [String: String] = [:]
        for diagnostic in (document["diagnostics"] as? [[String: Any]]) ?? [] {
            found[diagnostic["id"] as? String ?? ""] = diagnostic["severity"] as? String
        }
        return found
    }

    @Test func aSelfHostedCacheIsAskedToEvictAndNotForAOFAndAFreeZoneNotForOWASP() throws {
        let cache = try spec(
            redis: "redis:\n  provider: self-hosted\n  use: cache\n  maxmemory_policy: allkeys-lru\n"
                + "  tls: { enabled: true, port: 6380, cert_file: /c, key_file: /k, ca_file: /a }")
        let result = edgeproof("check", cache, "--strict")
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(result.stdout.contains("P0 ✓ Redis eviction fits its use  a cache with maxmemory-policy allkeys-lru"))
        #expect(!result.stdout.contains("Redis AOF") && !result.stdout.contains("OWASP"), "\(result.stdout)")

        let refusing = try spec(
            redis: "redis:\n  provider: self-hosted\n  use: cache\n  maxmemory_policy: noeviction\n"
                + "  tls: { enabled: true, port: 6380, cert_file: /c, key_file: /k, ca_file: /a }")
        let found = try ids(edgeproof("check", refusing, "--format", "json"))
        #expect(found == ["W0501": "warning"])
    }

    @Test func aQueueStillNeedsNoevictionAndAOFButOnUpstashAOFIsNotAsked() throws {
        let queue = try spec(redis: "redis:\n  provider: self-hosted\n  use: queue\n  maxmemory_policy: allkeys-lru")
        #expect(Set(try ids(edgeproof("check", queue, "--format", "json")).keys).isSuperset(of: ["W0501", "W0502"]))
        let upstash = try spec(redis: "redis:\n  provider: upstash\n  use: queue\n  region: us-east-1")
        #expect(try ids(edgeproof("check", upstash, "--format", "json")).isEmpty)
    }

    @Test func anAcknowledgedWarningIsANoteWithItsReasonAndStrictPasses() throws {
        let path = try spec(
            redis: "redis:\n  provider: self-hosted\n  use: queue\n"
                + "  tls: { enabled: true, port: 6380, cert_file: /c, key_file: /k, ca_file: /a }",
            lints: "lints:\n  W0502: \"jobs are re-enqueued from Postgres after a restart\"\n")
        let strict = edgeproof("check", path, "--strict")
        #expect(strict.exitCode == 0, "\(strict.stdout)")
        #expect(strict.stdout.contains("note: acknowledged: readiness: Redis AOF: appendonly no"))
        #expect(strict.stdout.contains("acknowledged in lints: jobs are re-enqueued from Postgres after a restart"))
        #expect(strict.stdout.contains("P0 ~ Redis AOF"))
        #expect(try ids(edgeproof("check", path, "--format", "json")) == ["W0502": "note"])
    }

    @Test func anAcknowledgementNothingRaisesIsNotedAndABadOneIsAnError() throws {
        let stale = try spec(redis: "", lints: "lints:\n  W0509: \"staging runs one machine\"\n")
        let result = edgeproof("check", stale, "--strict", "--format", "json")
        #expect(result.exitCode == 0)
        #expect(try ids(result) == ["W0122": "note"])

        let error = try spec(redis: "", lints: "lints:\n  E0101: \"no\"\n  W0509: \"  \"\n")
        let bad = edgeproof("check", error)
        #expect(bad.exitCode == 1)
        #expect(bad.stdout.contains("'E0101' is not a warning id"))
        #expect(bad.stdout.contains("an acknowledged lint needs a reason"))
    }

    @Test func checkAndBuildReportTheSameFindings() throws {
        let path = try spec(
            redis: "redis:\n  provider: upstash\n  use: queue\n  region: us-east-1\n  maxmemory: 256mb")
        let checked = try ids(edgeproof("check", path, "--format", "json"))
        let built = try ids(edgeproof("build", path, "-o", scratch.path("out"), "--format", "json"))
        #expect(checked == ["W0813": "warning"])
        #expect(built == checked)
    }
}
