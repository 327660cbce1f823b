/// A host and path that clients request. When no route of a profile has a weight, routes are chosen by Zipf's
/// law in the order given (the first most often, see `LoadProfile.zipfExponent`); otherwise every route needs one.
public struct RouteShare: Sendable, Equatable {
    /// Host, e.g. `api.example.com`.
    public var host: String
    /// Path starting with `/`, without a query.
    public var path: String
    /// Relative popularity (finite, ≥ 0), or nil to rank by position.
    public var weight: Double?

    /// Creates a route.
    public init(host: String, path: String, weight: Double? = nil) {
        self.host = host
        self.path = path
        self.weight = weight
    }
}
