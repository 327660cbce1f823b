import Foundation
import Testing

/// `eval`, `explain` and `test`: one expression, one request, the spec's expect cases.
@Suite struct EvalExplainTestCommandTests {
    @Test func missingValuesCompareFalseUnderCloudflareAndNotEqualUnderWirefilter() {
        #expect(edgeproof("eval", #"http.request.headers["x-missing"][0] ne "a""#).stdout == "false\n")
        #expect(
            edgeproof("eval", #"http.request.headers["x-missing"][0] ne "a""#, "--missing-values", "wirefilter").stdout
                == "true\n")
    }

    @Test func evalPrintsOnlyTrueOrFalseOnStandardOutput() {
        let matching = edgeproof(
            "eval", #"lower(http.user_agent) contains "sqlmap""#, "--request", #"{"ua":"SQLMap/1.7"}"#)
        #expect(matching.exitCode == 0)
        #expect(matching.stdout == "true\n")
        #expect(matching.stderr.isEmpty)
        #expect(edgeproof("eval", #"http.host eq "a""#).stdout == "false\n")
    }

    @Test func evalDiagnosticsGoToStandardErrorWithDidYouMean() {
        let result = edgeproof("eval", #"http.user_agnet eq """#)
        #expect(result.exitCode == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("did you mean `http.user_agent`"))
    }

    @Test func evalChecksPlanAndPhase() {
        #expect(edgeproof("eval", #"http.host matches "a""#, "--plan", "pro").exitCode == 1)
        #expect(edgeproof("eval", "http.response.code eq 401", "--phase", "custom").exitCode == 1)
        #expect(
            edgeproof("eval", "http.response.code eq 401", "--phase", "counting", "--request", #"{"status":401}"#)
                .exitCode == 0)
    }

    @Test func aMalformedRequestIsExit2() {
        let result = edgeproof("eval", "true", "--request", #"{"method":"#)
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix("error: --request:1:11: "))
    }

    @Test func evalWithASpecResolvesItsNamedLists() {
        let result = edgeproof(
            "eval", "ip.src in $suspicious_ips", "--spec", exampleSpec, "--request", #"{"ip":"198.51.100.20"}"#)
        #expect(result.exitCode == 0)
        #expect(result.stdout == "true\n")
    }

    @Test func explainNamesTheDecidingRule() {
        let result = edgeproof("explain", exampleSpec, "--request", #"{"ua":"nikto/2.5"}"#)
        #expect(result.exitCode == 0)
        #expect(
            result.stdout.split(separator: "\n").contains {
                $0.hasPrefix(
                    "action: block (rule block-bad-bots in http_request_firewall_custom), status 403, cache UNKNOWN")
            })
    }

    @Test func testRunsTheExpectCasesAndWritesJUnit() throws {
        let scratch = try ScratchDirectory()
        let result = edgeproof("test", exampleSpec, "--junit", scratch.path("junit.xml"))
        #expect(result.exitCode == 0)
        #expect(try scratch.read("junit.xml").contains(#"failures="0""#))
    }

    @Test func aFailingCaseShowsExpectedAgainstActualAndTheExplainTrace() throws {
        let scratch = try ScratchDirectory()
        let failing = try scratch.write(
            "failing.yaml",
            try String(contentsOfFile: exampleSpec, encoding: .utf8)
                .replacingOccurrences(of: "    rule: block-missing-user-agent\n", with: "    rule: block-bad-bots\n"))
        let result = edgeproof("test", failing)
        #expect(result.exitCode == 1)
        #expect(
            result.stdout.split(separator: "\n").contains {
                $0.hasPrefix("FAIL requests without a user agent are blocked")
            })
        #expect(result.stdout.contains("action: block (rule block-missing-user-agent in http_request_firewall_custom)"))
    }

    @Test func anOWASPExpectationThatFailsPrintsTheExpectedAndTheActualRulesAndScore() throws {
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
                paranoia_level: 1
                score_threshold: medium
            expect:
              - name: union select is blocked
                request:
                  host: example.com
                  path: /search
                  query: q=1%27%20UNION%20SELECT%20password%20FROM%20users--
                  ua: Mozilla/5.0
                  headers: { Accept: text/html }
                action: block
                rule: owasp
                owasp: { rules: [942100, 941100], score: 40 }
              - name: union select scores 20 at level 1
                request:
                  host: example.com
                  path: /search
                  query: q=1%27%20UNION%20SELECT%20password%20FROM%20users--
                  ua: Mozilla/5.0
                  headers: { Accept: text/html }
                owasp: { rules: [942100, 942190, 942270, 942360], score: 20 }

            """)
        let result = edgeproof("test", spec)
        #expect(result.exitCode == 1)
        let text = result.stdout
        #expect(text.contains("FAIL union select is blocked"), "\(text)")
        #expect(text.contains("PASS union select scores 20 at level 1"), "\(text)")
        #expect(text.contains("expected block by rule owasp, got allow with no rule deciding"))
        #expect(
            text.contains(
                "expected CRS rules 941100 to match at paranoia level 1, got 942100, 942190, 942270, 942360"))
        #expect(text.contains("expected OWASP score 40 at paranoia level 1, got 20"))
        #expect(text.contains("  owasp: score 20 at paranoia level 1, threshold 40: below the threshold (continues)"))
        let json = edgeproof("test", spec, "--format", "json")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let failed = try #require((document["cases"] as? [[String: Any]])?.first)
        let expected = try #require((failed["expected"] as? [String: Any])?["owasp"] as? [String: Any])
        let actual = try #require((failed["actual"] as? [String: Any])?["owasp"] as? [String: Any])
        #expect(expected["rules"] as? [Int] == [942100, 941100])
        #expect(expected["score"] as? Int == 40)
        #expect(actual["rules"] as? [Int] == [942100, 942190, 942270, 942360])
        #expect(actual["score"] as? Int == 20)
    }

    @Test func anOWASPExpectationOnARequestStoppedEarlierSaysTheRulesetDidNotEvaluateIt() throws {
        let scratch = try ScratchDirectory()
        let spec = try scratch.write(
            "edge.yaml",
            """
            version: 1
            zone:
              name: example.com
              plan: pro
            waf:
              - id: block-search
                when: http.request.uri.path eq "/search"
                action: block
            managed_rules:
              owasp:
                enabled: true
            expect:
              - request: { path: /search, ua: Mozilla/5.0 }
                owasp: { score: 0 }

            """)
        let result = edgeproof("test", spec)
        #expect(result.exitCode == 1)
        #expect(
            result.stdout.contains(
                "expected the OWASP Core Ruleset to evaluate the request, got managed rules not_reached"),
            "\(result.stdout)")
    }

    @Test func aCaseWithoutARuleSaysARuleDecidedWhenNoneWasExpected() throws {
        let scratch = try ScratchDirectory()
        let spec = try scratch.write(
            "edge.yaml",
            """
            version: 1
            zone:
              name: example.com
              plan: pro
            waf:
              - id: mc
                when: http.request.uri.path eq "/login"
                action: managed_challenge
            expect:
              - name: login is challenged
                request: { path: /login }
                action: managed_challenge
              - name: home is allowed
                request: { path: / }
                action: allow

            """)
        let result = edgeproof("test", spec)
        #expect(result.exitCode == 1)
        #expect(
            result.stdout.contains(
                "expected managed_challenge with no rule deciding, got managed_challenge by rule mc; rule mc decided "
                    + "although the case names no rule (add `rule: mc` to expect it)"), "\(result.stdout)")
        #expect(!result.stdout.contains("FAIL home is allowed"))
    }
}
