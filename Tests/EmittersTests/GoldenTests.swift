import EdgeCompiler
import Foundation
import Testing

@testable import Emitters

/// Compares every emitted file with its golden copy. `EDGEPROOF_RECORD_GOLDEN=1` rewrites the goldens and still
/// fails, so a re-record is always a visible, reviewed change.
@Test(arguments: [
    ("examples/agenticverz/edge.yaml", "examples/agenticverz/out"),
    ("examples/small-saas/edge.yaml", "examples/small-saas/out"),
    ("Tests/EmittersTests/Fixtures/self-hosted.yaml", "Tests/EmittersTests/Golden/self-hosted"),
    ("Tests/EmittersTests/Fixtures/managed-exceptions.yaml", "Tests/EmittersTests/Golden/managed-exceptions"),
])
func emittedFilesMatchGoldens(spec: String, goldenDirectory: String) throws {
    let (edge, _) = try compileSpec(spec)
    let outputs = try BuildOutputs.render(edge)
    let golden = repositoryRoot.appendingPathComponent(goldenDirectory).path
    if ProcessInfo.processInfo.environment["EDGEPROOF_RECORD_GOLDEN"] == "1" {
        try OutputWriter.write(outputs, to: golden)
        Issue.record(
            "re-recorded \(goldenDirectory); review the diff and run the tests again without EDGEPROOF_RECORD_GOLDEN")
        return
    }
    let differences = DriftCheck.compare(outputs, with: golden)
    #expect(
        differences.isEmpty,
        "\(goldenDirectory) drifted:\n\(differences.map { "\($0.kind) \($0.path)\n\($0.diff)" }.joined())")
}
