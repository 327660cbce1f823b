extension LoadProfile {
    /// This profile with `preset`'s traffic added, for the window the trace will cover.
    ///
    /// The preset becomes bursts on the populations it concerns; a population kind the profile lacks is first
    /// added at its default-mix share (scrapers 5%, scanners 2%, credential stuffing 3% of the profile's
    /// traffic). `meanRequestsPerSecond` is then raised so that every population keeps its absolute rate outside
    /// the bursts: the result's mean is the old mean plus the preset's extra traffic, averaged over the window.
    public func adding(
        _ preset: WhatIfPreset, startMilliseconds: Int64, durationMilliseconds: Int64
    ) throws(SynthesisError) -> LoadProfile {
        try validate()
        try TraceSynthesizer.checkWindow(
            startMilliseconds: startMilliseconds, durationMilliseconds: durationMilliseconds)
        var result = self
        result.name = "\(name)+\(preset.rawValue)"
        let whole = (offset: Int64(0), duration: durationMilliseconds)
        switch preset {
        case .botWave:
            result.ensure(.scrapers, share: 0.05, behaviour: .defaults(for: .scrapers))
            result.ensure(.vulnerabilityScanner, share: 0.02, behaviour: .defaults(for: .vulnerabilityScanner))
            result.addBurst(whole, multiplier: 20, on: .scrapers)
            result.addBurst(whole, multiplier: 20, on: .vulnerabilityScanner)
        case .credentialStuffing:
            let login = Self.loginRoute(among: routes.map { (host: $0.host, path: $0.path) })
            result.ensure(.credentialStuffing, share: 0.03, behaviour: .credentialStuffing(login))
            result.addBurst(whole, multiplier: 10, on: .credentialStuffing)
        case .trafficSpike:
            let spike = min(durationMilliseconds, 30 * 60_000)
            result.ensure(.humans, share: 0.65, behaviour: .defaults(for: .humans))
            result.addBurst((max(0, durationMilliseconds / 2 - spike / 2), spike), multiplier: 5, on: .humans)
        }
        let before = shapeMass(startMilliseconds: startMilliseconds, durationMilliseconds: durationMilliseconds)
        let after = result.shapeMass(startMilliseconds: startMilliseconds, durationMilliseconds: durationMilliseconds)
        result.meanRequestsPerSecond = before > 0 ? meanRequestsPerSecond * after / before : meanRequestsPerSecond
        return result
    }

    /// Σ over populations of weight × ∫ shape, with the raw (unnormalised) weights.
    private func shapeMass(startMilliseconds: Int64, durationMilliseconds: Int64) -> Double {
        populations.reduce(0) { total, population in
            let shape = IntensityShape(profile: self, kind: population.kind, startMilliseconds: startMilliseconds)
            return total + population.weight * shape.integral(from: 0, to: Double(durationMilliseconds))
        }
    }

    /// Adds a population of `kind` weighing `share` of the current traffic if there is none.
    private mutating func ensure(_ kind: PopulationKind, share: Double, behaviour: PopulationBehaviour) {
        guard !populations.contains(where: { $0.kind == kind && $0.weight > 0 }) else { return }
        let total = populations.reduce(0) { $0 + $1.weight }
        populations.append(Population(name: kind.rawValue, behaviour: behaviour, weight: total * share / (1 - share)))
    }

    private mutating func addBurst(
        _ window: (offset: Int64, duration: Int64), multiplier: Double, on kind: PopulationKind
    ) {
        bursts.append(
            LoadBurst(
                startOffsetMilliseconds: window.offset, durationMilliseconds: window.duration, multiplier: multiplier,
                population: kind))
    }
}
