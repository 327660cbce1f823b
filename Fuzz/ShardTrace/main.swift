import Traces

/// libFuzzer harness for shard files (`TraceShard`, what `edgeproof partition` writes): the first byte sets the
/// reader's chunk size and limits; the rest follows a shard header that names a native, a Logpush and a combined-log
/// trace, so that record lines' prefixes, `#finding` and `#end` directives and the three parsers behind them are what
/// varies. Reading ends with records or a `TraceReadError` (a damaged shard), and each record written as native JSONL
/// reads back to the same line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let header = "#edgeproof-shard 1 0 2\n#input native a.jsonl\n#input logpush b.json\n#input combined c.log\n"
    let shard = Array(header.utf8) + Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    readTrace(shard, format: .auto, options: fuzzedOptions(data[0]))
    return 0
}
