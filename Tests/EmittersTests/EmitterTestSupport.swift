import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation

@testable import Emitters

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Checks and compiles a spec file of the repository; fails the calling test on any error.
func compileSpec(_ relativePath: String, as specPath: String? = nil) throws -> (CompiledEdge, DiagnosticCollector) {
    let bytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent(relativePath)))
    return try compileSpec(bytes: bytes, specPath: specPath ?? relativePath)
}

/// Checks and compiles spec bytes.
func compileSpec(bytes: [UInt8], specPath: String) throws -> (CompiledEdge, DiagnosticCollector) {
    let diagnostics = DiagnosticCollector()
    guard let checked = SpecChecker.check(bytes, file: specPath, diagnostics: diagnostics) else {
        throw SpecFailure(diagnostics: diagnostics.diagnostics.map { "\($0.id) \($0.range): \($0.message)" })
    }
    guard let compiled = EdgeCompiler.compile(checked, specPath: specPath, diagnostics: diagnostics) else {
        throw SpecFailure(diagnostics: diagnostics.diagnostics.map { "\($0.id) \($0.range): \($0.message)" })
    }
    return (compiled, diagnostics)
}

/// A spec that did not check.
struct SpecFailure: Error { let diagnostics: [String] }

/// A fresh temporary directory.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "edgeproof-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Every regular file under `directory` with its bytes, by relative path.
func snapshot(_ directory: String) -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return files }
    while let relative = enumerator.nextObject() as? String {
        if let data = FileManager.default.contents(atPath: directory + "/" + relative) {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue { files[relative] = [UInt8](data) }
        }
    }
    return files
}
