import EdgeCore

/// What `synth` wrote, as its one-line text summary or its `--format json` document (`docs/command-line.md`).
struct SynthSummary {
    /// Records written in all.
    let records: Int
    /// The trace's path (`-` for standard output).
    let output: String
    /// The load profile's name.
    let profile: String
    /// The random seed.
    let seed: UInt64
    /// The time window the trace covers.
    let duration: EdgeDuration
    /// Records written per population, in the profile's order.
    let populations: [(name: String, records: Int)]

    /// `wrote N records to PATH (PROFILE, seed S, DURATION); per population: NAME N, …`.
    var line: String {
        "wrote \(records) records to \(output) (\(profile), seed \(seed), \(duration)); per population: "
            + populations.map { "\($0.name) \($0.records)" }.joined(separator: ", ")
    }

    /// The `--format json` document: `version`, `records`, `output`, `profile`, `seed`, `duration_ms`, `populations`.
    var json: JSONValue {
        .object([
            ("version", 1),
            ("records", .int(Int64(records))),
            ("output", .string(output)),
            ("profile", .string(profile)),
            ("seed", .string(String(seed))),
            ("duration_ms", .int(duration.milliseconds)),
            (
                "populations",
                .array(
                    populations.map { population in
                        .object([("name", .string(population.name)), ("records", .int(Int64(population.records)))])
                    })
            ),
        ])
    }
}
