/// The plotting rectangle of a chart over time: maps point indexes and values to SVG coordinates and draws the
/// path data of bands and lines.
struct PlotArea {
    let left: Double, top: Double, width: Double, height: Double
    /// Number of points (buckets) across.
    let points: Int
    /// The value at the top edge.
    let valueTop: Double

    /// The x coordinate of the left edge of point `index` (`points` gives the right edge).
    func x(_ index: Int) -> Double { left + width * Double(index) / Double(max(1, points)) }

    /// The y coordinate of `value`, kept inside the rectangle.
    func y(_ value: Double) -> Double {
        guard value.isFinite, valueTop > 0 else { return top + height }
        return top + height * (1 - min(1, max(0, value / valueTop)))
    }

    /// Path data of a stepped band between `lower` and `upper` (one flat step per point).
    func steppedBand(upper: [Double], lower: [Double]) -> String {
        guard points > 0 else { return "" }
        let f = ReportFormat.coordinate
        func at(_ values: [Double], _ index: Int) -> Double { index < values.count ? values[index] : 0 }
        var d = "M\(f(x(0))),\(f(y(at(upper, 0))))H\(f(x(1)))"
        for index in 1..<points {
            d += "V\(f(y(at(upper, index))))H\(f(x(index + 1)))"
        }
        d += "V\(f(y(at(lower, points - 1))))H\(f(x(points - 1)))"
        for index in stride(from: points - 2, through: 0, by: -1) {
            d += "V\(f(y(at(lower, index))))H\(f(x(index)))"
        }
        return d + "Z"
    }

    /// Path data of a line through the middle of each point; nil values break the line, and a point with no
    /// neighbour draws as a short flat stroke across its width.
    func line(_ values: [Double?]) -> String {
        let f = ReportFormat.coordinate
        var d = ""
        var index = 0
        while index < points {
            guard let first = index < values.count ? values[index] : nil else {
                index += 1
                continue
            }
            var end = index + 1
            while end < points, end < values.count, values[end] != nil { end += 1 }
            if end - index == 1 {
                d += "M\(f(x(index))),\(f(y(first)))H\(f(x(index + 1)))"
            } else {
                for point in index..<end {
                    let middle = (x(point) + x(point + 1)) / 2
                    d += (point == index ? "M" : "L") + "\(f(middle)),\(f(y(values[point] ?? 0)))"
                }
            }
            index = end
        }
        return d
    }
}
