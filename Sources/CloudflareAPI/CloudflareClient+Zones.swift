import EdgeCore

/// A zone as the API describes it.
public struct CloudflareZone: Sendable, Equatable {
    /// The zone id (32 hexadecimal digits).
    public var id: String
    /// The apex name.
    public var name: String
    /// The plan's `legacy_id` (`free`, `pro`, `business`, `enterprise`), when the API gives it.
    public var plan: String?
}

extension CloudflareClient {
    /// The zone `nameOrID` names: by id (`GET /zones/{id}`) or by name (`GET /zones?name=`).
    public func zone(_ nameOrID: String) throws(APIFailure) -> CloudflareZone {
        if CloudflareID.isWellFormed(nameOrID) {
            let answer = try get("/zones/\(nameOrID)")
            guard let zone = answer.result.flatMap(Self.zone) else {
                throw APIFailure(
                    kind: .malformed, request: "GET /zones/\(nameOrID)", reasons: ["the answer has no zone"])
            }
            return zone
        }
        let answer = try get("/zones?name=\(Self.percentEncoded(nameOrID))")
        guard let results = answer.result?.arrayValue else {
            throw APIFailure(kind: .malformed, request: "GET /zones", reasons: ["the answer's result is not a list"])
        }
        guard let first = results.first, let zone = Self.zone(first) else {
            throw APIFailure(
                kind: .rejected(status: answer.status), request: "GET /zones",
                reasons: [
                    "no zone named '\(nameOrID)' is visible to this token: check the name, or give the zone id, and "
                        + "that the token has Zone: Read on it"
                ])
        }
        return zone
    }

    /// The entrypoint ruleset of `phase` (`GET /zones/{zone}/rulesets/phases/{phase}/entrypoint`); nil when the
    /// zone has none yet (404 with error code 10003).
    public func entrypoint(zoneID: String, phase: String) throws(APIFailure) -> JSONValue? {
        let path = "/zones/\(zoneID)/rulesets/phases/\(phase)/entrypoint"
        let answer = try get(path, accepting: [404])
        if answer.status == 404 {
            let codes = (answer.document?["errors"]?.arrayValue ?? []).compactMap { $0["code"]?.integerValue }
            guard codes.contains(10003) else {
                throw APIFailure(
                    kind: .rejected(status: 404), request: "GET \(path)",
                    reasons: ["HTTP 404 without Cloudflare's 'no entrypoint' error (10003): is the base URL right?"])
            }
            return nil
        }
        guard let result = answer.result, result.objectMembers != nil else {
            throw APIFailure(
                kind: .malformed, request: "GET \(path)", reasons: ["the answer's result is not a ruleset"])
        }
        return result
    }

    /// Replaces the entrypoint ruleset of `phase` with `body` (`{"description", "rules"}`) and returns the ruleset
    /// the API answers with.
    public func replaceEntrypoint(zoneID: String, phase: String, body: JSONValue) throws(APIFailure) -> JSONValue {
        let path = "/zones/\(zoneID)/rulesets/phases/\(phase)/entrypoint"
        let answer = try put(path, body: body)
        guard let result = answer.result, result.objectMembers != nil else {
            throw APIFailure(
                kind: .malformed, request: "PUT \(path)", reasons: ["the answer's result is not a ruleset"])
        }
        return result
    }

    private static func zone(_ value: JSONValue) -> CloudflareZone? {
        guard let id = value["id"]?.stringValue, let name = value["name"]?.stringValue else { return nil }
        return CloudflareZone(id: id, name: name, plan: value["plan"]?["legacy_id"]?.stringValue)
    }

    /// `text` with everything but unreserved URL characters percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
