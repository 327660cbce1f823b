/// A plain HTML table: a header row and body rows whose cells are escaped text or numbers (right-aligned).
struct HTMLTable {
    /// One cell.
    enum Cell {
        /// Text, escaped.
        case text(String)
        /// A number already formatted, escaped and right-aligned.
        case number(String)
        /// A token that must not wrap inside (a rule id, an address, a path), escaped, in `<code>`.
        case token(String)
        /// Markup built by the report itself (its text already escaped).
        case markup(String)
    }

    /// One body row, optionally with a CSS class.
    struct Row {
        let cells: [Cell]
        var cssClass: String?

        init(_ cells: [Cell], cssClass: String? = nil) {
            self.cells = cells
            self.cssClass = cssClass
        }
    }

    let headers: [String]
    /// Indexes of header cells over numeric columns (right-aligned).
    let numericColumns: Set<Int>
    let rows: [Row]
    /// The `data-table` name, for tests and styling.
    let name: String

    /// The table as HTML.
    func html() -> String {
        var out = "<div class=\"table-wrap\"><table data-table=\"\(HTMLText.escape(name))\"><thead><tr>"
        for (index, header) in headers.enumerated() {
            out += (numericColumns.contains(index) ? "<th class=\"num\">" : "<th>") + HTMLText.escape(header) + "</th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += row.cssClass.map { "<tr class=\"\(HTMLText.escape($0))\">" } ?? "<tr>"
            for cell in row.cells {
                switch cell {
                case let .text(text): out += "<td>\(HTMLText.escape(text))</td>"
                case let .number(text): out += "<td class=\"num\">\(HTMLText.escape(text))</td>"
                case let .token(text): out += "<td><code>\(HTMLText.escape(text))</code></td>"
                case let .markup(html): out += "<td>\(html)</td>"
                }
            }
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }
}
