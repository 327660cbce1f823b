import EdgeWire
import Traces

/// Plausible client addresses for a country and network: each (country, AS) pair gets four stable /16 blocks
/// inside /8s that the country's registry hands out, so one network's clients cluster the way real ones do.
/// Private, shared, documentation and multicast ranges are never produced.
struct CountryAddresses: Sendable {
    private let blocks: [UInt32]
    private let ipv6Prefixes: [UInt64]
    private let exactBlock: NetworkBlock?

    /// Address blocks for clients of `asn` in `country` (two letters, any case).
    init(country: String, asn: Int) {
        let code = country.uppercased()
        let seed = Self.hash(code, asn)
        if code == "KP" {
            exactBlock = NetworkBlock(175, 45, 176, 0, prefix: 22, asn: asn, country: code, colo: "")
        } else {
            exactBlock = nil
        }
        let octets = Self.firstOctets[code] ?? Self.fallbackOctets(seed)
        blocks = (0..<4).map { index in
            let mixed = SplitMix64.mix(seed &+ UInt64(index))
            let first = octets[Int(mixed % UInt64(octets.count))]
            return first << 24 | UInt32((mixed >> 20) & 0xFF) << 16
        }
        let registry = Self.ipv6Registry[code] ?? 0x2A00
        ipv6Prefixes = (0..<2).map { index in
            let mixed = SplitMix64.mix(seed ^ (0xA5A5 &+ UInt64(index)))
            return UInt64(registry | UInt16(mixed & 0xF)) << 48 | ((mixed >> 8) & 0xFFFF) << 32
        }
    }

    /// A random IPv4 address of this network.
    func ipv4(_ random: inout SynthesisRandom) -> IPAddress {
        if let exactBlock { return exactBlock.address(&random) }
        let block = blocks[random.below(blocks.count)]
        let host = UInt32(truncatingIfNeeded: random.next()) & 0xFFFF
        return IPAddress(v4: block | (host & 0xFF00) | UInt32(1 + (host & 0xFF) % 254))
    }

    /// A random IPv6 address of this network (a /64 of one of its /32s, then a random interface id).
    func ipv6(_ random: inout SynthesisRandom) -> IPAddress {
        if exactBlock != nil { return ipv4(&random) }
        let prefix = ipv6Prefixes[random.below(ipv6Prefixes.count)]
        return IPAddress(v6High: prefix | (random.next() & 0xFFFF_FFFF), low: random.next())
    }

    /// First octets of addresses common in each country (registry allocations of its large networks).
    private static let firstOctets: [String: [UInt32]] = [
        "SG": [116, 118, 119, 175], "US": [24, 50, 67, 68, 73, 76, 98, 104], "IN": [49, 106, 117, 122, 157],
        "JP": [106, 114, 126, 133, 153], "DE": [79, 84, 87, 91, 93], "GB": [81, 86, 90, 109],
        "AU": [49, 101, 110, 120, 124], "IR": [2, 5, 31, 37, 78], "CN": [36, 58, 111, 112, 113, 183],
        "NL": [77, 82, 84, 145], "FR": [78, 82, 86, 90], "BR": [177, 179, 187, 189, 191],
        "RU": [5, 31, 46, 95, 178], "CA": [24, 70, 99, 142], "ID": [36, 110, 114, 180, 182],
        "KR": [112, 121, 175, 211, 220], "VN": [14, 27, 113, 171], "HK": [42, 58, 112, 223],
    ]

    /// IPv6 registry prefixes: APNIC 2400::/12, ARIN 2600::/12, LACNIC 2800::/12, RIPE 2a00::/12 (the fallback).
    private static let ipv6Registry: [String: UInt16] = [
        "SG": 0x2400, "IN": 0x2400, "JP": 0x2400, "AU": 0x2400, "CN": 0x2400, "ID": 0x2400, "KR": 0x2400,
        "VN": 0x2400, "HK": 0x2400, "US": 0x2600, "CA": 0x2600, "BR": 0x2800,
    ]

    /// Public /8s from every registry, for countries without an entry above.
    private static func fallbackOctets(_ seed: UInt64) -> [UInt32] {
        let pool: [UInt32] = [
            2, 5, 31, 37, 41, 46, 58, 61, 77, 80, 85, 88, 95, 102, 105, 154, 177, 186, 190, 196, 197, 200, 201,
        ]
        return (0..<3).map { pool[Int(SplitMix64.mix(seed &+ 17 &+ UInt64($0)) % UInt64(pool.count))] }
    }

    private static func hash(_ code: String, _ asn: Int) -> UInt64 {
        var value = UInt64(truncatingIfNeeded: asn)
        for byte in code.utf8 { value = SplitMix64.mix(value ^ UInt64(byte)) }
        return value
    }
}
