import EdgeModel
import ManagedRules
import RulesLanguage

/// libFuzzer harness for the managed rules phase's own code around libmodsecurity: the input is read as ModSecurity
/// configuration text (`SecLangReader`, then the catalogue's rule grouping) and as a request (first line
/// `METHOD URI`, then `Name: value` header lines, a blank line and the body) that the OWASP Core Rule Set evaluates
/// twice, which must give the same verdict, with scores that are never negative; then the compiled rules evaluate it
/// three times through outcome caches a tiny budget keeps emptying (`CRSOutcomeCache`), which must give one verdict.

private let engine: ModSecurityEngine = {
    do {
        return try ModSecurityEngine()
    } catch {
        fatalError("the OWASP Core Rule Set does not load: \(error)")
    }
}()

private let compiled: CompiledCRSEvaluator = {
    do {
        return try CompiledCRSEvaluator(reference: engine, outcomeCacheBytes: 16 << 10)
    } catch {
        fatalError("the OWASP Core Rule Set does not compile: \(error)")
    }
}()

/// libFuzzer entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    _ = CRSRuleCatalogue(
        rules: CRSRuleCatalogue.rules(in: SecLangReader.directives(in: text, file: "fuzz.conf")),
        files: ["fuzz.conf"])

    var lines = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 64, omittingEmptySubsequences: false)
    guard !lines.isEmpty else { return 0 }
    let requestLine = lines.removeFirst().split(separator: UInt8(ascii: " "), maxSplits: 1)
    var request = HTTPRequest()
    if let method = requestLine.first { request.method = Array(method) }
    if requestLine.count > 1 {
        let target = requestLine[1].split(separator: UInt8(ascii: "?"), maxSplits: 1, omittingEmptySubsequences: false)
        request.path = Array(target[0])
        request.query = target.count > 1 ? Array(target[1]) : []
    }
    var headers: [HTTPHeader] = []
    while let line = lines.first, !line.isEmpty {
        lines.removeFirst()
        let parts = line.split(separator: UInt8(ascii: ":"), maxSplits: 1, omittingEmptySubsequences: false)
        headers.append(HTTPHeader(name: Array(parts[0]), value: parts.count > 1 ? Array(parts[1]) : []))
    }
    request.headers = headers
    if lines.count > 1 { request.body = Array(lines.dropFirst().joined(separator: [UInt8(ascii: "\n")])) }
    let first = engine.evaluate(request)
    let second = engine.evaluate(request)
    guard first == second, first.levelScores.allSatisfy({ $0 >= 0 }) else {
        fatalError("the OWASP verdict differs between two evaluations of one request, or a score is negative")
    }
    let crsRequest = CRSRequest(request)
    let passes = (0..<3).map { _ in compiled.compiledVerdict(crsRequest) }
    guard passes.allSatisfy({ $0 == passes[0] }), (passes[0]?.levelScores ?? []).allSatisfy({ $0 >= 0 }) else {
        fatalError("the compiled rules give a request different verdicts from one pass to the next")
    }
    return 0
}
