import Testing
import Traces

@testable import TrafficSynthesis

/// Reads back a trace of `kind` alone, from the default mix over the example routes.
private func records(of kind: PopulationKind, mean: Double = 20, duration: Int64 = 600_000) throws -> [TraceRecord] {
    var profile = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: mean)
    profile.populations = profile.populations.filter { $0.kind == kind }.prefix(1).map { $0 }
    let (bytes, statistics) = try synthesize(profile, duration: duration)
    let (records, reader) = try readAll(bytes: bytes)
    #expect(reader.diagnostics.diagnostics.isEmpty)
    #expect(records.count == statistics.totalRecords)
    return records
}

@Test func synthHumansBrowseInSessionsOfPagesAndAssets() throws {
    let records = try records(of: .humans)
    let corpus = Set(BrowserUserAgents.corpus.map(\.userAgent))
    #expect(corpus.count >= 20)
    var sessions: [String: [TraceRecord]] = [:]
    for record in records {
        #expect(corpus.contains(record.string(record.userAgent) ?? ""))
        #expect(record.string(record.method) == "GET" && record.bot == nil && record.status == nil)
        sessions["\(record.ip?.description ?? "")|\(record.string(record.userAgent) ?? "")", default: []].append(record)
    }
    #expect(Set(records.compactMap { $0.string($0.userAgent) }).count >= 15)
    #expect(records.contains { $0.ip?.family == .v6 })
    // Assets follow their page from the same client with the page as referer.
    let assets = records.filter { $0.string($0.path)?.contains(".") == true }
    #expect(assets.count > records.count / 4)
    #expect(assets.allSatisfy { $0.string($0.referer)?.hasPrefix("https://\($0.string($0.host) ?? "")/") == true })
    // Think time: the gap between one page and the next of a session averages the configured 8 s (asset fetches of
    // ≈ 40 ms each add a little).
    var gaps: [Double] = []
    for session in sessions.values {
        let pages = session.filter { $0.string($0.path)?.contains(".") == false }.compactMap(\.timestampMs)
        for (earlier, later) in zip(pages, pages.dropFirst()) { gaps.append(Double(later - earlier)) }
    }
    let meanGap = gaps.reduce(0, +) / Double(gaps.count)
    #expect(gaps.count > 500)
    #expect((7_300...9_000).contains(meanGap))
    #expect(sessions.count < records.count / 4)
}

@Test func synthAPIClientsSendBearerKeysFromAFixedPool() throws {
    let records = try records(of: .apiClients)
    var addressOfKey: [String: String] = [:]
    for record in records {
        let authorization = record.headerValues(named: "authorization").first ?? ""
        #expect(authorization.wholeMatch(of: /Bearer key-\d{4}/) != nil)
        let address = record.ip?.description ?? ""
        #expect(addressOfKey[authorization, default: address] == address)
        addressOfKey[authorization] = address
        #expect(
            RouteCatalog.looksLikeAPI(host: record.string(record.host) ?? "", path: record.string(record.path) ?? ""))
    }
    #expect((20...40).contains(addressOfKey.count))
    #expect(records.contains { $0.string($0.method) == "POST" })
    #expect(!records.contains { $0.string($0.method) == "POST" && $0.string($0.path) == "/health" })
}

@Test func synthVerifiedBotsComeFromTheirOperatorsAndSayBot() throws {
    let records = try records(of: .verifiedBots)
    for record in records {
        let agent = record.string(record.userAgent) ?? ""
        #expect(record.bot == true)
        #expect(
            (agent.contains("Googlebot") && record.asn == 15169) || (agent.contains("bingbot") && record.asn == 8075))
    }
    #expect(records.contains { $0.asn == 8075 } && records.contains { $0.asn == 15169 })
}

@Test func synthScrapersWalkPagesInOrderFromFewAddresses() throws {
    let records = try records(of: .scrapers, mean: 5, duration: 1_200_000)
    let addresses = Set(records.compactMap { $0.ip?.description })
    #expect(addresses.count <= 6)
    var lastPage: [String: Int] = [:]
    var steps = 0, sequential = 0
    for record in records {
        let key = "\(record.ip?.description ?? "")\(record.string(record.path) ?? "")"
        let page = Int(record.string(record.query)?.dropFirst("page=".count) ?? "") ?? 0
        #expect(page >= 1)
        if let previous = lastPage[key], page != 1 {
            steps += 1
            if page == previous + 1 { sequential += 1 }
        }
        lastPage[key] = page
        #expect(record.string(record.path) != "/health" && record.string(record.path) != "/metrics")
    }
    // Runs from one address on one route may overlap; nearly every step is still the next page.
    #expect(Double(sequential) > 0.8 * Double(steps))
    #expect(Double(records.count) / Double(addresses.count) > 500)
}

@Test func synthCredentialStuffingPostsToLoginFromManyAddressesAndGets401() throws {
    let records = try records(of: .credentialStuffing)
    for record in records {
        #expect(record.string(record.method) == "POST")
        #expect(record.string(record.host) == "api.agenticverz.com" && record.string(record.path) == "/v1/auth/login")
        #expect(record.status == 401)
    }
    let addresses = Set(records.compactMap { $0.ip?.description })
    #expect(Double(addresses.count) > Double(records.count) / 5)
    #expect(Double(records.count) / Double(addresses.count) > 2)
}

@Test func synthScannersUseRealToolsOnProbePathsFromHostingNetworks() throws {
    let records = try records(of: .vulnerabilityScanner, mean: 40, duration: 1_800_000)
    let tools = ["sqlmap", "Nikto", "Nuclei", "masscan", "zgrab", "WPScan", "DirBuster", "gobuster"]
    let hostingNetworks = Set(NetworkBlock.hosting.map(\.asn))
    for record in records {
        let agent = record.string(record.userAgent) ?? ""
        #expect(tools.contains { agent.contains($0) })
        #expect(hostingNetworks.contains(record.asn ?? 0))
    }
    for tool in tools { #expect(records.contains { $0.string($0.userAgent)?.contains(tool) == true }, "\(tool)") }
    let paths = Set(records.compactMap { $0.string($0.path) })
    for probe in ["/wp-login.php", "/.env", "/admin"] { #expect(paths.contains(probe), "\(probe)") }
    #expect(
        records.contains {
            $0.string($0.query)?.contains("UNION") == true || $0.string($0.query)?.contains("%27") == true
        })
}

@Test func synthNoUserAgentPopulationSendsNoUserAgent() throws {
    let records = try records(of: .noUserAgent)
    #expect(!records.isEmpty)
    #expect(records.allSatisfy { $0.userAgent.isAbsent })
    #expect(!NativeTraceWriter.line(for: records[0]).contains("\"ua\""))
}
