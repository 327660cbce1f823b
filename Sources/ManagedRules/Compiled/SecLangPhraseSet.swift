import EdgeWire
import Foundation

/// The phrases of `@pm` / `@pmFromFile`, searched without ASCII case as libmodsecurity's Aho-Corasick matcher
/// searches them: the input matches when any phrase occurs in it. Phrases are indexed by their first two bytes,
/// so a search looks only at the phrases that can start at each position.
struct SecLangPhraseSet: Sendable {
    private var byPrefix: [UInt16: [[UInt8]]] = [:]
    /// One bit per two-byte prefix that starts a phrase, so most positions are passed over without a lookup.
    private var prefixBits = [UInt64](repeating: 0, count: 1024)
    private var singleBytes = [Bool](repeating: false, count: 256)
    private var hasEmpty = false

    /// The set of `phrases`.
    init(_ phrases: [[UInt8]]) {
        for phrase in phrases { add(phrase.map(ASCII.lowercased)) }
    }

    /// The phrases of the `.data` files `files` (relative to `directory`): one per line, `#` lines and blank
    /// lines skipped. Throws when a file cannot be read.
    init(files: [String], directory: String) throws(SecLangCompileError) {
        for file in files {
            let path = file.hasPrefix("/") ? file : directory + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SecLangCompileError("the phrase file \(path) cannot be read")
            }
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
                let first = line.first { $0 != 0x20 && $0 != 0x09 }
                if first == nil || first == UInt8(ascii: "#") { continue }
                add(line.map(ASCII.lowercased))
            }
        }
    }

    private mutating func add(_ phrase: [UInt8]) {
        switch phrase.count {
        case 0: hasEmpty = true
        case 1: singleBytes[Int(phrase[0])] = true
        default:
            let prefix = UInt16(phrase[0]) << 8 | UInt16(phrase[1])
            byPrefix[prefix, default: []].append(phrase)
            prefixBits[Int(prefix >> 6)] |= 1 << UInt64(prefix & 63)
        }
    }

    /// The first phrase found in `input` (the one ending first), or nil.
    func firstPhrase(in input: [UInt8]) -> [UInt8]? {
        if hasEmpty { return [] }
        let lowered = input.map(ASCII.lowercased)
        var best: (end: Int, phrase: [UInt8])?
        for start in lowered.indices {
            if let best, best.end <= start { break }
            if singleBytes[Int(lowered[start])] {
                if best == nil || start + 1 < best!.end { best = (start + 1, [lowered[start]]) }
            }
            guard start + 1 < lowered.count else { continue }
            let prefix = UInt16(lowered[start]) << 8 | UInt16(lowered[start + 1])
            guard prefixBits[Int(prefix >> 6)] & (1 << UInt64(prefix & 63)) != 0, let candidates = byPrefix[prefix]
            else { continue }
            for phrase in candidates where start + phrase.count <= lowered.count {
                let end = start + phrase.count
                if let best, best.end <= end { continue }
                if lowered[start..<end].elementsEqual(phrase) { best = (end, phrase) }
            }
        }
        return best?.phrase
    }
}
