extension FieldListBuilder {
    /// Response fields, readable only in a rate limiting rule's counting expression; the availability table allows
    /// response code and response headers there from Business, where custom counting expressions start.
    mutating func addResponseFields() {
        add(
            "http.response.code", .int, "Status code returned to the client.", phase: .response,
            rateLimitPlan: .business, inputs: .responseStatus, .int { $0.request.responseStatus })
        for prefix in ["http", "raw.http"] {
            let raw = prefix == "raw.http" ? " (as received)" : ""
            add(
                "\(prefix).response.headers", Self.stringMap, "Response header values keyed by lowercased name\(raw).",
                phase: .response, rateLimitPlan: .business, inputs: .responseHeaders, .map { $0.responseHeaderMap })
            add(
                "\(prefix).response.headers.names", Self.stringArray, "Response header names in order\(raw).",
                phase: .response, rateLimitPlan: .business, inputs: .responseHeaders,
                .bytesArray { $0.responseHeaderNames })
            add(
                "\(prefix).response.headers.values", Self.stringArray, "Response header values in order\(raw).",
                phase: .response, rateLimitPlan: .business, inputs: .responseHeaders,
                .bytesArray { $0.responseHeaderValues })
        }
        add(
            "http.response.content_type.media_type", .bytes, "Lowercased media type of the response.",
            phase: .response, rateLimitPlan: .business, inputs: .contentType, .bytes { $0.responseMediaType })
    }

    /// Fields Cloudflare documents for products EdgeProof does not deploy (Transform Rules, Custom Errors), and
    /// `cf.colo.id`, which is only a rate limiting characteristic. They are known, so using one says where it
    /// belongs instead of "unknown field".
    mutating func addFieldsOfOtherProducts() {
        add(
            "cf.colo.id", .int, "Data centre id.", phase: .characteristicOnly, inputs: .colo,
            .int { $0.request.coloID })
        add(
            "cf.unique_visitor_id", .bytes,
            "Visitor id (IP with NAT support); derived from the address and user agent "
                + "when the trace has none.", phase: .characteristicOnly, inputs: .ip, .bytes { $0.uniqueVisitorID })
        let transform = FieldPhase.elsewhere("Transform Rules")
        addUnsupplied(
            "http.request.accepted_languages", Self.stringArray, "Accept-Language tags by weight.", phase: transform)
        addUnsupplied(
            "ip.src.timezone.name", .bytes, "Time zone of the client address.",
            phase: .elsewhere("rewrite expressions of Transform Rules"))
        addUnsupplied(
            "cf.random_seed", .bytes, "Per-request random bytes for uuidv4().",
            phase: .elsewhere("the uuidv4() function of Transform Rules"))
        let responseRules = FieldPhase.elsewhere("Response Header Transform Rules and Custom Errors")
        addUnsupplied(
            "cf.response.1xxx_code", .int, "Code of a Cloudflare 1XXX error, 0 otherwise.", phase: responseRules)
        addUnsupplied("cf.response.error_type", .bytes, "Type of the error being returned.", phase: responseRules)
    }
}
