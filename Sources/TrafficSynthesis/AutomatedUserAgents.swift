/// User agents of programs: API client libraries, scrapers, search crawlers and credential-stuffing tools.
/// Scanner user agents live with their probes in `ScannerTool`.
public enum AutomatedUserAgents {
    /// HTTP client libraries and SDKs that legitimate API clients send.
    public static let apiClients = [
        "sdk-python/1.4.2 (python 3.12.7)",
        "sdk-node/1.4.0 (node 20.18.0)",
        "python-httpx/0.27.2",
        "axios/1.7.7",
        "okhttp/4.12.0",
        "Apache-HttpClient/5.3.1 (Java/21.0.5)",
    ]

    /// What scrapers send: self-named harvesters, frameworks, bare libraries and headless browsers.
    public static let scrapers = [
        "Mozilla/5.0 (compatible; DataHarvester/2.1)",
        "Scrapy/2.11.2 (+https://scrapy.org)",
        "python-requests/2.32.3",
        "Go-http-client/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)",
    ]

    /// Googlebot (desktop and smartphone).
    public static let googlebot = [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    ]

    /// Bingbot.
    public static let bingbot = [
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) "
            + "Chrome/131.0.0.0 Safari/537.36"
    ]

    /// Bare libraries credential-stuffing tools send when they do not copy a browser's user agent.
    public static let credentialStuffingTools = [
        "python-requests/2.32.3",
        "okhttp/4.12.0",
        "Go-http-client/2.0",
    ]
}
