import EdgeCore
import Traces

/// libFuzzer harness for gzip input (`GzipSource` behind a `TraceReader`): byte 0 sets the reader's chunk size
/// and limits, byte 1 the mode, byte 2 where to cut or damage, the rest is the payload.
///
/// In raw mode the payload is the compressed file itself (after the gzip magic, so it is inflated). Otherwise the
/// payload is a native trace compressed here by `GzipMemberWriter` (in pieces, after a dropped member), as one member
/// or two, then optionally truncated, damaged in one
/// byte or followed by bytes that are not gzip. An intact stream must give exactly the records of the plain
/// payload, whatever the line limit; a truncated one must end with an error diagnostic.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 2 else { return 0 }
    let options = fuzzedOptions(data[0])
    let mode = data[1]
    let cut = Int(data[2])
    let payload = Array(UnsafeBufferPointer(start: data + 3, count: size - 3))
    if mode & 0x01 != 0 {
        readTrace([0x1F, 0x8B] + payload, format: .auto, options: options)
        return 0
    }
    var compressed: [UInt8]
    var memberEnds: Set<Int> = []
    if mode & 0x02 != 0 {
        let half = payload.count / 2
        let first = gzip(Array(payload[..<half]), piece: cut + 1)
        memberEnds.insert(first.count)
        compressed = first + gzip(Array(payload[half...]), piece: cut + 1)
    } else {
        compressed = gzip(payload, piece: cut + 1)
    }
    if mode & 0x04 != 0 {
        let length = compressed.count * cut / 256
        // A cut at the end of a member leaves a whole, shorter gzip stream: no error is due.
        guard !memberEnds.contains(length) else { return 0 }
        let (_, diagnostics) = readTrace(Array(compressed[..<max(length, 2)]), format: .native, options: options)
        guard diagnostics.contains(where: { $0.severity == .error }) else {
            fatalError("a gzip stream cut to \(max(length, 2)) of \(compressed.count) bytes was read without an error")
        }
        return 0
    }
    if mode & 0x08 != 0 {
        compressed[compressed.count * cut / 256] ^= mode | 0x01
        readTrace(compressed, format: .native, options: options)
        return 0
    }
    if mode & 0x10 != 0 {
        compressed += [0x00, UInt8(cut)]
    }
    // A payload that itself starts with the gzip magic is inflated when read "plain": nothing to compare.
    guard !payload.starts(with: [0x1F, 0x8B]) else { return 0 }
    let plain = readTrace(payload, format: .native, options: options)
    let inflated = readTrace(compressed, format: .native, options: options)
    guard inflated.lines == plain.lines else {
        fatalError("gzip input gave \(inflated.lines.count) records, the plain input \(plain.lines.count)")
    }
    return 0
}

/// `bytes` as one gzip member, compressed by `GzipMemberWriter` in pieces of `piece` bytes, after a member begun
/// and dropped (which must leave no trace).
private func gzip(_ bytes: [UInt8], piece: Int) -> [UInt8] {
    guard let writer = try? GzipMemberWriter() else { fatalError("zlib could not start") }
    var output: [UInt8] = []
    do {
        let sink: (UnsafeRawBufferPointer) throws -> Void = { output.append(contentsOf: $0) }
        try bytes.withUnsafeBytes { whole in
            try writer.append(UnsafeRawBufferPointer(rebasing: whole.prefix(piece)), to: { _ in })
            writer.dropMember()
            var offset = 0
            while offset < whole.count {
                let end = min(offset + max(piece, 1), whole.count)
                try writer.append(UnsafeRawBufferPointer(rebasing: whole[offset..<end]), to: sink)
                offset = end
            }
        }
        try writer.finishMember(to: sink)
    } catch {
        fatalError("GzipMemberWriter failed: \(error)")
    }
    return output
}
