import RulesLanguage

/// Computes the cache key hash of a request: `scheme://host` (host optional), the path as received (the origin
/// sees the original path, so normalisation does not merge keys) and the query string per the key options.
struct CacheKeyBuilder {
    private let seed: UInt64

    /// A builder whose hashes depend on `seed`.
    init(seed: UInt64) {
        self.seed = seed ^ 0xCAC4_E000_0000_0001
    }

    /// The key hash of `request` under `options`.
    func hash(_ request: HTTPRequest, options: CacheKeyOptions) -> UInt64 {
        var hasher = StableHasher(seed: seed)
        hasher.combine(bytes: request.scheme)
        if options.includeHost { hasher.combine(bytes: request.host) } else { hasher.combine(0) }
        hasher.combine(bytes: request.path)
        let query = request.query
        switch options.queryString {
        case .all where !options.ignoreQueryOrder:
            hasher.combine(bytes: query)
        case .ignore:
            hasher.combine(0x51)
        case .all, .include, .exclude:
            combineFiltered(query, options: options, into: &hasher)
        }
        return hasher.finalize()
    }

    /// Mixes in the query parameters the options keep, in order or sorted.
    private func combineFiltered(_ query: [UInt8], options: CacheKeyOptions, into hasher: inout StableHasher) {
        var kept: [ArraySlice<UInt8>] = []
        for parameter in query.split(separator: UInt8(ascii: "&")) where keeps(parameter, options.queryString) {
            kept.append(parameter)
        }
        if options.ignoreQueryOrder { kept.sort { $0.lexicographicallyPrecedes($1) } }
        hasher.combine(UInt64(kept.count))
        for parameter in kept { hasher.combine(bytes: parameter) }
    }

    private func keeps(_ parameter: ArraySlice<UInt8>, _ rule: QueryStringKey) -> Bool {
        let name = parameter.prefix(while: { $0 != UInt8(ascii: "=") })
        switch rule {
        case .all: return true
        case .ignore: return false
        case .include(let names): return names.contains { $0.utf8.elementsEqual(name) }
        case .exclude(let names): return !names.contains { $0.utf8.elementsEqual(name) }
        }
    }
}
