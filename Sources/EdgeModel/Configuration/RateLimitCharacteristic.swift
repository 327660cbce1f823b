/// One part of a rate-limit counter key. The data centre (`cf.colo.id`) is always part of the key as well.
///
/// A header, cookie or query argument that is absent is its own key value, distinct from one that is present
/// but empty (`docs/cloudflare-semantics.md`, "Rate limiting: counting").
public enum RateLimitCharacteristic: Sendable, Hashable {
    /// `ip.src`.
    case ipSource
    /// `ip.src.asnum`.
    case asn
    /// `ip.src.country`.
    case country
    /// `http.host`.
    case host
    /// `http.request.uri.path` (after URL normalisation).
    case path
    /// `http.request.headers["name"]`; the name is matched lowercased.
    case header(String)
    /// `http.request.cookies["name"]`.
    case cookie(String)
    /// `http.request.uri.args["name"]`.
    case queryArgument(String)

    /// Reads a characteristic as the Rulesets API writes it, e.g. `ip.src` or `http.request.headers["x-api-key"]`;
    /// nil for anything else. `cf.colo.id` is not accepted here because every key includes it.
    public init?(field text: String) {
        switch text {
        case "ip.src": self = .ipSource
        case "ip.src.asnum", "ip.geoip.asnum": self = .asn
        case "ip.src.country", "ip.geoip.country": self = .country
        case "http.host": self = .host
        case "http.request.uri.path": self = .path
        default:
            if let name = Self.mapKey(text, prefix: "http.request.headers[\"") {
                self = .header(name.lowercased())
            } else if let name = Self.mapKey(text, prefix: "http.request.cookies[\"") {
                self = .cookie(name)
            } else if let name = Self.mapKey(text, prefix: "http.request.uri.args[\"") {
                self = .queryArgument(name)
            } else {
                return nil
            }
        }
    }

    /// The field as the Rulesets API writes it.
    public var field: String {
        switch self {
        case .ipSource: "ip.src"
        case .asn: "ip.src.asnum"
        case .country: "ip.src.country"
        case .host: "http.host"
        case .path: "http.request.uri.path"
        case .header(let name): "http.request.headers[\"\(name)\"]"
        case .cookie(let name): "http.request.cookies[\"\(name)\"]"
        case .queryArgument(let name): "http.request.uri.args[\"\(name)\"]"
        }
    }

    private static func mapKey(_ text: String, prefix: String) -> String? {
        guard text.hasPrefix(prefix), text.hasSuffix("\"]") else { return nil }
        let name = text.dropFirst(prefix.count).dropLast(2)
        guard !name.isEmpty, !name.contains("\"") else { return nil }
        return String(name)
    }
}
