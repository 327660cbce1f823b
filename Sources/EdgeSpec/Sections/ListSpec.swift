import EdgeCore

/// What a named list holds.
public enum ListKind: String, CaseIterable, Sendable {
    /// IPv4/IPv6 addresses and CIDR blocks.
    case ip
    /// Autonomous system numbers.
    case asn
    /// Upper-case ISO country codes (inlined as a string set).
    case country
    /// Arbitrary strings (inlined as a string set).
    case string
}

/// A named list referenced from expressions as `$name`.
public struct ListSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A named list used in expressions as $name."
    /// What the list holds.
    public var kind: ListKind
    /// The items as written (validated for the kind).
    public var items: [LocatedText]
    /// What the list is for.
    public var description: String?
    /// When true, IP/ASN lists are emitted as Cloudflare Lists API bodies instead of being inlined.
    public var managed: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields; items are checked against the kind by the spec checker.
    public static func read(_ r: ObjectReader) -> ListSpec {
        ListSpec(
            kind: r.required("kind", .enumeration, "What the list holds: ip, asn, country or string."),
            items: r.required(
                "items",
                .array(
                    .located(schema: {
                        .object([("type", ["string", "integer"])])
                    }).orInteger), "The list's items."),
            description: r.optional("description", .string, "What the list is for."),
            managed: r.optional(
                "managed", .boolean, default: false, "Emit IP/ASN lists as Cloudflare Lists API bodies (account lists)."
            ),
            ranges: r.ranges)
    }

    /// Cloudflare list names: lower-case letters, digits and `_`.
    static let namePattern = "^[a-z0-9_]{1,50}$"

    /// Checks a list name.
    static func validName(_ name: String) -> String? {
        let valid =
            (1...50).contains(name.utf8.count)
            && name.utf8.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
            }
        return valid ? nil : "'\(name)' is not a valid list name; use lower-case letters, digits and '_'"
    }
}

extension FieldType where Value == LocatedText {
    /// The same located text, also accepting an integer scalar (for ASN items).
    var orInteger: FieldType<LocatedText> {
        FieldType(schema: schema, placeholder: placeholder) { node, context in
            if case let .scalar(scalar) = node, ScalarKind(scalar) == .integer {
                return LocatedText(text: scalar.value, node: scalar)
            }
            return decode(node, context)
        }
    }
}
