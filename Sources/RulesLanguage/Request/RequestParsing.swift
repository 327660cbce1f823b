import EdgeWire

/// Splitting of query strings and cookie headers into maps, and path extensions, as rule fields expose them.
enum RequestParsing {
    /// Query arguments: `&`-separated `name=value` pairs, no decoding, case kept, empty pairs skipped; a pair
    /// without `=` has the empty value.
    static func queryArguments(
        _ query: [UInt8], into map: inout ByteMultiMap, names: inout [[UInt8]], values: inout [[UInt8]]
    ) {
        map.removeAll()
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        for pair in query.split(separator: UInt8(ascii: "&")) {
            let name: [UInt8]
            let value: [UInt8]
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                name = Array(pair[pair.startIndex..<equals])
                value = Array(pair[(equals + 1)...])
            } else {
                name = Array(pair)
                value = []
            }
            map.append(value, for: name)
            names.append(name)
            values.append(value)
        }
    }

    /// Cookies from `Cookie` header values: `;`-separated `name=value` pairs, spaces trimmed, names URL-decoded,
    /// values raw.
    static func cookies(_ headerValues: [[UInt8]], into map: inout ByteMultiMap) {
        map.removeAll()
        for header in headerValues {
            for part in header.split(separator: UInt8(ascii: ";")) {
                let trimmed = trimSpaces(part)
                guard !trimmed.isEmpty else { continue }
                if let equals = trimmed.firstIndex(of: UInt8(ascii: "=")) {
                    let name = URLDecoding.decode(Array(trimSpaces(trimmed[trimmed.startIndex..<equals])), options: [])
                    map.append(Array(trimSpaces(trimmed[(equals + 1)...])), for: name)
                } else {
                    map.append([], for: URLDecoding.decode(Array(trimmed), options: []))
                }
            }
        }
    }

    private static func trimSpaces(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return slice
    }

    /// `http.request.uri.path.extension`: the lowercased text after the last dot of the last segment; empty when
    /// there is no dot, the dot starts the segment (`/.mp3`) or ends it (`/foo.`).
    static func pathExtension(_ path: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        pathExtension(path, into: &result)
        return result
    }

    /// Writes the extension into `target`, reusing its storage.
    static func pathExtension(_ path: [UInt8], into target: inout [UInt8]) {
        target.removeAll(keepingCapacity: true)
        let segmentStart = (path.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 }) ?? 0
        guard let dot = path[segmentStart...].lastIndex(of: UInt8(ascii: ".")), dot > segmentStart,
            dot + 1 < path.count
        else { return }
        for byte in path[(dot + 1)...] { target.append(ASCII.lowercased(byte)) }
    }
}
