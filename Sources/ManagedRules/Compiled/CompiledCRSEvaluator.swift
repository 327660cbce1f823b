import EdgeModel
import Foundation
import RulesLanguage

/// The OWASP Core Rule Set evaluated by the model's own code (decision 0023): CRS's SecRules compiled once into
/// Swift (`CRSProgram`), run per request without a libmodsecurity transaction, with the same matched rule ids and
/// per-level scores as `ModSecurityEngine`, which stays the reference and the fallback: a request that would
/// reach a rule the compiler could not translate (or carries a JSON, XML or multipart body) is evaluated by
/// libmodsecurity, and counted.
public final class CompiledCRSEvaluator: ManagedRulesEvaluator, @unchecked Sendable {
    /// The rules evaluated.
    public let catalogue: CRSRuleCatalogue
    /// The reference engine, for the requests the compiled rules cannot decide.
    public let reference: ModSecurityEngine
    let program: CRSProgram
    private let bodyOnlyRules: [Int]
    private let counters = CompiledCRSCounters()
    private let caches: CRSOutcomeCachePool
    /// The state every transaction starts from (`CRSTransaction.Prelude`).
    private let prelude: CRSTransaction.Prelude?

    /// The bytes each thread's outcome cache holds at most, by default.
    public static let defaultOutcomeCacheBytes = 32 << 20

    /// Compiles the request rules of `installation` without `removedRuleIDs`, and loads the reference engine;
    /// throws a located error when a file is missing or libmodsecurity rejects it. Each thread evaluating keeps
    /// the rules' outcomes per distinct value in about `outcomeCacheBytes` bytes at most (`CRSOutcomeCache`).
    public convenience init(
        installation: CRSInstallation = .debian, removedRuleIDs: [Int] = [],
        outcomeCacheBytes: Int = defaultOutcomeCacheBytes
    ) throws(ManagedRulesLoadError) {
        try self.init(
            reference: ModSecurityEngines.engine(installation: installation, removedRuleIDs: removedRuleIDs),
            outcomeCacheBytes: outcomeCacheBytes)
    }

    /// Compiles the rules `reference` loaded (its installation without its removed rules), with `reference` as
    /// the fallback; throws a located error when a file cannot be read.
    public convenience init(reference: ModSecurityEngine, outcomeCacheBytes: Int = defaultOutcomeCacheBytes)
        throws(ManagedRulesLoadError)
    {
        let program = try Self.compile(
            reference.installation, files: reference.catalogue.files, removedRuleIDs: reference.removedRuleIDs)
        self.init(reference: reference, program: program, outcomeCacheBytes: outcomeCacheBytes)
    }

    private init(reference: ModSecurityEngine, program: CRSProgram, outcomeCacheBytes: Int) {
        self.reference = reference
        catalogue = reference.catalogue
        self.program = program
        caches = CRSOutcomeCachePool(
            slots: program.cacheableLinks, lists: program.listTargets.count,
            targets: program.requestTargets.count, byteBudget: outcomeCacheBytes)
        let cache = caches.take()
        prelude = CRSTransaction.prelude(of: program, cache: cache)
        caches.give(cache)
        let removed = Set(reference.removedRuleIDs)
        bodyOnlyRules = catalogue.bodyOnlyRuleIDs(atParanoiaLevel: 4).filter { !removed.contains($0) }
    }

