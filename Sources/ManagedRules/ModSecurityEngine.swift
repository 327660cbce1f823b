import CModSecurity
import EdgeModel
import Foundation
import RulesLanguage

/// The OWASP Core Rule Set run by libmodsecurity 3, in process: the reference engine for the managed rules phase.
///
/// The rules load once (50–130 ms) into one rule set shared read-only by every thread; each evaluation is its own
/// transaction. CRS runs in detection-only mode with every paranoia level executing and a blocking threshold it can
/// never reach, so one pass scores the request at all four levels and the model applies the deployed level and
/// threshold itself (decision 0020).
public final class ModSecurityEngine: ManagedRulesEvaluator, @unchecked Sendable {
    /// The rules the engine runs.
    public let catalogue: CRSRuleCatalogue
    /// Where the rules were loaded from.
    public let installation: CRSInstallation
    /// The rules removed from the engine, sorted.
    public let removedRuleIDs: [Int]
    private let modSecurity: OpaquePointer
    private let rulesSet: OpaquePointer
    private let bodyOnlyRules: [Int]

    /// Serialises rule loading across the process.
    private static let loading = NSLock()

    /// The rule that reports each level's score through the log: ModSecurity's C API shows rules only as log lines.
    static let scoreRuleID = 9_990_001

    /// Loads the request rules of `installation`, without the rules `removedRuleIDs` names; throws a located
    /// error when a file is missing or does not parse. `executingParanoiaLevel` below 4 runs only the rules up to
    /// that level (the benchmark measures libmodsecurity that way; the model always scores every level).
    public convenience init(
        installation: CRSInstallation = .debian, removedRuleIDs: [Int] = [], executingParanoiaLevel: Int = 4
    ) throws(ManagedRulesLoadError) {
        try self.init(
            installation: installation, catalogue: CRSRuleCatalogue(installation: installation),
            removedRuleIDs: removedRuleIDs, executingParanoiaLevel: executingParanoiaLevel)
    }

    /// Loads the request rules of `installation`, already read into `catalogue`, as `init(installation:…)` does.
    init(
        installation: CRSInstallation, catalogue: CRSRuleCatalogue, removedRuleIDs: [Int], executingParanoiaLevel: Int
    ) throws(ManagedRulesLoadError) {
        // libmodsecurity's rule parser keeps global state: two engines loading at once can fail or corrupt each
        // other, so loads take turns.
        Self.loading.lock()
        defer { Self.loading.unlock() }
        self.catalogue = catalogue
        let removed = Set(removedRuleIDs)
        self.installation = installation
        self.removedRuleIDs = removed.sorted()
        bodyOnlyRules = catalogue.bodyOnlyRuleIDs(atParanoiaLevel: 4).filter { !removed.contains($0) }
        guard let modSecurity = msc_init() else {
            throw ManagedRulesLoadError(file: installation.rulesDirectory, reason: "libmodsecurity did not start")
        }
        msc_set_connector_info(modSecurity, "edgeproof")
        msc_set_log_cb(modSecurity, modSecurityLogLine)
        guard let rulesSet = msc_create_rules_set() else {
            msc_cleanup(modSecurity)
            throw ManagedRulesLoadError(file: installation.rulesDirectory, reason: "libmodsecurity did not start")
        }
        self.modSecurity = modSecurity
        self.rulesSet = rulesSet
        try add(text: Self.engineSettings, source: "<engine settings>")
        try add(file: installation.setupFile)
        try add(text: Self.levelSettings(executing: executingParanoiaLevel), source: "<paranoia settings>")
        for file in catalogue.files { try add(file: file) }
        if !removed.isEmpty {
            try add(
                text: "SecRuleRemoveById " + removed.sorted().map(String.init).joined(separator: " ") + "\n",
                source: "<rule overrides>")
        }
        try add(text: Self.scoreRule, source: "<score report>")
    }

    deinit {
        msc_rules_cleanup(rulesSet)
        msc_cleanup(modSecurity)
    }

