import EdgeWire

/// The Cache-Control directives the edge acts on, read from a header value such as
/// `public, max-age=60, stale-if-error=300`. Names are case-insensitive; unknown directives are ignored.
struct CacheControlDirectives: Equatable {
    /// Whether a Cache-Control header was present at all.
    var isPresent = false
    /// `public`.
    var isPublic = false
    /// `private` without a header list: not stored. `private=<headers>` only keeps those headers' values out of the
    /// stored copy (`docs/cloudflare-semantics.md`, "Origin Cache Control"), which the model does not track.
    var isPrivate = false
    /// `no-store`.
    var noStore = false
    /// `no-cache` (qualified or not).
    var noCache = false
    /// `must-revalidate`.
    var mustRevalidate = false
    /// `proxy-revalidate`.
    var proxyRevalidate = false
    /// `max-age` in seconds; an unreadable value counts as 0 (already stale).
    var maxAge: Int64?
    /// `s-maxage` in seconds, for shared caches; beats `max-age`.
    var sharedMaxAge: Int64?
    /// `stale-while-revalidate` in seconds.
    var staleWhileRevalidate: Int64?
    /// `stale-if-error` in seconds.
    var staleIfError: Int64?

    /// No header.
    init() {}

    /// The directives of `value`; an absent header gives `isPresent == false`.
    init(parsing value: [UInt8]?) {
        guard let value else { return }
        isPresent = true
        var start = 0
        while start <= value.count {
            var end = start
            var quoted = false
            while end < value.count {
                let byte = value[end]
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if byte == UInt8(ascii: ","), !quoted { break }
                end += 1
            }
            read(value[start..<end])
            start = end + 1
        }
    }

    private mutating func read(_ token: ArraySlice<UInt8>) {
        var trimmed = token
        while let first = trimmed.first, first == 0x20 || first == 0x09 { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        guard !trimmed.isEmpty else { return }
        let equals = trimmed.firstIndex(of: UInt8(ascii: "="))
        let name = trimmed[trimmed.startIndex..<(equals ?? trimmed.endIndex)]
        let argument = equals.map { trimmed[($0 + 1)...] }
        func named(_ text: StaticString) -> Bool {
            guard name.count == text.utf8CodeUnitCount else { return false }
            return text.withUTF8Buffer { expected in
                zip(name, expected).allSatisfy { ASCII.lowercased($0) == $1 }
            }
        }
        func seconds(orStale: Bool) -> Int64? {
            guard let argument, let value = DecimalBytes.parse(argument) else { return orStale ? 0 : nil }
            return value
        }
        if named("public") {
            isPublic = true
        } else if named("private") {
            isPrivate = argument == nil
        } else if named("no-store") {
            noStore = true
        } else if named("no-cache") {
            noCache = true
        } else if named("must-revalidate") {
            mustRevalidate = true
        } else if named("proxy-revalidate") {
            proxyRevalidate = true
        } else if named("max-age") {
            maxAge = seconds(orStale: true)
        } else if named("s-maxage") {
            sharedMaxAge = seconds(orStale: true)
        } else if named("stale-while-revalidate") {
            staleWhileRevalidate = seconds(orStale: false)
        } else if named("stale-if-error") {
            staleIfError = seconds(orStale: false)
        }
    }

    /// Whether a stored copy may never be served stale: `must-revalidate`, `proxy-revalidate`, `no-cache`, and
    /// `s-maxage`, which implies `proxy-revalidate` (`docs/cloudflare-semantics.md`, "Origin Cache Control").
    var forbidsStale: Bool { mustRevalidate || proxyRevalidate || noCache || sharedMaxAge != nil }
}
