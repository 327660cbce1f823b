import RulesLanguage

/// The counter key of a rate limiting rule for one request: its characteristic values and the data centre.
struct RateLimitKey {
    /// The characteristics, compiled to lowercase byte names.
    private let parts: [Part]
    /// Mixed into every hash so that equal values under different rules are different keys.
    private let ruleSalt: UInt64
    private let seed: UInt64

    private enum Part {
        case ipSource, uniqueVisitor, asn, country, host, path, ja3Hash, ja4, bodyRaw, bodySize
        case header([UInt8])
        case cookie([UInt8])
        case queryArgument([UInt8])
        case formField([UInt8])
        case jsonString([UInt8])
        case jsonInteger([UInt8])
    }

    /// The key of rule number `rule` with these characteristics; `seed` varies every hash.
    init(rule: Int, characteristics: [RateLimitCharacteristic], seed: UInt64) {
        parts = characteristics.map { characteristic in
            switch characteristic {
            case .ipSource: .ipSource
            case .uniqueVisitor: .uniqueVisitor
            case .asn: .asn
            case .country: .country
            case .host: .host
            case .path: .path
            case .ja3Hash: .ja3Hash
            case .ja4: .ja4
            case .bodyRaw: .bodyRaw
            case .bodySize: .bodySize
            case .header(let name): .header(Array(name.lowercased().utf8))
            case .cookie(let name): .cookie(Array(name.utf8))
            case .queryArgument(let name): .queryArgument(Array(name.utf8))
            case .formField(let name): .formField(Array(name.utf8))
            case .jsonString(let key): .jsonString(Array(key.utf8))
            case .jsonInteger(let key): .jsonInteger(Array(key.utf8))
            }
        }
        ruleSalt = UInt64(truncatingIfNeeded: rule) &* 0x9E37_79B9_7F4A_7C15 ^ 0x5851_F42D_4C95_7F2D
        self.seed = seed
    }

    /// The 64-bit hash of the request's key. An absent header, cookie, argument, form field or JSON value hashes
    /// differently from a present empty one.
    @inline(__always)
    func hash(_ context: RequestContext) -> UInt64 {
        var hasher = StableHasher(seed: seed ^ ruleSalt)
        let request = context.request
        for part in parts {
            switch part {
            case .ipSource:
                let ip = request.ip
                hasher.combine(ip.family == .v4 ? 4 : 6)
                hasher.combine(ip.high)
                hasher.combine(ip.low)
            case .uniqueVisitor: hasher.combine(bytes: context.uniqueVisitorID)
            case .asn: hasher.combine(UInt64(bitPattern: request.asn))
            case .country: hasher.combine(bytes: request.country)
            case .host: hasher.combine(bytes: request.host)
            case .path: hasher.combine(bytes: context.normalizedPath)
            case .ja3Hash: hasher.combine(bytes: request.ja3Hash)
            case .ja4: hasher.combine(bytes: request.ja4)
            case .bodyRaw: hasher.combine(bytes: context.bodyRaw)
            case .bodySize: hasher.combine(UInt64(bitPattern: context.bodySize))
            case .header(let name): Self.combine(context.headerMap.lookup(name), into: &hasher)
            case .cookie(let name): Self.combine(context.cookieMap.lookup(name), into: &hasher)
            case .queryArgument(let name): Self.combine(context.args.lookup(name), into: &hasher)
            case .formField(let name): Self.combine(context.bodyForm.lookup(name), into: &hasher)
            case .jsonString(let key): Self.combine(context.bodyJSONString(key).map { [$0] }, into: &hasher)
            case .jsonInteger(let key):
                Self.combine(context.bodyJSONInteger(key).map { [Array(String($0).utf8)] }, into: &hasher)
            }
        }
        hasher.combine(bytes: request.colo)
        hasher.combine(UInt64(bitPattern: request.coloID))
        return hasher.finalize()
    }

    @inline(__always)
    private static func combine(_ values: [[UInt8]]?, into hasher: inout StableHasher) {
        guard let values else {
            hasher.combine(0xA85E_17)
            return
        }
        hasher.combine(UInt64(values.count))
        for value in values { hasher.combine(bytes: value) }
    }

    /// The key as text, e.g. `ip.src=203.0.113.7 http.request.headers["x-api-key"]=(missing) cf.colo.id=SIN`.
    func describe(_ context: RequestContext, characteristics: [RateLimitCharacteristic]) -> String {
        let request = context.request
        var words: [String] = []
        for (characteristic, part) in zip(characteristics, parts) {
            let value: String
            switch part {
            case .ipSource: value = request.ip.description
            case .uniqueVisitor: value = Self.text(context.uniqueVisitorID)
            case .asn: value = String(request.asn)
            case .country: value = Self.text(request.country)
            case .host: value = Self.text(request.host)
            case .path: value = Self.text(context.normalizedPath)
            case .ja3Hash: value = Self.text(request.ja3Hash)
            case .ja4: value = Self.text(request.ja4)
            case .bodyRaw: value = "(\(context.bodyRaw.count) bytes)"
            case .bodySize: value = String(context.bodySize)
            case .header(let name): value = Self.text(context.headerMap.lookup(name))
            case .cookie(let name): value = Self.text(context.cookieMap.lookup(name))
            case .queryArgument(let name): value = Self.text(context.args.lookup(name))
            case .formField(let name): value = Self.text(context.bodyForm.lookup(name))
            case .jsonString(let key): value = Self.text(context.bodyJSONString(key).map { [$0] })
            case .jsonInteger(let key): value = context.bodyJSONInteger(key).map { String($0) } ?? "(missing)"
            }
            words.append("\(characteristic.field)=\(value)")
        }
        let colo = request.colo.isEmpty ? String(request.coloID) : Self.text(request.colo)
        words.append("cf.colo.id=\(colo)")
        return words.joined(separator: " ")
    }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func text(_ values: [[UInt8]]?) -> String {
        guard let values else { return "(missing)" }
        return values.map { "\"" + text($0) + "\"" }.joined(separator: ",")
    }
}
