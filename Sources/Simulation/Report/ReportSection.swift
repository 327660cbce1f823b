/// The frame of one report section: an anchor, a heading, an explanatory caption and the content.
struct ReportSection {
    /// The anchor (`id`), also the table-of-contents link.
    let id: String
    let title: String
    /// Explanations, one paragraph each (plain text, escaped when rendered).
    let captions: [String]
    /// Markup built by the report itself.
    let body: String

    /// The section as HTML.
    func html() -> String {
        "<section id=\"\(HTMLText.escape(id))\"><h2>\(HTMLText.escape(title))</h2>"
            + captions.map { "<p class=\"caption\">\(HTMLText.escape($0))</p>" }.joined()
            + body + "</section>"
    }

    /// The section nested in another one (e.g. one scenario's charts): an `<h3>` heading and no anchor, so that
    /// repeating it per scenario repeats no `id`.
    func nestedHTML() -> String {
        "<h3>\(HTMLText.escape(title))</h3>"
            + captions.map { "<p class=\"caption\">\(HTMLText.escape($0))</p>" }.joined() + body
    }

    /// A `<figure>` around a chart.
    static func figure(_ svg: String) -> String { "<figure>\(svg)</figure>" }
}