    /// The verdict for `request`.
    public func evaluate(_ request: HTTPRequest) -> ManagedRulesVerdict {
        evaluate(CRSRequest(request))
    }

    /// The engine of the same installation without `ruleIDs` as well (`SecRuleRemoveById`), from the process-wide
    /// cache: exact however many variables a removed rule would have scored. Should that engine not load (the files
    /// changed underneath), the removed rules' matches are dropped from this engine's verdicts instead.
    public func removing(_ ruleIDs: Set<Int>) -> any ManagedRulesEvaluator {
        let removed = ruleIDs.union(removedRuleIDs)
        guard removed.count > removedRuleIDs.count else { return self }
        do {
            return try ModSecurityEngines.engine(installation: installation, removedRuleIDs: Array(removed))
        } catch {
            return withoutMatches(of: ruleIDs)
        }
    }

    /// The verdict for `request`: the rules that matched, each level's score, and the rules that read only a body
    /// the request does not have.
    public func evaluate(_ request: CRSRequest) -> ManagedRulesVerdict {
        let log = TransactionLog()
        let context = Unmanaged.passUnretained(log).toOpaque()
        guard let transaction = msc_new_transaction(modSecurity, rulesSet, context) else { return .clean }
        defer { msc_transaction_cleanup(transaction) }
        msc_process_connection(transaction, request.clientIP, 50_000, "127.0.0.1", 443)
        _ = Self.withCString(request.uri) { uri in
            Self.withCString(request.method) { method in
                Self.withCString(request.version) { version in msc_process_uri(transaction, uri, method, version) }
            }
        }
        for header in request.headers {
            header.name.withUnsafeBufferPointer { name in
                header.value.withUnsafeBufferPointer { value in
                    _ = msc_add_n_request_header(
                        transaction, name.baseAddress, name.count, value.baseAddress, value.count)
                }
            }
        }
        msc_process_request_headers(transaction)
        if let body = request.body, !body.isEmpty {
            body.withUnsafeBufferPointer { _ = msc_append_request_body(transaction, $0.baseAddress, $0.count) }
        }
        msc_process_request_body(transaction)
        var intervention = ModSecurityIntervention(status: 200, pause: 0, url: nil, log: nil, disruptive: 0)
        _ = msc_intervention(transaction, &intervention)
        free(intervention.url)
        free(intervention.log)
        return catalogue.verdict(
            loggedRuleIDs: log.ruleIDs, levelScores: log.levelScores, bodyOnlyRules: bodyOnlyRules,
            bodyAbsent: request.body == nil)
    }

    /// Calls `body` with `bytes` as a C string, byte for byte (not re-encoded; the C API stops at a NUL byte).
    private static func withCString<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    private func add(text: String, source: String) throws(ManagedRulesLoadError) {
        var error: UnsafePointer<CChar>?
        let added = msc_rules_add(rulesSet, text, &error)
        try check(added, error, file: source)
    }

