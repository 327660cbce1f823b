import EdgeWire

extension FieldListBuilder {
    /// The client address and what Cloudflare derives from it, with the deprecated `ip.geoip.*` names.
    mutating func addGeolocationFields() {
        add("ip.src", .ip, "Client IP address.", rateLimitPlan: .business, inputs: .ip, .ip { $0.request.ip })
        add(
            "ip.src.country", .bytes, "Client country, ISO 3166-1 alpha-2 uppercase.", inputs: .country,
            borrowed: .country, .bytes { $0.request.country })
        add(
            "ip.geoip.country", .bytes, "Deprecated name of ip.src.country.", replacement: "ip.src.country",
            inputs: .country, borrowed: .country, .bytes { $0.request.country })
        add("ip.src.asnum", .int, "Client autonomous system number.", inputs: .asn, .int { $0.request.asn })
        add(
            "ip.geoip.asnum", .int, "Deprecated name of ip.src.asnum.", replacement: "ip.src.asnum", inputs: .asn,
            .int { $0.request.asn })
        add(
            "ip.src.continent", .bytes, "Client continent code.", inputs: .continent, .bytes { $0.request.continent })
        add(
            "ip.geoip.continent", .bytes, "Deprecated name of ip.src.continent.", replacement: "ip.src.continent",
            inputs: .continent, .bytes { $0.request.continent })
        add("ip.src.city", .bytes, "Client city.", inputs: .city, .bytes { $0.request.city })
        add("ip.src.region_code", .bytes, "Client region code.", inputs: .regionCode, .bytes { $0.request.regionCode })
        for (name, replacement) in [
            ("ip.src.subdivision_1_iso_code", nil),
            ("ip.geoip.subdivision_1_iso_code", "ip.src.subdivision_1_iso_code"),
        ] {
            add(
                name, .bytes, "First-level subdivision ISO 3166-2 code.", plan: .business, replacement: replacement,
                inputs: [], .bytes { $0.request.subdivision1 })
        }
        for (name, replacement) in [
            ("ip.src.subdivision_2_iso_code", nil),
            ("ip.geoip.subdivision_2_iso_code", "ip.src.subdivision_2_iso_code"),
        ] {
            add(
                name, .bytes, "Second-level subdivision ISO 3166-2 code.", plan: .business, replacement: replacement,
                inputs: [], .bytes { $0.request.subdivision2 })
        }
        for (name, replacement) in [
            ("ip.src.is_in_european_union", nil), ("ip.geoip.is_in_european_union", "ip.src.is_in_european_union"),
        ] {
            add(
                name, .bool, "Whether the client country is one of the field's European Union table.",
                plan: .business, replacement: replacement, inputs: .country,
                .bool { EuropeanUnionCountries.contains($0.request.country) })
        }
        addUnsupplied("ip.src.lat", .bytes, "Latitude of the client address, as a string.")
        addUnsupplied("ip.src.lon", .bytes, "Longitude of the client address, as a string.")
        addUnsupplied("ip.src.postal_code", .bytes, "Postal code of the client address.")
        addUnsupplied("ip.src.metro_code", .bytes, "Metro (DMA) code of the client address.")
        addUnsupplied("ip.src.region", .bytes, "Region name of the client address.")
    }
}

/// The country codes `ip.src.is_in_european_union` is true for: the table on that field's page
/// (`docs/cloudflare-semantics.md`, "Fields and where they may be read"), which includes outermost regions with
/// their own codes (French Guiana, Réunion, Åland …).
enum EuropeanUnionCountries {
    private static let codes: Set<[UInt8]> = Set(
        [
            "AT", "AX", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GF", "GP", "GR", "HR", "HU", "IE",
            "IT", "LT", "LU", "LV", "MF", "MQ", "MT", "NL", "PL", "PT", "RE", "RO", "SE", "SI", "SK", "YT",
        ].map { Array($0.utf8) })

    /// Whether `country` (upper-case alpha-2) is in the table.
    static func contains(_ country: [UInt8]) -> Bool { country.count == 2 && codes.contains(country) }
}
