import EdgeWire
import Traces

/// One population turned into requests: arrivals start clients, and each client sends one or more requests.
///
/// The synthesizer draws arrival times from the population's intensity divided by `requestsPerArrival`, so the
/// population's request rate follows the profile; a client's later requests are scheduled by the client itself.
protocol TrafficModel: AnyObject {
    /// Mean requests one arrival sends (1 for populations of single requests).
    var requestsPerArrival: Double { get }
    /// Mean time from an arrival's first request to its last, in milliseconds.
    var meanSpanMilliseconds: Double { get }
    /// A client arriving at `time`; the caller asks it for its first request at once.
    func arrive(at time: Double, random: inout SynthesisRandom) -> ClientSession
}

/// A client sending a run of requests.
protocol ClientSession: AnyObject {
    /// Fills `request` with the client's request at `time` (the caller sets the timestamp) and returns when the
    /// client sends its next one, or nil when it is done.
    func request(at time: Double, random: inout SynthesisRandom, into request: inout TraceRecordBuilder) -> Double?
}

extension TraceRecordBuilder {
    /// Sets the network fields of a client.
    mutating func setOrigin(_ origin: ClientOrigins.Origin, address: IPAddress) {
        ip = address
        country = origin.country
        asn = origin.asn
        colo = origin.colo
    }

    /// Sets the network fields from an operator's block.
    mutating func setNetwork(_ block: NetworkBlock, address: IPAddress) {
        ip = address
        country = block.country
        asn = block.asn
        colo = block.colo
    }

    /// Sets path and query from a target that may carry `?query`.
    mutating func setTarget(_ target: String) {
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
        }
    }
}
