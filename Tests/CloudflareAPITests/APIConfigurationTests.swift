import Testing

@testable import CloudflareAPI

private let token = "tok-9f8e7d6c5b4a39281706"

@Test func theEnvironmentNamesTheTokenAndTheBaseURL() throws {
    let standard = try APIConfiguration.fromEnvironment(["CLOUDFLARE_API_TOKEN": token])
    #expect(standard.baseURL == "https://api.cloudflare.com/client/v4")
    let moved = try APIConfiguration.fromEnvironment([
        "CLOUDFLARE_API_TOKEN": token, "CLOUDFLARE_API_BASE_URL": "http://127.0.0.1:8443/client/v4//",
    ])
    #expect(moved.baseURL == "http://127.0.0.1:8443/client/v4")
}

@Test(arguments: [
    ([:], "CLOUDFLARE_API_TOKEN is not set"),
    (["CLOUDFLARE_API_TOKEN": ""], "CLOUDFLARE_API_TOKEN is not set"),
    (["CLOUDFLARE_API_TOKEN": token + "\n"], "spaces or control characters"),
    (["CLOUDFLARE_API_TOKEN": token, "CLOUDFLARE_API_BASE_URL": "ftp://x/client/v4"], "not an http(s) URL"),
    (["CLOUDFLARE_API_TOKEN": token, "CLOUDFLARE_API_BASE_URL": "http://proxy.example/client/v4"], "plain http"),
])
func unusableEnvironmentsAreRefusedWithoutShowingTheToken(environment: [String: String], reason: String) {
    #expect {
        try APIConfiguration.fromEnvironment(environment)
    } throws: { error in
        let text = "\(error)"
        return text.contains(reason) && !text.contains(token)
    }
}

@Test func hostsAreReadFromURLs() {
    #expect(APIConfiguration.host(of: "https://user:pw@API.example.com:443/x") == "api.example.com")
    #expect(APIConfiguration.host(of: "http://[::1]:80/") == "[::1]")
    #expect(APIConfiguration.host(of: "https:///x") == nil)
}

@Test func whatAServerEchoesIsRedacted() throws {
    let configuration = try APIConfiguration.fromEnvironment(["CLOUDFLARE_API_TOKEN": token])
    #expect(configuration.redacted("Bearer \(token) and \(token)") == "Bearer [token] and [token]")
}
