import EdgeCore

/// Origin requests per second of virtual time, from which the peaks per second and per minute are read. Kept as
/// counts rather than running maxima, so that summaries of colos replayed apart add up to the summary of one
/// replay: colos share the origin, and a second's load is the sum over every colo.
///
/// The seconds kept are the 31 days from the earliest second seen (`maxSeconds`, at most 10.7 MB of counts); a
/// request later than that is not part of the peaks (`uncounted`). Which seconds are kept depends only on the
/// earliest one, so the order in which colos are replayed does not matter.
struct OriginSeconds: Sendable, Equatable {
    /// The earliest second, in seconds since the epoch.
    private(set) var startSecond: Int64?
    /// Origin requests per second from `startSecond`.
    private(set) var counts: [UInt32] = []
    /// Origin requests more than `maxSeconds` after the earliest second, left out of the peaks.
    private(set) var uncounted = 0

    /// The most seconds kept: 31 days.
    static let maxSeconds = 31 * 24 * 3600

    /// Counts one origin request at virtual time `time` (ms).
    mutating func add(time: Int64) {
        add(second: time / 1000, count: 1)
    }

    /// Adds `count` requests in `second`.
    private mutating func add(second: Int64, count: UInt32) {
        if let start = startSecond, second < start {
            rebase(to: second)
        } else if startSecond == nil {
            startSecond = second
        }
        let offset = second - (startSecond ?? second)
        guard offset < Int64(Self.maxSeconds) else {
            uncounted += Int(count)
            return
        }
        let slot = Int(offset)
        if slot >= counts.count { counts += Array(repeating: 0, count: slot + 1 - counts.count) }
        let (sum, overflow) = counts[slot].addingReportingOverflow(count)
        counts[slot] = overflow ? .max : sum
    }

    /// Moves the start back to `second`; seconds that fall out of the window become uncounted.
    private mutating func rebase(to second: Int64) {
        guard let start = startSecond else { return }
        let shift = Int(min(start - second, Int64(Self.maxSeconds)))
        let kept = max(0, min(counts.count, Self.maxSeconds - shift))
        uncounted += counts[kept...].reduce(0) { $0 + Int($1) }
        counts = Array(repeating: 0, count: shift) + counts[..<kept]
        startSecond = second
    }

    /// Adds every count of `other`.
    mutating func merge(_ other: OriginSeconds) {
        uncounted += other.uncounted
        guard let otherStart = other.startSecond else { return }
        if let start = startSecond, otherStart < start { rebase(to: otherStart) }
        for (offset, count) in other.counts.enumerated() where count > 0 {
            add(second: otherStart + Int64(offset), count: count)
        }
    }

    /// The most origin requests in one second.
    var peakPerSecond: Int { Int(counts.max() ?? 0) }

    /// The most origin requests in one minute (minutes of the clock, as the timeline counts them).
    var peakPerMinute: Int {
        guard let start = startSecond else { return 0 }
        var peak = 0, minute = Int64.min, total = 0
        for (offset, count) in counts.enumerated() {
            let current = (start + Int64(offset)) / 60
            if current != minute {
                minute = current
                total = 0
            }
            total += Int(count)
            peak = max(peak, total)
        }
        return peak
    }
}

extension OriginSeconds {
    /// The counts exactly, for a mergeable summary (`SummaryState.swift`): the seconds with requests as
    /// `[offset, count, offset, count, …]` from `start`.
    var state: JSONValue {
        var seconds: [Int64] = []
        for (offset, count) in counts.enumerated() where count > 0 { seconds += [Int64(offset), Int64(count)] }
        return .object([
            ("start", StateWriter.optional(startSecond)), ("uncounted", .int(Int64(uncounted))),
            ("seconds", StateWriter.ints(seconds)),
        ])
    }

    /// The counts `state` describes.
    init(state: StateReader) throws(SummaryStateError) {
        self.init()
        uncounted = try state.member("uncounted").count()
        let seconds = try state.member("seconds").int64s()
        guard let start = try state.optionalMember("start")?.int64() else { return }
        guard seconds.count % 2 == 0 else {
            throw SummaryStateError(path: state.path + ".seconds", expected: "offset and count pairs")
        }
        startSecond = start
        var previous: Int64 = -1
        for pair in stride(from: 0, to: seconds.count, by: 2) {
            guard seconds[pair] > previous, seconds[pair] < Int64(Self.maxSeconds),
                (1...Int64(UInt32.max)).contains(seconds[pair + 1])
            else {
                throw SummaryStateError(
                    path: "\(state.path).seconds[\(pair)]",
                    expected: "offsets in increasing order under 31 days, each with a positive count")
            }
            previous = seconds[pair]
            add(second: start + seconds[pair], count: UInt32(seconds[pair + 1]))
        }
    }
}
