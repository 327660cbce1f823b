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
