/// A chart legend drawn in SVG: one swatch and label per item, left to right, wrapping to a new row when full.
struct ChartLegend {
    /// How an item's swatch looks.
    enum Swatch {
        /// A filled square (areas and bars).
        case area
        /// A short solid line (line series).
        case line
        /// A short dashed line (reference lines).
        case dashed
    }

    /// One legend entry.
    struct Item {
        let label: String
        let color: String
        let swatch: Swatch
    }

    let items: [Item]

    private static let rowHeight = 18.0
    private static let characterWidth = 6.6

    /// Rows the legend needs within `width`.
    func rows(width: Double) -> Int { layout(x: 0, width: width).last.map { $0.row + 1 } ?? 0 }

    /// The legend as SVG, starting at (`x`, `y`) and wrapping within `width`.
    func svg(x: Double, y: Double, width: Double) -> String {
        var out = "<g class=\"legend\">"
        for (item, place) in zip(items, layout(x: x, width: width)) {
            let top = y + Double(place.row) * Self.rowHeight
            let f = ReportFormat.coordinate
            switch item.swatch {
            case .area:
                out +=
                    "<rect x=\"\(f(place.x))\" y=\"\(f(top - 10))\" width=\"12\" height=\"12\" fill=\"\(item.color)\"/>"
            case .line, .dashed:
                out +=
                    "<line x1=\"\(f(place.x))\" y1=\"\(f(top - 4))\" x2=\"\(f(place.x + 14))\" y2=\"\(f(top - 4))\" "
                    + "stroke=\"\(item.color)\" stroke-width=\"2.5\""
                    + (item.swatch == .dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>"
            }
            out += "<text x=\"\(f(place.x + 19))\" y=\"\(f(top))\">\(HTMLText.escape(item.label))</text>"
        }
        return out + "</g>"
    }

    private func layout(x: Double, width: Double) -> [(x: Double, row: Int)] {
        var places: [(x: Double, row: Int)] = []
        var cursor = x, row = 0
        for item in items {
            let itemWidth = 19 + Double(item.label.count) * Self.characterWidth + 16
            if cursor > x, cursor + itemWidth > x + width {
                row += 1
                cursor = x
            }
            places.append((cursor, row))
            cursor += itemWidth
        }
        return places
    }

    /// Vertical space the legend needs within `width`.
    func height(width: Double) -> Double { Double(rows(width: width)) * Self.rowHeight }
}
