/// The fields of Cloudflare's `http_requests` logs (Logpush and Logpull name them alike) that the Logpush reader
/// understands: what `pull-logs` asks for.
public enum LogpushFields {
    /// The field names, in the order the reader lists them.
    public static var names: [String] { LogpushTraceParser.fieldNames }
}