    private func add(file: String) throws(ManagedRulesLoadError) {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw ManagedRulesLoadError(file: file, reason: "the file does not exist or cannot be read")
        }
        var error: UnsafePointer<CChar>?
        let added = msc_rules_add_file(rulesSet, file, &error)
        try check(added, error, file: file)
    }

    private func check(_ added: Int32, _ error: UnsafePointer<CChar>?, file: String) throws(ManagedRulesLoadError) {
        defer { if let error { free(UnsafeMutableRawPointer(mutating: error)) } }
        guard added < 0 else { return }
        let message = error.map { String(cString: $0) } ?? "libmodsecurity rejected the rules"
        throw Self.loadError(message, file: file)
    }

    /// A located error from libmodsecurity's message, e.g. `Rules error. File: /x.conf. Line: 3. Column: 53.
    /// Expecting an action, got: bogus`.
    static func loadError(_ message: String, file: String) -> ManagedRulesLoadError {
        func number(after label: String) -> Int? {
            guard let range = message.range(of: label) else { return nil }
            return Int(message[range.upperBound...].prefix { $0.isNumber })
        }
        var reason = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if let range = reason.range(of: "Column: ") {
            let rest = reason[range.upperBound...].drop { $0.isNumber || $0 == "." || $0 == " " }
            if !rest.isEmpty { reason = String(rest) }
        }
        var path = file
        if let range = message.range(of: "File: "), let end = message[range.upperBound...].range(of: ". Line: ") {
            let named = String(message[range.upperBound..<end.lowerBound])
            if named.hasPrefix("/") { path = named }
        }
        return ManagedRulesLoadError(
            file: path, line: number(after: "Line: "), column: number(after: "Column: "), reason: reason)
    }

    /// Detection only (the model decides), request bodies read as CRS's recommended setup reads them, JSON and XML
    /// bodies parsed into ARGS, and no audit or debug log.
    static let engineSettings = """
        SecRuleEngine DetectionOnly
        SecRequestBodyAccess On
        SecRequestBodyLimit 13107200
        SecRequestBodyNoFilesLimit 131072
        SecRequestBodyLimitAction ProcessPartial
        SecAuditEngine Off
        SecRule REQUEST_HEADERS:Content-Type "^(?:application(?:/soap\\+|/)|text/)xml" \
            "id:9990010,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
        SecRule REQUEST_HEADERS:Content-Type "^application/json" \
            "id:9990011,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"

        """

    /// The rules of every level up to `executing` run (4: all); the blocking level is 1 and the threshold
    /// unreachable, so CRS never blocks and each level's points stay in `tx.anomaly_score_pl1` … `pl4`.
    static func levelSettings(executing: Int) -> String {
        """
        SecAction "id:9990020,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=1"
        SecAction "id:9990021,phase:1,nolog,pass,t:none,setvar:tx.executing_paranoia_level=\(min(4, max(1, executing)))"
        SecAction "id:9990022,phase:1,nolog,pass,t:none,setvar:tx.inbound_anomaly_score_threshold=100000"

        """
    }

    /// Logs each level's points at the end of the request phases.
    static let scoreRule = """
        SecAction "id:\(scoreRuleID),phase:2,pass,log,t:none,\
        msg:'EDGEPROOF-SCORE %{tx.anomaly_score_pl1} %{tx.anomaly_score_pl2} %{tx.anomaly_score_pl3} \
        %{tx.anomaly_score_pl4}'"

        """
}

/// The log lines of one transaction, collected by `modSecurityLogLine`.
final class TransactionLog {
    var ruleIDs: [Int] = []
    var levelScores = [0, 0, 0, 0]

    /// Takes one log line: `… [id "942100"] …`, or the score rule's `[msg "EDGEPROOF-SCORE 20 0 0 0"]`.
    func take(_ line: String) {
        guard let id = Self.field("id", in: line).flatMap({ Int($0) }) else { return }
        guard id == ModSecurityEngine.scoreRuleID else {
            ruleIDs.append(id)
            return
        }
        guard let message = Self.field("msg", in: line) else { return }
        let numbers = message.split(separator: " ", omittingEmptySubsequences: false).dropFirst().map { Int($0) ?? 0 }
        for (level, points) in numbers.prefix(4).enumerated() { levelScores[level] = points }
    }

    /// The value of `[name "value"]` in a ModSecurity log line.
    static func field(_ name: String, in line: String) -> String? {
        guard let start = line.range(of: "[\(name) \"") else { return nil }
        guard let end = line[start.upperBound...].range(of: "\"]") else { return nil }
        return String(line[start.upperBound..<end.lowerBound])
    }
}

/// libmodsecurity's log callback: the transaction's context is its `TransactionLog`.
private func modSecurityLogLine(_ context: UnsafeMutableRawPointer?, _ line: UnsafeRawPointer?) {
    guard let context, let line else { return }
    let log = Unmanaged<TransactionLog>.fromOpaque(context).takeUnretainedValue()
    log.take(String(cString: line.assumingMemoryBound(to: CChar.self)))
}
