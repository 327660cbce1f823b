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
    #expect(Set(PopulationKindSpec.allCases.map(SpecEnumMapping.synthesis)) == Set(PopulationKind.allCases), "every population can be named")
}
