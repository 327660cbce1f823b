/// A variable the compiled evaluator reads, resolved once when a rule compiles so that a transaction looks its
/// values up by number instead of by name.
enum CRSVariable: Int, CaseIterable, Sendable {
    case args, argsGet, argsPost, argsNames, argsGetNames, argsPostNames
    case requestHeaders, requestHeadersNames, requestCookies, requestCookiesNames
    case matchedVars, matchedVarsNames
    case requestURI, requestURIRaw, requestFilename, requestBasename, requestLine, requestMethod, requestProtocol
    case queryString, requestBody, remoteAddress, requestBodyProcessor, matchedVar, matchedVarName
    case argsCombinedSize, filesCombinedSize
    case tx, ip, global, geo, xml, files, filesNames, multipartPartHeaders

    /// The name as SecLang writes it, uppercased.
    var name: String {
        switch self {
        case .args: "ARGS"
        case .argsGet: "ARGS_GET"
        case .argsPost: "ARGS_POST"
        case .argsNames: "ARGS_NAMES"
        case .argsGetNames: "ARGS_GET_NAMES"
        case .argsPostNames: "ARGS_POST_NAMES"
        case .requestHeaders: "REQUEST_HEADERS"
        case .requestHeadersNames: "REQUEST_HEADERS_NAMES"
        case .requestCookies: "REQUEST_COOKIES"
        case .requestCookiesNames: "REQUEST_COOKIES_NAMES"
        case .matchedVars: "MATCHED_VARS"
        case .matchedVarsNames: "MATCHED_VARS_NAMES"
        case .requestURI: "REQUEST_URI"
        case .requestURIRaw: "REQUEST_URI_RAW"
        case .requestFilename: "REQUEST_FILENAME"
        case .requestBasename: "REQUEST_BASENAME"
        case .requestLine: "REQUEST_LINE"
        case .requestMethod: "REQUEST_METHOD"
        case .requestProtocol: "REQUEST_PROTOCOL"
        case .queryString: "QUERY_STRING"
        case .requestBody: "REQUEST_BODY"
        case .remoteAddress: "REMOTE_ADDR"
        case .requestBodyProcessor: "REQBODY_PROCESSOR"
        case .matchedVar: "MATCHED_VAR"
        case .matchedVarName: "MATCHED_VAR_NAME"
        case .argsCombinedSize: "ARGS_COMBINED_SIZE"
        case .filesCombinedSize: "FILES_COMBINED_SIZE"
        case .tx: "TX"
        case .ip: "IP"
        case .global: "GLOBAL"
        case .geo: "GEO"
        case .xml: "XML"
        case .files: "FILES"
        case .filesNames: "FILES_NAMES"
        case .multipartPartHeaders: "MULTIPART_PART_HEADERS"
        }
    }

    /// The variable SecLang names `name` (uppercased), nil when the compiled evaluator does not read it.
    init?(name: String) {
        guard let variable = Self.byName[name] else { return nil }
        self = variable
    }

    private static let byName: [String: CRSVariable] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// Whether the variable is a single value (libmodsecurity's anchored variables always yield one, empty when
    /// unset) rather than a collection of named members.
    var isSingle: Bool {
        switch self {
        case .requestURI, .requestURIRaw, .requestFilename, .requestBasename, .requestLine, .requestMethod,
            .requestProtocol, .queryString, .requestBody, .remoteAddress, .requestBodyProcessor, .matchedVar,
            .matchedVarName, .argsCombinedSize, .filesCombinedSize:
            true
        default: false
        }
    }

    /// Whether the members come from the request alone, so a transaction lists them once: the request's
    /// collections, not `TX` and the others that `setvar` fills, nor `MATCHED_VARS`, which each match changes.
    var isRequestCollection: Bool {
        switch self {
        case .args, .argsGet, .argsPost, .argsNames, .argsGetNames, .argsPostNames, .requestHeaders,
            .requestHeadersNames, .requestCookies, .requestCookiesNames:
            true
        default: false
        }
    }

    /// Whether the variable is a single value the request fixes (unlike `MATCHED_VAR` or `REQBODY_PROCESSOR`).
    var isFixedSingle: Bool {
        switch self {
        case .requestURI, .requestURIRaw, .requestFilename, .requestBasename, .requestLine, .requestMethod,
            .requestProtocol, .queryString, .requestBody, .remoteAddress:
            true
        default: false
        }
    }

    /// Whether the variable is a collection `setvar` fills (`TX`, …), empty until a rule sets a member.
    var isSetByRules: Bool {
        switch self {
        case .tx, .ip, .global, .geo, .xml, .files, .filesNames, .multipartPartHeaders: true
        default: false
        }
    }

    /// Whether the values are the names of a request collection's members (`ARGS_NAMES`, …).
    var readsMemberNames: Bool {
        switch self {
        case .argsNames, .argsGetNames, .argsPostNames, .requestHeadersNames, .requestCookiesNames: true
        default: false
        }
    }

    /// Whether the value comes from the request, unlike what the rules set (`TX`, …) and what their matches leave
    /// (`MATCHED_VAR`, …).
    var readsRequest: Bool {
        switch self {
        case .args, .argsGet, .argsPost, .argsNames, .argsGetNames, .argsPostNames, .requestHeaders,
            .requestHeadersNames, .requestCookies, .requestCookiesNames, .requestURI, .requestURIRaw,
            .requestFilename, .requestBasename, .requestLine, .requestMethod, .requestProtocol, .queryString,
            .requestBody, .remoteAddress, .requestBodyProcessor, .argsCombinedSize, .filesCombinedSize:
            true
        case .matchedVars, .matchedVarsNames, .matchedVar, .matchedVarName, .tx, .ip, .global, .geo, .xml, .files,
            .filesNames, .multipartPartHeaders:
            false
        }
    }

    /// Whether the value is what matches left (`MATCHED_VAR`, `MATCHED_VARS`, and their names).
    var isMatch: Bool {
        switch self {
        case .matchedVars, .matchedVarsNames, .matchedVar, .matchedVarName: true
        default: false
        }
    }

    /// The bit of the variable in a set of variables.
    var bit: UInt64 { 1 << UInt64(rawValue) }
}
