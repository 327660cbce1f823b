import EdgeModel
import EdgeWire
import Foundation
import ManagedRules
import RulesLanguage
import Testing

/// The compiled CRS evaluator against libmodsecurity on CRS 3.3.4's own regression requests: a committed sample
/// (every fourth, `Tests/Fixtures/crs-differential/regression-sample.jsonl`, written by
/// `scripts/convert-crs-regression-tests.py`), or all of them from the file `EDGEPROOF_CRS_REGRESSION` names.
@Suite(.enabled(if: CRSAvailability.installed, CRSAvailability.skipMessage))
struct CompiledCRSRegressionTests {
    static let samplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/crs-differential/regression-sample.jsonl").path

    /// The requests of a converted file, with Content-Length added to a body that lacks one.
    static func requests(at path: String) throws -> [CRSRequest] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            var headers = ((object["headers"] as? [[String]]) ?? []).map { HTTPHeader($0[0], $0[1]) }
            let body = (object["body"] as? String).map { Array($0.utf8) }
            if let body, !headers.contains(where: { $0.name.lowercasedASCII() == Array("content-length".utf8) }) {
                headers.append(HTTPHeader("Content-Length", String(body.count)))
            }
            return CRSRequest(
                method: Array(((object["method"] as? String) ?? "GET").utf8),
                uri: Array(((object["uri"] as? String) ?? "/").utf8),
                version: Array(((object["version"] as? String) ?? "1.1").utf8), headers: headers,
                clientIP: "127.0.0.1", body: body)
        }
    }

    @Test("CRS's regression requests get the same rule ids and per-level scores through both evaluators")
    func regressionRequests() throws {
        let evaluator = try #require(CompiledCRSDifferential.evaluator)
        let path = ProcessInfo.processInfo.environment["EDGEPROOF_CRS_REGRESSION"] ?? Self.samplePath
        let requests = try Self.requests(at: path)
        #expect(requests.count > 250)
        let report = CompiledCRSDifferential.compare(requests, evaluator: evaluator)
        print("CRS regression differential: \(report.summary)")
        #expect(
            report.disagreements.isEmpty,
            "\(report.summary)\n\(report.disagreements.prefix(10).joined(separator: "\n"))")
    }
}

extension Array where Element == UInt8 {
    /// The bytes with ASCII letters lowercased.
    func lowercasedASCII() -> [UInt8] {
        map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    }
}
