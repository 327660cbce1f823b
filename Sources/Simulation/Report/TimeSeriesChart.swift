/// A chart over time drawn as inline SVG: stacked stepped areas and/or lines with gaps, horizontal reference lines,
/// value and time axes with grid lines and titles, and a legend.
struct TimeSeriesChart {
    /// The `data-chart` name.
    let name: String
    /// The accessible title.
    let title: String
    let time: TimeAxis
    let valueTitle: String
    let valueFormat: ValueAxis.Format
    /// A fixed value axis (e.g. 0…100%); otherwise one is fitted to the data and reference lines.
    var fixedAxis: ValueAxis?
    let series: [ChartSeries]
    var references: [ReferenceLine] = []

    static let width = 960.0
    static let height = 330.0
    private static let left = 72.0, right = 24.0, bottom = 56.0
    /// A reference line more than this many times the data's peak is named above the chart rather than drawn, so
    /// that the data does not flatten into the baseline.
    static let offScaleFactor = 4.0

    /// The chart as an `<svg class="chart">` element.
    func svg() -> String {
        let drawn = series.filter(\.hasData)
        let legend = ChartLegend(
            items: drawn.map {
                ChartLegend.Item(label: $0.label, color: $0.color, swatch: $0.style == .line ? .line : .area)
            }
                + references.map { ChartLegend.Item(label: $0.label, color: $0.color, swatch: .dashed) })
        let plotWidth = Self.width - Self.left - Self.right
        let top = 16 + legend.height(width: plotWidth) + 12
        let plotHeight = Self.height - top - Self.bottom
        let points = time.buckets.count
        let stacks = stackedTops(drawn)
        let dataLargest = max(
            stacks.last?.max() ?? 0,
            drawn.filter { $0.style == .line }.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        let visible = references.filter(\.value.isFinite)
        let onScale = visible.filter { dataLargest <= 0 || $0.value <= dataLargest * Self.offScaleFactor }
        let offScale = visible.filter { dataLargest > 0 && $0.value > dataLargest * Self.offScaleFactor }
        let largest = max(dataLargest, onScale.map(\.value).max() ?? 0)
        let axis = fixedAxis ?? ValueAxis(maximum: largest * 1.05, format: valueFormat)
        let plot = PlotArea(
            left: Self.left, top: top, width: plotWidth, height: plotHeight, points: points, valueTop: axis.top)
        let f = ReportFormat.coordinate

        var out =
            "<svg class=\"chart\" data-chart=\"\(name)\" viewBox=\"0 0 \(f(Self.width)) \(f(Self.height))\" "
            + "width=\"\(f(Self.width))\" height=\"\(f(Self.height))\" role=\"img\" "
            + "aria-label=\"\(HTMLText.escape(title))\"><title>\(HTMLText.escape(title))</title>"
        out += legend.svg(x: Self.left, y: 28, width: plotWidth)
        out += valueGrid(axis, plot)
        var lower = Array(repeating: 0.0, count: points)
        var stackIndex = 0
        for series in drawn where series.style == .stackedArea {
            let upper = stacks[stackIndex]
            stackIndex += 1
            out +=
                "<path data-series=\"\(HTMLText.escape(series.id))\" fill=\"\(series.color)\" fill-opacity=\"0.85\" "
                + "d=\"\(plot.steppedBand(upper: upper, lower: lower))\"/>"
            lower = upper
        }
        for series in drawn where series.style == .line {
            out +=
                "<path data-series=\"\(HTMLText.escape(series.id))\" fill=\"none\" stroke=\"\(series.color)\" "
                + "stroke-width=\"1.6\" stroke-linejoin=\"round\" d=\"\(plot.line(series.values))\"/>"
        }
        for reference in onScale {
            let y = plot.y(reference.value)
            out +=
                "<line data-reference=\"\(HTMLText.escape(reference.id))\" x1=\"\(f(plot.left))\" y1=\"\(f(y))\" "
                + "x2=\"\(f(plot.left + plot.width))\" "
                + "y2=\"\(f(y))\" stroke=\"\(reference.color)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            out +=
                "<text class=\"reference\" x=\"\(f(plot.left + plot.width - 4))\" y=\"\(f(y - 4))\" "
                + "text-anchor=\"end\">\(HTMLText.escape(reference.label))</text>"
        }
        for (index, reference) in offScale.enumerated() {
            let y = plot.top + 14 + Double(index) * 16
            out +=
                "<text class=\"reference\" data-reference=\"\(HTMLText.escape(reference.id))\" data-off-scale=\"true\" "
                + "x=\"\(f(plot.left + plot.width - 4))\" "
                + "y=\"\(f(y))\" text-anchor=\"end\" fill=\"\(reference.color)\">↑ "
                + "\(HTMLText.escape(reference.label)) (above the chart, "
                + "\(ReportFormat.compact(reference.value / dataLargest))× its peak)</text>"
        }
        out += timeAxis(plot)
        return out + "</svg>"
    }

    /// Cumulative tops of the stacked series, bottom first.
    private func stackedTops(_ drawn: [ChartSeries]) -> [[Double]] {
        var running = Array(repeating: 0.0, count: time.buckets.count)
        var tops: [[Double]] = []
        for series in drawn where series.style == .stackedArea {
            for index in running.indices {
                let value = index < series.values.count ? series.values[index] ?? 0 : 0
                running[index] += value.isFinite ? max(0, value) : 0
            }
            tops.append(running)
        }
        return tops
    }

    private func valueGrid(_ axis: ValueAxis, _ plot: PlotArea) -> String {
        let f = ReportFormat.coordinate
        var out = "<g class=\"axis value-axis\">"
        for tick in axis.ticks {
            let y = plot.y(tick)
            out +=
                "<line class=\"grid\" x1=\"\(f(plot.left))\" y1=\"\(f(y))\" x2=\"\(f(plot.left + plot.width))\" "
                + "y2=\"\(f(y))\"/>"
            out +=
                "<text x=\"\(f(plot.left - 8))\" y=\"\(f(y + 4))\" "
                + "text-anchor=\"end\">\(HTMLText.escape(axis.label(tick)))</text>"
        }
        let middle = plot.top + plot.height / 2
        out +=
            "<text class=\"axis-title\" transform=\"translate(16 \(f(middle))) rotate(-90)\" "
            + "text-anchor=\"middle\">\(HTMLText.escape(valueTitle))</text>"
        return out + "</g>"
    }

    private func timeAxis(_ plot: PlotArea) -> String {
        let f = ReportFormat.coordinate
        let baseline = plot.top + plot.height
        var out =
            "<g class=\"axis time-axis\"><line class=\"baseline\" x1=\"\(f(plot.left))\" y1=\"\(f(baseline))\" "
            + "x2=\"\(f(plot.left + plot.width))\" y2=\"\(f(baseline))\"/>"
        let span = Double(max(1, time.spanMinutes))
        for tick in time.ticks {
            let x = plot.left + plot.width * Double(tick.offset) / span
            out +=
                "<line class=\"tick\" x1=\"\(f(x))\" y1=\"\(f(baseline))\" x2=\"\(f(x))\" y2=\"\(f(baseline + 5))\"/>"
            out +=
                "<text x=\"\(f(x))\" y=\"\(f(baseline + 18))\" "
                + "text-anchor=\"middle\">\(HTMLText.escape(tick.label))</text>"
        }
        out +=
            "<text class=\"axis-title\" x=\"\(f(plot.left + plot.width / 2))\" y=\"\(f(Self.height - 10))\" "
            + "text-anchor=\"middle\">\(HTMLText.escape(time.title))</text>"
        return out + "</g>"
    }
}
