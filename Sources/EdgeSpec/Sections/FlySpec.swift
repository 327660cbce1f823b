import EdgeCore

/// `auto_stop_machines` values fly.toml accepts as strings.
public enum AutoStop: String, CaseIterable, Sendable {
    /// Never stop idle machines.
    case off
    /// Stop idle machines.
    case stop
    /// Suspend idle machines.
    case suspend
}

/// Fly deploy strategies.
public enum DeployStrategy: String, CaseIterable, Sendable {
    /// One machine at a time (Fly's default).
    case rolling
    /// All at once.
    case immediate
    /// One canary machine first (not with volumes).
    case canary
    /// A full second set, then switch (needs a health check; not with volumes).
    case bluegreen
}

/// Concurrency limits.
public struct ConcurrencySpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Concurrency limits per machine."
    /// What is counted.
    public var type: ConcurrencyType
    /// Load balancing starts preferring other machines above this.
    public var softLimit: Int
    /// No more requests are sent to a machine above this.
    public var hardLimit: Int?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ConcurrencySpec {
        ConcurrencySpec(
            type: r.optional("type", .enumeration, default: .connections, "requests or connections."),
            softLimit: r.optional("soft_limit", .int(1...100_000), default: 20, "Soft limit per machine."),
            hardLimit: r.optional("hard_limit", .int(1...100_000), "Hard limit per machine."),
            ranges: r.ranges)
    }
}

/// What concurrency counts.
public enum ConcurrencyType: String, CaseIterable, Sendable {
    /// Requests in flight (HTTP).
    case requests
    /// Open connections.
    case connections
}

/// An HTTP health check.
public struct HTTPCheckSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "An HTTP health check."
    /// Time between checks (≥ 2s for top-level checks).
    public var interval: EdgeDuration
    /// Time before a check fails.
    public var timeout: EdgeDuration
    /// Time after start before checks count.
    public var gracePeriod: EdgeDuration?
    /// HTTP method.
    public var method: String
    /// Path to request.
    public var path: String
    /// http or https.
    public var proto: String?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> HTTPCheckSpec {
        HTTPCheckSpec(
            interval: r.optional("interval", .duration(), default: .seconds(15), "Time between checks."),
            timeout: r.optional("timeout", .duration(), default: .seconds(10), "Time before a check fails."),
            gracePeriod: r.optional("grace_period", .duration(), "Time after start before checks count."),
            method: r.optional(
                "method",
                .string(validate: {
                    ["GET", "HEAD", "POST", "OPTIONS"].contains($0)
                        ? nil : ("'\($0)' is not a check method", "use GET, HEAD, POST or OPTIONS")
                }), default: "GET", "HTTP method."),
            path: r.required("path", .urlPath, "Path to request, e.g. /health."),
            proto: r.optional(
                "protocol",
                .string(validate: { ["http", "https"].contains($0) ? nil : ("'\($0)' is not http or https", nil) }),
                "http or https."),
            ranges: r.ranges)
    }
}

/// The app's HTTP service (fly.toml `[http_service]`: ports 80 and 443 handled by Fly's proxy).
public struct HTTPServiceSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "The HTTP service on ports 80/443."
    /// The port the app listens on.
    public var internalPort: Int
    /// Redirect HTTP to HTTPS.
    public var forceHTTPS: Bool
    /// Stop idle machines.
    public var autoStopMachines: AutoStop
    /// Start machines on demand.
    public var autoStartMachines: Bool
    /// Machines kept running in the primary region.
    public var minMachinesRunning: Int
    /// Concurrency limits.
    public var concurrency: ConcurrencySpec?
    /// Health checks.
    public var checks: [HTTPCheckSpec]
    /// Process groups served.
    public var processes: [String]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> HTTPServiceSpec {
        HTTPServiceSpec(
            internalPort: r.required("internal_port", .int(1...65535), "Port the app listens on."),
            forceHTTPS: r.optional("force_https", .boolean, default: true, "Redirect HTTP to HTTPS."),
            autoStopMachines: r.optional(
                "auto_stop_machines", .enumeration, default: .off, "\"off\", stop or suspend (quote \"off\")."),
            autoStartMachines: r.optional("auto_start_machines", .boolean, default: true, "Start machines on demand."),
            minMachinesRunning: r.optional(
                "min_machines_running", .int(0...1000), default: 0, "Machines kept running in the primary region."),
            concurrency: r.optional(
                "concurrency", ObjectReader.object(ConcurrencySpec.self, name: "concurrency"), "Concurrency limits."),
            checks: r.optional(
                "checks", .array(ObjectReader.object(HTTPCheckSpec.self, name: "check")), default: [],
                "HTTP health checks."),
            processes: r.optional("processes", .array(.string), default: [], "Process groups served."),
            ranges: r.ranges)
    }
}

