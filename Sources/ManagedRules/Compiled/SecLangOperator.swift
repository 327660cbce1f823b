import CModSecurity
import Glibc

/// A rule's operator compiled once: `@rx`, `@pm`/`@pmFromFile`, libinjection's detectors, the comparisons and the
/// validators CRS uses, each evaluated as libmodsecurity 3.0.9's `src/operators/*.cc` evaluates it.
struct SecLangOperator: Sendable {
    /// What the operator does.
    enum Kind: Sendable {
        case rx(SecLangRegex?)
        case phrases(SecLangPhraseSet)
        case detectSQLi, detectXSS
        case eq, ge, gt, le, lt
        case streq, contains, within, beginsWith, endsWith
        case validateByteRange([Bool])
        case validateURLEncoding, validateUTF8Encoding
        case ipMatch([SecLangNetwork])
        case unconditional
    }

    /// What the operator does.
    var kind: Kind
    /// `!@op`: the result inverted.
    var negated: Bool
    /// The parameter, with macros expanded per transaction where it has some.
    var parameter: SecLangMacro

    /// The operator of `text` (e.g. `@rx ^a`, `!@within %{tx.allowed_methods}`, a bare pattern meaning `@rx`);
    /// `dataDirectory` holds the `@pmFromFile` files. Throws for an operator the compiled evaluator does not run.
    init(_ text: String, dataDirectory: String) throws(SecLangCompileError) {
        var rest = Substring(text)
        negated = rest.hasPrefix("!")
        if negated { rest = rest.dropFirst() }
        var name = "rx"
        var argument = String(rest)
        if rest.hasPrefix("@") {
            let end = rest.firstIndex(of: " ") ?? rest.endIndex
            name = String(rest[rest.index(after: rest.startIndex)..<end])
            argument = end == rest.endIndex ? "" : String(rest[rest.index(after: end)...])
        }
        parameter = SecLangMacro(argument)
        switch name.lowercased() {
        case "rx":
            kind = .rx(parameter.constant == nil ? nil : try SecLangRegex(pattern: argument))
        case "pm":
            kind = .phrases(SecLangPhraseSet(argument.split(whereSeparator: { $0 == " " }).map { Array($0.utf8) }))
        case "pmfromfile", "pmf":
            kind = .phrases(
                try SecLangPhraseSet(
                    files: argument.split(separator: " ").map(String.init),
                    directory: dataDirectory))
        case "detectsqli": kind = .detectSQLi
        case "detectxss": kind = .detectXSS
        case "eq": kind = .eq
        case "ge": kind = .ge
        case "gt": kind = .gt
        case "le": kind = .le
        case "lt": kind = .lt
        case "streq": kind = .streq
        case "contains": kind = .contains
        case "within": kind = .within
        case "beginswith": kind = .beginsWith
        case "endswith": kind = .endsWith
        case "validatebyterange": kind = .validateByteRange(try Self.byteRanges(argument))
        case "validateurlencoding": kind = .validateURLEncoding
        case "validateutf8encoding": kind = .validateUTF8Encoding
        case "ipmatch":
            var networks: [SecLangNetwork] = []
            for item in argument.split(separator: ",") { networks.append(try SecLangNetwork(String(item))) }
            kind = .ipMatch(networks)
        case "unconditionalmatch": kind = .unconditional
        default: throw SecLangCompileError("the operator @\(name) is not run by the compiled evaluator")
        }
    }

    /// The operator of a `SecAction`: always matches.
    init(unconditional: Void) {
        kind = .unconditional
        negated = false
        parameter = SecLangMacro("")
    }

