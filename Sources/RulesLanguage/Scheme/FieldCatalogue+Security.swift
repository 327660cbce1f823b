extension FieldListBuilder {
    /// Verified bots and Bot Management (an Enterprise add-on). `cf.client.bot` may be read by rate limiting rules
    /// on every plan (the availability table's "Verified Bot").
    mutating func addBotFields() {
        let botManagement = "Bot Management"
        add(
            "cf.client.bot", .bool, "Whether the client is a known good bot.", rateLimitPlan: .free, inputs: .bot,
            .bool { $0.request.verifiedBot })
        add(
            "cf.bot_management.verified_bot", .bool, "Whether the client is a verified bot (Bot Management).",
            plan: .enterprise, product: botManagement, inputs: .bot, .bool { $0.request.verifiedBot })
        add(
            "cf.verified_bot_category", .bytes, "Category of a verified bot.", inputs: .verifiedBotCategory,
            .bytes { $0.request.verifiedBotCategory })
        add(
            "cf.bot_management.score", .int, "Bot score 1–99, low means bot; 0 when not computed.", plan: .enterprise,
            product: botManagement, inputs: .botScore, .int { $0.request.botScore })
        add(
            "cf.bot_management.ja3_hash", .bytes, "JA3 fingerprint of the TLS client hello (Bot Management).",
            plan: .enterprise, product: botManagement, inputs: .ja3Hash, .bytes { $0.request.ja3Hash })
        add(
            "cf.bot_management.ja4", .bytes, "JA4 fingerprint of the client (Bot Management).", plan: .enterprise,
            product: botManagement, inputs: .ja4, .bytes { $0.request.ja4 })
        addUnsupplied(
            "cf.bot_management.static_resource", .bool, "Whether the request is for a static resource.",
            plan: .enterprise, product: botManagement)
        addUnsupplied(
            "cf.bot_management.js_detection.passed", .bool, "Whether the visitor passed a JavaScript detection.",
            plan: .enterprise, product: botManagement)
        addUnsupplied(
            "cf.bot_management.detection_ids", .array(.int), "Ids of the heuristic detections made on the request.",
            plan: .enterprise, product: botManagement)
        addUnsupplied(
            "cf.bot_management.corporate_proxy", .bool, "Whether the request comes from a known corporate proxy.",
            plan: .enterprise, product: botManagement)
        addUnsupplied(
            "cf.bot_management.signed_agent", .bool, "Whether the request comes from a Web Bot Auth signed agent.",
            plan: .enterprise, product: botManagement)
    }

    /// WAF attack scores, leaked-credential checks, uploaded-content scanning, API Shield, schema validation, AI
    /// prompt detection and the deprecated threat score.
    mutating func addSecurityDetectionFields() {
        add(
            "cf.threat_score", .int, "Threat score.",
            caveat: "cf.threat_score is now always 0 on Cloudflare, so comparisons on it no longer discriminate",
            inputs: .threatScore, .int { $0.request.threatScore })
        add(
            "cf.waf.score", .int, "WAF attack score 1–99, 100 when not scored.", plan: .enterprise,
            product: "attack score detection", inputs: .wafScore, .int { $0.request.wafScore })
        for vector in ["sqli", "xss", "rce"] {
            addUnsupplied(
                "cf.waf.score.\(vector)", .int, "WAF attack score 1–99 of one attack vector, 100 when not scored.",
                plan: .enterprise, product: "attack score detection", defaultValue: 100)
        }
        addUnsupplied(
            "cf.waf.score.class", .bytes, "Attack score class: attack, likely_attack, likely_clean or clean.",
            plan: .business, product: "attack score detection")
        let leaked = "leaked credentials detection"
        addUnsupplied(
            "cf.waf.auth_detected", .bool, "Whether authentication credentials were detected.", plan: .enterprise,
            product: leaked)
        addUnsupplied(
            "cf.waf.credential_check.password_leaked", .bool, "Whether the detected password was leaked before.",
            product: leaked)
        addUnsupplied(
            "cf.waf.credential_check.username_leaked", .bool, "Whether the detected username was leaked before.",
            plan: .enterprise, product: leaked)
        addUnsupplied(
            "cf.waf.credential_check.username_and_password_leaked", .bool,
            "Whether the detected username and password pair was leaked before.", plan: .pro, product: leaked)
        addUnsupplied(
            "cf.waf.credential_check.username_password_similar", .bool,
            "Whether a similar username and password pair was leaked before.", plan: .enterprise, product: leaked)
        addContentScanFields()
        addUnsupplied(
            "cf.api_gateway.auth_id_present", .bool, "Whether the request carried an API Shield session identifier.",
            plan: .enterprise, product: "API Shield")
        addUnsupplied(
            "cf.api_gateway.request_violates_schema", .bool, "Whether the request violated its endpoint's schema.",
            product: "API Shield")
        addUnsupplied(
            "cf.api_gateway.fallthrough_detected", .bool, "Whether the request matched no saved endpoint.",
            product: "API Shield")
        addUnsupplied(
            "cf.schema_validation.learned.violated", .bool, "Whether the request violates the learned profile.",
            product: "schema validation")
        addUnsupplied(
            "cf.schema_validation.uploaded.violated", .bool, "Whether the request violates the uploaded schema.",
            product: "schema validation")
        addPromptFields()
    }

    private mutating func addContentScanFields() {
        let scanning = "malicious uploads detection"
        for (name, type, summary) in [
            ("has_obj", RuleType.bool, "Whether the request contains a content object."),
            ("has_malicious_obj", .bool, "Whether the request contains a malicious content object."),
            ("num_malicious_obj", .int, "Number of malicious content objects."),
            ("has_failed", .bool, "Whether the scanner failed to scan a content object."),
            ("num_obj", .int, "Number of content objects."),
            ("obj_sizes", .array(.int), "Sizes in bytes of the content objects, in order."),
            ("obj_types", Self.stringArray, "Types of the content objects, in order."),
            ("obj_results", Self.stringArray, "Scan results of the content objects, in order."),
        ] {
            addUnsupplied("cf.waf.content_scan.\(name)", type, summary, plan: .enterprise, product: scanning)
        }
    }

    private mutating func addPromptFields() {
        let prompts = "AI Security for Apps"
        for (name, type, summary, defaultValue) in [
            ("detected", RuleType.bool, "Whether an LLM prompt was detected.", Int64(0)),
            ("pii_detected", .bool, "Whether the prompt contains personal information.", 0),
            ("pii_categories", Self.stringArray, "Categories of personal information in the prompt.", 0),
            ("unsafe_topic_detected", .bool, "Whether the prompt touches an unsafe topic.", 0),
            ("unsafe_topic_categories", Self.stringArray, "Unsafe topic categories of the prompt.", 0),
            ("injection_score", .int, "Prompt injection score 1–99, 100 when not scored.", 100),
            ("token_count", .int, "Estimated token count of the prompt.", 0),
        ] {
            addUnsupplied(
                "cf.llm.prompt.\(name)", type, summary, plan: .enterprise, product: prompts, defaultValue: defaultValue)
        }
    }
}
