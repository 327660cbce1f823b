/// A problem found while lexing, parsing or type-checking, located by expression byte offsets; the parser turns
/// it into an EdgeCore `Diagnostic` through the caller's location mapping.
struct SyntaxError: Error {
    let id: String
    let message: String
    let range: Range<Int>
    var help: String?
    var fixIt: (range: Range<Int>, replacement: String)?
    var isWarning = false

    init(
        _ id: String, _ message: String, at range: Range<Int>, help: String? = nil,
        fixIt: (range: Range<Int>, replacement: String)? = nil, isWarning: Bool = false
    ) {
        self.id = id
        self.message = message
        self.range = range
        self.help = help
        self.fixIt = fixIt
        self.isWarning = isWarning
    }
}
