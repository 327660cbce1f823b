/// One data series of a chart over time, with one value per plotted point.
struct ChartSeries {
    /// How the series is drawn.
    enum Style {
        /// A filled, stepped band stacked on the stacked series before it.
        case stackedArea
        /// A line through the points; a nil value leaves a gap.
        case line
    }

    /// The `data-series` name.
    let id: String
    /// The legend label.
    let label: String
    let color: String
    let style: Style
    /// One value per point; nil where there is no value (a gap).
    let values: [Double?]

    /// Whether the series has anything to draw.
    var hasData: Bool {
        switch style {
        case .stackedArea: values.contains { ($0 ?? 0) > 0 }
        case .line: values.contains { $0 != nil }
        }
    }
}

/// A horizontal line across a chart at a fixed value, e.g. a capacity limit.
struct ReferenceLine {
    /// The `data-reference` name.
    let id: String
    /// The legend label and the text over the line.
    let label: String
    let color: String
    let value: Double
}
