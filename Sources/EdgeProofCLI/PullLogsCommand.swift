import ArgumentParser
import CloudflareAPI
import EdgeCore
import EdgeWire
import Foundation
import LiveZone

/// `edgeproof pull-logs --zone Z --since T --until T -o trace.jsonl.gz`: a zone's request logs as a trace.
struct PullLogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull-logs",
        abstract: "Fetch a zone's request logs (Logpull) into a gzip trace that replay reads as it is.",
        discussion:
            "Asks for the log fields the Logpush reader understands that the zone offers, an hour per request, and "
            + "streams them to OUTPUT.partial; a run that stops resumes after the last hour done when run "
            + "again with the same options. Needs Logs: Read on the zone (Enterprise). Exit 0; 2 for usage "
            + "errors, the network, the token, API failures and files that cannot be written. See "
            + "docs/live-zone.md.")

    @OptionGroup var connection: ZoneConnectionOptions

    @Option(help: ArgumentHelp("The first moment, RFC 3339 (2026-11-30T00:00:00Z), inclusive.", valueName: "time"))
    var since: String

    @Option(help: ArgumentHelp("The last moment, RFC 3339, exclusive; at least a minute ago.", valueName: "time"))
    var until: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The gzip trace to write.", valueName: "file"))
    var output: String

    @Flag(help: "Replace the output file when it exists.")
    var force = false

    func validate() throws {
        guard output != "-", !output.hasSuffix("/") else {
            throw ValidationError("-o names the gzip trace file to write (resumable), not standard output")
        }
        let start = try Self.time(since, option: "--since"), end = try Self.time(until, option: "--until")
        guard start < end else { throw ValidationError("--since must be before --until") }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        guard end <= now - 60_000 else {
            throw ValidationError(
                "--until must be at least a minute ago: Cloudflare's logs for the last minute are not ready")
        }
    }

    func run() throws {
        let start = try Self.time(since, option: "--since"), end = try Self.time(until, option: "--until")
        let client = try connection.client()
        do {
            let zone = try client.zone(connection.zone)
            let offered = try client.getDocument("/zones/\(zone.id)/logs/received/fields")
            let fields = LogPull.fields(offered: Set((offered.objectMembers ?? []).map(\.0)))
            guard !fields.isEmpty else {
                StandardError.write("error: the zone offers none of the log fields EdgeProof reads\n")
                throw ExitCode(2)
            }
            let pull = LogPull(zoneID: zone.id, since: start, until: end, output: output, fields: fields)
            let resumeAt = try pull.resumePoint()
            if resumeAt == 0 { try CommandOutput.refuseReplacing(output, force: force) }
            let windows = LogPull.windows(since: start, until: end).count
            if resumeAt > 0 { StandardError.write("resuming after \(resumeAt) of \(windows) hour(s) already pulled\n") }
            let meter = Console.current.errorIsTerminal ? ProgressMeter.onStandardError(of: Console.current) : nil
            var shown = 0
            let records = try pull.run(client: client) { done, total, records in
                meter?.advance(records: records - shown, completed: Double(done) / Double(total))
                shown = records
            }
            meter?.finish()
            StandardError.write("pulled \(records) record(s) in \(windows - resumeAt) window(s) into \(output)\n")
        } catch let failure as APIFailure {
            throw ZoneConnectionOptions.fail(failure)
        } catch let failure as LogPull.Failure {
            switch failure {
            case let .api(apiFailure): throw ZoneConnectionOptions.fail(apiFailure)
            case let .file(reason):
                StandardError.write("error: \(reason)\n")
                throw ExitCode(2)
            }
        }
    }

    private static func time(_ text: String, option: String) throws -> Int64 {
        guard let value = Array(text.utf8).withUnsafeBytes({ TraceTimestamp.parseRFC3339($0) }) else {
            throw ValidationError("\(option): '\(text)' is not an RFC 3339 time, e.g. 2026-11-30T00:00:00Z")
        }
        return value
    }
}
