import EdgeCore

/// Reads one rule object of a ruleset, remembering which members were read, so that a member the importer does
/// not understand is reported rather than dropped.
struct RuleFields {
    /// The members the API adds to every rule, which say nothing about what the rule does.
    static let bookkeeping: Set<String> = ["id", "version", "last_updated", "ref", "categories"]

    private let members: [(String, JSONValue)]
    private var read: Set<String> = []

    /// The fields of `rule`, or nil when it is not an object.
    init?(_ rule: JSONValue) {
        guard let members = rule.objectMembers else { return nil }
        self.members = members
    }

    /// The member `key`, noted as read.
    mutating func take(_ key: String) -> JSONValue? {
        read.insert(key)
        return members.first { $0.0 == key }?.1
    }

    /// The members neither read nor bookkeeping, in order.
    var unread: [String] {
        members.map(\.0).filter { !read.contains($0) && !Self.bookkeeping.contains($0) }
    }
}

/// Why a rule cannot be written in the spec.
struct Unrepresentable: Error {
    /// What the spec lacks, e.g. "the action 'redirect' has no spec equivalent".
    var reason: String

    init(_ reason: String) { self.reason = reason }
}

extension JSONValue {
    /// The members of an object value that are not in `known`.
    func membersOutside(_ known: Set<String>) -> [String] {
        (objectMembers ?? []).map(\.0).filter { !known.contains($0) }
    }
}
