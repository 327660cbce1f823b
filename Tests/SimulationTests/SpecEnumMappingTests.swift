import EdgeCore
import EdgeModel
import EdgeSpec
import Testing
import TrafficSynthesis

@testable import Simulation

/// Every spec case maps to the model or synthesiser case that has the same name on the wire (the Rulesets API
/// value, or the population's name with `-` for `_`), so no rule changes meaning between the spec and the model.
@Test func specEnumerationsMapToTheCasesOfTheSameName() {
    for action in EdgeSpec.RateLimitAction.allCases {
        #expect(SpecEnumMapping.model(action).rawValue == action.rawValue)
    }
    for algorithm in EdgeSpec.RateLimitAlgorithm.allCases {
        #expect(SpecEnumMapping.model(algorithm).rawValue == algorithm.rawValue)
    }
    for mode in EdgeSpec.EdgeTTLMode.allCases {
        #expect(SpecEnumMapping.model(mode).rawValue == mode.rawValue)
    }
    for mode in EdgeSpec.BrowserTTLMode.allCases {
        #expect(SpecEnumMapping.model(mode).rawValue == mode.rawValue)
    }
    for phase in SkippablePhase.allCases {
        #expect(SpecEnumMapping.model(phase).rawValue == phase.rawValue)
    }
    for kind in PopulationKindSpec.allCases {
        #expect(SpecEnumMapping.synthesis(kind).rawValue == kind.rawValue.replacingOccurrences(of: "_", with: "-"))
    }
    #expect(
        Set(PopulationKindSpec.allCases.map(SpecEnumMapping.synthesis)) == Set(PopulationKind.allCases),
        "every population can be named")
}

/// A profile's population names are read into `PopulationKindSpec` where they are checked, so the load profile gets
/// every population written, in order, with no name re-read (and silently dropped) on the way.
@Test func profilePopulationsReachTheLoadProfileTypedAndInOrder() throws {
    let diagnostics = DiagnosticCollector()
    let yaml = "mean_rps: 5\npopulations: {scrapers: 2, humans: 1, no_user_agent: 0.5}\n"
    let profile = try #require(ProfileFile.read(Array(yaml.utf8), file: "profile.yaml", diagnostics: diagnostics))
    #expect(profile.populations.map(\.kind) == [.scrapers, .humans, .no_user_agent])
    #expect(profile.populations.map(\.weight) == [2, 1, 0.5])
    let unknown = DiagnosticCollector()
    #expect(
        ProfileFile.read(Array("mean_rps: 5\npopulations: {humanz: 1}\n".utf8), file: "p.yaml", diagnostics: unknown)
            == nil)
    #expect(unknown.diagnostics.contains { $0.message.contains("did you mean 'humans'") })
}
