import Foundation

/// The list prices `whatif` bills with, shipped as data (`price-catalogue.json` beside this file, embedded at build
/// time): each price with the page it was read from and the date it was read (`docs/costs.md`, "The catalogue").
public struct PriceCatalogue: Sendable {
    /// One list price.
    public struct Price: Decodable, Sendable, Equatable {
        /// Dotted identifier, e.g. `cloudflare.plan.pro` or `fly.preset.shared-cpu-1x`.
        public let id: String
        /// The price in USD.
        public let usd: Double
        /// What the price is for: `month`, `machine-month`, `GB-month`, `100K commands`, `1M tokens`.
        public let per: String
        /// The page the price was read from.
        public let source: String
        /// The date it was read (YYYY-MM-DD).
        public let read: String
        /// What the price leaves out or depends on, when anything.
        public let note: String?
        /// A machine preset's memory in MB.
        public let memoryMB: Int?
        /// What a free tier includes, in the unit its id names.
        public let includes: Double?

        enum CodingKeys: String, CodingKey {
            case id, usd, per, source, read, note, includes
            case memoryMB = "memory_mb"
        }
    }

    /// Every price, in the file's order.
    public let prices: [Price]
    private let byID: [String: Price]

    /// Reads a catalogue document; throws when it is not one.
    public init(json: Data) throws {
        struct Document: Decodable {
            let version: Int
            let currency: String
            let prices: [Price]
        }
        let document = try JSONDecoder().decode(Document.self, from: json)
        guard document.version == 1, document.currency == "USD" else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "a price catalogue is version 1 in USD"))
        }
        prices = document.prices
        byID = Dictionary(document.prices.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The catalogue this build ships.
    public static let shipped: PriceCatalogue = {
        do {
            return try PriceCatalogue(json: Data(PackageResources.price_catalogue_json))
        } catch {
            // The file is part of the source tree and read by `PriceCatalogueTests`; it cannot be absent at run time.
            preconditionFailure("the embedded price catalogue does not read: \(error)")
        }
    }()

    /// The price with `id`, if the catalogue lists it.
    public subscript(id: String) -> Price? { byID[id] }
}

extension PriceCatalogue {
    /// The catalogue's LLM models: `openai.gpt-4o-mini` for `openai.gpt-4o-mini.input` and `.output`.
    public var models: [String] {
        prices.compactMap { $0.id.hasSuffix(".input") ? String($0.id.dropLast(6)) : nil }
    }

    /// The catalogue's plans priced per month.
    public var monthlyPlans: [String] { prices.filter { $0.per == "month" }.map(\.id) }

    /// Why `model` is not a catalogue model, or nil when it is one.
    func modelProblem(_ model: String) -> (message: String, help: String?)? {
        models.contains(model)
            ? nil
            : (
                "'\(model)' is not a model in the price catalogue",
                "use one of \(models.joined(separator: ", ")), or give llm_input_per_million and "
                    + "llm_output_per_million"
            )
    }

    /// Why `plan` is not a catalogue plan priced per month, or nil when it is one.
    func monthlyPlanProblem(_ plan: String) -> (message: String, help: String?)? {
        monthlyPlans.contains(plan)
            ? nil
            : (
                "'\(plan)' is not a plan priced per month in the price catalogue",
                "use one of \(monthlyPlans.joined(separator: ", ")), or give the price as monthly"
            )
    }
}
