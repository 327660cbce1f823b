import EdgeCompiler
import EdgeCore
import EdgeSpec

/// Renders `fly/fly.toml` so it validates against SchemaStore's fly.json as it is: durations as quoted Go
/// durations, `auto_stop_machines` as a string, memory as `"1gb"`, checks under `[[http_service.checks]]`.
enum FlyTomlRenderer {
    static func render(_ fly: FlySpec, edge: CompiledEdge, templates: TemplateSet) throws -> String {
        var context: [String: Any] = [
            "header": ProvenanceHeader.text(for: edge),
            "app": fly.app,
            "primary_region": fly.primaryRegion,
            "has_env": !fly.env.isEmpty,
            "env": fly.env.map { ["key": $0.key.text, "value": $0.value] },
            "has_processes": !fly.processes.isEmpty,
            "processes": fly.processes.map { ["key": $0.key.text, "value": $0.value] },
            "services": fly.services.map(service),
            "checks": fly.checks.map { name, check in machineCheck(name.text, check) },
            "vm": fly.vm.map(vm),
            "mounts": fly.mounts.map(mount),
        ]
        context["kill_signal"] = fly.killSignal
        context["kill_timeout"] = fly.killTimeout?.goDuration
        context["http_service"] = fly.httpService.map(httpService)
        context["metrics"] = fly.metrics.map { ["port": $0.port, "path": $0.path] as [String: Any] }
        context["deploy"] = fly.deploy.map(deploy)
        return try templates.render("fly.toml", context)
    }

    private static func httpService(_ service: HTTPServiceSpec) -> [String: Any] {
        var out: [String: Any] = [
            "internal_port": service.internalPort, "force_https": service.forceHTTPS,
            "auto_stop_machines": service.autoStopMachines.rawValue, "auto_start_machines": service.autoStartMachines,
            "min_machines_running": service.minMachinesRunning, "has_processes": !service.processes.isEmpty,
            "processes": listItems(service.processes), "checks": service.checks.map(httpCheck),
        ]
        out["concurrency"] = service.concurrency.map(concurrency)
        return out
    }

    private static func service(_ service: ServiceSpec) -> [String: Any] {
        var out: [String: Any] = [
            "protocol": service.proto.rawValue, "internal_port": service.internalPort,
            "has_processes": !service.processes.isEmpty, "processes": listItems(service.processes),
            "ports": service.ports.map {
                ["port": $0.port, "handlers": listItems($0.handlers), "force_https": $0.forceHTTPS] as [String: Any]
            },
            "http_checks": service.httpChecks.map(httpCheck),
        ]
        out["concurrency"] = service.concurrency.map(concurrency)
        return out
    }

    private static func concurrency(_ limits: ConcurrencySpec) -> [String: Any] {
        var out: [String: Any] = ["type": limits.type.rawValue, "soft_limit": limits.softLimit]
        out["hard_limit"] = limits.hardLimit
        return out
    }

    private static func httpCheck(_ check: HTTPCheckSpec) -> [String: Any] {
        var out: [String: Any] = [
            "interval": check.interval.goDuration, "timeout": check.timeout.goDuration, "method": check.method,
            "path": check.path,
        ]
        out["grace_period"] = check.gracePeriod?.goDuration
        out["protocol"] = check.proto
        return out
    }

    private static func machineCheck(_ name: String, _ check: MachineCheckSpec) -> [String: Any] {
        var out: [String: Any] = [
            "name": name, "type": check.type.rawValue, "interval": check.interval.goDuration,
            "timeout": check.timeout.goDuration,
        ]
        out["port"] = check.port
        out["path"] = check.path
        out["method"] = check.method
        out["grace_period"] = check.gracePeriod?.goDuration
        return out
    }

    private static func vm(_ vm: VMSpec) -> [String: Any] {
        var out: [String: Any] = [
            "cpu_kind": vm.cpuKind.rawValue, "cpus": vm.cpus, "memory": vm.memory.description,
            "has_processes": !vm.processes.isEmpty, "processes": listItems(vm.processes),
        ]
        out["size"] = vm.size
        return out
    }

    private static func mount(_ mount: MountSpec) -> [String: Any] {
        var out: [String: Any] = [
            "source": mount.source, "destination": mount.destination,
            "has_processes": !mount.processes.isEmpty, "processes": listItems(mount.processes),
        ]
        out["initial_size"] = mount.initialSize.map { "\($0.bytes / 1_000_000_000)gb" }
        out["snapshot_retention"] = mount.snapshotRetention
        return out
    }

    private static func deploy(_ deploy: DeploySpec) -> [String: Any] {
        var out: [String: Any] = ["strategy": deploy.strategy.rawValue]
        out["release_command"] = deploy.releaseCommand
        out["max_unavailable"] = deploy.maxUnavailable.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }
        out["wait_timeout"] = deploy.waitTimeout?.goDuration
        return out
    }
}

/// Items of an inline list with the separator each needs: `[{value, sep}]` so templates can write `a, b`.
func listItems(_ values: [String]) -> [[String: String]] {
    values.enumerated().map { index, value in ["value": value, "sep": index < values.count - 1 ? ", " : ""] }
}
