import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeSpec
import Foundation
import Testing

@testable import Simulation

/// `check` must find every error a later command would: a spec that checks clean builds an edge model, and each of
/// its load profiles builds a synthesiser profile. The example's numbers and durations are replaced, one at a time, by
/// boundary values; whatever `check` accepts must then run.
@Test func whatCheckAcceptsTheModelAndTheSynthesiserRun() throws {
    let original = try String(
        contentsOf: HTMLReportTestSupport.root.appendingPathComponent("examples/agenticverz/edge.yaml"), encoding: .utf8
    )
    let numbers = try Regex(#"[:\[,] (-?[0-9]+(\.[0-9]+)?(ms|s|m|h|d)?)(?=[\s,\]])"#)
    let spots = original.matches(of: numbers).compactMap { $0[1].range }
    #expect(spots.count > 40, "the example has numbers and durations to vary")
    let replacements = ["0", "-1", "0.5", "24", "1000001", "99999999999", "0s", "100000000d"]
    var accepted = 0
    for (spot, replacement) in spots.flatMap({ spot in replacements.map { (spot, $0) } }) {
        var text = original
        text.replaceSubrange(spot, with: replacement)
        let trial = "line \(original[..<spot.lowerBound].filter { $0 == "\n" }.count + 1) as \(replacement)"
        let diagnostics = DiagnosticCollector()
        guard let checked = SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics),
            let edge = EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics),
            !diagnostics.hasErrors
        else { continue }
        accepted += 1
        do {
            _ = try Edge(configuration: try ModelConfigurationBuilder.configuration(for: edge))
        } catch let error as EdgeConfigurationError {
            Issue.record("\(trial): check accepted a spec the model refuses: \(error.problems)")
        } catch {
            Issue.record("\(trial): the managed rules did not load: \(error)")
        }
        for (name, profile) in edge.profiles {
            do {
                _ = try LoadProfileBuilder.profile(profile, name: name.text, edge: edge)
            } catch {
                Issue.record("\(trial): check accepted profile '\(name.text)' that synth refuses: \(error)")
            }
        }
    }
    #expect(accepted > 50, "enough variants pass check to test something")
}
