import Glibc

/// Draws indices in O(1) from a fixed discrete distribution (Vose's alias method).
struct AliasSampler: Sendable {
    private var probability: [Double]
    private var alias: [Int]

    /// A sampler over `weights` (finite, ≥ 0, at least one > 0); index i is drawn with probability
    /// weights[i] / sum.
    init(weights: [Double]) {
        let count = weights.count
        let total = weights.reduce(0, +)
        var scaled = weights.map { total > 0 ? $0 * Double(count) / total : 1 }
        probability = [Double](repeating: 1, count: count)
        alias = Array(0..<count)
        var small: [Int] = [], large: [Int] = []
        for (index, value) in scaled.enumerated() {
            if value < 1 { small.append(index) } else { large.append(index) }
        }
        while let less = small.popLast(), let more = large.last {
            probability[less] = scaled[less]
            alias[less] = more
            scaled[more] -= 1 - scaled[less]
            if scaled[more] < 1 {
                large.removeLast()
                small.append(more)
            }
        }
    }

    /// One index.
    func draw(_ random: inout SynthesisRandom) -> Int {
        let column = random.below(alias.count)
        return random.uniform() < probability[column] ? column : alias[column]
    }
}

/// Zipf weights for `count` ranked items: item i (0-based) gets 1 / (i + 1)^exponent.
func zipfWeights(count: Int, exponent: Double) -> [Double] {
    (0..<count).map { 1 / pow(Double($0 + 1), exponent) }
}
