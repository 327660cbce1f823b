import Traces

/// Writes a synthetic trace for a load profile: seeded, in time order, streamed.
///
/// Each population's clients arrive as a non-homogeneous Poisson process whose intensity is the profile's shape
/// (diurnal × weekly × bursts) scaled so the mean request rate over the window is `meanRequestsPerSecond` and each
/// population sends its weight's share; arrivals are drawn by thinning (`ArrivalProcess`). A client that sends
/// more than one request (a browsing session, a scraper run, a scan) waits in a small priority queue between its
/// requests; nothing else is kept, so memory follows the number of live clients, not the trace length.
///
/// Clients that would have started before the window are simulated from up to `warmUpMilliseconds` earlier
/// (per population six times its mean client span, at most an hour and at most the window's length; nothing for
/// single requests) and their early requests dropped, so the first minutes are as busy as the rest. Capping the
/// warm-up at the window keeps the work linear in the records written whatever the rate (an hour of warm-up at
/// 1,000,000 requests/s would be 3.6 billion dropped requests); a population whose warm-up is cut arrives more
/// often by the share of requests the cut loses (`capturedShare`), so the window still holds its mean rate, with
/// fewer long-running clients and more new ones than an uncut warm-up would give. The same profile, seed and window
/// give the same bytes; every population draws from its own streams of a xoshiro256** generator.
public struct TraceSynthesizer: Sendable {
    /// The profile being synthesized.
    public let profile: LoadProfile
    /// The seed of every random choice.
    public let seed: UInt64
    /// First instant of the trace, epoch milliseconds UTC.
    public let startMilliseconds: Int64
    /// Length of the trace in milliseconds.
    public let durationMilliseconds: Int64
    /// How long before the window the earliest clients start being simulated.
    public let warmUpMilliseconds: Int64
    /// A bound on live clients (`SynthesisStatistics.peakActiveSessions`): 1.5 × Little's law at the highest
    /// intensity, Σ over populations of (peak arrival rate × mean client span), plus 100. Live clients at a moment
    /// are Poisson-distributed with at most that mean, so the bound leaves many standard deviations of room.
    public let activeSessionBound: Int
    /// Arrival intensity scale (arrivals per millisecond per unit of shape) of each population.
    private let arrivalScales: [Double]
    private let shapes: [IntensityShape]
    /// When each population's arrivals start, in milliseconds from the trace start (negative: a warm-up for clients
    /// that send several requests). Times inside the synthesizer all count from the trace start.
    private let arrivalStarts: [Double]

    /// The longest trace accepted: 400 days.
    public static let maximumDurationMilliseconds: Int64 = 400 * 86_400_000
    /// The last instant a timestamp can name (9999-12-31T23:59:59.999Z).
    private static let lastMillisecond: Int64 = 253_402_300_799_999

