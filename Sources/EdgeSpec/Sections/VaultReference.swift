import EdgeCore

/// A secret named by where it lives in Vault: `vault:path#key` (KV path, then the key inside the secret).
/// The spec never holds secret values; emitters write commands or templates that fetch them at deploy time.
public struct VaultReference: Hashable, Sendable, CustomStringConvertible {
    /// The KV path, e.g. `agenticverz/database-prod`.
    public var path: String
    /// The key inside the secret, e.g. `DATABASE_URL`.
    public var key: String
    /// Where the reference is written in the spec.
    public var range: SourceRange

    /// `vault:path#key`.
    public var description: String { "vault:\(path)#\(key)" }

    /// The JSON Schema pattern of a reference.
    static let pattern = "^vault:[A-Za-z0-9_./-]+#[A-Za-z0-9_.-]+$"

    /// Parses `vault:path#key`.
    static func parse(_ text: String, range: SourceRange) -> VaultReference? {
        guard text.hasPrefix("vault:"), let hash = text.firstIndex(of: "#") else { return nil }
        let path = String(text[text.index(text.startIndex, offsetBy: 6)..<hash])
        let key = String(text[text.index(after: hash)...])
        let pathOK =
            !path.isEmpty && !path.hasPrefix("/")
            && path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_./-".contains($0)) }
        let keyOK = !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
        return pathOK && keyOK ? VaultReference(path: path, key: key, range: range) : nil
    }
}

extension FieldType where Value == VaultReference {
    /// A Vault reference; anything else — above all a literal secret — is an error (the secret references' one
    /// decoder, accepting Vault alone).
    static var vaultReference: FieldType<VaultReference> {
        let reference = FieldType<SecretReference>.secretReference(.vault)
        return FieldType(
            schema: reference.schema, placeholder: { VaultReference(path: "", key: "", range: .wholeFile("")) }
        ) { node, context in
            reference.decode(node, context)?.vault
        }
    }
}
