import EdgeCompiler
import EdgeCore
import Foundation
import TOMLKit
import Testing

@testable import Emitters

@Test func flyTomlParsesWithTOMLKitAndCarriesTheSpec() throws {
    let (edge, _) = try compileSpec("examples/agenticverz/edge.yaml")
    let text = String(
        decoding: try #require(try BuildOutputs.render(edge).file("fly/fly.toml")).contents, as: UTF8.self)
    let table = try TOMLTable(string: text)
    #expect(table["app"]?.string == "agenticverz-api")
    let service = try #require(table["http_service"]?.table)
    #expect(service["internal_port"]?.int == 8000)
    #expect(service["auto_stop_machines"]?.string == "off")
    #expect(service["concurrency"]?.table?["hard_limit"]?.int == 250)
    #expect(service["checks"]?.array?[0]?.table?["interval"]?.string == "10s")
    #expect(table["vm"]?.array?[0]?.table?["memory"]?.string == "1gb")
    #expect(table["services"] == nil, "the seed's duplicate [[services]] on 8000/443 must not be emitted")
    #expect(table["env"]?.table?["ENVIRONMENT"]?.string == "production")
}

@Test func escapingSurvivesEachFormat() throws {
    let (edge, _) = try compileSpec("Tests/EmittersTests/Fixtures/self-hosted.yaml")
    let outputs = try BuildOutputs.render(edge)
    let toml = try TOMLTable(
        string: String(decoding: try #require(outputs.file("fly/fly.toml")).contents, as: UTF8.self))
    #expect(toml["env"]?.table?["QUOTE_TEST"]?.string == #"say "hi" \ ${HOME}"#)
    #expect(toml["processes"]?.table?["app"]?.string == "bin/server --port 8080")
    let redis = String(decoding: try #require(outputs.file("redis/redis.conf")).contents, as: UTF8.self)
    #expect(redis.contains("save 3600 1 300 100\n"))
    #expect(!redis.contains("requirepass"), "the committed redis.conf holds no secret")
    let template = String(decoding: try #require(outputs.file("redis/redis.conf.ctmpl")).contents, as: UTF8.self)
    #expect(
        template.contains(#"requirepass "{{ with secret "kv/data/example/redis" }}{{ .Data.data.PASSWORD }}{{ end }}""#)
    )
}

@Test func contentTypesEscapeTheirSyntax() {
    #expect(HCLStringContent().escapeText("a\"b${x}%{y}\\") == #"a\"b$${x}%%{y}\\"#)
    #expect(RedisArgumentContent().escapeText("plain") == "plain")
    #expect(RedisArgumentContent().escapeText("two words") == "\"two words\"")
    #expect(ShellWordContent().escapeText("it's") == #"'it'\''s'"#)
    #expect(TOMLStringContent().escapeText("tab\there") == #"tab\there"#)
}

@Test func embeddedTemplatesMatchTheTemplatesDirectory() throws {
    let directory = repositoryRoot.appendingPathComponent("Sources/Emitters/Templates").path
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }
    var onDisk: [String: String] = [:]
    for file in files {
        onDisk[String(file.dropLast(".mustache".count))] = try String(
            contentsOfFile: directory + "/" + file, encoding: .utf8)
    }
    #expect(
        onDisk == EmbeddedTemplates.all,
        "every Sources/Emitters/Templates/*.mustache needs its entry in EmbeddedTemplates.all")
}

@Test func templatesDirectoryOverridesOneTemplate() throws {
    let directory = try temporaryDirectory()
    try "{{% CONTENT_TYPE: TOML}}\n{{{header}}}\napp = \"{{app}}\"\n".write(
        toFile: directory + "/fly.toml.mustache", atomically: true, encoding: .utf8)
    let (edge, _) = try compileSpec("examples/agenticverz/edge.yaml")
    let outputs = try BuildOutputs.render(edge, templates: try TemplateSet.overriding(with: directory))
    #expect(
        String(decoding: try #require(outputs.file("fly/fly.toml")).contents, as: UTF8.self).hasSuffix(
            "app = \"agenticverz-api\"\n"))
    try "x".write(toFile: directory + "/nonsense.mustache", atomically: true, encoding: .utf8)
    #expect(throws: TemplateError.self) { try TemplateSet.overriding(with: directory) }
}

@Test func sameSpecGivesSameBytesWhateverThePathSpelling() throws {
    let (first, _) = try compileSpec("examples/agenticverz/edge.yaml", as: "examples/agenticverz/edge.yaml")
    let (second, _) = try compileSpec("examples/agenticverz/edge.yaml", as: "/somewhere/else/../agenticverz/edge.yaml")
    #expect(try BuildOutputs.render(first).files == BuildOutputs.render(second).files)
}

@Test func commentOnlyEditsKeepTheHash() throws {
    let url = repositoryRoot.appendingPathComponent("examples/agenticverz/edge.yaml")
    let original = try String(contentsOf: url, encoding: .utf8)
    let (plain, _) = try compileSpec(bytes: Array(original.utf8), specPath: "edge.yaml")
    let commented =
        "# a new comment\n" + original.replacingOccurrences(of: "plan: pro", with: "plan: pro   # still pro")
    let (edited, _) = try compileSpec(bytes: Array(commented.utf8), specPath: "edge.yaml")
    #expect(plain.specHash == edited.specHash)
    let newCase = original.replacingOccurrences(
        of: "expect:\n", with: "expect:\n  - name: another case\n    request: { path: /x }\n    action: allow\n")
    let (withCase, _) = try compileSpec(bytes: Array(newCase.utf8), specPath: "edge.yaml")
    #expect(plain.specHash == withCase.specHash, "expect cases do not shape emitted files")
    let changed = original.replacingOccurrences(of: "requests: 100", with: "requests: 120")
    let (different, _) = try compileSpec(bytes: Array(changed.utf8), specPath: "edge.yaml")
    #expect(plain.specHash != different.specHash)
}

@Test func upstashLimitsAreWarnedAboutAtTheSpec() throws {
    let spec =
        "version: 1\nzone: {name: example.com, plan: pro}\nredis:\n  provider: upstash\n"
        + "  maxmemory_policy: allkeys-lru\n  persistence:\n    appendonly: true\n    appendfsync: always\n"
    let (edge, diagnostics) = try compileSpec(bytes: Array(spec.utf8), specPath: "edge.yaml")
    #expect(Set(diagnostics.diagnostics.map(\.id)).isSuperset(of: ["W0811", "W0812"]))
    let upstash = String(
        decoding: try #require(try BuildOutputs.render(edge).file("redis/upstash.json")).contents, as: UTF8.self)
    #expect(upstash.contains("\"eviction\": true"))
}

@Test func sectionsAbsentMeanFilesAbsent() throws {
    let (edge, _) = try compileSpec(
        bytes: Array("version: 1\nzone: {name: example.com, plan: free}\n".utf8), specPath: "edge.yaml")
    #expect(try BuildOutputs.render(edge).files.map(\.path) == ["MANIFEST.json"])
}

@Test func aBlockResponseWithoutAStatusIsEmittedWithTheActionsDefault() throws {
    let spec = """
        version: 1
        zone:
          name: example.com
          plan: enterprise
        waf:
          - id: deny-admin
            when: starts_with(http.request.uri.path, "/admin")
            action: block
            response: { content_type: text/plain, body: denied }
        rate_limits:
          - id: api-limit
            when: starts_with(http.request.uri.path, "/api/")
            characteristics: [ip.src]
            requests: 10
            period: 1m
            timeout: 1m
            action: block
            response: { content_type: application/json, body: '{"error":"slow down"}' }
        """
    let (edge, _) = try compileSpec(bytes: Array(spec.utf8), specPath: "edge.yaml")
    let outputs = try BuildOutputs.render(edge)
    func statusCode(_ file: String) throws -> Int? {
        let data = Data(try #require(outputs.file(file)).contents)
        let body = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rule = try #require((body["rules"] as? [[String: Any]])?.first)
        let parameters = rule["action_parameters"] as? [String: Any]
        return (parameters?["response"] as? [String: Any])?["status_code"] as? Int
    }
    // Cloudflare's defaults: 429 for rate limiting rules, 403 for custom rules.
    #expect(try statusCode("cloudflare/http_ratelimit.json") == 429)
    #expect(try statusCode("cloudflare/http_request_firewall_custom.json") == 403)
    let terraform = String(decoding: try #require(outputs.file("terraform/cloudflare.tf")).contents, as: UTF8.self)
    #expect(terraform.contains("status_code  = 429") || terraform.contains("status_code = 429"))
}

@Test func terraformImportBlocksAdoptTheEntrypointsAZoneAlreadyHas() throws {
    let (edge, _) = try compileSpec("examples/agenticverz/edge.yaml")
    let zone = "0123456789abcdef0123456789abcdef"
    let imports = TerraformImports(
        zoneID: zone, rulesetIDs: ["http_ratelimit": "fedcba9876543210fedcba9876543210"])
    let text = String(
        decoding: try #require(try BuildOutputs.render(edge, terraformImports: imports).file("terraform/cloudflare.tf"))
            .contents, as: UTF8.self)
    let block =
        "\n\nimport {\n  to = cloudflare_ruleset.http_ratelimit\n"
        + "  id = \"zones/\(zone)/fedcba9876543210fedcba9876543210\"\n}\n"
    #expect(text.contains("resource \"cloudflare_ruleset\" \"http_ratelimit\""))
    #expect(text.components(separatedBy: "import {").count == 2)
    #expect(text.contains(block))
    let plain = String(
        decoding: try #require(try BuildOutputs.render(edge).file("terraform/cloudflare.tf")).contents, as: UTF8.self)
    #expect(!plain.contains("import {"))
}
