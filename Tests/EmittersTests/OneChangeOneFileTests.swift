import EdgeCompiler
import EdgeCore
import Foundation
import Testing

@testable import Emitters

/// One change to the example spec, and the files it may change besides `MANIFEST.json`: no hash in a header or a
/// ruleset description makes every file change with the spec.
private let changes: [(name: String, from: String, to: String, files: Set<String>, terraformBlock: String?)] = [
    (
        "a rate limit", "    requests: 100\n", "    requests: 60\n", ["cloudflare/http_ratelimit.json"],
        "http_ratelimit"
    ),
    (
        "a custom rule", "    when: http.user_agent eq \"\"\n", "    when: http.user_agent eq \"-\"\n",
        ["cloudflare/http_request_firewall_custom.json"], "http_request_firewall_custom"
    ),
    (
        "a cache rule", "    edge_ttl: 30d\n", "    edge_ttl: 14d\n", ["cloudflare/http_request_cache_settings.json"],
        "http_request_cache_settings"
    ),
    (
        "the OWASP threshold", "    score_threshold: high\n", "    score_threshold: medium\n",
        ["cloudflare/http_request_firewall_managed.json"], "http_request_firewall_managed"
    ),
    ("the Fly concurrency", "      soft_limit: 200\n", "      soft_limit: 180\n", ["fly/fly.toml"], nil),
    ("the Vault UI", "  ui: true\n", "  ui: false\n", ["vault/vault.hcl"], nil),
    (
        "the Redis memory", "  maxmemory: 256mb\n", "  maxmemory: 512mb\n",
        ["redis/redis.conf", "redis/redis.conf.ctmpl"], nil
    ),
]

/// The files of the example spec with `from` replaced by `to`, by path.
private func files(replacing from: String? = nil, with to: String = "") throws -> [String: [UInt8]] {
    var text = try String(
        contentsOf: repositoryRoot.appendingPathComponent("examples/agenticverz/edge.yaml"), encoding: .utf8)
    if let from {
        #expect(text.contains(from), "the example no longer holds \(from)")
        text = text.replacingOccurrences(of: from, with: to)
    }
    let (edge, _) = try compileSpec(bytes: Array(text.utf8), specPath: "edge.yaml")
    return Dictionary(uniqueKeysWithValues: try BuildOutputs.render(edge).files.map { ($0.path, $0.contents) })
}

/// `terraform/cloudflare.tf` cut at each `resource` line, by the phase the block declares (the text before the
/// first block under "").
private func terraformBlocks(_ bytes: [UInt8]?) -> [String: String] {
    let text = String(decoding: bytes ?? [], as: UTF8.self)
    var blocks: [String: String] = [:]
    for (index, part) in text.components(separatedBy: "\nresource \"cloudflare_ruleset\" \"").enumerated() {
        let phase = index == 0 ? "" : String(part.prefix { $0 != "\"" })
        blocks[phase] = part
    }
    return blocks
}

@Test(arguments: changes.indices)
func aChangeToOneSectionChangesOnlyItsFilesAndTheManifest(index: Int) throws {
    let change = changes[index]
    let before = try files()
    let after = try files(replacing: change.from, with: change.to)
    #expect(Set(before.keys) == Set(after.keys), "\(change.name)")
    let changed = Set(before.keys.filter { before[$0] != after[$0] })
    let expected = change.files.union(["MANIFEST.json"]).union(
        change.terraformBlock == nil ? [] : ["terraform/cloudflare.tf"])
    #expect(changed == expected, "\(change.name): changed \(changed.sorted())")
    if let block = change.terraformBlock {
        let old = terraformBlocks(before["terraform/cloudflare.tf"]),
            new = terraformBlocks(after["terraform/cloudflare.tf"])
        #expect(Set(old.keys.filter { old[$0] != new[$0] }) == [block], "\(change.name)")
    }
}
