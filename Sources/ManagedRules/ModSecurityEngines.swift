import Foundation

/// The engines of this process, loaded once per installation and set of removed rules: loading CRS takes
/// 50–130 ms and 14 MB, and every model of the same spec (what-if scenarios, `diff`, tests) can share one.
public enum ModSecurityEngines {
    private struct Key: Hashable {
        var installation: CRSInstallation
        var removedRuleIDs: [Int]
    }

    nonisolated(unsafe) private static var loaded: [Key: ModSecurityEngine] = [:]
    private static let lock = NSLock()

    /// The engine for `installation` (by default the one the environment names, else Debian's) without
    /// `removedRuleIDs`, loaded on first use.
    public static func engine(installation: CRSInstallation = .fromEnvironment(), removedRuleIDs: [Int] = [])
        throws(ManagedRulesLoadError) -> ModSecurityEngine
    {
        let key = Key(installation: installation, removedRuleIDs: Array(Set(removedRuleIDs)).sorted())
        lock.lock()
        defer { lock.unlock() }
        if let engine = loaded[key] { return engine }
        let engine = try ModSecurityEngine(installation: installation, removedRuleIDs: key.removedRuleIDs)
        loaded[key] = engine
        return engine
    }
}
