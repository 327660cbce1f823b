import CloudflareAPI
import EdgeCore
import Emitters
import Foundation

/// Reads `build --terraform-import FILE`: the JSON document `plan --format json` prints, for its zone id and each
/// phase's live entrypoint ruleset id.
enum TerraformImportFile {
    /// Why the file cannot be used.
    struct Problem: Error, CustomStringConvertible {
        /// `FILE: reason`.
        var description: String
    }

    /// The imports `path` names.
    static func read(_ path: String) throws -> TerraformImports {
        let document = try JSONDocumentReader.read(
            file: path, expected: "the file 'edgeproof plan --format json' wrote")
        guard document["version"]?.integerValue == 1, let zone = document["zone"]?["id"]?.stringValue,
            CloudflareID.isWellFormed(zone), let phases = document["phases"]?.arrayValue
        else {
            throw Problem(
                description: "\(path): not a plan document (version 1 with zone.id and phases, as "
                    + "'edgeproof plan --format json' prints)")
        }
        var ids: [String: String] = [:]
        for phase in phases {
            guard let name = phase["phase"]?.stringValue, let id = phase["ruleset_id"]?.stringValue else { continue }
            guard CloudflareID.isWellFormed(id) else {
                throw Problem(description: "\(path): the ruleset id of \(name) is not 32 hexadecimal digits")
            }
            ids[name] = id
        }
        return TerraformImports(zoneID: zone, rulesetIDs: ids)
    }
}
