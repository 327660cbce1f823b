import Foundation
import Testing

@testable import EdgeProofCLI

/// The scenarios of the scenario names in a what-if's JSON document.
private func scenarioNames(_ result: CommandResult) throws -> [String] {
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let scenarios = try #require(document["scenarios"] as? [[String: Any]])
    return scenarios.compactMap { $0["name"] as? String }
}

@Test func aSpecThatCountsNoIncidentsIsScaledOneTwoFiveAndTenTimes() throws {
    let result = edgeproof(
        "whatif", "Tests/EmittersTests/Fixtures/self-hosted.yaml", "--trace", "traces/scraper.jsonl", "--format", "json"
    )
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(try scenarioNames(result) == ["1x", "2x", "5x", "10x"])
}

@Test func aTraceThatReachesNoIncidentRouteFallsBackToThePlainScalesWithANote() throws {
    let result = edgeproof("whatif", exampleSpec, "--trace", "traces/scraper.jsonl")
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stdout.contains("No request of the trace reached an app route marked incident; scaling it 1,2,5,10"))
    #expect(result.stdout.contains("\n  10x "))
}

/// A spec whose app counts incidents is scaled to its own `app.tiers`, with each tier's planned cost beside it;
/// without tiers it gets the plain scales (the tiers are the spec's, not the tool's).
@Test func incidentTiersComeFromTheSpec() throws {
    let scratch = try ScratchDirectory()
    let app = """
        version: 1
        zone: {name: agenticverz.com, plan: pro}
        app:
          routes:
            - {path: /v1/auth/login, method: POST, incident: true}

        """
    let tiered = try scratch.write(
        "tiered.yaml", app + "  tiers:\n    - {incidents: 1000, planned: \"$40\"}\n    - {incidents: 10000}\n")
    let text = edgeproof("whatif", tiered, "--trace", "traces/login-brute-force.jsonl")
    #expect(text.exitCode == 0, "\(text.stderr)")
    #expect(text.stdout.contains("scaling clients to the spec's app.tiers"))
    #expect(text.stdout.contains("planned") && text.stdout.contains("$40"), "\(text.stdout)")
    let json = edgeproof("whatif", tiered, "--trace", "traces/login-brute-force.jsonl", "--format", "json")
    #expect(try scenarioNames(json) == ["1K incidents/mo", "10K incidents/mo"])

    let untiered = try scratch.write("untiered.yaml", app)
    let plain = edgeproof("whatif", untiered, "--trace", "traces/login-brute-force.jsonl", "--format", "json")
    #expect(try scenarioNames(plain) == ["1x", "2x", "5x", "10x"])
}