/// One external port of a service.
public struct ServicePortSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "An external port of a service."
    /// The port.
    public var port: Int
    /// Handlers such as tls, http.
    public var handlers: [String]
    /// Redirect HTTP to HTTPS.
    public var forceHTTPS: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ServicePortSpec {
        ServicePortSpec(
            port: r.required("port", .int(1...65535), "External port (1–65535)."),
            handlers: r.optional(
                "handlers",
                .array(
                    .string(validate: {
                        ["http", "tls", "proxy_proto", "pg_tls", "edge_http"].contains($0)
                            ? nil
                            : ("'\($0)' is not a Fly port handler", "use http, tls, proxy_proto, pg_tls or edge_http")
                    })), default: [], "Handlers: http, tls, proxy_proto, pg_tls, edge_http."),
            forceHTTPS: r.optional("force_https", .boolean, default: false, "Redirect HTTP to HTTPS."),
            ranges: r.ranges)
    }
}

/// A TCP or UDP service (fly.toml `[[services]]`).
public struct ServiceSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A TCP or UDP service with its own ports."
    /// tcp or udp.
    public var proto: ServiceProtocol
    /// The port the app listens on.
    public var internalPort: Int
    /// External ports.
    public var ports: [ServicePortSpec]
    /// Concurrency limits.
    public var concurrency: ConcurrencySpec?
    /// HTTP checks.
    public var httpChecks: [HTTPCheckSpec]
    /// Process groups served.
    public var processes: [String]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ServiceSpec {
        ServiceSpec(
            proto: r.optional("protocol", .enumeration, default: .tcp, "tcp or udp."),
            internalPort: r.required("internal_port", .int(1...65535), "Port the app listens on (1–65535)."),
            ports: r.optional(
                "ports", .array(ObjectReader.object(ServicePortSpec.self, name: "port")), default: [], "External ports."
            ),
            concurrency: r.optional(
                "concurrency", ObjectReader.object(ConcurrencySpec.self, name: "concurrency"), "Concurrency limits."),
            httpChecks: r.optional(
                "http_checks", .array(ObjectReader.object(HTTPCheckSpec.self, name: "http check")), default: [],
                "HTTP checks."),
            processes: r.optional("processes", .array(.string), default: [], "Process groups served."),
            ranges: r.ranges)
    }
}

/// Service protocols.
public enum ServiceProtocol: String, CaseIterable, Sendable {
    /// TCP.
    case tcp
    /// UDP.
    case udp
}

/// A machine-level check (fly.toml `[checks.NAME]`).
public struct MachineCheckSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A top-level machine check."
    /// http or tcp.
    public var type: CheckType
    /// Port to check.
    public var port: Int?
    /// Path for http checks.
    public var path: String?
    /// HTTP method.
    public var method: String?
    /// Time between checks (≥ 2s).
    public var interval: EdgeDuration
    /// Time before a check fails (≤ 60s).
    public var timeout: EdgeDuration
    /// Time after start before checks count.
    public var gracePeriod: EdgeDuration?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> MachineCheckSpec {
        MachineCheckSpec(
            type: r.required("type", .enumeration, "http or tcp."),
            port: r.optional("port", .int(1...65535), "Port to check."),
            path: r.optional("path", .urlPath, "Path for http checks."),
            method: r.optional("method", .string, "HTTP method."),
            interval: r.optional("interval", .duration(), default: .seconds(15), "Time between checks (at least 2s)."),
            timeout: r.optional(
                "timeout", .duration(), default: .seconds(10), "Time before a check fails (at most 60s)."),
            gracePeriod: r.optional("grace_period", .duration(), "Time after start before checks count."),
            ranges: r.ranges)
    }
}

/// Check types.
public enum CheckType: String, CaseIterable, Sendable {
    /// HTTP request.
    case http
    /// TCP connect.
    case tcp
}

