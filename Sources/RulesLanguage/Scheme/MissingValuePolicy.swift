/// How a comparison behaves when its left side is a missing value (an absent map key or an out-of-bounds index).
public enum MissingValuePolicy: String, Sendable, CaseIterable {
    /// Cloudflare's documented behaviour: every comparison on a missing value is false, `!=` included.
    case cloudflare
    /// wirefilter's default (`nil_not_equal_behavior`): `!=` on a missing value is true, every other comparison false.
    case wirefilter
}
