/// A horizontal bar chart drawn as inline SVG: one labelled row per category, each bar made of one or more stacked
/// segments, a value axis with grid lines, and an optional legend.
struct HorizontalBarChart {
    /// One part of a bar.
    struct Segment {
        /// The `data-series` name.
        let series: String
        let value: Double
        let color: String
        /// The hover text.
        let tooltip: String
    }

    /// One bar.
    struct Row {
        let label: String
        let segments: [Segment]
        /// Text after the bar, e.g. "1,234 (12.3%)".
        let note: String
    }

    /// The `data-chart` name.
    let name: String
    /// The accessible title.
    let title: String
    let valueTitle: String
    let valueFormat: ValueAxis.Format
    let rows: [Row]
    var legend: [ChartLegend.Item] = []

    static let width = 960.0
    private static let labelWidth = 230.0, noteWidth = 130.0, rowHeight = 24.0, barHeight = 16.0, bottom = 44.0
    private static let maxLabelCharacters = 34

    /// The chart as an `<svg class="chart">` element.
    func svg() -> String {
        let f = ReportFormat.coordinate
        let left = Self.labelWidth, plotWidth = Self.width - Self.labelWidth - Self.noteWidth
        let legendBox = ChartLegend(items: legend)
        let top = legend.isEmpty ? 12.0 : 16 + legendBox.height(width: plotWidth) + 8
        let plotHeight = Double(rows.count) * Self.rowHeight
        let height = top + plotHeight + Self.bottom
        let totals = rows.map { $0.segments.reduce(0) { $0 + Self.drawable($1.value) } }
        let axis = ValueAxis(maximum: totals.max() ?? 0, format: valueFormat)
        func x(_ value: Double) -> Double { left + plotWidth * min(1, max(0, value / axis.top)) }

        var out =
            "<svg class=\"chart\" data-chart=\"\(name)\" viewBox=\"0 0 \(f(Self.width)) \(f(height))\" "
            + "width=\"\(f(Self.width))\" height=\"\(f(height))\" role=\"img\" "
            + "aria-label=\"\(HTMLText.escape(title))\"><title>\(HTMLText.escape(title))</title>"
        if !legend.isEmpty { out += legendBox.svg(x: left, y: 28, width: plotWidth) }
        out += "<g class=\"axis value-axis\">"
        for tick in axis.ticks {
            out +=
                "<line class=\"grid\" x1=\"\(f(x(tick)))\" y1=\"\(f(top))\" x2=\"\(f(x(tick)))\" "
                + "y2=\"\(f(top + plotHeight))\"/>"
            out +=
                "<text x=\"\(f(x(tick)))\" y=\"\(f(top + plotHeight + 16))\" "
                + "text-anchor=\"middle\">\(HTMLText.escape(axis.label(tick)))</text>"
        }
        out +=
            "<text class=\"axis-title\" x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 8))\" "
            + "text-anchor=\"middle\">\(HTMLText.escape(valueTitle))</text></g>"
        for (index, row) in rows.enumerated() {
            let rowTop = top + Double(index) * Self.rowHeight
            let barTop = rowTop + (Self.rowHeight - Self.barHeight) / 2
            let middle = rowTop + Self.rowHeight / 2 + 4
            out +=
                "<text class=\"bar-label\" x=\"\(f(left - 8))\" y=\"\(f(middle))\" "
                + "text-anchor=\"end\"><title>\(HTMLText.escape(row.label))</title>"
                + "\(HTMLText.escape(Self.shortened(row.label)))</text>"
            var running = 0.0
            for segment in row.segments where Self.drawable(segment.value) > 0 {
                let start = x(running)
                running += Self.drawable(segment.value)
                let width = x(running) - start
                guard width >= 0.05 else { continue }
                out +=
                    "<rect data-series=\"\(HTMLText.escape(segment.series))\" x=\"\(f(start))\" y=\"\(f(barTop))\" "
                    + "width=\"\(f(width))\" height=\"\(f(Self.barHeight))\" "
                    + "fill=\"\(segment.color)\"><title>\(HTMLText.escape(segment.tooltip))</title></rect>"
            }
            out +=
                "<text class=\"bar-note\" x=\"\(f(x(running) + 6))\" "
                + "y=\"\(f(middle))\">\(HTMLText.escape(row.note))</text>"
        }
        return out + "</svg>"
    }

    /// A value a bar can show: negative and non-finite values draw as nothing.
    private static func drawable(_ value: Double) -> Double { value.isFinite ? max(0, value) : 0 }

    /// `label` cut to fit the label column, with an ellipsis.
    private static func shortened(_ label: String) -> String {
        label.count <= maxLabelCharacters ? label : String(label.prefix(maxLabelCharacters - 1)) + "…"
    }
}
