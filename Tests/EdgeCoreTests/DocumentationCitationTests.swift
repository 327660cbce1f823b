import Foundation
import Testing

/// The repository root, three levels above this file.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The folders and files whose text may cite documentation.
private let citingPlaces = ["Sources", "Tests", "Benchmarks", "Fuzz", "scripts", "docs", "README.md", "Makefile"]

/// Every text file under `citingPlaces`, as (path relative to the root, text). Comment continuations are joined
/// so that a citation broken across two comment lines reads as one.
private func citingTexts() throws -> [(path: String, text: String)] {
    var texts: [(String, String)] = []
    for place in citingPlaces {
        let url = root.appendingPathComponent(place)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
        let enumerator =
            isDirectory.boolValue ? FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) : nil
        let files = enumerator.map { $0.compactMap { $0 as? URL } } ?? [url]
        let textExtensions = ["swift", "md", "sh", "py"]
        for file in files where textExtensions.contains(file.pathExtension) || file.lastPathComponent == "Makefile" {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let joined = text.replacing(/\n[ \t]*\/\/\/? ?/, with: " ")
            texts.append((String(file.path.dropFirst(root.path.count + 1)), joined))
        }
    }
    return texts
}

/// The headings (`#` to `####`) of a Markdown page, without the hashes.
private func headings(of page: String) throws -> [String] {
    let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
        line.firstMatch(of: /^#{1,4} (.+)$/).map { String($0.1) }
    }
}

@Suite("Documentation citations")
struct DocumentationCitationTests {
    @Test("every cited docs page exists, and every cited section is one of its headings")
    func citationsResolve() throws {
        var checked = 0
        for (path, text) in try citingTexts() {
            for match in text.matches(of: /(docs\/[A-Za-z0-9_\/.-]+\.md)`?(?:,| \()? ?(?:the )?"([^"\n]+)"/) {
                let page = String(match.1)
                #expect(
                    FileManager.default.fileExists(atPath: root.appendingPathComponent(page).path),
                    "\(path) cites \(page), which is not in the repository")
                guard page.hasPrefix("docs/"), !page.hasSuffix("/") else { continue }
                let section = String(match.2)
                let known = (try? headings(of: page)) ?? []
                #expect(
                    known.contains { $0.hasPrefix(section) },
                    "\(path) cites section \"\(section)\" of \(page), which has no such heading")
                checked += 1
            }
            for match in text.matches(of: /(?:^|[^A-Za-z0-9_\/.-])(docs\/[A-Za-z0-9_\/.-]+\.md)/) {
                let page = String(match.1)
                #expect(
                    FileManager.default.fileExists(atPath: root.appendingPathComponent(page).path),
                    "\(path) cites \(page), which is not in the repository")
            }
        }
        #expect(checked > 20, "the citations of sections were found")
    }

    @Test("no comment or page cites a document outside the repository")
    func noOutsideDocuments() throws {
        // Spelt in pieces so that this file does not match itself.
        let outside = ["reference " + "§", "ARCHITECTURE" + ".md", "design " + "document", "shared/" + "reference"]
        for (path, text) in try citingTexts() {
            for phrase in outside {
                #expect(!text.contains(phrase), "\(path) cites \"\(phrase)\", which is not in the repository")
            }
        }
    }
}
