/// Where one population's clients come from: a weighted choice among country shares, each with its addresses.
struct ClientOrigins: Sendable {
    /// One country share ready to draw addresses from.
    struct Origin: Sendable {
        let country: String
        let asn: Int
        let colo: String
        let addresses: CountryAddresses
        let acceptLanguage: String
    }

    private let origins: [Origin]
    private let sampler: AliasSampler

    /// Origins from validated shares.
    init(_ shares: [CountryShare]) {
        origins = shares.map {
            Origin(
                country: $0.code.uppercased(), asn: $0.asn, colo: $0.colo,
                addresses: CountryAddresses(country: $0.code, asn: $0.asn),
                acceptLanguage: Self.acceptLanguage[$0.code.uppercased()] ?? "en-US,en;q=0.9")
        }
        sampler = AliasSampler(weights: shares.map(\.weight))
    }

    /// One origin, by weight.
    func draw(_ random: inout SynthesisRandom) -> Origin {
        origins[sampler.draw(&random)]
    }

    /// What browsers in each country send as `Accept-Language`.
    private static let acceptLanguage: [String: String] = [
        "SG": "en-SG,en;q=0.9,zh-CN;q=0.8", "US": "en-US,en;q=0.9", "IN": "en-IN,en;q=0.9,hi;q=0.8",
        "JP": "ja-JP,ja;q=0.9,en;q=0.8", "DE": "de-DE,de;q=0.9,en;q=0.8", "GB": "en-GB,en;q=0.9",
        "AU": "en-AU,en;q=0.9", "KP": "ko-KP,ko;q=0.9", "IR": "fa-IR,fa;q=0.9,en;q=0.8",
        "FR": "fr-FR,fr;q=0.9,en;q=0.8",
        "NL": "nl-NL,nl;q=0.9,en;q=0.8", "CN": "zh-CN,zh;q=0.9", "BR": "pt-BR,pt;q=0.9,en;q=0.8",
        "KR": "ko-KR,ko;q=0.9,en;q=0.8", "RU": "ru-RU,ru;q=0.9,en;q=0.8", "ID": "id-ID,id;q=0.9,en;q=0.8",
    ]
}
