import ArgumentParser
import CloudflareAPI
import Foundation

/// The options of every command that talks to a live zone: which zone, and how the HTTP client behaves. The token
/// and the API's address come from the environment (`CLOUDFLARE_API_TOKEN`, `CLOUDFLARE_API_BASE_URL`), never
/// from a flag.
struct ZoneConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The zone: its name (example.com) or its 32-digit id.", valueName: "zone"))
    var zone: String

    @Option(help: ArgumentHelp("A PEM file of CA certificates to trust besides the system's.", valueName: "file"))
    var cacert: String?

    @Option(help: ArgumentHelp("Seconds allowed to connect to the API.", valueName: "seconds"))
    var connectTimeout: Double = 10

    @Option(help: ArgumentHelp("Seconds allowed for each API request.", valueName: "seconds"))
    var timeout: Double = 120

    @Option(help: ArgumentHelp("Tries per API request (429, 5xx and network failures are retried).", valueName: "n"))
    var tries: Int = 5

    /// Checks the values that ArgumentParser cannot.
    func validate() throws {
        guard connectTimeout > 0, timeout > 0 else { throw ValidationError("timeouts must be above 0 seconds") }
        guard (1...20).contains(tries) else { throw ValidationError("--tries must be between 1 and 20") }
        if let cacert, !FileManager.default.isReadableFile(atPath: cacert) {
            throw ValidationError("--cacert: cannot read '\(cacert)'")
        }
    }

    /// The API client the environment and these options describe; exits 2 with the reason when the environment
    /// names no usable API (the token's value is never shown).
    func client() throws -> CloudflareClient {
        let configuration: APIConfiguration
        do {
            configuration = try APIConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        return CloudflareClient(
            configuration: configuration,
            transport: CurlTransport(connectTimeout: connectTimeout, totalTimeout: timeout, caFile: cacert),
            retry: RetryPolicy(attempts: tries),
            sleep: { seconds in Thread.sleep(forTimeInterval: seconds) },
            note: { StandardError.write("note: \($0)\n") })
    }

    /// Prints an API failure (unless `printed`) and exits: 1 when Cloudflare refused a body EdgeProof compiled (400
    /// or 422: the spec's rules did not pass Cloudflare's checks), 2 for everything else (the network, the token, a
    /// zone not found, a server failing after the retries, an answer that is not Cloudflare's JSON).
    static func fail(_ failure: APIFailure, printed: Bool = false) -> ExitCode {
        if !printed { StandardError.write(failure.reasons.map { "error: \(failure.request): \($0)\n" }.joined()) }
        if case let .rejected(status) = failure.kind, status == 400 || status == 422, failure.request.hasPrefix("PUT ")
        {
            return ExitCode(1)
        }
        return ExitCode(2)
    }
}
