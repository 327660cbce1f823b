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
        // Byte by byte: every delimiter is ASCII, which never occurs inside a multi-byte UTF-8 sequence.
        var directives: [SecLangDirective] = []
        var pending: [UInt8] = []
        var startLine = 0
        let bytes = Array(text.utf8)
        for (index, rawLine) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .enumerated()
        {
            var line = rawLine[...]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if pending.isEmpty {
                let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") { continue }
                startLine = index + 1
            }
            if line.last == UInt8(ascii: "\\") {
                pending += line.dropLast()
                continue
            }
            pending += line
            let words = split(pending)
            pending.removeAll(keepingCapacity: true)
            if let name = words.first {
                directives.append(
                    SecLangDirective(name: name, arguments: Array(words.dropFirst()), file: file, line: startLine))
            }
        }
        return directives
    }

    /// Splits a directive line into words: blanks separate, double quotes group, `\"` inside quotes is a quote.
    private static func split(_ line: [UInt8]) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        var inWord = false
        var quoted = false
        var bytes = line.makeIterator()
        while let byte = bytes.next() {
            if quoted {
                if byte == UInt8(ascii: "\\") {
                    guard let next = bytes.next() else {
                        word.append(byte)
                        break
                    }
                    if next != UInt8(ascii: "\"") { word.append(byte) }
                    word.append(next)
                } else if byte == UInt8(ascii: "\"") {
                    quoted = false
                } else {
                    word.append(byte)
                }
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                if inWord { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
                inWord = false
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
                inWord = true
            } else {
                word.append(byte)
                inWord = true
            }
        }
        if inWord { words.append(String(decoding: word, as: UTF8.self)) }
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
        // Byte by byte: every delimiter is ASCII, which never occurs inside a multi-byte UTF-8 sequence.
        var actions: [SecLangAction] = []
        var current: [UInt8] = []
        var quoted = false
        func finish() {
            defer { current.removeAll(keepingCapacity: true) }
            let item = Self.trimmingBlanks(current[...])
            guard !item.isEmpty else { return }
            guard let colon = item.firstIndex(of: UInt8(ascii: ":")) else {
                actions.append(SecLangAction(name: String(decoding: item, as: UTF8.self), value: nil))
                return
            }
            var value = Self.trimmingBlanks(item[(colon + 1)...])
            if value.count >= 2, value.first == UInt8(ascii: "'"), value.last == UInt8(ascii: "'") {
                value = value.dropFirst().dropLast()
            }
            actions.append(
                SecLangAction(
                    name: String(decoding: Self.trimmingBlanks(item[..<colon]), as: UTF8.self),
                    value: String(decoding: value, as: UTF8.self)))
        }
        var bytes = list.utf8.makeIterator()
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "\\"), quoted, let next = bytes.next() {
                if next != UInt8(ascii: "'") { current.append(byte) }
                current.append(next)
            } else if byte == UInt8(ascii: "'") {
                quoted.toggle()
                current.append(byte)
            } else if byte == UInt8(ascii: ","), !quoted {
                finish()
            } else {
                current.append(byte)
            }
        }
        finish()
        return actions
    }

    /// `bytes` without leading and trailing blanks (spaces, tabs).
    private static func trimmingBlanks(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return [] }
        return bytes[first...last]
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
