/// A small HTML parser for the report tests: elements with their attributes, children and text, so that tests ask
/// about the document's structure rather than about substrings. It knows what the report writes: void elements,
/// quoted attributes, character references for `&`, `<`, `>`, `"` and `'`, and raw `<style>` text.
final class HTMLElement {
    /// The tag name, lowercased.
    let name: String
    /// Attribute values, character references decoded ("" for an attribute without a value).
    let attributes: [String: String]
    /// Child elements in document order.
    private(set) var children: [HTMLElement] = []
    /// The element's own text and its descendants', in document order, with character references decoded.
    private(set) var text = ""
    private weak var parent: HTMLElement?

    /// An element under `parent`.
    init(name: String, attributes: [String: String], parent: HTMLElement?) {
        self.name = name
        self.attributes = attributes
        self.parent = parent
    }

    /// Elements that never have an end tag.
    private static let voidElements: Set<String> = ["meta", "br", "wbr", "input", "img", "link", "hr"]

    /// Why a document could not be parsed.
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    /// The document's root (a synthetic element named "#document").
    static func parse(_ html: String) throws -> HTMLElement {
        let root = HTMLElement(name: "#document", attributes: [:], parent: nil)
        var current = root
        var rest = Substring(html)
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "<") else {
                current.append(text: rest)
                break
            }
            current.append(text: rest[..<open])
            guard let close = rest[open...].firstIndex(of: ">") else { throw ParseError(description: "unclosed tag") }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().lowercased()
                guard current.name == name, let parent = current.parent else {
                    throw ParseError(description: "</\(name)> closes <\(current.name)>")
                }
                current = parent
                continue
            }
            let (name, attributes) = try parseTag(tag)
            let element = HTMLElement(name: name, attributes: attributes, parent: current)
            current.children.append(element)
            if Self.voidElements.contains(name) || tag.hasSuffix("/") { continue }
            if name == "style" || name == "script" {
                guard let end = rest.range(of: "</\(name)>") else {
                    throw ParseError(description: "unclosed <\(name)>")
                }
                rest = rest[end.upperBound...]
                continue
            }
            current = element
        }
        guard current === root else { throw ParseError(description: "<\(current.name)> is not closed") }
        return root
    }

    private func append(text raw: Substring) {
        guard !raw.isEmpty else { return }
        let decoded = Self.decode(raw)
        var element: HTMLElement? = self
        while let each = element {
            each.text += decoded
            element = each.parent
        }
    }

    private static func parseTag(_ tag: Substring) throws -> (String, [String: String]) {
        var rest = tag.hasSuffix("/") ? tag.dropLast() : tag
        let nameEnd = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
        let name = rest[..<nameEnd].lowercased()
        rest = rest[nameEnd...]
        var attributes: [String: String] = [:]
        while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[start...]
            let keyEnd = rest.firstIndex(where: { $0 == "=" || $0.isWhitespace }) ?? rest.endIndex
            let key = rest[..<keyEnd].lowercased()
            rest = rest[keyEnd...]
            guard rest.first == "=" else {
                attributes[key] = ""
                continue
            }
            rest = rest.dropFirst()
            guard rest.first == "\"", let end = rest.dropFirst().firstIndex(of: "\"") else {
                throw ParseError(description: "attribute \(key) in <\(name)> is not double-quoted")
            }
            attributes[key] = decode(rest[rest.index(after: rest.startIndex)..<end])
            rest = rest[rest.index(after: end)...]
        }
        return (name, attributes)
    }

    private static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Descendants (depth first, document order) that satisfy `matches`.
    func all(where matches: (HTMLElement) -> Bool) -> [HTMLElement] {
        children.flatMap { (matches($0) ? [$0] : []) + $0.all(where: matches) }
    }

    /// Descendants named `name`, optionally with attribute `attribute` equal to `value` (any value when nil).
    func all(_ name: String, _ attribute: String? = nil, _ value: String? = nil) -> [HTMLElement] {
        all { element in
            element.name == name
                && (attribute.map { key in element.attributes[key].map { value == nil || $0 == value } ?? false }
                    ?? true)
        }
    }

    /// The first descendant named `name` (with the attribute, if given).
    func first(_ name: String, _ attribute: String? = nil, _ value: String? = nil) -> HTMLElement? {
        all(name, attribute, value).first
    }

    /// Direct children named `name`.
    func children(_ name: String) -> [HTMLElement] { children.filter { $0.name == name } }

    /// The class names of the element.
    var classes: Set<Substring> { Set((attributes["class"] ?? "").split(separator: " ")) }
}
