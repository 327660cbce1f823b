/// One target of a rule's variable list, e.g. `ARGS`, `REQUEST_HEADERS:User-Agent`, `&TX:paranoia_level`,
/// `!REQUEST_COOKIES:/__utm/`, `TX:/^header_name_/`.
struct SecLangTarget: Sendable {
    /// How a target picks the members of a collection.
    enum Selector: Sendable {
        /// Every member.
        case all
        /// The members whose name is this (compared without case; stored lowercased).
        case key(CRSName)
        /// The members whose name matches this pattern (without case).
        case pattern(SecLangRegex)
    }

    /// The variable, e.g. `ARGS`.
    var variable: CRSVariable
    /// Which members.
    var selector: Selector
    /// `&VAR`: the number of members instead of their values.
    var counted: Bool
    /// `!VAR:key`: members left out of the rule's other targets.
    var excluded: Bool

    /// The targets of a rule's variable list; throws for a variable the compiled evaluator does not read.
    static func parse(_ list: String) throws(SecLangCompileError) -> [SecLangTarget] {
        var targets: [SecLangTarget] = []
        for item in split(list) {
            var text = Substring(item)
            let excluded = text.hasPrefix("!")
            if excluded { text = text.dropFirst() }
            let counted = text.hasPrefix("&")
            if counted { text = text.dropFirst() }
            let name: Substring
            var selector = Selector.all
            if let colon = text.firstIndex(of: ":") {
                name = text[..<colon]
                let key = text[text.index(after: colon)...]
                if key.count >= 2, key.hasPrefix("/"), key.hasSuffix("/") {
                    selector = .pattern(try SecLangRegex(pattern: String(key.dropFirst().dropLast()), caseless: true))
                } else if key.hasPrefix("'"), key.hasSuffix("'"), key.count >= 2 {
                    selector = .key(CRSName(Array(key.dropFirst().dropLast().lowercased().utf8)))
                } else {
                    selector = .key(CRSName(Array(key.lowercased().utf8)))
                }
            } else {
                name = text
            }
            guard let variable = CRSVariable(name: name.uppercased()) else {
                throw SecLangCompileError("the variable \(name.uppercased()) is not read by the compiled evaluator")
            }
            targets.append(SecLangTarget(variable: variable, selector: selector, counted: counted, excluded: excluded))
        }
        return targets
    }

    /// Splits a variable list at `|`, keeping `/…/` selectors whole.
    private static func split(_ list: String) -> [String] {
        var items: [String] = []
        var current = ""
        var inPattern = false
        var previous: Character = " "
        for character in list {
            if inPattern {
                current.append(character)
                if character == "/", previous != "\\" { inPattern = false }
            } else if character == "|" {
                items.append(current)
                current = ""
            } else {
                current.append(character)
                if character == "/", previous == ":" { inPattern = true }
            }
            previous = character
        }
        if !current.isEmpty { items.append(current) }
        return items
    }
}
