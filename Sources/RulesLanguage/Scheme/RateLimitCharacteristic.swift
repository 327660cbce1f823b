import EdgeCore

/// One part of a rate-limit counter key, as Cloudflare's "With the same characteristics" table lists them
/// (`docs/cloudflare-semantics.md`, "Rate limiting: rule shape and characteristics"). The data centre
/// (`cf.colo.id`) is always part of the key as well and is not a case here.
///
/// This is the one list of characteristics: `check` accepts a name only when `init(field:)` reads it, and the model
/// keys counters by the same value, so nothing `check` accepts can be left out of a simulated key.
///
/// A header, cookie, query argument, form field or JSON key that is absent is its own key value, distinct from one
/// that is present but empty (`docs/cloudflare-semantics.md`, "Rate limiting: counting").
public enum RateLimitCharacteristic: Sendable, Hashable {
    /// `ip.src`.
    case ipSource
    /// `cf.unique_visitor_id` ("IP with NAT support").
    case uniqueVisitor
    /// `ip.src.asnum`.
    case asn
    /// `ip.src.country`.
    case country
    /// `http.host`.
    case host
    /// `http.request.uri.path` (after URL normalisation).
    case path
    /// `cf.bot_management.ja3_hash`.
    case ja3Hash
    /// `cf.bot_management.ja4`.
    case ja4
    /// `http.request.body.raw` (the body as far as Cloudflare reads it).
    case bodyRaw
    /// `http.request.body.size` (the whole body's size).
    case bodySize
    /// `http.request.headers["name"]`; the name is kept lowercased, as it is matched.
    case header(String)
    /// `http.request.cookies["name"]`.
    case cookie(String)
    /// `http.request.uri.args["name"]`.
    case queryArgument(String)
    /// `http.request.body.form["name"]`.
    case formField(String)
    /// `lookup_json_string(http.request.body.raw, "key")`.
    case jsonString(String)
    /// `lookup_json_integer(http.request.body.raw, "key")`.
    case jsonInteger(String)

    /// The characteristics written as a plain field name, with the lowest plan that may use each.
    public static let plainNames: [(name: String, characteristic: RateLimitCharacteristic)] = [
        ("ip.src", .ipSource), ("cf.unique_visitor_id", .uniqueVisitor), ("ip.src.asnum", .asn),
        ("ip.src.country", .country), ("http.host", .host), ("http.request.uri.path", .path),
        ("cf.bot_management.ja3_hash", .ja3Hash), ("cf.bot_management.ja4", .ja4),
        ("http.request.body.raw", .bodyRaw), ("http.request.body.size", .bodySize),
    ]

    /// The keyed forms, as the Rulesets API writes them with `<name>` for the key.
    public static let keyedForms = [
        "http.request.headers[\"<name>\"]", "http.request.cookies[\"<name>\"]", "http.request.uri.args[\"<name>\"]",
        "http.request.body.form[\"<name>\"]", "lookup_json_string(http.request.body.raw, \"<key>\")",
        "lookup_json_integer(http.request.body.raw, \"<key>\")",
    ]

    private static let keyedPrefixes: [(prefix: String, suffix: String, make: @Sendable (String) -> Self)] = [
        ("http.request.headers[\"", "\"]", { .header($0.lowercased()) }),
        ("http.request.cookies[\"", "\"]", { .cookie($0) }),
        ("http.request.uri.args[\"", "\"]", { .queryArgument($0) }),
        ("http.request.body.form[\"", "\"]", { .formField($0) }),
        ("lookup_json_string(http.request.body.raw, \"", "\")", { .jsonString($0) }),
        ("lookup_json_integer(http.request.body.raw, \"", "\")", { .jsonInteger($0) }),
    ]

    /// Reads a characteristic as the Rulesets API writes it, e.g. `ip.src` or `http.request.headers["x-api-key"]`;
    /// nil for anything else. `cf.colo.id` is not read here because every key includes it.
    public init?(field text: String) {
        if let plain = Self.plainNames.first(where: { $0.name == text }) {
            self = plain.characteristic
            return
        }
        for form in Self.keyedPrefixes where text.hasPrefix(form.prefix) && text.hasSuffix(form.suffix) {
            guard text.count >= form.prefix.count + form.suffix.count else { return nil }
            let name = text.dropFirst(form.prefix.count).dropLast(form.suffix.count)
            guard !name.isEmpty, !name.contains("\""), !name.contains("\\") else { return nil }
            self = form.make(String(name))
            return
        }
        return nil
    }

    /// The field as the Rulesets API writes it.
    public var field: String {
        switch self {
        case .ipSource: "ip.src"
        case .uniqueVisitor: "cf.unique_visitor_id"
        case .asn: "ip.src.asnum"
        case .country: "ip.src.country"
        case .host: "http.host"
        case .path: "http.request.uri.path"
        case .ja3Hash: "cf.bot_management.ja3_hash"
        case .ja4: "cf.bot_management.ja4"
        case .bodyRaw: "http.request.body.raw"
        case .bodySize: "http.request.body.size"
        case .header(let name): "http.request.headers[\"\(name)\"]"
        case .cookie(let name): "http.request.cookies[\"\(name)\"]"
        case .queryArgument(let name): "http.request.uri.args[\"\(name)\"]"
        case .formField(let name): "http.request.body.form[\"\(name)\"]"
        case .jsonString(let key): "lookup_json_string(http.request.body.raw, \"\(key)\")"
        case .jsonInteger(let key): "lookup_json_integer(http.request.body.raw, \"\(key)\")"
        }
    }

    /// The lowest plan whose rate limiting rules may use the characteristic: IP on every plan, IP with NAT support
    /// from Business, the rest with Enterprise Advanced Rate Limiting (`docs/cloudflare-semantics.md`, "Plan
    /// limits").
    public var minimumPlan: CloudflarePlan {
        switch self {
        case .ipSource: .free
        case .uniqueVisitor: .business
        default: .enterprise
        }
    }
}
