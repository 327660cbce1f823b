import EdgeWire

/// What a client's `Range` header asks of a complete file served through the cache (`docs/cloudflare-semantics.md`,
/// "Range requests"; without Origin Range Requests, which the spec cannot turn on).
enum RangeRequest: Equatable {
    /// No `Range`, or one Cloudflare ignores: the complete file as 200.
    case completeFile
    /// A satisfiable range (or several): 206 with this many body bytes.
    case partial(bytes: Int64)
    /// 416 Range Not Satisfiable, with an empty body.
    case unsatisfiable

    /// More ranges than this (or exactly this many) and the header is ignored.
    static let rangeLimit = 300

    /// What `header` (the `Range` value, nil when absent) asks of a file of `size` bytes.
    init(header: [UInt8]?, size: Int64) {
        guard let header else {
            self = .completeFile
            return
        }
        guard let specs = Self.specs(header) else {
            self = .completeFile
            return
        }
        guard !specs.isEmpty else {
            self = .unsatisfiable
            return
        }
        if specs.count == 1 {
            self = Self.resolve(specs[0], size: size).map { .partial(bytes: $0.count) } ?? .unsatisfiable
            return
        }
        // Several ranges from a complete file: overlapping or out-of-order ones are ignored (the complete file);
        // otherwise the satisfiable ones are sent.
        var total: Int64 = 0
        var previousEnd: Int64 = -1
        var satisfiable = 0
        for spec in specs {
            guard let span = Self.resolve(spec, size: size) else { continue }
            guard span.first > previousEnd else {
                self = .completeFile
                return
            }
            previousEnd = span.last
            total += span.count
            satisfiable += 1
        }
        self = satisfiable == 0 ? .unsatisfiable : .partial(bytes: total)
    }

    /// One byte-range spec as written: `first-last`, `first-` or `-suffix`.
    private struct Spec {
        var first: Int64?
        var last: Int64?
    }

    /// The byte positions a spec selects, or nil when it cannot be satisfied.
    private static func resolve(_ spec: Spec, size: Int64) -> (first: Int64, last: Int64, count: Int64)? {
        guard size > 0 else { return nil }
        guard let first = spec.first else {
            // A suffix: the last N bytes (the complete file when N exceeds it); `-0` selects nothing.
            guard let suffix = spec.last, suffix > 0 else { return nil }
            let count = min(suffix, size)
            return (size - count, size - 1, count)
        }
        guard first < size else { return nil }
        if let written = spec.last, written < first { return nil }
        let last = min(spec.last ?? (size - 1), size - 1)
        return (first, last, last - first + 1)
    }

    /// The specs of a `bytes=` header; nil when Cloudflare ignores the header (not `bytes`, unparsable, a number too
    /// large, too many ranges); empty for `bytes=` with nothing after it.
    private static func specs(_ header: [UInt8]) -> [Spec]? {
        let unit = Array("bytes=".utf8)
        guard header.count >= unit.count,
            zip(header, unit).allSatisfy({ ASCII.lowercased($0) == $1 })
        else { return nil }
        var specs: [Spec] = []
        var index = unit.count
        while index <= header.count {
            var end = index
            while end < header.count, header[end] != UInt8(ascii: ",") { end += 1 }
            let piece = trimmed(header[index..<end])
            if !piece.isEmpty || end < header.count {
                guard let spec = spec(piece) else { return nil }
                specs.append(spec)
                if specs.count >= rangeLimit { return nil }
            }
            index = end + 1
        }
        return specs
    }

    private static func spec(_ piece: ArraySlice<UInt8>) -> Spec? {
        guard let dash = piece.firstIndex(of: UInt8(ascii: "-")) else { return nil }
        let firstDigits = piece[piece.startIndex..<dash]
        let lastDigits = piece[(dash + 1)...]
        let first = firstDigits.isEmpty ? nil : number(firstDigits)
        let last = lastDigits.isEmpty ? nil : number(lastDigits)
        guard firstDigits.isEmpty || first != nil, lastDigits.isEmpty || last != nil else { return nil }
        guard first != nil || last != nil else { return nil }
        return Spec(first: first, last: last)
    }

    /// A decimal number of at most 18 digits (larger ones are "too large to parse").
    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = slice
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return slice
    }
}
