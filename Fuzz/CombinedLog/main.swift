import Traces

/// libFuzzer harness for the combined (and common) log format parser: the first byte sets the reader's chunk
/// size and limits, the rest is the log, read as combined; each record must write as native JSONL that reads
/// back alike.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let trace = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    readTrace(trace, format: .combined, options: fuzzedOptions(data[0]))
    return 0
}
