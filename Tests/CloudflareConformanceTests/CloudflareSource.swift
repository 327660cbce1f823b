/// Where a conformance case comes from: a page of Cloudflare's documentation, the part of it the case follows, and
/// the day it was read. Every case in this target names one, so a reader can check it against the page.
struct CloudflareSource: Sendable, CustomStringConvertible {
    /// The page, as a developers.cloudflare.com address; where the documentation does not give a behaviour, the
    /// Cloudflare blog post or the file of a Cloudflare repository that does.
    let page: String
    /// The heading, table or example on the page.
    let part: String
    /// The day the page was read, YYYY-MM-DD.
    let read: String

    var description: String { "\(page) (\(part), read \(read))" }
}
