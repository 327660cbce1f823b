/// Text with `%{…}` macros (`%{tx.critical_anomaly_score}`, `%{MATCHED_VAR}`), split once when a rule compiles
/// and expanded against a transaction when the rule runs.
struct SecLangMacro: Sendable {
    /// One piece of the text.
    enum Part: Sendable {
        /// Bytes taken as they are.
        case literal([UInt8])
        /// `%{collection.key}` or `%{VARIABLE}`.
        case reference(SecLangMacroReference)
    }

    /// The pieces in order.
    let parts: [Part]

    /// The macro text of `text`.
    init(_ text: String) {
        var parts: [Part] = []
        var literal: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{"),
                let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}"))
            {
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = []
                let name = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
                let dot = name.firstIndex(of: ".") ?? name.firstIndex(of: ":")
                let collection = String(dot.map { name[..<$0] } ?? Substring(name)).uppercased()
                let key = dot.map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
                parts.append(.reference(SecLangMacroReference(collection: collection, key: key)))
                index = close + 1
            } else {
                literal.append(bytes[index])
                index += 1
            }
        }
        if !literal.isEmpty || parts.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// The text when it has no macro, nil otherwise.
    var constant: [UInt8]? {
        guard parts.count == 1, case let .literal(bytes) = parts[0] else { return nil }
        return bytes
    }

    /// The bytes before the first macro (all of them when there is none).
    var literalPrefix: [UInt8] {
        guard case let .literal(bytes) = parts.first else { return [] }
        return bytes
    }

    /// Whether a macro reads a variable for which `test` holds.
    func reads(_ test: (CRSVariable) -> Bool) -> Bool {
        parts.contains { part in
            guard case let .reference(reference) = part, let variable = reference.variable else { return false }
            return test(variable)
        }
    }
}

/// One `%{…}` of a macro, resolved as far as it can be when the rule compiles.
struct SecLangMacroReference: Sendable {
    /// The collection or variable, uppercased (`TX`, `MATCHED_VAR`, `RULE`).
    let collection: String
    /// The key, lowercased (may be empty).
    let key: String
    /// The collection's variable, when the compiled evaluator knows it.
    let variable: CRSVariable?
    /// The key as a member's name.
    let name: CRSName

    init(collection: String, key: String) {
        self.collection = collection
        self.key = key
        variable = CRSVariable(name: collection)
        name = CRSName(Array(key.utf8))
    }
}
