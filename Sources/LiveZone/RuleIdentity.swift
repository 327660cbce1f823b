import EdgeSpec

/// The spec id and description of an imported rule: the `[id]` prefix EdgeProof writes into descriptions, else an
/// id made from the description (or the rule's `ref`), unique within the spec.
public struct RuleIdentity: Sendable, Equatable {
    /// The spec id.
    public var id: String
    /// The description without the `[id]` prefix; nil when there is none.
    public var description: String?

    /// Ids already given, so that a second rule with the same id gets a suffix.
    final class Allocator {
        private var used: Set<String> = []

        /// The identity of a rule from its `description` and `ref`; `fallback` names it when neither gives an id.
        func identity(description: String?, ref: String?, fallback: String) -> RuleIdentity {
            if let description, let (id, rest) = Self.prefixed(description) {
                return RuleIdentity(id: unique(id), description: rest)
            }
            let base =
                description.flatMap(Self.slug) ?? ref.flatMap { RuleID.isValid($0) ? $0 : Self.slug($0) } ?? fallback
            return RuleIdentity(id: unique(base), description: description.flatMap { $0.isEmpty ? nil : $0 })
        }

        private func unique(_ id: String) -> String {
            if used.insert(id).inserted { return id }
            var number = 2
            while true {
                let suffix = "-\(number)"
                let candidate = String(id.prefix(64 - suffix.count)) + suffix
                if used.insert(candidate).inserted { return candidate }
                number += 1
            }
        }

        /// `[id] rest` → (id, rest); nil when the description does not start with an identifier in brackets.
        static func prefixed(_ description: String) -> (String, String?)? {
            guard description.hasPrefix("["), let close = description.firstIndex(of: "]") else { return nil }
            let id = String(description[description.index(after: description.startIndex)..<close])
            guard RuleID.isValid(id) else { return nil }
            var rest = description[description.index(after: close)...]
            if rest.first == " " { rest = rest.dropFirst() }
            return (id, rest.isEmpty ? nil : String(rest))
        }

        /// Lower-case words of `text` joined by `-`, at most 64 characters; nil when nothing is left.
        static func slug(_ text: String) -> String? {
            var out = ""
            var pendingDash = false
            for scalar in text.unicodeScalars {
                guard scalar.isASCII, let byte = UInt8(exactly: scalar.value) else {
                    pendingDash = !out.isEmpty
                    continue
                }
                let lowered = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
                if (0x61...0x7A).contains(lowered) || (0x30...0x39).contains(lowered) {
                    if pendingDash { out += "-" }
                    pendingDash = false
                    out.unicodeScalars.append(Unicode.Scalar(lowered))
                    if out.utf8.count >= 64 { break }
                } else {
                    pendingDash = !out.isEmpty
                }
            }
            while out.hasSuffix("-") { out.removeLast() }
            return out.isEmpty ? nil : out
        }
    }
}
