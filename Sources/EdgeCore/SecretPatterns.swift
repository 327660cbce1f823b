#if canImport(Glibc)
    import Glibc
#endif

/// A credential found inside a piece of text: its UTF-8 byte range and what it looks like.
public struct SecretMatch: Hashable, Sendable {
    /// UTF-8 byte offsets of the credential in the text that was searched.
    public var bytes: Range<Int>
    /// What it looks like, for messages: "a GitHub token", "a JWT", …
    public var kind: String
}

/// The credential formats EdgeProof recognises anywhere in a string, and the redaction every renderer applies.
///
/// Token formats are found wherever they start at a word boundary, also inside longer strings (`"Bearer …"`, a
/// string literal in a rule expression). Two rules need more than the token itself and stay narrow to avoid false
/// positives: a long high-entropy value counts only under a key named like a secret, and a 40-character AWS secret
/// access key needs mixed case, a digit and high entropy (see docs/secrets.md, "Formats").
public enum SecretPatterns {
    /// What a redacted credential is replaced with in messages and quoted source lines.
    public static let marker = "[redacted]"

    /// Key names whose values are secrets (matched case-insensitively as substrings of the key).
    public static let secretKeyWords = [
        "password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "access_key", "private_key",
        "credential",
    ]

    /// A token format: a prefix, the characters its body may hold, and the shortest body that counts.
    private struct TokenFormat: Sendable {
        let prefix: [UInt8]
        let body: @Sendable (UInt8) -> Bool
        let minimumBody: Int
        let exactBody: Bool
        let needsDigit: Bool
        let kind: String

        init(
            _ prefix: String, _ body: @escaping @Sendable (UInt8) -> Bool, _ minimumBody: Int, exact: Bool = false,
            needsDigit: Bool = false, _ kind: String
        ) {
            self.prefix = Array(prefix.utf8)
            self.body = body
            self.minimumBody = minimumBody
            self.exactBody = exact
            self.needsDigit = needsDigit
            self.kind = kind
        }
    }

    /// Known token formats, longer prefixes before the shorter ones they start with.
    private static let tokenFormats: [TokenFormat] = [
        TokenFormat("sk-ant-", isTokenByte, 20, "an Anthropic API key"),
        TokenFormat("sk-proj-", isTokenByte, 20, "an OpenAI API key"),
        TokenFormat("sk-svcacct-", isTokenByte, 20, "an OpenAI API key"),
        TokenFormat("sk-admin-", isTokenByte, 20, "an OpenAI API key"),
        TokenFormat("sk-", isTokenByte, 20, needsDigit: true, "an OpenAI-style secret key"),
        TokenFormat("ghp_", isAlnum, 36, "a GitHub token"), TokenFormat("gho_", isAlnum, 36, "a GitHub token"),
        TokenFormat("ghu_", isAlnum, 36, "a GitHub token"), TokenFormat("ghs_", isAlnum, 36, "a GitHub token"),
        TokenFormat("ghr_", isAlnum, 36, "a GitHub token"),
        TokenFormat("github_pat_", isWordByte, 40, "a GitHub token"),
        TokenFormat("glpat-", isTokenByte, 20, "a GitLab token"),
        TokenFormat("AKIA", isUpperAlnum, 16, exact: true, "an AWS access key id"),
        TokenFormat("ASIA", isUpperAlnum, 16, exact: true, "an AWS access key id"),
        TokenFormat("AIza", isTokenByte, 35, "a Google API key"),
        TokenFormat("xoxb-", isTokenByte, 10, "a Slack token"), TokenFormat("xoxp-", isTokenByte, 10, "a Slack token"),
        TokenFormat("xoxa-", isTokenByte, 10, "a Slack token"), TokenFormat("xoxr-", isTokenByte, 10, "a Slack token"),
        TokenFormat("xoxs-", isTokenByte, 10, "a Slack token"),
        TokenFormat("xapp-", isTokenByte, 10, "a Slack app token"),
        TokenFormat("https://hooks.slack.com/services/", isPathByte, 20, "a Slack webhook URL"),
        TokenFormat("https://hooks.slack.com/workflows/", isPathByte, 20, "a Slack webhook URL"),
        TokenFormat("https://hooks.slack.com/triggers/", isPathByte, 20, "a Slack webhook URL"),
        TokenFormat("sk_live_", isAlnum, 16, "a Stripe secret key"),
        TokenFormat("rk_live_", isAlnum, 16, "a Stripe restricted key"),
        TokenFormat("sk_test_", isAlnum, 16, "a Stripe secret key"),
        TokenFormat("rk_test_", isAlnum, 16, "a Stripe restricted key"),
        TokenFormat("npm_", isAlnum, 36, "an npm token"), TokenFormat("pypi-", isTokenByte, 50, "a PyPI token"),
        TokenFormat("hvs.", isTokenByte, 24, "a Vault token"), TokenFormat("phc_", isAlnum, 36, "a PostHog key"),
    ]

