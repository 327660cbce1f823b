import ArgumentParser
import EdgeCore

/// A duration on the command line, written as in a spec (`120s`, `2m`, `1h30m`).
extension EdgeDuration: ExpressibleByArgument {
    /// The duration `argument` spells, or nil (ArgumentParser then reports the value as invalid).
    public init?(argument: String) {
        guard case let .success(duration) = EdgeDuration.parse(argument) else { return nil }
        self = duration
    }
}
