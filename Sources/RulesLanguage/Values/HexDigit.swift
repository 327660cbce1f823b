import EdgeWire

/// The value of an ASCII hex digit, or nil: the lexer's, URL decoding's and JSON escapes' name for
/// `ASCII.hexDigitValue`.
@inline(__always)
func hexDigitValue(_ byte: UInt8) -> UInt8? { ASCII.hexDigitValue(byte) }
