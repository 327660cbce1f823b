extension LoadProfile {
    /// The highest mean rate a profile may ask for: a million requests a second.
    public static let maximumMeanRequestsPerSecond = 1_000_000.0

    /// Checks every value of the profile; the first problem is thrown with the field's name.
    public func validate() throws(SynthesisError) {
        try check("meanRequestsPerSecond", meanRequestsPerSecond, atLeast: 0)
        guard meanRequestsPerSecond <= Self.maximumMeanRequestsPerSecond else {
            throw .invalidProfile(
                field: "meanRequestsPerSecond", reason: "must be at most 1000000 (got \(meanRequestsPerSecond))")
        }
        try check("diurnal.peakToTroughRatio", diurnal.peakToTroughRatio, atLeast: 1)
        try check("diurnal.peakHourUTC", diurnal.peakHourUTC, atLeast: 0)
        guard diurnal.peakHourUTC < 24 else {
            throw .invalidProfile(field: "diurnal.peakHourUTC", reason: "must be below 24 (got \(diurnal.peakHourUTC))")
        }
        try checkWeekly()
        try checkBursts()
        try checkPopulations()
        try checkRoutes()
        try check("zipfExponent", zipfExponent, atLeast: 0)
    }

    private func checkWeekly() throws(SynthesisError) {
        guard weekly.weights.count == 7 else {
            throw .invalidProfile(
                field: "weekly.weights", reason: "must hold 7 weights, Monday first (got \(weekly.weights.count))")
        }
        for (day, weight) in weekly.weights.enumerated() { try check("weekly.weights[\(day)]", weight, atLeast: 0) }
        guard weekly.weights.contains(where: { $0 > 0 }) else {
            throw .invalidProfile(field: "weekly.weights", reason: "must not all be 0")
        }
    }

    private func checkBursts() throws(SynthesisError) {
        for (index, burst) in bursts.enumerated() {
            let field = "bursts[\(index)]"
            guard burst.startOffsetMilliseconds >= 0 else {
                throw .invalidProfile(
                    field: field + ".startOffsetMilliseconds",
                    reason: "must be ≥ 0 (got \(burst.startOffsetMilliseconds))")
            }
            guard burst.durationMilliseconds > 0,
                !burst.startOffsetMilliseconds.addingReportingOverflow(burst.durationMilliseconds).overflow
            else {
                throw .invalidProfile(
                    field: field + ".durationMilliseconds",
                    reason: "must be > 0 and end within range (got \(burst.durationMilliseconds))")
            }
            try check(field + ".multiplier", burst.multiplier, atLeast: 0)
            guard burst.multiplier <= 1_000 else {
                throw .invalidProfile(
                    field: field + ".multiplier", reason: "must be at most 1000 (got \(burst.multiplier))")
            }
        }
    }

    private func checkPopulations() throws(SynthesisError) {
        guard !populations.isEmpty else { throw .invalidProfile(field: "populations", reason: "must not be empty") }
        for (index, population) in populations.enumerated() {
            let field = "populations[\(index)]"
            try check(field + ".weight", population.weight, atLeast: 0)
            try checkBehaviour(population.behaviour, field: field)
            if let own = population.countries {
                try checkCountries(own, field: field + ".countries")
            } else if population.kind.usesCountries {
                try checkCountries(countries, field: "countries")
            }
        }
        guard populations.contains(where: { $0.weight > 0 }) else {
            throw .invalidProfile(field: "populations", reason: "need at least one weight above 0")
        }
    }

    private func checkBehaviour(_ behaviour: PopulationBehaviour, field: String) throws(SynthesisError) {
        switch behaviour {
        case let .humans(parameters):
            try check(field + ".pagesPerSessionMean", parameters.pagesPerSessionMean, atLeast: 1)
            try check(field + ".thinkTimeMeanMilliseconds", parameters.thinkTimeMeanMilliseconds, above: 0)
            try check(field + ".assetDelayMeanMilliseconds", parameters.assetDelayMeanMilliseconds, atLeast: 0)
            try checkProbability(field + ".assetRefetchProbability", parameters.assetRefetchProbability)
            try checkProbability(field + ".ipv6Share", parameters.ipv6Share)
        case let .apiClients(parameters):
            try checkCount(field + ".clientCount", parameters.clientCount, upTo: 100_000)
            try check(field + ".rateSkew", parameters.rateSkew, atLeast: 0)
            try checkProbability(field + ".postFraction", parameters.postFraction)
            guard !parameters.userAgents.isEmpty else {
                throw .invalidProfile(field: field + ".userAgents", reason: "must not be empty")
            }
        case let .scrapers(parameters):
            try checkCount(field + ".addressCount", parameters.addressCount, upTo: 10_000)
            try check(field + ".requestsPerSecond", parameters.requestsPerSecond, above: 0)
            try check(field + ".pagesPerRunMean", parameters.pagesPerRunMean, atLeast: 1)
        case let .credentialStuffing(parameters):
            if let host = parameters.loginHost, host.isEmpty {
                throw .invalidProfile(field: field + ".loginHost", reason: "must not be empty")
            }
            guard parameters.loginPath.hasPrefix("/") else {
                throw .invalidProfile(
                    field: field + ".loginPath", reason: "must start with '/' (got '\(parameters.loginPath)')")
            }
            try check(field + ".attemptsPerAddressMean", parameters.attemptsPerAddressMean, atLeast: 1)
            try check(field + ".attemptGapMeanMilliseconds", parameters.attemptGapMeanMilliseconds, atLeast: 0)
        case let .vulnerabilityScanner(parameters):
            try check(field + ".requestsPerScanMean", parameters.requestsPerScanMean, atLeast: 1)
            try check(field + ".requestsPerSecond", parameters.requestsPerSecond, above: 0)
        case .verifiedBots, .noUserAgent:
            break
        }
    }

    private func checkCountries(_ shares: [CountryShare], field: String) throws(SynthesisError) {
        guard !shares.isEmpty else { throw .invalidProfile(field: field, reason: "must not be empty") }
        for (index, share) in shares.enumerated() {
            let entry = "\(field)[\(index)]"
            guard share.code.utf8.count == 2, share.code.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A })
            else {
                throw .invalidProfile(
                    field: entry + ".code", reason: "must be a two-letter country code (got '\(share.code)')")
            }
            guard (0...4_294_967_295).contains(share.asn) else {
                throw .invalidProfile(
                    field: entry + ".asn", reason: "must be an AS number 0 … 4294967295 (got \(share.asn))")
            }
            guard !share.colo.isEmpty else {
                throw .invalidProfile(field: entry + ".colo", reason: "must not be empty")
            }
            try check(entry + ".weight", share.weight, atLeast: 0)
        }
        guard shares.contains(where: { $0.weight > 0 }) else {
            throw .invalidProfile(field: field, reason: "need at least one weight above 0")
        }
    }

    private func checkRoutes() throws(SynthesisError) {
        guard !routes.isEmpty else { throw .invalidProfile(field: "routes", reason: "must not be empty") }
        let weighted = routes.filter { $0.weight != nil }.count
        guard weighted == 0 || weighted == routes.count else {
            throw .invalidProfile(
                field: "routes",
                reason: "give a weight to every route or to none (\(weighted) of \(routes.count) have one)")
        }
        for (index, route) in routes.enumerated() {
            guard !route.host.isEmpty else {
                throw .invalidProfile(field: "routes[\(index)].host", reason: "must not be empty")
            }
            guard route.path.hasPrefix("/") else {
                throw .invalidProfile(
                    field: "routes[\(index)].path", reason: "must start with '/' (got '\(route.path)')")
            }
            if let weight = route.weight { try check("routes[\(index)].weight", weight, atLeast: 0) }
        }
        if weighted > 0, !routes.contains(where: { ($0.weight ?? 0) > 0 }) {
            throw .invalidProfile(field: "routes", reason: "need at least one weight above 0")
        }
    }

    private func check(_ field: String, _ value: Double, atLeast minimum: Double) throws(SynthesisError) {
        guard value.isFinite, value >= minimum else {
            throw .invalidProfile(
                field: field, reason: "must be a finite number ≥ \(minimum.compactText) (got \(value))")
        }
    }

    private func check(_ field: String, _ value: Double, above minimum: Double) throws(SynthesisError) {
        guard value.isFinite, value > minimum else {
            throw .invalidProfile(
                field: field, reason: "must be a finite number > \(minimum.compactText) (got \(value))")
        }
    }

    private func checkProbability(_ field: String, _ value: Double) throws(SynthesisError) {
        guard value.isFinite, (0...1).contains(value) else {
            throw .invalidProfile(field: field, reason: "must be between 0 and 1 (got \(value))")
        }
    }

    private func checkCount(_ field: String, _ value: Int, upTo maximum: Int) throws(SynthesisError) {
        guard (1...maximum).contains(value) else {
            throw .invalidProfile(field: field, reason: "must be 1 … \(maximum) (got \(value))")
        }
    }
}

extension PopulationKind {
    /// Whether clients of this kind take their country, network and colo from the profile's `countries`.
    var usesCountries: Bool {
        switch self {
        case .humans, .apiClients, .credentialStuffing, .noUserAgent: true
        case .verifiedBots, .scrapers, .vulnerabilityScanner: false
        }
    }
}

extension Double {
    /// `1` rather than `1.0` for whole numbers in messages.
    fileprivate var compactText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
