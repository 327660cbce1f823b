import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Testing

@testable import Simulation

/// Every key path of the spec schema, as the registry writes them: `cache[].edge_ttl.mode`, `lists.{name}.kind`.
private func schemaPaths(_ node: JSONValue, _ path: String = "") -> [String] {
    guard case .object(let members) = node else { return [] }
    var paths: [String] = []
    for (key, value) in members {
        switch key {
        case "properties":
            guard case .object(let properties) = value else { continue }
            for (name, child) in properties {
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                paths.append(childPath)
                paths += schemaPaths(child, childPath)
            }
        case "items": paths += schemaPaths(value, path + "[]")
        case "additionalProperties": paths += schemaPaths(value, path + ".{name}")
        case "oneOf", "anyOf", "allOf":
            guard case .array(let alternatives) = value else { continue }
            for alternative in alternatives { paths += schemaPaths(alternative, path) }
        default: continue
        }
    }
    return paths
}

private func compile(_ yaml: String) throws -> CompiledEdge {
    let diagnostics = DiagnosticCollector()
    let checked = try #require(SpecChecker.check(Array(yaml.utf8), file: "edge.yaml", diagnostics: diagnostics))
    return try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
}

@Suite("Spec setting registry")
struct SpecSettingRegistryTests {
    @Test("every key of the spec schema is classified: simulated, not simulated, or not an edge setting")
    func everySchemaKeyIsClassified() {
        let paths = Set(schemaPaths(SpecSchema.document))
        #expect(paths.count > 300, "the schema walk found \(paths.count) keys")
        let unclassified = paths.filter { SpecSettingRegistry.entry(for: $0) == nil }.sorted()
        #expect(
            unclassified.isEmpty,
            "classify these spec keys in Sources/Simulation/Coverage/SpecSettingRegistry.swift: \(unclassified)")
        // A key nobody classified is caught: the edge sections list their keys one by one.
        for invented in ["cache[].vary", "waf[].log_body", "rate_limits[].mitigation_expression", "colour"] {
            #expect(SpecSettingRegistry.entry(for: invented) == nil, "\(invented)")
        }
    }

    @Test("every registry entry names a key the schema has")
    func everyEntryIsInTheSchema() {
        let paths = schemaPaths(SpecSchema.document)
        for setting in SpecSettingRegistry.settings {
            #expect(paths.contains { setting.covers($0) }, "\(setting.path) is not in the spec schema")
        }
    }

    @Test("replay and diff report each not-simulated setting the spec uses, with the requests it could have touched")
    func replayReportsNotSimulatedSettings() throws {
        let spec = try compile(
            """
            version: 1
            zone: { name: example.com, plan: business }
            waf:
              - id: no-admin
                when: starts_with(http.request.uri.path, "/admin")
                action: block
                response: { status: 403, content_type: text/plain, body: "no" }
            cache:
              - id: assets
                when: starts_with(http.request.uri.path, "/assets/")
                respect_strong_etags: true
                cache_key: { cache_deception_armor: true }
              - id: unused
                when: http.request.uri.path eq "/x"
            """)
        #expect(
            NotSimulatedSettings.uses(in: spec).map(NotSimulatedSettings.name) == [
                "waf[no-admin].response.content_type", "waf[no-admin].response.body",
                "cache[assets].cache_key.cache_deception_armor", "cache[assets].respect_strong_etags",
            ])
        let trace = NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-not-simulated.jsonl"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        try
            (["/admin/users", "/assets/a.css", "/assets/a.css", "/"].enumerated().map { index, path in
                #"{"ts":\#(1_766_000_000 + index),"path":"\#(path)"}"#
            }.joined(separator: "\n") + "\n").write(toFile: trace, atomically: true, encoding: .utf8)

        let summary = try Replay.run(spec, paths: [trace], options: ReplayOptions(), diagnostics: DiagnosticCollector())
        let text = SummaryRenderer.text(summary)
        #expect(
            text.contains(
                "  waf[no-admin].response.body: deployed but not simulated for 1 request (those the rule answered)\n"))
        #expect(
            text.contains(
                "  cache[assets].respect_strong_etags: deployed but not simulated for 3 requests (those that reached "
                    + "the cache rules)\n"))
        #expect(!text.contains("managed_rules"))
        let json = SummaryRenderer.json(summary).compact
        #expect(json.contains(#"{"setting":"cache[].respect_strong_etags","rule":"assets","requests":3}"#))

        let diff = try SpecDiff.run(
            base: try compile("version: 1\nzone: { name: example.com, plan: business }\n"), head: spec,
            paths: [trace], options: ReplayOptions(), diagnostics: DiagnosticCollector())
        let diffText = SpecDiffRenderer.text(diff)
        #expect(!diffText.contains("Not simulated in the base spec"))
        #expect(diffText.contains("Not simulated in the head spec:\n"))
        #expect(diffText.contains("cache[assets].cache_key.cache_deception_armor: deployed but not simulated for 3"))
    }
}
