/// One rule of the OWASP Core Rule Set as its configuration file declares it: a `SecRule` (with the rules chained to
/// it) or a `SecAction` that has an id.
public struct CRSRule: Sendable, Hashable {
    /// The rule id.
    public var id: Int
    /// The file it is declared in.
    public var file: String
    /// The line its directive starts on.
    public var line: Int
    /// The processing phase, 1 (request headers) or 2 (request body).
    public var phase: Int
    /// Its tags, e.g. `attack-sqli`, `paranoia-level/2`.
    public var tags: [String]
    /// Its paranoia level, 1–4: from the `tx.anomaly_score_plN` it adds to, else its `paranoia-level/N` tag, else 1.
    public var paranoiaLevel: Int
    /// The anomaly points a match adds (critical 5, error 4, warning 3, notice 2), 0 when it adds none.
    public var score: Int
    /// The directives: the rule first, then each rule chained to it.
    public var directives: [SecLangDirective]

    /// A rule from its parts.
    public init(
        id: Int, file: String, line: Int, phase: Int, tags: [String], paranoiaLevel: Int, score: Int,
        directives: [SecLangDirective]
    ) {
        self.id = id
        self.file = file
        self.line = line
        self.phase = phase
        self.tags = tags
        self.paranoiaLevel = paranoiaLevel
        self.score = score
        self.directives = directives
    }

    /// The variables each directive reads (the first argument of each `SecRule`).
    public var variables: [String] {
        directives.compactMap { $0.name == "SecRule" ? $0.arguments.first : nil }
    }

    /// Whether every variable of the rule's first directive is read from the request body (`REQUEST_BODY`,
    /// `ARGS_POST`, `FILES`, `XML`, multipart and body-processor variables): on a request without a body the
    /// rule has nothing to read, so the model reports it as not evaluated rather than as passed.
    public var readsOnlyBody: Bool {
        guard let first = variables.first else { return false }
        let targets = first.split(separator: "|").map(String.init).filter { !$0.hasPrefix("!") }
        guard !targets.isEmpty else { return false }
        return targets.allSatisfy { target in
            let name = target.drop { $0 == "&" }.uppercased()
            return CRSRule.bodyVariablePrefixes.contains { name.hasPrefix($0) }
        }
    }

    private static let bodyVariablePrefixes = [
        "REQUEST_BODY", "ARGS_POST", "FILES", "XML", "MULTIPART_", "REQBODY_", "INBOUND_DATA_ERROR",
    ]
}
