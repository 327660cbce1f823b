/// `normalisePath` and `normalisePathWin` as libmodsecurity 3.0.9 runs them (`normalize_path_inplace`): empty
/// segments, `.` and `..` removed without going above the root; on Windows backslashes become slashes.
enum SecLangPath {
    /// `input` normalised.
    static func normalise(_ input: [UInt8], windows: Bool) -> [UInt8] {
        guard !input.isEmpty else { return [] }
        var buffer = input
        let slash = UInt8(ascii: "/")
        let backslash = UInt8(ascii: "\\")
        let dot = UInt8(ascii: ".")
        let end = buffer.count - 1
        var source = 0
        var destination = 0
        var length = 1
        var hitRoot = false
        var done = false
        let relative = !(buffer[0] == slash || (windows && buffer[0] == backslash))
        let trailing = buffer[end] == slash || (windows && buffer[end] == backslash)
        while !done, source <= end, destination <= end {
            if windows {
                if buffer[source] == backslash { buffer[source] = slash }
                if source < end, buffer[source + 1] == backslash { buffer[source + 1] = slash }
            }
            var skipCopy = false
            var normalise = true
            if source == end {
                done = true
            } else if buffer[source + 1] != slash {
                normalise = false
            }
            if normalise {
                if source != end, buffer[source] == slash {
                    // An empty segment: the copy below collapses it.
                } else if buffer[source] == dot {
                    if destination > 0, buffer[destination - 1] == dot {
                        if relative, hitRoot || destination - 2 <= 0 {
                            hitRoot = true
                        } else {
                            destination -= 3
                            while destination > 0, buffer[destination] != slash { destination -= 1 }
                            if destination <= 0 {
                                hitRoot = true
                                destination = 0
                                if !relative, source == end { destination += 1 }
                            }
                            if done {
                                length = destination
                                continue
                            }
                            source += 1
                        }
                    } else if destination == 0 {
                        if done {
                            length = destination
                            continue
                        }
                        source += 1
                    } else if buffer[destination - 1] == slash {
                        if done {
                            length = destination
                            continue
                        }
                        destination -= 1
                        source += 1
                    }
                } else if destination > 0 {
                    hitRoot = false
                }
            }
            if buffer[source] == slash {
                while source < end, buffer[source + 1] == slash || (windows && buffer[source + 1] == backslash) {
                    source += 1
                }
                if relative, destination == 0 {
                    source += 1
                    skipCopy = true
                }
            }
            if !skipCopy {
                buffer[destination] = buffer[source]
                destination += 1
                source += 1
            }
            length = destination
        }
        if !trailing, destination > 0, buffer[destination - 1] == slash {
            length -= 1
        }
        return Array(buffer[0..<max(0, min(length, buffer.count))])
    }
}