    /// Every credential in `text`. `key` is the mapping key the text is the value of, if any: under a key named
    /// like a secret, a whole value that is long and high-entropy counts too.
    public static func matches(in text: String, key: String? = nil) -> [SecretMatch] {
        let bytes = Array(text.utf8)
        var found: [SecretMatch] = []
        var index = 0
        while index < bytes.count {
            if let match = match(at: index, in: bytes) {
                found.append(match)
                index = max(index + 1, match.bytes.upperBound)
            } else {
                index += 1
            }
        }
        found += awsSecretKeys(
            in: bytes, nearKeyID: found.contains { $0.kind == "an AWS access key id" }, excluding: found)
        if found.isEmpty, let key, isSecretLikeKey(key), isHighEntropyValue(text) {
            found.append(SecretMatch(bytes: 0..<bytes.count, kind: "a high-entropy value under '\(key)'"))
        }
        return found.sorted { $0.bytes.lowerBound < $1.bytes.lowerBound }
    }

    /// `text` with every credential replaced by `marker`, also values written after a secret-named key
    /// (`password: …`, `"api_key"="…"`) on one line.
    public static func redacted(_ text: String) -> String {
        let ranges = matchesInLine(text).map(\.bytes)
        guard !ranges.isEmpty else { return text }
        return replacing(ranges, in: Array(text.utf8), with: marker)
    }

    /// Credentials in one line of source or message text: `matches(in:)` plus high-entropy values written after a
    /// key named like a secret.
    public static func matchesInLine(_ text: String) -> [SecretMatch] {
        var found = matches(in: text)
        let bytes = Array(text.utf8)
        for pair in keyValuePairs(in: bytes) where isSecretLikeKey(pair.key) {
            let value = String(decoding: bytes[pair.value], as: UTF8.self)
            guard isHighEntropyValue(value), !found.contains(where: { $0.bytes.overlaps(pair.value) }) else { continue }
            found.append(SecretMatch(bytes: pair.value, kind: "a high-entropy value under '\(pair.key)'"))
        }
        return found.sorted { $0.bytes.lowerBound < $1.bytes.lowerBound }
    }

    /// Whether a key is named like a secret (`DB_PASSWORD`, `apiKey`, `client_secret`).
    public static func isSecretLikeKey(_ key: String) -> Bool {
        let lowered = Array(key.lowercased().utf8)
        return secretKeyWordBytes.contains { word in
            lowered.count >= word.count
                && (0...(lowered.count - word.count)).contains { start in
                    lowered[start..<(start + word.count)].elementsEqual(word)
                }
        }
    }

    /// `secretKeyWords` as bytes: the search runs on bytes (the standard library's generic `String.contains` costs
    /// thousands of instructions a call, and a spec's every key is looked at).
    private static let secretKeyWordBytes = secretKeyWords.map { Array($0.utf8) }

    /// Whether a whole value is long and random enough to be a credential: 12 bytes or more, no spaces, at least
    /// 3 bits of entropy per character, not a secret reference (`vault:path#key`, `env:NAME`) and not an
    /// environment placeholder.
    public static func isHighEntropyValue(_ value: String) -> Bool {
        !value.hasPrefix("vault:") && !isEnvironmentReference(value) && !value.hasPrefix("$")
            && value.utf8.count >= 12 && !value.contains(" ") && shannonEntropy(value.utf8) >= 3.0
    }

