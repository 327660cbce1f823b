import EdgeWire
import RulesLanguage

extension HTTPRequest {
    /// The value of the first header named `lowercaseName` (names compare case-insensitively), nil when absent.
    func firstHeader(named lowercaseName: [UInt8]) -> [UInt8]? {
        for header in headers where header.name.count == lowercaseName.count {
            if zip(header.name, lowercaseName).allSatisfy({ ASCII.lowercased($0) == $1 }) { return header.value }
        }
        return nil
    }
}
