import EdgeCore

/// Client populations a load profile can mix.
public enum PopulationKindSpec: String, CaseIterable, Sendable {
    /// People browsing: sessions of a page and its assets with think time.
    case humans
    /// API clients with keys and steady rates.
    case api_clients
    /// Verified crawlers (Googlebot, Bingbot).
    case verified_bots
    /// Scrapers: few addresses, high rate, sequential pages.
    case scrapers
    /// Credential stuffing: POSTs to a login route from many addresses.
    case credential_stuffing
    /// Vulnerability scanners (sqlmap, Nikto, Nuclei, …).
    case vulnerability_scanner
    /// Clients that send no User-Agent.
    case no_user_agent
}

/// A burst: the rate multiplied for a while.
public struct BurstSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A burst: the rate multiplied for a window of the trace."
    /// Offset from the start of the trace.
    public var start: EdgeDuration
    /// How long it lasts.
    public var duration: EdgeDuration
    /// Rate multiplier.
    public var multiplier: Double
    /// Only this population bursts (all when absent).
    public var population: PopulationKindSpec?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> BurstSpec {
        BurstSpec(
            start: r.required("start", .duration(), "Offset from the start of the trace, e.g. 14h."),
            duration: r.required(
                "duration", .duration(EdgeDuration(milliseconds: 1)...EdgeDuration(milliseconds: .max)),
                "How long the burst lasts."),
            multiplier: r.required(
                "multiplier", .number(minimum: 0, maximum: 1_000), "Rate multiplier (at most 1000)."),
            population: r.optional("population", .enumeration, "Only this population bursts."),
            ranges: r.ranges)
    }
}

/// Where clients come from.
public struct CountrySpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A country clients come from, with their ASN and Cloudflare colo."
    /// Country code (upper case).
    public var code: String
    /// Autonomous system number.
    public var asn: Int
    /// Cloudflare colo, e.g. SIN.
    public var colo: String
    /// Relative weight.
    public var weight: Double
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> CountrySpec {
        CountrySpec(
            code: r.required("code", .countryCode, "Country code, e.g. SG."),
            asn: r.required("asn", .int(0...Int(UInt32.max)), "ASN."),
            colo: r.required(
                "colo",
                .string(validate: {
                    $0.count == 3 && $0 == $0.uppercased() ? nil : ("'\($0)' is not a colo code", "write e.g. SIN")
                }), "Colo, e.g. SIN."),
            weight: r.optional("weight", .number(minimum: 0), default: 1, "Relative weight."),
            ranges: r.ranges)
    }
}

/// A load profile for `synth` and `whatif --add-profile`.
public struct ProfileSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A load profile: mean rate, daily and weekly shape, bursts, populations and origins."
    /// Mean requests per second over the whole duration, across populations.
    public var meanRPS: Double
    /// Peak-to-trough ratio of the daily curve (1 = flat).
    public var peakToTrough: Double
    /// Hour of the daily peak, UTC.
    public var peakHour: Double
    /// Relative weight of each weekday, Monday first.
    public var weekly: [Double]
    /// Bursts.
    public var bursts: [BurstSpec]
    /// Population → weight (share of requests), in the order written.
    public var populations: [(kind: PopulationKindSpec, weight: Double)]
    /// Where clients come from (default: a mix centred on Singapore).
    public var countries: [CountrySpec]
    /// Zipf exponent of path popularity over the spec's routes.
    public var zipfExponent: Double
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ProfileSpec {
        ProfileSpec(
            meanRPS: r.required(
                "mean_rps", .number(minimum: 0.001, maximum: 1_000_000),
                "Mean requests per second over the whole duration (at most 1,000,000)."),
            peakToTrough: r.optional(
                "peak_to_trough", .number(minimum: 1), default: 1, "Daily peak-to-trough ratio (1 = flat)."),
            peakHour: r.optional(
                "peak_hour", .number(minimum: 0, below: 24), default: 14, "Hour of the daily peak, UTC (0 to below 24)."
            ),
            weekly: r.optional(
                "weekly", .array(.number(minimum: 0), minItems: 7, maxItems: 7), default: [1, 1, 1, 1, 1, 1, 1],
                "Relative weight of each weekday, Monday first."),
            bursts: r.optional(
                "bursts", .array(ObjectReader.object(BurstSpec.self, name: "burst")), default: [], "Bursts."),
            populations: r.required(
                "populations",
                .map(
                    .number(minimum: 0),
                    keyPattern: "^(" + PopulationKindSpec.allCases.map(\.rawValue).joined(separator: "|") + ")$",
                    validKey: { key in
                        PopulationKindSpec(rawValue: key) == nil
                            ? "unknown population '\(key)'"
                                + (bestSuggestion(for: key, among: PopulationKindSpec.allCases.map(\.rawValue)).map {
                                    "; did you mean '\($0)'?"
                                } ?? "")
                            : nil
                    }), "Population → weight, e.g. {humans: 65, api_clients: 15}."
            ).compactMap { name, weight in
                // A name that is not a population was reported by `validKey` above.
                PopulationKindSpec(rawValue: name.text).map { (kind: $0, weight: weight) }
            },
            countries: r.optional(
                "countries", .array(ObjectReader.object(CountrySpec.self, name: "country")), default: [],
                "Where clients come from."),
            zipfExponent: r.optional(
                "zipf_exponent", .number(minimum: 0), default: 1.1, "Zipf exponent of path popularity."),
            ranges: r.ranges)
    }
}

/// Reads a load profile from its own YAML file (`synth --profile FILE`): the same fields as a `profiles` entry.
public enum ProfileFile {
    /// The profile in `bytes`, or nil with the reasons reported; `size` is the file's size when `bytes` may be only
    /// its start (see `YAMLReader.read`).
    public static func read(_ bytes: [UInt8], file: String, size: Int? = nil, diagnostics: DiagnosticCollector)
        -> ProfileSpec?
    {
        guard let root = YAMLReader(file: file, diagnostics: diagnostics).read(bytes, size: size) else { return nil }
        let profile = ObjectReader.object(ProfileSpec.self, name: "profile").decode(
            root, SpecContext(file: file, diagnostics: diagnostics))
        if let profile { ProfileChecks.check(profile, diagnostics: diagnostics) }
        return diagnostics.hasErrors ? nil : profile
    }
}

/// Checks across a profile's fields that the synthesiser would otherwise refuse with its own field names.
enum ProfileChecks {
    /// Reports weights that leave no traffic: every population, weekday or country at 0, or no population.
    static func check(_ profile: ProfileSpec, diagnostics: DiagnosticCollector) {
        if !profile.populations.contains(where: { $0.weight > 0 }) {
            diagnostics.error(
                "E0111", "the profile sends no traffic: it needs at least one population with a weight above 0",
                at: profile.ranges.value("populations"), help: "give a population a weight, e.g. {humans: 1}")
        }
        if !profile.weekly.contains(where: { $0 > 0 }) {
            diagnostics.error(
                "E0111", "every weekday has weight 0: the profile sends no traffic", at: profile.ranges.value("weekly"),
                help: "give at least one weekday a weight above 0, or leave `weekly` out for a flat week")
        }
        if !profile.countries.isEmpty, !profile.countries.contains(where: { $0.weight > 0 }) {
            diagnostics.error(
                "E0111", "every country has weight 0: clients would come from nowhere",
                at: profile.ranges.value("countries"),
                help: "give at least one country a weight above 0, or leave `countries` out for the default mix")
        }
    }
}