    /// Prepares a trace of `profile` from `startMilliseconds` (epoch ms UTC, ≥ 0) for `durationMilliseconds`
    /// (1 ms … 400 days); throws when the profile or the window is invalid.
    public init(profile: LoadProfile, seed: UInt64, startMilliseconds: Int64, durationMilliseconds: Int64)
        throws(SynthesisError)
    {
        try profile.validate()
        try Self.checkWindow(startMilliseconds: startMilliseconds, durationMilliseconds: durationMilliseconds)
        self.profile = profile
        self.seed = seed
        self.startMilliseconds = startMilliseconds
        self.durationMilliseconds = durationMilliseconds

        let end = Double(durationMilliseconds)
        let models = Self.makeModels(profile, seed: seed)
        let shapes = profile.populations.map {
            IntensityShape(profile: profile, kind: $0.kind, startMilliseconds: startMilliseconds)
        }
        let totalWeight = profile.populations.reduce(0) { $0 + $1.weight }
        var shapeMass = 0.0
        for (population, shape) in zip(profile.populations, shapes) where population.weight > 0 {
            shapeMass += population.weight / totalWeight * shape.integral(from: 0, to: end)
        }
        guard shapeMass > 0 || profile.meanRequestsPerSecond == 0 else {
            throw .invalidProfile(
                field: "bursts", reason: "leave no traffic in the window (multipliers of 0 cover all of it)")
        }
        let requestsPerMillisecond =
            shapeMass > 0
            ? profile.meanRequestsPerSecond / 1000 * Double(durationMilliseconds) / shapeMass : 0
        var scales = zip(profile.populations, models).map { population, model in
            requestsPerMillisecond * population.weight / totalWeight / model.requestsPerArrival
        }
        self.shapes = shapes

        // The warm-up never outlasts the window, so its work stays proportional to the records written; a
        // population whose warm-up was cut arrives more often by the share of its requests the cut loses.
        let warmUps = models.map { min(3_600_000, (6 * $0.meanSpanMilliseconds).rounded(.up)) }
        arrivalStarts = warmUps.map { -min($0, end) }
        for index in models.indices where warmUps[index] > end && scales[index] > 0 {
            let captured = Self.capturedShare(
                of: models[index], window: end,
                random: SynthesisRandom(seed: seed, stream: UInt64(3 * models.count + index)))
            scales[index] /= captured
        }
        arrivalScales = scales
        warmUpMilliseconds = Int64(-(arrivalStarts.min() ?? 0))
        var expectedLive = 0.0
        for (index, model) in models.enumerated() where model.meanSpanMilliseconds > 0 {
            let peak = ArrivalProcess.peakIntensity(
                shape: shapes[index], scale: arrivalScales[index], start: arrivalStarts[index], end: end)
            expectedLive += peak * model.meanSpanMilliseconds
        }
        activeSessionBound = Int((1.5 * expectedLive).rounded(.up)) + 100
    }

    /// Records between two calls of `write`'s `progress`.
    public static let progressInterval = 1 << 16

    /// Writes the trace to `writer` in time order and flushes it; returns what was written. `progress` is called
    /// every `progressInterval` records with the records written and the share of the window they cover (0 to 1).
    public func write(
        to writer: NativeTraceWriter, progress: ((_ records: Int, _ completed: Double) -> Void)? = nil
    ) throws(TraceWriteError) -> SynthesisStatistics {
        var written = 0
        let statistics = try generate { request throws(TraceWriteError) in
            try writer.write(request.build())
            written += 1
            if written & (Self.progressInterval - 1) == 0, let progress {
                let offset = (request.timestampMs ?? startMilliseconds) - startMilliseconds
                progress(written, Double(offset) / Double(durationMilliseconds))
            }
        }
        try writer.flush()
        return statistics
    }

    /// Generates the trace in time order, handing each request of the window to `emit`.
    func generate(
        _ emit: (TraceRecordBuilder) throws(TraceWriteError) -> Void
    ) throws(TraceWriteError) -> SynthesisStatistics {
        let end = Double(durationMilliseconds)
        let models = Self.makeModels(profile, seed: seed)
        var behaviour = profile.populations.indices.map { SynthesisRandom(seed: seed, stream: 3 * UInt64($0) + 1) }
        var arrivalRandom = profile.populations.indices.map { SynthesisRandom(seed: seed, stream: 3 * UInt64($0)) }
        var arrivals = profile.populations.indices.map {
            ArrivalProcess(shape: shapes[$0], scale: arrivalScales[$0], start: arrivalStarts[$0], end: end)
        }
        var queue = EventQueue()
        for index in profile.populations.indices where arrivalScales[index] > 0 {
            if let time = arrivals[index].next(&arrivalRandom[index]) {
                queue.schedule(time: time, population: index, session: nil)
            }
        }

        var recordsPerPopulation = [Int](repeating: 0, count: profile.populations.count)
        var recordsPerMinute = [Int](repeating: 0, count: Int((durationMilliseconds + 59_999) / 60_000))
        var live = 0, peakLive = 0
        while let event = queue.popFirst(), event.time < end {
            let population = event.population
            let session: ClientSession
            if let waiting = event.session {
                session = waiting
                live -= 1
            } else {
                session = models[population].arrive(at: event.time, random: &behaviour[population])
                if let time = arrivals[population].next(&arrivalRandom[population]) {
                    queue.schedule(time: time, population: population, session: nil)
                }
            }
            var request = TraceRecordBuilder()
            if let next = session.request(at: event.time, random: &behaviour[population], into: &request) {
                queue.schedule(time: next, population: population, session: session)
                live += 1
                peakLive = max(peakLive, live)
            }
            guard event.time >= 0 else { continue }
            let offset = Int64(event.time.rounded(.down))
            request.timestampMs = startMilliseconds + offset
            try emit(request)
            recordsPerPopulation[population] += 1
            recordsPerMinute[Int(offset / 60_000)] += 1
        }
        return SynthesisStatistics(
            populations: zip(profile.populations, recordsPerPopulation).map {
                .init(name: $0.0.name, kind: $0.0.kind, records: $0.1)
            },
            recordsPerMinute: recordsPerMinute, wholeMinutes: Int(durationMilliseconds / 60_000),
            peakActiveSessions: peakLive, activeSessionBound: activeSessionBound)
    }

