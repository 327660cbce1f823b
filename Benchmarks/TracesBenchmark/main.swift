import EdgeWire
import Foundation
import Glibc
import Traces

// Parsing speed of the native trace reader: writes a 1,000,000-record native JSONL file (about 256 bytes a
// record, varied, a few seconds out of order) to a temporary directory if it is not there yet, parses it, then
// reads it again in time order (default tolerance), and prints records/s for each pass and peak RSS.
// Usage: TracesBenchmark [records] [directory]

/// A small deterministic generator (xorshift64*), so the benchmark file is the same on every machine.
struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }
    mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

let arguments = CommandLine.arguments
let recordCount = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let directory = arguments.count > 2 ? arguments[2] : "/tmp/edgeproof-traces-benchmark"
let path = "\(directory)/native-\(recordCount).jsonl"

func seconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func peakResidentKilobytes() -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmHWM:") {
            return Int(text.dropFirst(6).filter { $0.isNumber }) ?? -1
        }
    }
    return -1
}

func writeBenchmarkTrace() throws {
    mkdir(directory, 0o755)
    let temporary = path + ".partial"
    let writer = try NativeTraceWriter(path: temporary)
    var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
    let hosts = ["api.agenticverz.com", "agenticverz.com", "cdn.agenticverz.com"]
    let paths = [
        "/v1/incidents", "/v1/incidents/{id}", "/v1/incidents/{id}/events", "/assets/app.{id}.js",
        "/assets/style.{id}.css", "/", "/login", "/wp-login.php", "/api/v2/search", "/images/logo-{id}.png",
    ]
    let agents = [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Mobile/15E148",
        "curl/8.4.0", "python-requests/2.31.0", "sqlmap/1.7.2#stable (https://sqlmap.org)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    ]
    let countries = ["SG", "US", "DE", "IN", "JP", "BR", "KP"]
    let methods = ["GET", "GET", "GET", "GET", "POST", "HEAD", "PUT"]
    var time: Int64 = 1_766_224_800_000
    for _ in 0..<recordCount {
        var builder = TraceRecordBuilder()
        time += Int64(generator.below(7))
        // Within a few seconds out of order, as real logs are.
        builder.timestampMs = time - Int64(generator.below(3000))
        builder.ip = IPAddress(v4: UInt32(truncatingIfNeeded: generator.next() >> 20) | 0x0A00_0000)
        builder.method = generator.pick(methods)
        builder.host = generator.pick(hosts)
        builder.path = generator.pick(paths).replacingOccurrences(of: "{id}", with: String(generator.below(100_000)))
        if generator.below(3) == 0 { builder.query = "page=\(generator.below(50))" }
        var agent = generator.pick(agents)
        if generator.below(50) == 0 { agent += " \"quoted\" \u{e9}t\u{e9}" }
        builder.userAgent = agent
        builder.country = generator.pick(countries)
        if generator.below(2) == 0 { builder.asn = [13335, 16509, 15169, 4134, 9299][generator.below(5)] }
        if generator.below(2) == 0 { builder.headers = [("Accept", generator.below(2) == 0 ? "*/*" : "text/html")] }
        if generator.below(8) == 0 {
            builder.headers.append(("X-Request-Id", String(generator.next() >> 16, radix: 16)))
        }
        builder.status = [200, 200, 200, 304, 404, 301][generator.below(6)]
        builder.bytes = generator.below(60_000)
        if generator.below(2) == 0 { builder.originMs = 5 + generator.below(200) }
        try writer.write(builder.build())
    }
    try writer.finish()
    rename(temporary, path)
}

if access(path, R_OK) != 0 {
    print("writing \(recordCount) records to \(path) …")
    let start = seconds()
    try writeBenchmarkTrace()
    print(String(format: "  written in %.2f s", seconds() - start))
}

var stats = stat()
stat(path, &stats)
let reader = try TraceReader(path: path)
let start = seconds()
var records = 0
var checksum = 0
while let record = try reader.next() {
    records += 1
    checksum &+= (record.status ?? 0) &+ Int(record.path.count) &+ Int(record.userAgent.count)
}
let elapsed = seconds() - start
let rate = Double(records) / elapsed
print(
    "parsed \(records) records (\(stats.st_size / records) bytes a record, format \(reader.format.rawValue)) in "
        + String(format: "%.3f s", elapsed))
print(String(format: "records/s: %.0f", rate))
print(String(format: "MB/s: %.1f", Double(stats.st_size) / elapsed / 1e6))
print("malformed lines: \(reader.statistics.malformedLines), checksum \(checksum)")

var ordered = TimeOrderedTraceReader(try TraceReader(path: path))
let orderedStart = seconds()
var orderedRecords = 0
var orderedChecksum = 0
try ordered.forEachRecord { item in
    orderedRecords += 1
    orderedChecksum &+=
        item.inputIndex &* Int(truncatingIfNeeded: item.virtualTimeMs & 0xFFFF) &+ Int(item.record.path.count)
}
let orderedElapsed = seconds() - orderedStart
print(
    "time-ordered \(orderedRecords) records in " + String(format: "%.3f s", orderedElapsed)
        + " (\(ordered.lateRecords) late, at most \(ordered.peakBuffered) held), checksum \(orderedChecksum)")
print(String(format: "time-ordered records/s: %.0f", Double(orderedRecords) / orderedElapsed))
print("peak RSS: \(peakResidentKilobytes() / 1024) MiB (VmHWM)")
