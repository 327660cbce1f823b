import Foundation

/// Reads small JSON documents written by earlier builds (not a hot path).
enum JSONSerializationBridge {
    /// The top-level object of `bytes`.
    static func object(_ bytes: [UInt8]) throws -> [String: Any]? {
        try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
    }
}
