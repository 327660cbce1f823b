/// Why a trace cannot be synthesized from a profile.
public enum SynthesisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A profile value is out of range; `field` names it the way the profile spells it.
    case invalidProfile(field: String, reason: String)
    /// The start or duration of the trace is out of range.
    case invalidWindow(reason: String)
    /// No what-if preset has this name.
    case unknownPreset(name: String, suggestion: String?)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .invalidProfile(field, reason): "invalid load profile: \(field) \(reason)"
        case let .invalidWindow(reason): "invalid synthesis window: \(reason)"
        case let .unknownPreset(name, suggestion):
            "unknown load profile preset '\(name)'"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + " (presets: \(WhatIfPreset.allCases.map(\.rawValue).joined(separator: ", ")))"
        }
    }
}
