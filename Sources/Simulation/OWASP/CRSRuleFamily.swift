/// The attack family of a CRS 3.3 rule, from the file its id range belongs to (`REQUEST-942-APPLICATION-ATTACK-SQLI`
/// holds 942000–942999), so reports can say what a rule id is about without loading the rules.
enum CRSRuleFamily {
    /// The family of each three-digit id prefix, as CRS 3.3.4 names its request rule files.
    private static let families: [Int: String] = [
        911: "method enforcement", 912: "DoS protection", 913: "scanner detection", 920: "protocol enforcement",
        921: "protocol attack", 922: "multipart attack", 930: "local file inclusion", 931: "remote file inclusion",
        932: "remote code execution", 933: "PHP injection", 934: "Node.js injection", 941: "XSS",
        942: "SQL injection", 943: "session fixation", 944: "Java injection",
    ]

    /// `SQL injection` for 942100; `other` for an id outside the request rule files.
    static func name(of id: Int) -> String { families[id / 1000] ?? "other" }
}