/// Machine size (fly.toml `[[vm]]`).
public struct VMSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Machine size."
    /// A preset such as shared-cpu-2x.
    public var size: String?
    /// shared or performance.
    public var cpuKind: CPUKind
    /// vCPUs.
    public var cpus: Int
    /// Memory (binary units: 1gb = 1024 MB).
    public var memory: ByteSize
    /// Process groups this size applies to.
    public var processes: [String]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> VMSpec {
        VMSpec(
            size: r.optional("size", .string, "Preset such as shared-cpu-2x."),
            cpuKind: r.optional("cpu_kind", .enumeration, default: .shared, "shared or performance."),
            cpus: r.optional("cpus", .int(1...16), default: 1, "vCPUs: 1, 2, 4, 8 or 16."),
            memory: r.required("memory", .size, "Memory, e.g. 1gb."),
            processes: r.optional("processes", .array(.string), default: [], "Process groups this size applies to."),
            ranges: r.ranges)
    }
}

/// CPU kinds.
public enum CPUKind: String, CaseIterable, Sendable {
    /// Shared vCPUs (256 MB–2 GB per vCPU).
    case shared
    /// Dedicated vCPUs (2–8 GB per vCPU).
    case performance
}

/// Prometheus metrics endpoint.
public struct MetricsSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Prometheus metrics endpoint."
    /// Port.
    public var port: Int
    /// Path.
    public var path: String
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> MetricsSpec {
        MetricsSpec(
            port: r.required("port", .int(1...65535), "Metrics port."),
            path: r.optional("path", .urlPath, default: "/metrics", "Metrics path."),
            ranges: r.ranges)
    }
}

/// Deploy settings.
public struct DeploySpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Deploy settings."
    /// Strategy.
    public var strategy: DeployStrategy
    /// Command run once before a release.
    public var releaseCommand: String?
    /// Fraction (0–1) or count (≥ 1) of machines updated at once.
    public var maxUnavailable: Double?
    /// How long to wait for machines to become healthy.
    public var waitTimeout: EdgeDuration?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> DeploySpec {
        DeploySpec(
            strategy: r.optional(
                "strategy", .enumeration, default: .rolling, "rolling, immediate, canary or bluegreen."),
            releaseCommand: r.optional("release_command", .string, "Command run before a release (e.g. migrations)."),
            maxUnavailable: r.optional(
                "max_unavailable", .number(maximum: 1_000), "Fraction (0–1) or count of machines updated at once."),
            waitTimeout: r.optional("wait_timeout", .duration(), "How long to wait for healthy machines."),
            ranges: r.ranges)
    }
}

/// A persistent volume.
public struct MountSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A persistent volume."
    /// Volume name.
    public var source: String
    /// Mount point.
    public var destination: String
    /// Initial size (≥ 1gb).
    public var initialSize: ByteSize?
    /// Days of snapshots kept (1–60).
    public var snapshotRetention: Int?
    /// Process groups.
    public var processes: [String]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> MountSpec {
        MountSpec(
            source: r.required("source", .string, "Volume name."),
            destination: r.required("destination", .absolutePath, "Mount point."),
            initialSize: r.optional("initial_size", .size, "Initial size, at least 1gb."),
            snapshotRetention: r.optional("snapshot_retention", .int(1...60), "Days of snapshots kept."),
            processes: r.optional("processes", .array(.string), default: [], "Process groups."),
            ranges: r.ranges)
    }
}

