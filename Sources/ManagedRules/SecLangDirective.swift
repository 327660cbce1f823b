/// One directive of a ModSecurity configuration file (`SecRule`, `SecAction`, `SecMarker`, …) with its arguments
/// unquoted, and where it starts.
public struct SecLangDirective: Sendable, Hashable {
    /// The directive's name, e.g. `SecRule`.
    public var name: String
    /// Its arguments: for `SecRule`, the variables, the operator and the actions.
    public var arguments: [String]
    /// The file it was read from.
    public var file: String
    /// The 1-based line it starts on.
    public var line: Int

    /// A directive from its parts.
    public init(name: String, arguments: [String], file: String, line: Int) {
        self.name = name
        self.arguments = arguments
        self.file = file
        self.line = line
    }
}

/// Reads ModSecurity configuration text into directives, as ModSecurity's parser splits it: a line ending in a
/// backslash continues on the next; `#` starts a comment line; arguments are separated by blanks, and a double-quoted
/// argument may contain blanks and `\"`.
public enum SecLangReader {
    /// The directives of `text`, read from `file`.
    public static func directives(in text: String, file: String) -> [SecLangDirective] {
        var directives: [SecLangDirective] = []
        var pending = ""
        var startLine = 0
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if pending.isEmpty {
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                startLine = index + 1
            }
            if line.hasSuffix("\\") {
                pending += line.dropLast()
                continue
            }
            pending += line
            let words = split(pending)
            pending = ""
            if let name = words.first {
                directives.append(
                    SecLangDirective(name: name, arguments: Array(words.dropFirst()), file: file, line: startLine))
            }
        }
        return directives
    }

    /// Splits a directive line into words: blanks separate, double quotes group, `\"` inside quotes is a quote.
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if quoted {
                if character == "\\" {
                    guard let next = characters.next() else {
                        word.append(character)
                        break
                    }
                    if next != "\"" { word.append(character) }
                    word.append(next)
                } else if character == "\"" {
                    quoted = false
                } else {
                    word.append(character)
                }
            } else if character == " " || character == "\t" {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else if character == "\"" {
                quoted = true
                inWord = true
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }
}

/// One action of a rule's action list, e.g. `id:942100`, `t:urlDecodeUni`, `setvar:'tx.x=+5'`, `block`.
public struct SecLangAction: Sendable, Hashable {
    /// The action's name.
    public var name: String
    /// Its argument, without surrounding single quotes; nil for a bare action.
    public var value: String?

    /// An action from its parts.
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }

    /// The actions of a rule's action list: comma-separated, blanks around each ignored, a single-quoted value
    /// may contain commas and `\'`.
    public static func parse(_ list: String) -> [SecLangAction] {
        var actions: [SecLangAction] = []
        var current = ""
        var quoted = false
        var characters = list.makeIterator()
        func finish() {
            let item = current.trimmingBlanks()
            current = ""
            guard !item.isEmpty else { return }
            guard let colon = item.firstIndex(of: ":") else {
                actions.append(SecLangAction(name: item, value: nil))
                return
            }
            var value = item[item.index(after: colon)...].trimmingBlanks()
            if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
                value = String(value.dropFirst().dropLast())
            }
            actions.append(SecLangAction(name: item[..<colon].trimmingBlanks(), value: value))
        }
        while let character = characters.next() {
            if character == "\\", quoted, let next = characters.next() {
                if next != "'" { current.append(character) }
                current.append(next)
            } else if character == "'" {
                quoted.toggle()
                current.append(character)
            } else if character == ",", !quoted {
                finish()
            } else {
                current.append(character)
            }
        }
        finish()
        return actions
    }
}

extension StringProtocol {
    /// The text without leading and trailing blanks (spaces, tabs).
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