    /// Whether `value` is an `env:NAME` reference: upper-case letters, digits and `_` after the prefix, not
    /// starting with a digit (the one definition, read by the spec's `EnvironmentReference` too).
    public static func isEnvironmentReference(_ value: String) -> Bool {
        let name = value.utf8.dropFirst(4)
        guard value.hasPrefix("env:"), let first = name.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return name.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    /// Bits of entropy per byte of `bytes`.
    public static func shannonEntropy<Bytes: Collection>(_ bytes: Bytes) -> Double where Bytes.Element == UInt8 {
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        return counts.reduce(0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }

    /// `bytes` with each range replaced by `replacement`; ranges must be sorted and may overlap.
    static func replacing(_ ranges: [Range<Int>], in bytes: [UInt8], with replacement: String) -> String {
        var out: [UInt8] = []
        var cursor = 0
        for range in ranges where range.upperBound > cursor {
            out += bytes[cursor..<max(cursor, range.lowerBound)]
            out += Array(replacement.utf8)
            cursor = range.upperBound
        }
        out += bytes[min(cursor, bytes.count)...]
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Formats

    private static func match(at index: Int, in bytes: [UInt8]) -> SecretMatch? {
        if let password = urlPassword(at: index, in: bytes) { return password }
        if index > 0, isAlnum(bytes[index - 1]) { return nil }
        for format in tokenFormats where startsWith(format.prefix, in: bytes, at: index) {
            let bodyStart = index + format.prefix.count
            var end = bodyStart
            while end < bytes.count, format.body(bytes[end]) { end += 1 }
            let length = end - bodyStart
            guard length >= format.minimumBody, !format.exactBody || length == format.minimumBody else { continue }
            if format.needsDigit, !bytes[bodyStart..<end].contains(where: isDigit) { continue }
            return SecretMatch(bytes: index..<end, kind: format.kind)
        }
        if let pem = privateKeyBlock(at: index, in: bytes) { return pem }
        return jsonWebToken(at: index, in: bytes)
    }

    /// Markers the scans look for at every byte, built once.
    private static let pemBegin = Array("-----BEGIN ".utf8), pemEnd = Array("-----END ".utf8),
        pemDashes = Array("-----".utf8)
    private static let jwtStart = Array("eyJ".utf8), schemeSeparator = Array("://".utf8)

    /// `-----BEGIN … PRIVATE KEY-----` through its `-----END … -----` footer, or to the end of the text.
    private static func privateKeyBlock(at index: Int, in bytes: [UInt8]) -> SecretMatch? {
        guard startsWith(pemBegin, in: bytes, at: index) else { return nil }
        var headerEnd = index + 11
        while headerEnd < bytes.count, headerEnd - index < 60, bytes[headerEnd] != UInt8(ascii: "\n") { headerEnd += 1 }
        let header = String(decoding: bytes[index..<headerEnd], as: UTF8.self)
        guard header.contains("PRIVATE KEY") else { return nil }
        var end = bytes.count
        let footer = pemEnd, dashes = pemDashes
        var cursor = headerEnd
        while cursor < bytes.count {
            if startsWith(footer, in: bytes, at: cursor) {
                end = cursor + footer.count
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), !startsWith(dashes, in: bytes, at: end) {
                    end += 1
                }
                if startsWith(dashes, in: bytes, at: end) { end += dashes.count }
                break
            }
            cursor += 1
        }
        return SecretMatch(bytes: index..<end, kind: "a PEM private key")
    }

    /// `eyJ<header>.eyJ<payload>.<signature>` in base64url.
    private static func jsonWebToken(at index: Int, in bytes: [UInt8]) -> SecretMatch? {
        let start = jwtStart
        guard startsWith(start, in: bytes, at: index) else { return nil }
        var end = index
        for part in 0..<3 {
            if part == 1 { guard startsWith(start, in: bytes, at: end) else { return nil } }
            let partStart = end
            while end < bytes.count, isBase64URL(bytes[end]) { end += 1 }
            if part < 2 {
                guard end - partStart >= 10, end < bytes.count, bytes[end] == UInt8(ascii: ".") else { return nil }
                end += 1
            }
        }
        return SecretMatch(bytes: index..<end, kind: "a JWT")
    }

    /// The password of `scheme://user:password@host`, unless it is a placeholder (`$VAR`, `${VAR}`, `{…}`, `<…>`).
    private static func urlPassword(at index: Int, in bytes: [UInt8]) -> SecretMatch? {
        guard startsWith(schemeSeparator, in: bytes, at: index), index > 0, isAlnum(bytes[index - 1]) else {
            return nil
        }
        var cursor = index + 3
        var colon: Int?
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "@") { break }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || byte <= 0x20
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            {
                return nil
            }
            if byte == UInt8(ascii: ":"), colon == nil { colon = cursor }
            cursor += 1
        }
        guard cursor < bytes.count, let colon, cursor > colon + 1 else { return nil }
        let first = bytes[colon + 1]
        if first == UInt8(ascii: "$") || first == UInt8(ascii: "{") || first == UInt8(ascii: "<") { return nil }
        return SecretMatch(bytes: (colon + 1)..<cursor, kind: "a URL with a password")
    }

