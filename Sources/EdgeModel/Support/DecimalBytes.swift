/// Reading non-negative decimal integers written as bytes, saturating instead of overflowing.
enum DecimalBytes {
    /// The value of `bytes` (optionally surrounded by spaces or double quotes); nil when it holds no digits or
    /// anything else. Values beyond `Int64.max` saturate.
    static func parse(_ bytes: some Collection<UInt8>) -> Int64? {
        var value: Int64 = 0
        var sawDigit = false
        var finished = false
        for byte in bytes {
            switch byte {
            case 0x30...0x39:
                if finished { return nil }
                sawDigit = true
                let (product, overflowA) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = product.addingReportingOverflow(Int64(byte - 0x30))
                value = overflowA || overflowB ? Int64.max : sum
            case 0x20, 0x09, UInt8(ascii: "\""):
                if sawDigit { finished = true }
            default:
                return nil
            }
        }
        return sawDigit ? value : nil
    }
}
