import EdgeWire

/// A data centre code (`colo`) as a dictionary key: codes of up to seven bytes (every IATA code) packed with their
/// length into one integer, longer ones kept as bytes. A record without a colo has the empty code: all such records
/// are one data centre.
@usableFromInline
enum ColoKey: Hashable, Sendable {
    /// A code of at most seven bytes: the bytes from the lowest, the length in the top byte.
    case packed(UInt64)
    /// A longer code.
    case long([UInt8])

    /// The key of `bytes`.
    @inlinable
    init(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= 7 else {
            self = .long(Array(bytes))
            return
        }
        var value = UInt64(bytes.count) << 56
        var position = 0
        while position < bytes.count {
            value |= UInt64(bytes.load(fromByteOffset: position, as: UInt8.self)) << (8 * UInt64(position))
            position += 1
        }
        self = .packed(value)
    }

    /// The key of `record`'s colo.
    @inlinable
    init(of record: TraceRecord) {
        self = record.withBytes(record.colo) { ColoKey($0) }
    }
}

/// Numbers the colos of a trace 0, 1, 2, … in the order they appear. A lookup of a short code is a probe of a small
/// open-addressing table of packed codes (a few instructions, where a `Dictionary` hashes with SipHash), since the
/// model looks up every record's colo twice.
public struct ColoNumbering {
    /// How many colos have been numbered.
    @usableFromInline var numbered = 0
    @usableFromInline var table = [(key: UInt64, number: Int)](repeating: (0, -1), count: 64)
    @usableFromInline var longCodes: [[UInt8]: Int] = [:]
    @usableFromInline var last: (key: UInt64, number: Int) = (UInt64.max, -1)

    /// An empty numbering.
    public init() {}

    /// The number of `record`'s colo, numbering it when it is new.
    @inlinable
    public mutating func number(of record: TraceRecord) -> Int {
        switch ColoKey(of: record) {
        case let .packed(key): number(ofPacked: key)
        case let .long(bytes): number(ofLong: bytes)
        }
    }

    @inlinable
    mutating func number(ofPacked key: UInt64) -> Int {
        if key == last.key { return last.number }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while table[slot].number >= 0 {
            if table[slot].key == key {
                last = table[slot]
                return table[slot].number
            }
            slot = (slot + 1) & mask
        }
        let number = numbered
        numbered += 1
        table[slot] = (key, number)
        last = (key, number)
        if numbered * 2 > table.count { grow() }
        return number
    }

    @usableFromInline
    mutating func number(ofLong bytes: [UInt8]) -> Int {
        if let known = longCodes[bytes] { return known }
        let number = numbered
        numbered += 1
        longCodes[bytes] = number
        return number
    }

    @usableFromInline
    mutating func grow() {
        let entries = table.filter { $0.number >= 0 }
        table = Array(repeating: (0, -1), count: table.count * 2)
        let mask = table.count - 1
        for entry in entries {
            var slot = Int(truncatingIfNeeded: (entry.key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while table[slot].number >= 0 { slot = (slot + 1) & mask }
            table[slot] = entry
        }
    }
}
