import Traces

/// libFuzzer harness for the native JSONL trace parser (its SIMD/SWAR key and digit scanners included): the first
/// byte sets the reader's chunk size and limits, the rest is the trace. Every input is read as native and, sniffed,
/// as `auto`; each record must write as native JSONL that reads back alike, and each line must read alone as a
/// request object (`TraceRecord.fromNativeJSON`, the form `expect` cases use) without crashing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let trace = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let options = fuzzedOptions(data[0])
    readTrace(trace, format: .native, options: options)
    readTrace(trace, format: .auto, options: options)
    for line in trace.split(separator: 0x0A, omittingEmptySubsequences: true).prefix(4) {
        if let record = try? TraceRecord.fromNativeJSON(String(decoding: line, as: UTF8.self)) {
            _ = checkedNativeLine(record)
        }
    }
    return 0
}