    /// The compiled evaluator of `installation` (whose rule files are `files`) without `removedRuleIDs`, its rules
    /// compiled on another thread while `loadEngine` loads the reference engine on this one (the two take about as
    /// long).
    static func loading(
        _ installation: CRSInstallation, files: [String], removedRuleIDs: [Int],
        engine loadEngine: () throws(ManagedRulesLoadError) -> ModSecurityEngine
    ) throws(ManagedRulesLoadError) -> CompiledCRSEvaluator {
        let compilation = CRSCompilation()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            compilation.result = Result { () throws(ManagedRulesLoadError) in
                try compile(installation, files: files, removedRuleIDs: removedRuleIDs)
            }
            done.signal()
        }
        let engine: ModSecurityEngine
        do {
            engine = try loadEngine()
        } catch {
            done.wait()
            throw error
        }
        done.wait()
        guard let result = compilation.result else {
            throw ManagedRulesLoadError(file: installation.rulesDirectory, reason: "the rules did not compile")
        }
        return CompiledCRSEvaluator(
            reference: engine, program: try result.get(), outcomeCacheBytes: defaultOutcomeCacheBytes)
    }

    /// The program of the directives the engine loads for `installation` (`files` are its rule files).
    private static func compile(_ installation: CRSInstallation, files: [String], removedRuleIDs: [Int])
        throws(ManagedRulesLoadError) -> CRSProgram
    {
        var sources: [(text: String, file: String)] = [
            (ModSecurityEngine.engineSettings, "<engine settings>")
        ]
        for file in [installation.setupFile] + files {
            guard let data = FileManager.default.contents(atPath: file), let text = String(bytes: data, encoding: .utf8)
            else { throw ManagedRulesLoadError(file: file, reason: "the file cannot be read as UTF-8 text") }
            sources.append((text, file))
            if file == installation.setupFile {
                sources.append((ModSecurityEngine.levelSettings(executing: 4), "<paranoia settings>"))
            }
        }
        return CRSProgram(
            sources: sources, dataDirectory: installation.rulesDirectory, removedRuleIDs: Set(removedRuleIDs))
    }

    /// The verdict for `request`.
    public func evaluate(_ request: HTTPRequest) -> ManagedRulesVerdict {
        evaluate(CRSRequest(request))
    }

    /// The verdict for `request`: from the compiled rules, or from libmodsecurity when they cannot decide it.
    public func evaluate(_ request: CRSRequest) -> ManagedRulesVerdict {
        if let verdict = compiledVerdict(request) {
            counters.count(fallback: false)
            return verdict
        }
        counters.count(fallback: true)
        return reference.evaluate(request)
    }

    /// The verdict of the compiled rules alone, or nil when `request` needs libmodsecurity (see `fallbackReason`).
    public func compiledVerdict(_ request: CRSRequest) -> ManagedRulesVerdict? {
        let cache = caches.take()
        defer { caches.give(cache) }
        var transaction = CRSTransaction(request: request, program: program, cache: cache, prelude: prelude)
        do { try transaction.run() } catch { return nil }
        return verdict(transaction, bodyAbsent: request.body == nil)
    }

    /// Why `request` needs libmodsecurity (the rule and what is not translated), nil when it does not.
    public func fallbackReason(_ request: CRSRequest) -> (ruleID: Int, reason: String)? {
        let cache = caches.take()
        defer { caches.give(cache) }
        var transaction = CRSTransaction(request: request, program: program, cache: cache, prelude: prelude)
        do { try transaction.run() } catch { return (error.ruleID, error.reason) }
        return nil
    }

    /// The rules the compiler did not translate, with why, in load order.
    public var untranslatedRules: [(id: Int, reason: String)] { program.untranslated }

    /// How many requests were evaluated and how many of them libmodsecurity decided, since the evaluator loaded.
    public var statistics: CompiledCRSStatistics { counters.snapshot }

    /// `TX:anomaly_score_pl1` … `pl4`, where CRS adds each paranoia level's points.
    private static let levelScoreNames = (1...4).map { CRSName(Array("anomaly_score_pl\($0)".utf8)) }

    private func verdict(_ transaction: CRSTransaction, bodyAbsent: Bool) -> ManagedRulesVerdict {
        catalogue.verdict(
            loggedRuleIDs: transaction.loggedRuleIDs,
            levelScores: Self.levelScoreNames.map { transaction.transactionInteger($0) },
            bodyOnlyRules: bodyOnlyRules, bodyAbsent: bodyAbsent)
    }
}

/// What a compiled evaluator has done since it loaded.
public struct CompiledCRSStatistics: Sendable, Hashable {
    /// Requests evaluated.
    public var evaluated: Int
    /// Of those, the requests libmodsecurity evaluated because the compiled rules could not.
    public var fallbacks: Int

    /// Statistics from their parts.
    public init(evaluated: Int, fallbacks: Int) {
        self.evaluated = evaluated
        self.fallbacks = fallbacks
    }
}

/// A compilation's result, handed from the thread that compiles to the one that waits for it.
private final class CRSCompilation: @unchecked Sendable {
    var result: Result<CRSProgram, ManagedRulesLoadError>?
}

/// The evaluator's counters, shared by the threads that evaluate.
private final class CompiledCRSCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var evaluated = 0
    private var fallbacks = 0

    func count(fallback: Bool) {
        lock.lock()
        evaluated += 1
        if fallback { fallbacks += 1 }
        lock.unlock()
    }

    var snapshot: CompiledCRSStatistics {
        lock.lock()
        defer { lock.unlock() }
        return CompiledCRSStatistics(evaluated: evaluated, fallbacks: fallbacks)
    }
}

/// The outcome caches of an evaluator, one per thread evaluating at a time: a thread takes one for a request and
/// gives it back, so the threads never share one and each keeps what it learnt.
private final class CRSOutcomeCachePool: @unchecked Sendable {
    private let lock = NSLock()
    private let slots: Int
    private let lists: Int
    private let targets: Int
    private let byteBudget: Int
    private var idle: [CRSOutcomeCache] = []

    init(slots: Int, lists: Int, targets: Int, byteBudget: Int) {
        self.slots = slots
        self.lists = lists
        self.targets = targets
        self.byteBudget = byteBudget
    }

    func take() -> CRSOutcomeCache {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast()
            ?? CRSOutcomeCache(slots: slots, lists: lists, targets: targets, byteBudget: byteBudget)
    }

    func give(_ cache: CRSOutcomeCache) {
        lock.lock()
        idle.append(cache)
        lock.unlock()
    }
}
