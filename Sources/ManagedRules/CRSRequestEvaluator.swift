import EdgeModel

/// What evaluates the OWASP Core Rule Set on a request in CRS's form: libmodsecurity (`ModSecurityEngine`) or the
/// compiled rules with libmodsecurity behind them (`CompiledCRSEvaluator`), which give the same verdicts. Safe to
/// use from several threads.
public protocol CRSRequestEvaluator: AnyObject, Sendable {
    /// The CRS installation the rules come from.
    var installation: CRSInstallation { get }
    /// The rules left out (`SecRuleRemoveById`), sorted.
    var removedRuleIDs: [Int] { get }
    /// The verdict for `request`.
    func evaluate(_ request: CRSRequest) -> ManagedRulesVerdict
}

extension ModSecurityEngine: CRSRequestEvaluator {}

extension CompiledCRSEvaluator: CRSRequestEvaluator {
    /// The CRS installation the rules come from.
    public var installation: CRSInstallation { reference.installation }
    /// The rules left out (`SecRuleRemoveById`), sorted.
    public var removedRuleIDs: [Int] { reference.removedRuleIDs }
}
