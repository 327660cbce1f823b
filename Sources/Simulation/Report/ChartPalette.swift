/// Colours of the report's charts, chosen to stay apart on a white background and for common colour-vision
/// deficiencies (Tableau 10).
enum ChartPalette {
    static let blue = "#4e79a7"
    static let orange = "#f28e2b"
    static let red = "#e15759"
    static let teal = "#76b7b2"
    static let green = "#59a14f"
    static let yellow = "#edc948"
    static let purple = "#b07aa1"
    static let pink = "#ff9da7"
    static let brown = "#9c755f"
    static let grey = "#bab0ac"

    /// Colours for categories without a fixed colour, in order.
    static let categorical = [blue, orange, green, red, purple, teal, brown, pink, yellow, grey]

    /// The colour of category number `index` (cycling).
    static func category(_ index: Int) -> String {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }
}
