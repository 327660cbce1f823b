import EdgeWire
import Traces

/// An IPv4 block of a known operator, with the country and data centre its traffic shows up in.
struct NetworkBlock: Sendable {
    /// First address of the block.
    let base: UInt32
    /// Prefix length (8 … 30).
    let prefixLength: Int
    /// The operator's autonomous system number.
    let asn: Int
    /// Two-letter country of the addresses.
    let country: String
    /// Data centre serving the addresses.
    let colo: String

    /// A block written as four octets.
    init(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, prefix: Int, asn: Int, country: String, colo: String) {
        base = a << 24 | b << 16 | c << 8 | d
        prefixLength = prefix
        self.asn = asn
        self.country = country
        self.colo = colo
    }

    /// A random host address of the block (never the network's first or last address of a /24).
    func address(_ random: inout SynthesisRandom) -> IPAddress {
        let hostBits = 32 - prefixLength
        let span = UInt32(1) << hostBits
        var offset = UInt32(truncatingIfNeeded: random.next()) & (span - 1)
        if offset & 0xFF == 0 { offset |= 1 }
        if offset & 0xFF == 0xFF { offset &= ~1 }
        return IPAddress(v4: base | offset)
    }

    /// Cloud and hosting networks that scrapers and scanners rent.
    static let hosting: [NetworkBlock] = [
        NetworkBlock(88, 99, 0, 0, prefix: 16, asn: 24940, country: "DE", colo: "FRA"),  // Hetzner
        NetworkBlock(65, 108, 0, 0, prefix: 16, asn: 24940, country: "FI", colo: "HEL"),  // Hetzner
        NetworkBlock(51, 75, 0, 0, prefix: 16, asn: 16276, country: "FR", colo: "CDG"),  // OVH
        NetworkBlock(167, 99, 0, 0, prefix: 16, asn: 14061, country: "US", colo: "EWR"),  // DigitalOcean
        NetworkBlock(159, 223, 0, 0, prefix: 16, asn: 14061, country: "SG", colo: "SIN"),  // DigitalOcean
        NetworkBlock(45, 155, 204, 0, prefix: 22, asn: 49870, country: "NL", colo: "AMS"),  // Alsycon
        NetworkBlock(62, 171, 128, 0, prefix: 17, asn: 51167, country: "DE", colo: "FRA"),  // Contabo
        NetworkBlock(172, 104, 0, 0, prefix: 15, asn: 63949, country: "SG", colo: "SIN"),  // Akamai Linode
        NetworkBlock(54, 144, 0, 0, prefix: 12, asn: 14618, country: "US", colo: "IAD"),  // Amazon
        NetworkBlock(43, 128, 0, 0, prefix: 14, asn: 132203, country: "SG", colo: "SIN"),  // Tencent Cloud
    ]

    /// Googlebot's crawl range.
    static let googlebot = [NetworkBlock(66, 249, 64, 0, prefix: 19, asn: 15169, country: "US", colo: "SJC")]

    /// Bingbot's crawl ranges.
    static let bingbot = [
        NetworkBlock(157, 55, 39, 0, prefix: 24, asn: 8075, country: "US", colo: "SEA"),
        NetworkBlock(207, 46, 13, 0, prefix: 24, asn: 8075, country: "US", colo: "SEA"),
        NetworkBlock(40, 77, 167, 0, prefix: 24, asn: 8075, country: "US", colo: "SEA"),
    ]
}
