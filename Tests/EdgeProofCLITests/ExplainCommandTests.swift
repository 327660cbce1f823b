import Foundation
import Testing

/// `explain`: each reached rule's sub-expressions with their values, short-circuited operands, redaction, JSON.
@Suite struct ExplainCommandTests {
    @Test func explainShowsEachSubExpressionWithItsValueAndTheShortCircuitedOperands() {
        let result = edgeproof("explain", exampleSpec, "--request", #"{"ua":"Nikto/2.5","path":"/"}"#)
        #expect(result.exitCode == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let rule = lines.firstIndex(of: "  match    block-bad-bots: block (terminates)")
        #expect(rule != nil, "\(result.stdout)")
        guard let rule else { return }
        #expect(lines[rule + 1].hasPrefix(#"    lower(http.user_agent) contains "sqlmap" or "#))
        #expect(lines[rule + 1].hasSuffix(#"contains "nuclei"  → true"#))
        #expect(
            Array(lines[(rule + 2)...(rule + 4)]) == [
                #"      lower(http.user_agent) contains "sqlmap"  → false  [lower(http.user_agent) = "nikto/2.5"]"#,
                #"      lower(http.user_agent) contains "nikto"  → true  [lower(http.user_agent) = "nikto/2.5"]"#,
                #"      lower(http.user_agent) contains "masscan"  → not evaluated (short-circuited)"#,
            ])
        #expect(
            lines.last
                == "action: block (rule block-bad-bots in http_request_firewall_custom), status 403, cache UNKNOWN, "
                + "origin not contacted")
    }

    @Test func explainShowsRateLimitAndCacheRuleSubExpressions() {
        let result = edgeproof("explain", exampleSpec, "--request", #"{"ip":"192.0.2.1","ua":"curl/8","path":"/v1/x"}"#)
        #expect(result.exitCode == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let when: [String] = [
            "    when:",
            #"      starts_with(http.request.uri.path, "/api/") or starts_with(http.request.uri.path, "/v1/")"#
                + "  → true",
            #"        starts_with(http.request.uri.path, "/api/")  → false"#,
            #"        starts_with(http.request.uri.path, "/v1/")  → true"#,
        ]
        #expect(lines.containsRun(when), "\(result.stdout)")
        let cacheRule: [String] = [
            "  no match cache-js-css",
            #"    http.request.uri.path.extension in {"js" "css"}  → false  [http.request.uri.path.extension = ""]"#,
        ]
        #expect(lines.containsRun(cacheRule), "\(result.stdout)")
    }

    @Test func countingExpressionsAreExplainedWhenEvaluatedAndAfterTheResponseWhenTheyReadIt() throws {
        let scratch = try ScratchDirectory()
        let spec = try scratch.write(
            "edge.yaml",
            """
            version: 1
            zone:
              name: example.com
              plan: business
            rate_limits:
              - id: login-posts
                when: http.request.uri.path eq "/login"
                counting_when: http.request.method eq "POST" and http.request.uri.path eq "/login"
                characteristics: [ip.src]
                requests: 5
                period: 1m
                action: block
              - id: failed-logins
                when: http.request.uri.path eq "/login"
                counting_when: http.response.code eq 401
                characteristics: [ip.src]
                requests: 5
                period: 1m
                action: block

            """)
        let result = edgeproof("explain", spec, "--request", #"{"path":"/login","method":"GET","status":401}"#)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let requestPhase: [String] = [
            "    counting:",
            #"      http.request.method eq "POST" and http.request.uri.path eq "/login"  → false"#,
            #"        http.request.method eq "POST"  → false  [http.request.method = "GET"]"#,
            #"        http.request.uri.path eq "/login"  → not evaluated (short-circuited)"#,
        ]
        #expect(lines.containsRun(requestPhase), "\(result.stdout)")
        let responsePhase: [String] = [
            "    counting:", "      http.response.code eq 401  → true  [http.response.code = 401]",
        ]
        #expect(lines.containsRun(responsePhase), "\(result.stdout)")
    }

    @Test func anAndStopsAtItsFirstFalseOperandAndSecretBearingValuesAreRedacted() throws {
        let scratch = try ScratchDirectory()
        let spec = try scratch.write(
            "edge.yaml",
            """
            version: 1
            zone:
              name: example.com
              plan: business
            waf:
              - id: admin-needs-session
                when: >-
                  http.request.uri.path eq "/admin" and not http.request.cookies["session"][0] eq "ok"
                  and http.request.headers["x-api-key"][0] ne ""
                  and lower(http.request.headers["authorization"][0]) eq "basic x" and http.host eq "a"
                action: block
            redact:
              headers: [x-api-key]

            """)
        let request =
            #"{"path":"/admin","cookie":"session=s3cr3t-cookie","headers":{"Authorization":"Basic hunter2-pass","#
            + #""X-Api-Key":"key-value-123"}}"#
        let result = edgeproof("explain", spec, "--request", request)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let text = result.stdout
        let steps: [String] = [
            #"      http.request.uri.path eq "/admin"  → true  [http.request.uri.path = "/admin"]"#,
            #"      not http.request.cookies["session"][0] eq "ok"  → true"#,
            #"        http.request.cookies["session"][0] eq "ok"  → false  "#
                + #"[http.request.cookies["session"][0] = REDACTED]"#,
            #"      http.request.headers["x-api-key"][0] ne ""  → true  "#
                + #"[http.request.headers["x-api-key"][0] = REDACTED]"#,
            #"      lower(http.request.headers["authorization"][0]) eq "basic x"  → false  "#
                + #"[lower(http.request.headers["authorization"][0]) = REDACTED]"#,
            #"      http.host eq "a"  → not evaluated (short-circuited)"#,
        ]
        #expect(text.split(separator: "\n").map(String.init).containsRun(steps), "\(text)")
        let json = edgeproof("explain", spec, "--request", request, "--format", "json").stdout
        #expect(json.contains(#""value": "REDACTED""#))
        for secret in ["s3cr3t-cookie", "hunter2-pass", "key-value-123"] {
            #expect(!text.contains(secret))
            #expect(!json.contains(secret))
        }
    }

    @Test func theJSONFormIsOneVersionedDocumentWithTheSameSteps() throws {
        let result = edgeproof(
            "explain", exampleSpec, "--request", #"{"ua":"Nikto/2.5","path":"/"}"#, "--format", "json")
        #expect(result.exitCode == 0)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? Int == 1)
        let decision = try #require(document["decision"] as? [String: Any])
        #expect(decision["action"] as? String == "block")
        #expect(decision["rule"] as? String == "block-bad-bots")
        #expect(decision["phase"] as? String == "http_request_firewall_custom")
        let rules = try #require(document["custom_rules"] as? [[String: Any]])
        #expect(rules.map { $0["rule"] as? String } == ["block-bad-bots"])
        let steps = try #require(rules[0]["expression"] as? [[String: Any]])
        #expect(steps.count == 10)
        #expect(steps[1]["expression"] as? String == #"lower(http.user_agent) contains "sqlmap""#)
        #expect(steps[1]["result"] as? Bool == false)
        #expect(steps[1]["left"] as? String == "lower(http.user_agent)")
        #expect(steps[1]["value"] as? String == #""nikto/2.5""#)
        #expect(steps[2]["result"] as? Bool == true)
        #expect(steps[3]["evaluated"] as? Bool == false)
        #expect(steps[3]["result"] is NSNull)
        #expect(steps[3]["value"] is NSNull)
        #expect(steps.map { $0["depth"] as? Int } == [0] + Array(repeating: 1, count: 9))
        #expect(document["rate_limits"] as? [Any] != nil)
        #expect(document["cache_rules"] as? [Any] != nil)
    }

    /// A UNION SELECT probe on the example's API, with the headers a browser sends.
    static let unionSelectProbe =
        #"{"host":"api.agenticverz.com","path":"/v1/incidents","#
        + #""query":"q=1%27%20UNION%20SELECT%20password%20FROM%20users--","ua":"Mozilla/5.0","#
        + #""headers":{"Accept":"application/json"}}"#

    @Test func theOWASPRulesetShowsEachMatchedRuleWithItsLevelAndPointsAndTheScoreAgainstTheThreshold() {
        let result = edgeproof("explain", exampleSpec, "--request", Self.unionSelectProbe)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let phase: [String] = [
            "http_request_firewall_managed: evaluated",
            "  owasp: score 40 at paranoia level 2, threshold 25: block (terminates)",
        ]
        #expect(lines.containsRun(phase), "\(result.stdout)")
        let levelOne: [String] = [
            "    942100 (paranoia level 1, 5 points)", "    942190 (paranoia level 1, 5 points)",
            "    942270 (paranoia level 1, 5 points)", "    942360 (paranoia level 1, 5 points)",
        ]
        #expect(lines.containsRun(levelOne), "\(result.stdout)")
        #expect(lines.contains("    942200 (paranoia level 2, 5 points)"))
        #expect(lines.contains("    942432 (paranoia level 4, 3 points; above the deployed level, not counted)"))
        #expect(
            lines.contains { $0.hasPrefix("  rules not evaluated: ") && $0.hasSuffix("this request has none)") },
            "a GET carries no body, so the body-only rules are counted as not evaluated")
        #expect(
            lines.last
                == "action: block (rule owasp in http_request_firewall_managed), status 403, cache UNKNOWN, "
                + "origin not contacted")
    }

    @Test func aLoggingOWASPRulesetRecordsAtTheThresholdAndABenignRequestStaysBelowIt() throws {
        let scratch = try ScratchDirectory()
        let spec = try scratch.write(
            "edge.yaml",
            """
            version: 1
            zone:
              name: example.com
              plan: pro
            managed_rules:
              owasp:
                enabled: true
                paranoia_level: 2
                score_threshold: high
                action: log

            """)
        let script =
            #"{"host":"example.com","path":"/search","query":"q=%3Cscript%3Ealert(1)%3C/script%3E","#
            + #""ua":"Mozilla/5.0","#
            + #""headers":{"Accept":"text/html"}}"#
        let logged = edgeproof("explain", spec, "--request", script)
        #expect(logged.exitCode == 0, "\(logged.stderr)")
        let lines = logged.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  owasp: score 25 at paranoia level 2, threshold 25: log (continues)"), "\(lines)")
        #expect(lines.last?.hasPrefix("action: log (rule owasp in http_request_firewall_managed), status 200") == true)
        let benign = edgeproof(
            "explain", spec, "--request",
            #"{"host":"example.com","path":"/search","query":"q=shoes","#
                + #""ua":"Mozilla/5.0","#
                + #""headers":{"Accept":"text/html"}}"#)
        let benignLines = benign.stdout.split(separator: "\n").map(String.init)
        #expect(
            benignLines.containsRun([
                "  owasp: score 0 at paranoia level 2, threshold 25: below the threshold (continues)",
                "    (no rules matched)",
            ]), "\(benign.stdout)")
        #expect(benignLines.last?.hasPrefix("action: allow, status 200") == true)
    }

    @Test func theJSONFormCarriesTheOWASPScoreOutcomeAndEveryMatch() throws {
        let result = edgeproof("explain", exampleSpec, "--request", Self.unionSelectProbe, "--format", "json")
        #expect(result.exitCode == 0)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["managed_rules"] as? String == "evaluated")
        let owasp = try #require(document["owasp"] as? [String: Any])
        #expect(owasp["paranoia_level"] as? Int == 2)
        #expect(owasp["score"] as? Int == 40)
        #expect(owasp["score_threshold"] as? Int == 25)
        #expect(owasp["outcome"] as? String == "block (terminates)")
        #expect((owasp["not_evaluated"] as? Int ?? 0) > 0)
        let matches = try #require(owasp["matches"] as? [[String: Any]])
        let counted = matches.filter { $0["counted"] as? Bool == true }
        #expect(counted.reduce(0) { $0 + ($1["points"] as? Int ?? 0) } == 40, "the counted points sum to the score")
        #expect(counted.allSatisfy { ($0["paranoia_level"] as? Int ?? 9) <= 2 })
        #expect(matches.contains { $0["id"] as? Int == 942432 && $0["counted"] as? Bool == false })
        let custom = edgeproof(
            "explain", exampleSpec, "--request", #"{"ua":"Nikto/2.5","path":"/"}"#, "--format", "json")
        let blockedEarlier = try #require(
            try JSONSerialization.jsonObject(with: Data(custom.stdout.utf8)) as? [String: Any])
        #expect(blockedEarlier["managed_rules"] as? String == "not_reached")
        #expect(blockedEarlier["owasp"] is NSNull)
    }

    @Test func anUnknownFormatIsAUsageError() {
        #expect(edgeproof("explain", exampleSpec, "--request", "{}", "--format", "yaml").exitCode == 2)
    }
}

extension Array where Element == String {
    /// Whether `run` appears in this array as consecutive elements.
    fileprivate func containsRun(_ run: [String]) -> Bool {
        guard !run.isEmpty, run.count <= count else { return run.isEmpty }
        return (0...(count - run.count)).contains { Array(self[$0..<($0 + run.count)]) == run }
    }
}
