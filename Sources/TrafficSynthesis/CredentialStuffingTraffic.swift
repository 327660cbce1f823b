import EdgeWire
import Traces

/// Credential stuffing: every arrival is a fresh address (residential networks of the population's countries,
/// as proxy pools provide) that POSTs a few leaked credentials to the login route, `attemptGapMeanMilliseconds`
/// apart on average, and moves on. Most copy a browser's user agent, a fifth send their library's. Each attempt is
/// recorded with `status: 401`.
final class CredentialStuffingTraffic: TrafficModel {
    let requestsPerArrival: Double
    let meanSpanMilliseconds: Double
    private let parameters: CredentialStuffingParameters
    private let origins: ClientOrigins
    private let loginHost: String
    private let contentType: String
    private let browserAgents = BrowserUserAgents.corpus.map(\.userAgent)

    /// A model posting to `parameters.loginHost` (or `defaultHost`) and `parameters.loginPath`.
    init(parameters: CredentialStuffingParameters, defaultHost: String, origins: ClientOrigins) {
        self.parameters = parameters
        self.origins = origins
        loginHost = parameters.loginHost ?? defaultHost
        contentType =
            RouteCatalog.looksLikeAPI(host: loginHost, path: parameters.loginPath)
            ? "application/json" : "application/x-www-form-urlencoded"
        requestsPerArrival = parameters.attemptsPerAddressMean
        meanSpanMilliseconds = (parameters.attemptsPerAddressMean - 1) * parameters.attemptGapMeanMilliseconds
    }

    func arrive(at time: Double, random: inout SynthesisRandom) -> ClientSession {
        let origin = origins.draw(&random)
        let tools = AutomatedUserAgents.credentialStuffingTools
        let userAgent =
            random.chance(0.8) ? browserAgents[random.below(browserAgents.count)] : tools[random.below(tools.count)]
        return Attempts(
            model: self, origin: origin, address: origin.addresses.ipv4(&random), userAgent: userAgent,
            remaining: random.geometric(mean: parameters.attemptsPerAddressMean), botScore: random.between(1, 29))
    }

    /// One address's attempts.
    private final class Attempts: ClientSession {
        private unowned let model: CredentialStuffingTraffic
        private let origin: ClientOrigins.Origin
        private let address: IPAddress
        private let userAgent: String
        private var remaining: Int
        private let botScore: Int

        init(
            model: CredentialStuffingTraffic, origin: ClientOrigins.Origin, address: IPAddress, userAgent: String,
            remaining: Int, botScore: Int
        ) {
            self.model = model
            self.origin = origin
            self.address = address
            self.userAgent = userAgent
            self.remaining = remaining
            self.botScore = botScore
        }

        func request(at time: Double, random: inout SynthesisRandom, into request: inout TraceRecordBuilder) -> Double?
        {
            request.setOrigin(origin, address: address)
            request.method = "POST"
            request.host = model.loginHost
            request.path = model.parameters.loginPath
            request.userAgent = userAgent
            request.version = "HTTP/1.1"
            request.botScore = botScore
            request.headers = [("content-type", model.contentType), ("accept", "*/*")]
            request.status = 401
            remaining -= 1
            guard remaining > 0 else { return nil }
            return time + random.exponential(mean: model.parameters.attemptGapMeanMilliseconds)
        }
    }
}
