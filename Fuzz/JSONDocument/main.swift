import CloudflareAPI
import EdgeCore

/// libFuzzer harness for `JSONDocumentReader`, which reads whatever a server answers through the byte-level
/// `JSONCursor`: the input is the document. A document it accepts must print (compact) to text it reads back to the
/// same value; one it rejects must say where, inside the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let value = try JSONDocumentReader.read(bytes)
        let again: JSONValue
        do {
            again = try JSONDocumentReader.read(Array(value.compact.utf8))
        } catch {
            fatalError("the compact form of an accepted document does not read back: \(error)")
        }
        guard again == value else { fatalError("a document read back from its compact form differs") }
    } catch {
        let lines = bytes.count { $0 == UInt8(ascii: "\n") } + 1
        guard error.line >= 1, error.line <= lines, error.column >= 1, error.column <= bytes.count + 1 else {
            fatalError("an error at \(error.line):\(error.column) is outside a \(bytes.count)-byte input")
        }
    }
    return 0
}
