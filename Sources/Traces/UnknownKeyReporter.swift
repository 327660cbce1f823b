import EdgeCore
import EdgeWire

/// Reports each distinct unknown key of a JSON trace once, as a warning with a did-you-mean suggestion.
/// Remembers at most `limit` distinct keys, so memory stays bounded on traces with endless key variety.
struct UnknownKeyReporter {
    private let known: [String]
    private var seen: [[UInt8]] = []
    private let limit = 64

    init(known: [String]) {
        self.known = known
    }

    /// The error for an unknown key where unknown keys are not allowed, with a did-you-mean.
    func rejection(of key: ByteSlice, base: UnsafeMutablePointer<UInt8>) -> String {
        let name = String(
            decoding: UnsafeRawBufferPointer(start: base + Int(key.offset), count: Int(key.count)), as: UTF8.self)
        let hint = bestSuggestion(for: name, among: known).map { "; did you mean '\($0)'?" } ?? ""
        return "unknown key '\(name)'\(hint) (a request object takes only the keys of a native trace line)"
    }

    /// Notes an unknown key (the `key` slice at storage `base`), warning the first time it is seen.
    mutating func noteUnknown(
        _ key: ByteSlice, base: UnsafeMutablePointer<UInt8>, at position: Int, warnings: inout [LineWarning]
    ) {
        guard seen.count < limit else { return }
        let bytes = UnsafeRawBufferPointer(start: base + Int(key.offset), count: Int(key.count))
        for previous in seen where previous.count == bytes.count && previous.elementsEqual(bytes) { return }
        seen.append(Array(bytes))
        let name = String(decoding: bytes, as: UTF8.self)
        let hint = bestSuggestion(for: name, among: known).map { "; did you mean '\($0)'?" } ?? ""
        warnings.append(
            LineWarning(reason: "unknown key '\(name)' is ignored (reported once)\(hint)", position: position))
    }
}