/// The Fly.io app (fly.toml and the secrets `secrets.sh` sets).
public struct FlySpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "The Fly.io app: fly.toml settings, machines per region and secrets by reference."
    /// App name.
    public var app: String
    /// Primary region.
    public var primaryRegion: String
    /// Machines per region (region → count).
    public var machines: [(key: LocatedText, value: Int)]
    /// Signal sent to stop the app.
    public var killSignal: String?
    /// Time allowed to stop.
    public var killTimeout: EdgeDuration?
    /// Environment variables (strings only; no secrets).
    public var env: [(key: LocatedText, value: String)]
    /// Secrets (name → where the value comes from).
    public var secrets: [(key: LocatedText, value: SecretReference)]
    /// Process groups (name → command).
    public var processes: [(key: LocatedText, value: String)]
    /// The HTTP service.
    public var httpService: HTTPServiceSpec?
    /// Extra services.
    public var services: [ServiceSpec]
    /// Machine checks by name.
    public var checks: [(key: LocatedText, value: MachineCheckSpec)]
    /// Machine sizes.
    public var vm: [VMSpec]
    /// Metrics endpoint.
    public var metrics: MetricsSpec?
    /// Deploy settings.
    public var deploy: DeploySpec?
    /// Volumes.
    public var mounts: [MountSpec]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> FlySpec {
        FlySpec(
            app: r.required(
                "app",
                .string(
                    pattern: "^[a-z0-9][a-z0-9-]{1,62}$",
                    validate: { name in
                        name.count >= 2 && name.count <= 63
                            && name.allSatisfy({ ($0.isLowercase || $0.isNumber || $0 == "-") && $0.isASCII })
                            ? nil
                            : ("'\(name)' is not a Fly app name", "use lower-case letters, digits and '-'")
                    }), "Fly app name."),
            primaryRegion: r.required("primary_region", .flyRegion, "Primary region, e.g. sin."),
            machines: r.optional(
                "machines", .map(.int(0...1000), validKey: { FlyRegions.problem(with: $0) }), default: [],
                "Machines per region, e.g. {sin: 2, nrt: 1}."),
            killSignal: r.optional(
                "kill_signal",
                .string(validate: {
                    ["SIGINT", "SIGTERM", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGKILL", "SIGSTOP"].contains($0)
                        ? nil
                        : (
                            "'\($0)' is not a signal Fly sends",
                            "use SIGINT, SIGTERM, SIGQUIT, SIGUSR1, SIGUSR2, SIGKILL or SIGSTOP"
                        )
                }), "Signal sent to stop the app."),
            killTimeout: r.optional(
                "kill_timeout", .duration(EdgeDuration(milliseconds: 0)...EdgeDuration.seconds(300)),
                "Time allowed to stop (at most 300s)."),
            env: r.optional(
                "env", .map(.string, keyPattern: FlyNames.environmentPattern, validKey: FlyNames.environmentProblem),
                default: [], "Environment variables (strings; secrets go in secrets)."),
            secrets: r.optional(
                "secrets",
                .map(
                    .flySecretReference, keyPattern: FlyNames.environmentPattern,
                    validKey: FlyNames.environmentProblem), default: [],
                "Secrets: NAME: vault:path#key, env:VARIABLE (the deploying shell) or fly:existing (set by hand)."),
            processes: r.optional(
                "processes", .map(.string, keyPattern: FlyNames.groupPattern, validKey: FlyNames.groupProblem),
                default: [], "Process groups: name → command."),
            httpService: r.optional(
                "http_service", ObjectReader.object(HTTPServiceSpec.self, name: "http_service"), "The HTTP service."),
            services: r.optional(
                "services", .array(ObjectReader.object(ServiceSpec.self, name: "service")), default: [],
                "Extra TCP/UDP services."),
            checks: r.optional(
                "checks",
                .map(
                    ObjectReader.object(MachineCheckSpec.self, name: "check"), keyPattern: FlyNames.groupPattern,
                    validKey: FlyNames.groupProblem), default: [], "Machine checks by name."),
            vm: r.optional("vm", .array(ObjectReader.object(VMSpec.self, name: "vm")), default: [], "Machine sizes."),
            metrics: r.optional(
                "metrics", ObjectReader.object(MetricsSpec.self, name: "metrics"), "Prometheus metrics endpoint."),
            deploy: r.optional("deploy", ObjectReader.object(DeploySpec.self, name: "deploy"), "Deploy settings."),
            mounts: r.optional(
                "mounts", .array(ObjectReader.object(MountSpec.self, name: "mount")), default: [], "Volumes."),
            ranges: r.ranges)
    }
}

/// Fly.io region codes.
enum FlyRegions {
    /// Regions Fly.io offers (2026).
    static let all = [
        "ams", "arn", "atl", "bog", "bom", "bos", "cdg", "den", "dfw", "ewr", "eze", "fra", "gdl", "gig", "gru",
        "hkg", "iad", "jnb", "lax", "lhr", "mad", "mia", "nrt", "ord", "otp", "phx", "qro", "scl", "sea", "sin",
        "sjc", "syd", "waw", "yul", "yyz",
    ]

    /// Why a region code is not valid, or nil.
    static func problem(with region: String) -> String? {
        if all.contains(region) { return nil }
        if let suggestion = bestSuggestion(for: region, among: all) {
            return "unknown Fly region '\(region)'; did you mean '\(suggestion)'?"
        }
        return "unknown Fly region '\(region)'; known regions: \(all.joined(separator: ", "))"
    }
}

extension FieldType where Value == String {
    /// A Fly region code.
    static var flyRegion: FieldType<String> {
        .string(validate: { region in FlyRegions.problem(with: region).map { ($0, nil) } })
    }
}
