import EdgeCore

/// Semantic checks of the Fly section that flyctl leaves to the platform or to deploy time
/// (`docs/config-targets.md`, "fly.toml": port overlap, limits and memory bounds are not checked by flyctl).
struct FlyChecks {
    let fly: FlySpec
    let diagnostics: DiagnosticCollector

    func run() {
        checkPorts()
        checkConcurrency()
        checkMemory()
        checkChecks()
        checkEnv()
        checkDeploy()
    }

    /// `[http_service]` owns external ports 80 and 443; a service on them duplicates it (flyctl#1635: 504s).
    private func checkPorts() {
        var external: [Int: SourceRange] = [:]
        if let service = fly.httpService {
            external[80] = service.ranges.key("internal_port")
            external[443] = service.ranges.key("internal_port")
        }
        var internalPorts: [String: SourceRange] = [:]
        if let service = fly.httpService {
            internalPorts["tcp/\(service.internalPort)"] = service.ranges.value("internal_port")
        }
        for service in fly.services {
            let key = "\(service.proto.rawValue)/\(service.internalPort)"
            if let earlier = internalPorts[key] {
                diagnostics.error(
                    "E0701",
                    "another service already uses \(service.proto.rawValue) internal port \(service.internalPort)",
                    at: service.ranges.value("internal_port"), notes: [DiagnosticNote("first used here", at: earlier)],
                    help: "merge the two services, or move one to another internal port")
            } else {
                internalPorts[key] = service.ranges.value("internal_port")
            }
            for port in service.ports {
                if let earlier = external[port.port] {
                    let owner =
                        fly.httpService != nil && (port.port == 80 || port.port == 443)
                        ? " (http_service serves ports 80 and 443)" : ""
                    diagnostics.error(
                        "E0702", "external port \(port.port) is already served\(owner)", at: port.ranges.value("port"),
                        notes: [DiagnosticNote("served here", at: earlier)],
                        help: "remove this port; a duplicate service on the same port makes Fly's proxy answer 504")
                } else {
                    external[port.port] = port.ranges.value("port")
                }
            }
        }
    }

    private func checkConcurrency() {
        let limits = [fly.httpService?.concurrency].compactMap { $0 } + fly.services.compactMap(\.concurrency)
        for limit in limits {
            if let hard = limit.hardLimit, limit.softLimit > hard {
                diagnostics.error(
                    "E0703", "soft_limit (\(limit.softLimit)) is greater than hard_limit (\(hard))",
                    at: limit.ranges.value("soft_limit"),
                    notes: [DiagnosticNote("hard_limit is set here", at: limit.ranges.value("hard_limit"))])
            }
        }
    }

    /// Shared vCPUs take 256 MB–2 GB each; performance vCPUs 2–8 GB each (fly-go machine limits).
    private func checkMemory() {
        for vm in fly.vm {
            let perCPU: ClosedRange<Int64> = vm.cpuKind == .shared ? 256...2048 : 2048...8192
            let bounds = (perCPU.lowerBound * Int64(vm.cpus))...(perCPU.upperBound * Int64(vm.cpus))
            if !bounds.contains(vm.memory.megabytes) || vm.memory.bytes % (1 << 20) != 0 {
                diagnostics.error(
                    "E0704",
                    "\(vm.memory) is outside \(bounds.lowerBound)–\(bounds.upperBound) MB for \(vm.cpus) "
                        + "\(vm.cpuKind.rawValue) vCPU\(vm.cpus == 1 ? "" : "s")",
                    at: vm.ranges.value("memory"),
                    help: "\(vm.cpuKind.rawValue) vCPUs take \(perCPU.lowerBound)–\(perCPU.upperBound) MB each")
            }
            if ![1, 2, 4, 8, 16].contains(vm.cpus) {
                diagnostics.error(
                    "E0704", "\(vm.cpus) vCPUs is not a Fly machine size", at: vm.ranges.value("cpus"),
                    help: "use 1, 2, 4, 8 or 16")
            }
        }
    }

    private func checkChecks() {
        typealias Timing = (interval: EdgeDuration, timeout: EdgeDuration, ranges: NodeRanges)
        let machineChecks: [Timing] = fly.checks.map { ($0.value.interval, $0.value.timeout, $0.value.ranges) }
        let serviceChecks: [Timing] = ((fly.httpService?.checks ?? []) + fly.services.flatMap(\.httpChecks)).map {
            ($0.interval, $0.timeout, $0.ranges)
        }
        let all = machineChecks + serviceChecks
        for check in all {
            if check.interval < EdgeDuration.seconds(2) {
                diagnostics.error(
                    "E0705", "check interval \(check.interval) is below Fly's minimum of 2s",
                    at: check.ranges.value("interval"))
            }
            if check.timeout > EdgeDuration.seconds(60) {
                diagnostics.error(
                    "E0705", "check timeout \(check.timeout) is above Fly's maximum of 60s",
                    at: check.ranges.value("timeout"))
            }
        }
    }

    private func checkEnv() {
        for (key, _) in fly.env where key.text.hasPrefix("FLY_") {
            diagnostics.error(
                "E0706", "environment variables starting with FLY_ are reserved by Fly", at: key.range,
                help: "rename '\(key.text)'")
        }
        for (key, _) in fly.secrets where fly.env.contains(where: { $0.key.text == key.text }) {
            diagnostics.error("E0706", "'\(key.text)' is both an environment variable and a secret", at: key.range)
        }
    }

    private func checkDeploy() {
        guard let deploy = fly.deploy else { return }
        if deploy.strategy == .canary || deploy.strategy == .bluegreen, !fly.mounts.isEmpty {
            diagnostics.error(
                "E0707", "the \(deploy.strategy.rawValue) strategy cannot be used with volumes",
                at: deploy.ranges.value("strategy"),
                notes: [DiagnosticNote("volumes are declared here", at: fly.ranges.key("mounts"))],
                help: "use rolling or immediate")
        }
        let checks =
            (fly.httpService?.checks.count ?? 0) + fly.checks.count
            + fly.services.reduce(0) { $0 + $1.httpChecks.count }
        if deploy.strategy == .bluegreen, checks == 0 {
            diagnostics.error(
                "E0707", "the bluegreen strategy needs at least one health check", at: deploy.ranges.value("strategy"))
        }
    }
}