    /// 40-character runs of the AWS secret access key alphabet (`A-Z a-z 0-9 / +`), not part of a longer token or of
    /// padded base64, not starting with `/` (a URL path), holding an upper-case letter, a lower-case letter and a
    /// digit. Standalone, a run also needs 4.2 bits of entropy per character and 17 or more changes of character
    /// class (upper, lower, digit, symbol) between neighbours; next to an AWS access key id in the same text, 3.5
    /// bits suffice. Hex digests have one letter case; words, paths and CamelCase names change class only at word
    /// boundaries (10 to 16 times in 40 characters), while random base64 averages 25 changes: in 100,000 random
    /// keys 0.4% had fewer than 17 changes, 0.001% less than 4.2 bits and 0.1% no digit.
    private static func awsSecretKeys(in bytes: [UInt8], nearKeyID: Bool, excluding found: [SecretMatch])
        -> [SecretMatch]
    {
        var result: [SecretMatch] = []
        var index = 0
        while index < bytes.count {
            guard isAWSSecretByte(bytes[index]) else { index += 1; continue }
            var end = index
            while end < bytes.count, isAWSSecretByte(bytes[end]) { end += 1 }
            defer { index = end }
            let followedByPadding =
                end < bytes.count
                && (bytes[end] == UInt8(ascii: "=") || bytes[end] == UInt8(ascii: "_")
                    || bytes[end] == UInt8(ascii: "-"))
            let precededByWord =
                index > 0 && (bytes[index - 1] == UInt8(ascii: "_") || bytes[index - 1] == UInt8(ascii: "-"))
            guard end - index == 40, !followedByPadding, !precededByWord, bytes[index] != UInt8(ascii: "/"),
                !found.contains(where: { $0.bytes.overlaps(index..<end) })
            else { continue }
            let run = bytes[index..<end]
            guard run.contains(where: isUpper), run.contains(where: isLower), run.contains(where: isDigit),
                case let entropy = shannonEntropy(run),
                nearKeyID || (entropy >= 4.2 && classChanges(run) >= 17), entropy >= 3.5
            else { continue }
            result.append(SecretMatch(bytes: index..<end, kind: "an AWS secret access key"))
        }
        return result
    }

    /// How many neighbouring bytes differ in class: upper-case, lower-case, digit, anything else.
    private static func classChanges(_ run: ArraySlice<UInt8>) -> Int {
        func kind(_ byte: UInt8) -> Int { isUpper(byte) ? 0 : isLower(byte) ? 1 : isDigit(byte) ? 2 : 3 }
        return zip(run, run.dropFirst()).filter { kind($0) != kind($1) }.count
    }

    /// `key: value`, `key=value` and `"key": "value"` pairs on one line: the key's text and the value's bytes.
    private static func keyValuePairs(in bytes: [UInt8]) -> [(key: String, value: Range<Int>)] {
        var pairs: [(key: String, value: Range<Int>)] = []
        var index = 0
        while index < bytes.count {
            guard isKeyByte(bytes[index]), index == 0 || !isKeyByte(bytes[index - 1]) else { index += 1; continue }
            var keyEnd = index
            while keyEnd < bytes.count, isKeyByte(bytes[keyEnd]) { keyEnd += 1 }
            var cursor = keyEnd
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                cursor += 1
            }
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") || bytes[cursor] == UInt8(ascii: "=") else {
                index = keyEnd
                continue
            }
            cursor += 1
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            var quote: UInt8?
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                quote = bytes[cursor]
                cursor += 1
            }
            let valueStart = cursor
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if let quote, byte == quote { break }
                if quote == nil,
                    byte == UInt8(ascii: " ") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}")
                        || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "#")
                {
                    break
                }
                cursor += 1
            }
            if cursor > valueStart {
                pairs.append((String(decoding: bytes[index..<keyEnd], as: UTF8.self), valueStart..<cursor))
            }
            index = max(keyEnd, cursor)
        }
        return pairs
    }

    // MARK: - Byte classes

    private static func startsWith(_ prefix: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where bytes[index + offset] != prefix[offset] { return false }
        return true
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isAlnum(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) || isDigit(byte) }
    private static func isUpperAlnum(_ byte: UInt8) -> Bool { isUpper(byte) || isDigit(byte) }
    private static func isWordByte(_ byte: UInt8) -> Bool { isAlnum(byte) || byte == UInt8(ascii: "_") }
    private static func isTokenByte(_ byte: UInt8) -> Bool { isWordByte(byte) || byte == UInt8(ascii: "-") }
    private static func isBase64URL(_ byte: UInt8) -> Bool { isTokenByte(byte) }
    private static func isPathByte(_ byte: UInt8) -> Bool { isWordByte(byte) || byte == UInt8(ascii: "/") }
    private static func isKeyByte(_ byte: UInt8) -> Bool { isTokenByte(byte) || byte == UInt8(ascii: ".") }
    private static func isAWSSecretByte(_ byte: UInt8) -> Bool {
        isAlnum(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "+")
    }
}
