import EdgeCore

/// Traffic to add to a profile for a what-if, by name.
///
/// Adding a preset keeps every existing population's absolute rate: the profile's mean grows by exactly the
/// traffic the preset adds (see `LoadProfile.adding(_:startMilliseconds:durationMilliseconds:)`).
public enum WhatIfPreset: String, Sendable, CaseIterable {
    /// Scrapers and vulnerability scanners at 20 times their rate for the whole window.
    case botWave = "bot-wave"
    /// Credential stuffing at 10 times its rate for the whole window.
    case credentialStuffing = "credential-stuffing"
    /// People at 5 times their rate for 30 minutes in the middle of the window.
    case trafficSpike = "traffic-spike"

    /// The preset called `name`; throws with a suggestion when there is none.
    public init(named name: String) throws(SynthesisError) {
        guard let preset = WhatIfPreset(rawValue: name) else {
            throw .unknownPreset(
                name: name, suggestion: bestSuggestion(for: name, among: Self.allCases.map(\.rawValue)))
        }
        self = preset
    }
}