    /// Throws unless the window starts at or after the epoch, lasts 1 ms … 400 days and ends by year 9999.
    static func checkWindow(startMilliseconds: Int64, durationMilliseconds: Int64) throws(SynthesisError) {
        guard startMilliseconds >= 0 else {
            throw .invalidWindow(reason: "start must be at or after 1970-01-01T00:00:00Z (got \(startMilliseconds) ms)")
        }
        guard durationMilliseconds > 0, durationMilliseconds <= Self.maximumDurationMilliseconds else {
            throw .invalidWindow(reason: "duration must be 1 ms … 400 days (got \(durationMilliseconds) ms)")
        }
        guard startMilliseconds <= Self.lastMillisecond - durationMilliseconds else {
            throw .invalidWindow(reason: "the trace must end by 9999-12-31T23:59:59.999Z")
        }
    }

    /// The share of a population's requests that land in a window of `window` ms when its clients start at most
    /// `window` ms before it (the capped warm-up), under a flat intensity: a request `o` ms after its client's
    /// arrival lands for arrival times in an interval of length `window - max(0, o - window)`, against `window` when
    /// the warm-up is unlimited.
    /// Measured on `sampleClients` clients drawn from their own stream.
    private static func capturedShare(
        of model: TrafficModel, window: Double, random: SynthesisRandom
    ) -> Double {
        var random = random
        var captured = 0.0
        var requests = 0
        for _ in 0..<sampleClients {
            let session = model.arrive(at: 0, random: &random)
            var time = 0.0
            while true {
                captured += max(0, window - max(0, time - window))
                requests += 1
                var request = TraceRecordBuilder()
                guard let next = session.request(at: time, random: &random, into: &request) else { break }
                time = next
            }
        }
        return max(captured / (Double(requests) * window), 1e-9)
    }

    /// Clients sampled to measure the share a shortened warm-up keeps.
    private static let sampleClients = 256

    /// One model per population, with client pools drawn from the population's own stream.
    private static func makeModels(_ profile: LoadProfile, seed: UInt64) -> [TrafficModel] {
        let catalog = RouteCatalog(profile.routes, zipfExponent: profile.zipfExponent)
        let defaultHost = profile.routes.first?.host ?? ""
        return profile.populations.enumerated().map { index, population in
            var random = SynthesisRandom(seed: seed, stream: 3 * UInt64(index) + 2)
            func origins() -> ClientOrigins { ClientOrigins(population.countries ?? profile.countries) }
            switch population.behaviour {
            case let .humans(parameters):
                return HumanBrowsing(parameters: parameters, catalog: catalog, origins: origins())
            case let .apiClients(parameters):
                return APIClientTraffic(parameters: parameters, catalog: catalog, origins: origins(), random: &random)
            case .verifiedBots: return VerifiedBotTraffic(catalog: catalog)
            case let .scrapers(parameters):
                return ScraperTraffic(parameters: parameters, catalog: catalog, random: &random)
            case let .credentialStuffing(parameters):
                return CredentialStuffingTraffic(parameters: parameters, defaultHost: defaultHost, origins: origins())
            case let .vulnerabilityScanner(parameters): return ScannerTraffic(parameters: parameters, catalog: catalog)
            case .noUserAgent: return NoUserAgentTraffic(catalog: catalog, origins: origins())
            }
        }
    }
}
