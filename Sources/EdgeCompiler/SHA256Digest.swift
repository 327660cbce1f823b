import CCrypto

/// SHA-256 through the system's libcrypto, used for manifests and the compiled spec's identity.
public enum SHA256Digest {
    /// The lower-case hex SHA-256 of `bytes`.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let input = Array(bytes)
        input.withUnsafeBufferPointer { buffer in
            _ = CCrypto.SHA256(buffer.baseAddress, buffer.count, &digest)
        }
        let hexDigits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The lower-case hex SHA-256 of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String { hex(Array(text.utf8)) }
}
