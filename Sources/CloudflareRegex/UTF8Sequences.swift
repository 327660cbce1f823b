/// Splits scalar ranges into sequences of byte ranges whose concatenations are exactly the UTF-8 encodings of
/// the range (the classic construction used by regex engines that match Unicode over bytes).
enum UTF8Sequences {
    /// Byte-range sequences, ascending, for every range of `set`.
    static func sequences(for set: ScalarSet) -> [[ClosedRange<UInt8>]] {
        set.ranges.flatMap { sequences(for: $0) }
    }

    /// Byte-range sequences for one surrogate-free scalar range.
    static func sequences(for range: ClosedRange<UInt32>) -> [[ClosedRange<UInt8>]] {
        var result: [[ClosedRange<UInt8>]] = []
        var pending: [(UInt32, UInt32)] = [(range.lowerBound, range.upperBound)]
        split: while let (low, high) = pending.popLast() {
            for boundary: UInt32 in [0x7F, 0x7FF, 0xFFFF] where low <= boundary && boundary < high {
                pending.append((boundary + 1, high))
                pending.append((low, boundary))
                continue split
            }
            if high <= 0x7F {
                result.append([UInt8(low)...UInt8(high)])
                continue
            }
            for shift: UInt32 in [6, 12, 18] {
                let mask: UInt32 = (1 << shift) - 1
                guard low & ~mask != high & ~mask else { continue }
                if low & mask != 0 {
                    pending.append(((low | mask) + 1, high))
                    pending.append((low, low | mask))
                    continue split
                }
                if high & mask != mask {
                    pending.append((high & ~mask, high))
                    pending.append((low, (high & ~mask) - 1))
                    continue split
                }
            }
            let first = encode(low), last = encode(high)
            result.append(zip(first, last).map { $0...$1 })
        }
        return result
    }

    /// The UTF-8 encoding of a scalar value.
    static func encode(_ value: UInt32) -> [UInt8] {
        switch value {
        case ..<0x80:
            return [UInt8(value)]
        case ..<0x800:
            return [UInt8(0xC0 | (value >> 6)), UInt8(0x80 | (value & 0x3F))]
        case ..<0x10000:
            return [UInt8(0xE0 | (value >> 12)), UInt8(0x80 | ((value >> 6) & 0x3F)), UInt8(0x80 | (value & 0x3F))]
        default:
            return [
                UInt8(0xF0 | (value >> 18)), UInt8(0x80 | ((value >> 12) & 0x3F)),
                UInt8(0x80 | ((value >> 6) & 0x3F)), UInt8(0x80 | (value & 0x3F)),
            ]
        }
    }
}
