import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Testing

@testable import Emitters

#if canImport(Glibc)
    import Glibc
#endif

/// Boots the real redis-server 7 on a config file and reports whether it got as far as accepting connections.
/// It listens on a private Unix socket, and on TCP only when the file asks for a port.
private func redisServerStarts(confText: String, tcpPortOverride: Int? = 0) throws -> (started: Bool, log: String) {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try confText.write(toFile: directory + "/redis.conf", atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
        [
            "redis-server", directory + "/redis.conf", "--unixsocket", directory + "/redis.sock", "--dir", directory,
            "--daemonize", "no", "--logfile", directory + "/redis.log", "--save", "",
        ]
        + (tcpPortOverride.map { ["--port", String($0)] } ?? [])
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer {
        // SIGKILL: redis-server may hold on after SIGTERM; nothing of it is kept.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
    let logPath = directory + "/redis.log"
    for _ in 0..<200 {
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        if log.lowercased().contains("ready to accept connections") { return (true, log) }
        if !process.isRunning { return (false, log) }
        usleep(25_000)
    }
    return (false, (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "redis-server did not start within 5 s")
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
private func freeLocalPort() throws -> Int {
    let socketHandle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socketHandle) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(socketHandle, $0, length) == 0 && getsockname(socketHandle, $0, &length) == 0
        }
    }
    try #require(bound, "could not find a free port")
    return Int(UInt16(bigEndian: address.sin_port))
}

private let redisServerInstalled = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].contains {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// The committed redis.conf of a spec whose Redis section is `redis`, or the diagnostics IDs `check` reported.
private func renderRedisConf(_ redis: String) throws -> Result<String, SpecFailure> {
    let spec = "version: 1\nzone: {name: example.com, plan: pro}\nredis:\n  provider: self-hosted\n" + redis
    do {
        let (edge, _) = try compileSpec(bytes: Array(spec.utf8), specPath: "edge.yaml")
        return .success(
            String(
                decoding: try #require(try BuildOutputs.render(edge).file("redis/redis.conf")).contents, as: UTF8.self))
    } catch let failure as SpecFailure {
        return .failure(failure)
    }
}

private func userWithRules(_ rules: String) -> String {
    "  users:\n    - name: app\n      password: vault:r/prod#APP\n      rules: '\(rules)'\n"
}

/// Rules `check` accepts: the emitted redis.conf must boot redis-server 7.
@Test(
    .enabled(if: redisServerInstalled),
    arguments: [
        "~* &* +@all -@dangerous",
        "resetkeys ~cache:* %R~reports:* %RW~jobs:* resetchannels &events:* -@all +@read +@write +config|get "
            + "-client|kill +select|0",
        "allkeys allchannels allcommands -flushall -flushdb -@admin +acl|whoami",
        "~{tenant}:* +GET +@ALL",
        "nocommands skip-sanitize-payload clearselectors +ping",
    ])
func redisServerStartsOnRulesCheckAccepts(rules: String) throws {
    let conf = try renderRedisConf(userWithRules(rules)).get()
    let (started, log) = try redisServerStarts(confText: conf)
    #expect(started, "redis-server refused rules that check accepted:\n\(log.suffix(600))")
}

/// Rules redis-server 7 refuses are refused by `check` too (E0747), before anything is written.
@Test(.enabled(if: redisServerInstalled), arguments: ["~* +gett", "~* +@al", "~* +config|bogus", "%X~a", "+", "#abc"])
func rulesRedisServerRefusesAreRefusedByCheck(rules: String) throws {
    let (started, _) = try redisServerStarts(confText: "user default off\nuser app off \(rules)\n")
    #expect(!started, "redis-server accepted '\(rules)'; the case no longer shows a rejection")
    guard case let .failure(failure) = try renderRedisConf(userWithRules(rules)) else {
        Issue.record("check accepted '\(rules)'")
        return
    }
    #expect(failure.diagnostics.contains { $0.hasPrefix("E0747") }, "\(failure.diagnostics)")
}

/// Bind lists `check` accepts boot redis-server on a real TCP port (bind is only read when it listens on TCP).
@Test(
    .enabled(if: redisServerInstalled),
    arguments: [["127.0.0.1", "-::1"], ["-10.255.255.1", "127.0.0.1"], ["127.0.0.1", "-::*"]])
func redisServerStartsOnBindAddressesCheckAccepts(bind: [String]) throws {
    let port = try freeLocalPort()
    let conf = try renderRedisConf("  bind: [\(bind.map { "'\($0)'" }.joined(separator: ", "))]\n  port: \(port)\n")
        .get()
    let (started, log) = try redisServerStarts(confText: conf, tcpPortOverride: nil)
    #expect(started, "redis-server refused bind \(bind):\n\(log.suffix(600))")
}

/// A malformed address stops redis-server when it listens on TCP; `check` refuses it first (E0748).
@Test(.enabled(if: redisServerInstalled)) func malformedBindAddressIsRefusedByBoth() throws {
    let port = try freeLocalPort()
    let (started, _) = try redisServerStarts(confText: "bind 1.2.3.4.5\nport \(port)\n", tcpPortOverride: nil)
    #expect(!started)
    guard case let .failure(failure) = try renderRedisConf("  bind: ['1.2.3.4.5']\n") else {
        Issue.record("check accepted bind 1.2.3.4.5")
        return
    }
    #expect(failure.diagnostics.contains { $0.hasPrefix("E0748") }, "\(failure.diagnostics)")
}
