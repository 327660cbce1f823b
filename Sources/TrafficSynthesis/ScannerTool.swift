/// A vulnerability scanner as it shows up in logs: its real user agent, its share of scans, and what it requests.
struct ScannerTool: Sendable {
    /// What the tool looks for.
    enum Probe: Sendable {
        /// SQL injection strings in the query of the listing routes (sqlmap).
        case sqlInjection
        /// A walk through a wordlist of paths, in order (Nikto, Nuclei, WPScan, DirBuster, gobuster, port scanners).
        case wordlist([String])
    }

    /// User agent sent with every request.
    let userAgent: String
    /// Relative share of scans.
    let weight: Double
    /// What it requests.
    let probe: Probe

    /// The tools, with user agents as their current releases send them.
    static let all: [ScannerTool] = [
        ScannerTool(userAgent: "sqlmap/1.8.11#stable (https://sqlmap.org)", weight: 15, probe: .sqlInjection),
        ScannerTool(
            userAgent: "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000003)", weight: 15,
            probe: .wordlist(serverAuditPaths)),
        ScannerTool(
            userAgent: "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)", weight: 25,
            probe: .wordlist(templatePaths)),
        ScannerTool(
            userAgent: "masscan/1.3 (https://github.com/robertdavidgraham/masscan)", weight: 10,
            probe: .wordlist(bannerPaths)),
        ScannerTool(userAgent: "Mozilla/5.0 zgrab/0.x", weight: 15, probe: .wordlist(bannerPaths)),
        ScannerTool(
            userAgent: "WPScan v3.8.27 (https://wpscan.com/wordpress-security-scanner)", weight: 8,
            probe: .wordlist(wordPressPaths)),
        ScannerTool(
            userAgent: "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)", weight: 5,
            probe: .wordlist(directoryPaths)),
        ScannerTool(userAgent: "gobuster/3.6", weight: 7, probe: .wordlist(directoryPaths)),
    ]

    /// Injection strings sqlmap tries, URL-encoded, each with the parameter it targets.
    static let sqlInjectionQueries = [
        "id=1%27%20AND%201%3D1--%20-",
        "id=1%27%20OR%20%271%27%3D%271",
        "id=1%20UNION%20ALL%20SELECT%20NULL%2CNULL%2CNULL--%20-",
        "id=1%29%20AND%20SLEEP%285%29--%20-",
        "id=1%27%20AND%20EXTRACTVALUE%281%2CCONCAT%280x5c%2CVERSION%28%29%29%29--%20-",
        "q=1%27%3B%20DROP%20TABLE%20users--",
        "page=1%20AND%201%3D2%20UNION%20SELECT%20username%2Cpassword%20FROM%20users",
        "search=%27%20OR%20SLEEP%285%29%23",
    ]

    private static let serverAuditPaths = [
        "/admin", "/.env", "/phpmyadmin/", "/server-status", "/cgi-bin/test.cgi", "/config.php", "/backup.zip",
        "/.git/config", "/index.php?search=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/wp-login.php", "/.htaccess",
        "/etc/passwd", "/icons/README", "/admin/login.php", "/test.php", "/info.php",
    ]

    private static let templatePaths = [
        "/.env", "/.git/config", "/actuator/env", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
        "/cgi-bin/.%2e/.%2e/.%2e/.%2e/etc/passwd", "/server-status", "/.aws/credentials", "/config.json",
        "/api/v1/pods", "/debug/pprof/", "/.DS_Store", "/owa/auth/logon.aspx", "/remote/login", "/solr/admin/cores",
        "/jenkins/login", "/_next/static/../server/pages-manifest.json", "/telescope/requests",
        "/.well-known/security.txt",
    ]

    private static let bannerPaths = ["/", "/favicon.ico", "/robots.txt", "/.well-known/security.txt"]

    private static let wordPressPaths = [
        "/wp-login.php", "/wp-admin/", "/xmlrpc.php", "/wp-json/wp/v2/users", "/readme.html",
        "/wp-content/plugins/akismet/readme.txt", "/wp-includes/js/jquery/jquery.js", "/wp-content/debug.log",
        "/wp-config.php.bak", "/wp-content/uploads/",
    ]

    private static let directoryPaths = [
        "/admin", "/backup", "/login", "/uploads", "/config", "/test", "/old", "/dev", "/api", "/private", "/tmp",
        "/db", "/phpmyadmin/", "/administrator/", "/console", "/dashboard", "/static", "/include", "/logs",
        "/.svn/entries", "/cgi-bin/", "/install", "/setup", "/manager/html",
    ]
}
