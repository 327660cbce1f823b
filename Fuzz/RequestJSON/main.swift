import EdgeCore
import RulesLanguage
import Simulation

/// libFuzzer harness for the one request reader of `eval --request`, `explain --request`, `expect` cases and
/// trace lines (`RequestObject.httpRequest`: the native trace parser, then `TraceRequestBuilder`): the input is
/// the request object's text. A request it accepts must yield every
/// derived value (normalised path, URI forms, cookies, arguments, headers) and evaluate the expressions below
/// alike with a fresh context and with a reused one.

private let expressions: [CompiledExpression] = [
    #"http.request.uri.path contains "/admin" or http.request.uri.path.extension eq "php""#,
    #"any(http.request.headers["user-agent"][*] contains "bot") and ip.src in {10.0.0.0/8 2001:db8::/32}"#,
    #"http.cookie contains "session" or any(http.request.uri.args.values[*] eq "1")"#,
    #"lower(http.request.full_uri) matches "^https?://[a-z.]+/v1/" and ip.geoip.country in {"SG" "US"}"#,
    #"http.response.code ge 400 or len(http.request.uri.query) gt 100 or cf.bot_management.score lt 30"#,
    #"url_decode(http.request.uri.query) contains "<script" or http.request.method in {"POST" "PUT"}"#,
].map { text in
    let options = ParseOptions(plan: .enterprise, context: nil, lists: [:], missingValues: .cloudflare)
    guard let expression = RulesParser.parse(text, options: options).0 else {
        fatalError("harness expression does not parse: \(text)")
    }
    return CompiledExpression(expression)
}

private let shared = RequestContext(HTTPRequest())

/// libFuzzer entry point: one input is one request object read through the one request reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let request = try? RequestObject.httpRequest(text) else { return 0 }
    let context = RequestContext(request)
    _ = (context.normalizedPath, context.pathExtension, context.rawPathExtension, context.uri, context.rawURI)
    _ = (context.fullURI, context.rawFullURI, context.cookieMap, context.args, context.argNames, context.argValues)
    _ = (context.headerMap, context.headerNames, context.headerValues, context.responseHeaderMap)
    _ = (context.userAgent, context.referer, context.cookie, context.forwardedFor)
    shared.reset(to: request)
    for expression in expressions {
        guard expression.evaluate(context) == expression.evaluate(shared) else {
            fatalError("a reused request context evaluates differently from a fresh one for \(text)")
        }
    }
    return 0
}
