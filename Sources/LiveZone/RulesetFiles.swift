import CloudflareAPI
import EdgeCore
import Foundation

/// Reads the rulesets `import --from DIR` names: for each phase `DIR/<phase>.json` or `DIR/cloudflare/<phase>.json`
/// (what `build` writes), holding a ruleset body or an API answer (`{"result": ruleset, "success": true}`). A phase
/// without a file has no entrypoint.
public enum RulesetFiles {
    /// A file that could not be read as a ruleset: which, where and why.
    public struct Problem: Error, CustomStringConvertible {
        /// `file:line:col: reason` or `file: reason`.
        public var description: String
    }

    /// The rulesets in `directory`, by phase.
    public static func read(directory: String) throws(Problem) -> [RulesetPhase: JSONValue] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Problem(description: "\(directory): not a directory; name the folder holding the <phase>.json files")
        }
        var rulesets: [RulesetPhase: JSONValue] = [:]
        var found = 0
        for phase in RulesetPhase.allCases {
            let candidates = ["\(directory)/\(phase.rawValue).json", "\(directory)/cloudflare/\(phase.rawValue).json"]
            guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else { continue }
            found += 1
            let document: JSONValue
            do {
                document = try JSONDocumentReader.read(file: path, expected: "a ruleset as JSON")
            } catch {
                throw Problem(description: error.description)
            }
            let ruleset = document["success"] != nil ? document["result"] ?? .null : document
            guard ruleset.objectMembers != nil, ruleset["rules"]?.arrayValue != nil || ruleset["rules"] == nil else {
                throw Problem(description: "\(path): expected a ruleset object with a 'rules' list")
            }
            rulesets[phase] = ruleset
        }
        guard found > 0 else {
            throw Problem(
                description: "\(directory): no ruleset file found; expected "
                    + RulesetPhase.allCases.map { "\($0.rawValue).json" }.joined(separator: ", ")
                    + " there or in its cloudflare/ folder")
        }
        return rulesets
    }
}
