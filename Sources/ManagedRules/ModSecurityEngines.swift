import Foundation

/// The engines of this process, loaded once per installation and set of removed rules: loading CRS takes
/// 50–130 ms and 14 MB, and every model of the same spec (what-if scenarios, `diff`, tests) can share one, and
/// with it one memo of verdicts.
public enum ModSecurityEngines {
    private struct Key: Hashable {
        var installation: CRSInstallation
        var removedRuleIDs: [Int]
    }

    nonisolated(unsafe) private static var loaded: [Key: ModSecurityEngine] = [:]
    nonisolated(unsafe) private static var memoised: [Key: MemoisedEvaluator] = [:]
    nonisolated(unsafe) private static var catalogues: [CRSInstallation: CRSRuleCatalogue] = [:]
    private static let lock = NSLock()

    /// The engine for `installation` (by default the one the environment names, else Debian's) without
    /// `removedRuleIDs`, loaded on first use.
    public static func engine(installation: CRSInstallation = .fromEnvironment(), removedRuleIDs: [Int] = [])
        throws(ManagedRulesLoadError) -> ModSecurityEngine
    {
        let key = Key(installation: installation, removedRuleIDs: Array(Set(removedRuleIDs)).sorted())
        lock.lock()
        defer { lock.unlock() }
        return try engine(key)
    }

    /// The rule catalogue of `installation` (by default the one the environment names, else Debian's), read on
    /// first use without loading an engine.
    public static func catalogue(installation: CRSInstallation = .fromEnvironment())
        throws(ManagedRulesLoadError) -> CRSRuleCatalogue
    {
        lock.lock()
        defer { lock.unlock() }
        return try catalogue(installation)
    }

    /// The catalogue of `installation`; the caller holds the lock.
    private static func catalogue(_ installation: CRSInstallation) throws(ManagedRulesLoadError) -> CRSRuleCatalogue {
        if let catalogue = catalogues[installation] { return catalogue }
        let catalogue = try CRSRuleCatalogue(installation: installation)
        catalogues[installation] = catalogue
        return catalogue
    }

    /// The memoised evaluator for `installation` (by default the one the environment names, else Debian's)
    /// without `removedRuleIDs`, made on first use: the compiled rules (`CompiledCRSEvaluator`) with the engine
    /// behind them; its memo keys keep of the client address what the rules and the setup file read
    /// (`CRSClientAddressUse`).
    public static func memoisedEvaluator(
        installation: CRSInstallation = .fromEnvironment(), removedRuleIDs: [Int] = []
    )
        throws(ManagedRulesLoadError) -> MemoisedEvaluator
    {
        let key = Key(installation: installation, removedRuleIDs: Array(Set(removedRuleIDs)).sorted())
        lock.lock()
        defer { lock.unlock() }
        if let evaluator = memoised[key] { return evaluator }
        let files = try catalogue(installation).files
        let compiled = try CompiledCRSEvaluator.loading(
            installation, files: files, removedRuleIDs: key.removedRuleIDs
        ) { () throws(ManagedRulesLoadError) in try Self.engine(key) }
        guard let data = FileManager.default.contents(atPath: installation.setupFile),
            let text = String(bytes: data, encoding: .utf8)
        else {
            throw ManagedRulesLoadError(file: installation.setupFile, reason: "the file cannot be read as UTF-8 text")
        }
        let setup = SecLangReader.directives(in: text, file: installation.setupFile)
        let evaluator = MemoisedEvaluator(
            engine: compiled,
            addressUse: CRSClientAddressUse.analysing(compiled.catalogue, setup: setup))
        memoised[key] = evaluator
        return evaluator
    }

    /// The engine for `key`; the caller holds the lock.
    private static func engine(_ key: Key) throws(ManagedRulesLoadError) -> ModSecurityEngine {
        if let engine = loaded[key] { return engine }
        let engine = try ModSecurityEngine(
            installation: key.installation, catalogue: catalogue(key.installation), removedRuleIDs: key.removedRuleIDs,
            executingParanoiaLevel: 4)
        loaded[key] = engine
        return engine
    }
}
