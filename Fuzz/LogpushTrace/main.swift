import Traces

/// libFuzzer harness for the Cloudflare Logpush `http_requests` parser: the first byte sets the reader's chunk
/// size and limits, the rest is the trace, read as Logpush; each record must write as native JSONL that reads
/// back alike.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let trace = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    readTrace(trace, format: .logpush, options: fuzzedOptions(data[0]))
    return 0
}