    /// Whether `input` matches (before negation), with the captures `capture` asks for: regex groups, the phrase
    /// found, libinjection's fingerprint. `expanded` is the parameter expanded for this transaction.
    func matches(
        _ input: [UInt8], expanded: [UInt8], scratch: SecLangMatchData, captures: inout [[UInt8]]?
    ) -> Bool {
        switch kind {
        case let .rx(regex):
            let dynamic: SecLangRegex? =
                regex == nil ? try? SecLangRegex(pattern: String(decoding: expanded, as: UTF8.self)) : nil
            guard let pattern = regex ?? dynamic else { return false }
            guard captures != nil else { return pattern.matches(input, scratch: scratch) }
            guard let groups = pattern.firstMatch(input, scratch: scratch) else { return false }
            var captured: [[UInt8]] = []
            for (group, bytes) in groups {
                while captured.count < group { captured.append([]) }
                captured.append(Array(bytes))
            }
            captures = captured
            return true
        case let .phrases(set):
            guard let found = set.firstPhrase(in: input) else { return false }
            if captures != nil { captures = [found] }
            return true
        case .detectSQLi:
            var fingerprint = [CChar](repeating: 0, count: 8)
            let terminated = input.map { CChar(bitPattern: $0) } + [0]
            let found = libinjection_sqli(terminated, input.count, &fingerprint)
            guard found != 0 else { return false }
            if captures != nil { captures = [Array(fingerprint.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) })] }
            return true
        case .detectXSS:
            let terminated = input.map { CChar(bitPattern: $0) } + [0]
            return libinjection_xss(terminated, input.count) != 0
        case .eq: return Self.integer(input) == Self.integer(expanded)
        case .ge: return Self.integer(input) >= Self.integer(expanded)
        case .gt: return Self.integer(input) > Self.integer(expanded)
        case .le: return Self.integer(input) <= Self.integer(expanded)
        case .lt: return Self.integer(input) < Self.integer(expanded)
        case .streq: return input == expanded
        case .contains: return Self.find(expanded, in: input)
        case .within: return input.isEmpty || Self.find(input, in: expanded)
        case .beginsWith: return input.starts(with: expanded)
        case .endsWith: return input.count >= expanded.count && input.suffix(expanded.count).elementsEqual(expanded)
        case let .validateByteRange(allowed): return input.contains { !allowed[Int($0)] }
        case .validateURLEncoding: return Self.hasInvalidURLEncoding(input)
        case .validateUTF8Encoding: return Self.hasInvalidUTF8(input)
        case let .ipMatch(networks):
            return networks.contains { $0.contains(String(decoding: input, as: UTF8.self)) }
        case .unconditional: return true
        }
    }

    /// C++'s `std::stoi` as ModSecurity calls it: leading blanks, a sign and digits; anything else (or an
    /// overflow) is 0.
    static func integer(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count, SecLangDecoding.isSpace(bytes[index]) { index += 1 }
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var value = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            value = value * 10 + Int(bytes[index] - 48)
            digits += 1
            if value > Int(Int32.max) + 1 { return 0 }
            index += 1
        }
        guard digits > 0 else { return 0 }
        let signed = negative ? -value : value
        return signed > Int(Int32.max) || signed < Int(Int32.min) ? 0 : signed
    }

    /// Whether `needle` occurs in `haystack` (an empty needle always does).
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[0]
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first, haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }

    private static func byteRanges(_ text: String) throws(SecLangCompileError) -> [Bool] {
        var allowed = [Bool](repeating: false, count: 256)
        for item in text.split(separator: ",") {
            let bounds = item.split(separator: "-").map { Int($0.trimmingBlanks()) }
            guard let low = bounds.first ?? nil, let high = bounds.last ?? nil, low >= 0, high <= 255, low <= high
            else { throw SecLangCompileError("the byte range '\(item)' is not valid") }
            for byte in low...high { allowed[byte] = true }
        }
        return allowed
    }

    private static func hasInvalidURLEncoding(_ input: [UInt8]) -> Bool {
        var index = 0
        while index < input.count {
            guard input[index] == UInt8(ascii: "%") else {
                index += 1
                continue
            }
            if index + 2 >= input.count { return true }
            guard SecLangDecoding.hexValue(input[index + 1]) != nil, SecLangDecoding.hexValue(input[index + 2]) != nil
            else { return true }
            index += 3
        }
        return false
    }

    private static func hasInvalidUTF8(_ input: [UInt8]) -> Bool {
        var index = 0
        while index < input.count {
            let lead = input[index]
            let left = input.count - index
            func continuation(_ offset: Int) -> Bool { input[index + offset] & 0xC0 == 0x80 }
            var length = 1
            var code: UInt32 = 0
            if lead & 0x80 == 0 {
                length = 1
            } else if lead & 0xE0 == 0xC0 {
                guard left >= 2, continuation(1) else { return true }
                length = 2
                code = UInt32(lead & 0x1F) << 6 | UInt32(input[index + 1] & 0x3F)
                if code < 0x80 { return true }
            } else if lead & 0xF0 == 0xE0 {
                guard left >= 3, continuation(1), continuation(2) else { return true }
                length = 3
                code =
                    UInt32(lead & 0x0F) << 12 | UInt32(input[index + 1] & 0x3F) << 6 | UInt32(input[index + 2] & 0x3F)
                if code < 0x800 { return true }
            } else if lead & 0xF8 == 0xF0 {
                guard lead < 0xF5, left >= 4, continuation(1), continuation(2), continuation(3) else { return true }
                length = 4
                code =
                    UInt32(lead & 0x07) << 18 | UInt32(input[index + 1] & 0x3F) << 12
                    | UInt32(input[index + 2] & 0x3F) << 6 | UInt32(input[index + 3] & 0x3F)
                if code < 0x10000 { return true }
            } else {
                return true
            }
            if code >= 0xD800, code <= 0xDFFF { return true }
            index += length
        }
        return false
    }
}

/// An address or network of `@ipMatch` (IPv4 or IPv6, with an optional `/prefix`).
struct SecLangNetwork: Sendable {
    private let address: [UInt8]
    private let prefix: Int

    /// The network of `text`, e.g. `127.0.0.1`, `10.0.0.0/8`, `::1`.
    init(_ text: String) throws(SecLangCompileError) {
        let parts = text.trimmingBlanks().split(separator: "/", maxSplits: 1)
        guard let host = parts.first, let address = Self.bytes(String(host)) else {
            throw SecLangCompileError("'\(text)' is not an IP address or network")
        }
        self.address = address
        prefix = parts.count > 1 ? Int(parts[1]) ?? address.count * 8 : address.count * 8
    }

    /// Whether `text` is an address inside the network.
    func contains(_ text: String) -> Bool {
        guard let other = Self.bytes(text), other.count == address.count else { return false }
        var bits = prefix
        for (mine, theirs) in zip(address, other) where bits > 0 {
            let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if mine & mask != theirs & mask { return false }
            bits -= 8
        }
        return true
    }

    private static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
