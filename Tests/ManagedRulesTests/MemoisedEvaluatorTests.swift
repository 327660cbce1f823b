import EdgeModel
import EdgeWire
import Foundation
import ManagedRules
import RulesLanguage
import Testing

/// Memoised verdicts against libmodsecurity's own: what the key keeps of the client address, batches on several
/// threads, and the slot that hands a verdict computed ahead to one model.
@Suite(.enabled(if: CRSAvailability.installed, CRSAvailability.skipMessage))
struct MemoisedEvaluatorTests {
    static let engine: ModSecurityEngine? = try? ModSecurityEngines.engine()

    static func setup() throws -> [SecLangDirective] {
        let file = CRSInstallation.debian.setupFile
        return SecLangReader.directives(in: try String(contentsOfFile: file, encoding: .utf8), file: file)
    }

    static func memoised(capacity: Int = VerdictMemo.defaultCapacity) throws -> MemoisedEvaluator {
        let engine = try #require(Self.engine)
        return MemoisedEvaluator(
            engine: engine, addressUse: CRSClientAddressUse.analysing(engine.catalogue, setup: try setup()),
            memo: VerdictMemo(capacity: capacity))
    }

    /// Apache's internal dummy connection: from 127.0.0.1 or ::1, CRS 905110 turns the rule engine off.
    static func dummyConnection(from ip: String) -> HTTPRequest {
        var request = HTTPRequest()
        request.method = Array("GET".utf8)
        request.path = Array("/".utf8)
        request.version = Array("HTTP/1.1".utf8)
        request.host = Array("127.0.0.1".utf8)
        request.headers = [HTTPHeader("User-Agent", "Apache/2.4.58 (Debian) (internal dummy connection)")]
        request.ip = IPAddress.parse(ip)!
        return request
    }

    /// A mix of benign requests and probes from a few clients, with repeats.
    static func mix(count: Int) -> [HTTPRequest] {
        let targets = [
            "/v1/incidents?page=2&limit=50", "/v1/incidents?q=1%27%20UNION%20SELECT%20password%20FROM%20users--",
            "/v1/incidents?q=%3Cscript%3Ealert(1)%3C/script%3E", "/health", "/v1/search?q=../../etc/passwd",
            "/v1/run?cmd=;cat%20/etc/shadow", "/index.php?page=php://filter/resource=index",
        ]
        let clients = ["198.51.100.7", "203.0.113.9", "127.0.0.1", "2001:db8::1"]
        return (0..<count).map { index in
            var request = ModSecurityEngineTests.request(targets[index % targets.count] + "&n=\(index % 5)")
            request.ip = IPAddress.parse(clients[index % clients.count])!
            return request
        }
    }

    @Test("CRS 3.3.4 as Debian sets it up compares the client address only with 127.0.0.1 and ::1")
    func addressUseOfDebianCRS() throws {
        let engine = try #require(Self.engine)
        let use = CRSClientAddressUse.analysing(engine.catalogue, setup: try Self.setup())
        #expect(use == .comparedWith(["127.0.0.1", "::1"]), "\(use)")
    }

    @Test("A setup that switches on DoS protection makes the whole client address part of the key")
    func activeDoSProtectionKeysOnTheAddress() throws {
        let engine = try #require(Self.engine)
        let setup = SecLangReader.directives(
            in: #"SecAction "id:900700,phase:1,nolog,pass,setvar:'tx.dos_counter_threshold=100'""# + "\n",
            file: "crs-setup.conf")
        guard case let .whole(reason) = CRSClientAddressUse.analysing(engine.catalogue, setup: setup) else {
            Issue.record("the address is not keyed whole")
            return
        }
        #expect(reason.contains("REQUEST-910-IP-REPUTATION.conf"), "\(reason)")
    }

    @Test("A setup that makes the reputation flag block makes the whole client address part of the key")
    func reputationBlockKeysOnTheAddress() throws {
        let engine = try #require(Self.engine)
        let setup = SecLangReader.directives(
            in: #"SecAction "id:900150,phase:1,nolog,pass,setvar:tx.do_reput_block=1""# + "\n", file: "crs-setup.conf")
        #expect(CRSClientAddressUse.analysing(engine.catalogue, setup: setup) != .comparedWith(["127.0.0.1", "::1"]))
    }

    @Test("A scanner's reputation flag (913 writes IP:) does not change the next verdicts for that client")
    func scannerFlagLeavesVerdictsAlone() throws {
        let engine = try #require(Self.engine)
        var scanner = ModSecurityEngineTests.request("/v1/incidents?page=1")
        scanner.headers = [HTTPHeader("User-Agent", "sqlmap/1.7.2#stable (https://sqlmap.org)")]
        scanner.ip = IPAddress.parse("198.51.100.77")!
        let first = engine.evaluate(scanner)
        #expect(first.matches.map(\.id).contains(913100))
        #expect(engine.evaluate(scanner) == first)
        scanner.ip = IPAddress.parse("203.0.113.78")!
        #expect(engine.evaluate(scanner) == first)
    }

    @Test("A rule reading REMOTE_ADDR with another operator makes the whole client address part of the key")
    func otherAddressReadKeysOnTheAddress() {
        let directive = SecLangDirective(
            name: "SecRule", arguments: ["REMOTE_ADDR", "@ipMatch 10.0.0.0/8", "id:1,phase:1,pass"], file: "x.conf",
            line: 3)
        let rule = CRSRule(
            id: 1, file: "x.conf", line: 3, phase: 1, tags: [], paranoiaLevel: 1, score: 0, directives: [directive])
        let catalogue = CRSRuleCatalogue(rules: [rule], files: ["x.conf"])
        #expect(
            CRSClientAddressUse.analysing(catalogue, setup: []) == .whole(reason: "rule 1 (x.conf:3) reads REMOTE_ADDR")
        )
    }

    @Test("The loopback flag is kept: 905110 turns the engine off for 127.0.0.1 only, and the memo agrees")
    func loopbackChangesTheVerdict() throws {
        let engine = try #require(Self.engine)
        let memoised = try Self.memoised()
        let outside = Self.dummyConnection(from: "198.51.100.7"), local = Self.dummyConnection(from: "127.0.0.1")
        #expect(engine.evaluate(outside).score(atParanoiaLevel: 1) > 0)
        #expect(engine.evaluate(local).levelScores == [0, 0, 0, 0])
        #expect(memoised.evaluate(outside) == engine.evaluate(outside))
        #expect(memoised.evaluate(local) == engine.evaluate(local))
        #expect(memoised.evaluate(Self.dummyConnection(from: "203.0.113.9")) == engine.evaluate(outside))
        #expect(memoised.memo.statistics.hits == 1 && memoised.memo.statistics.misses == 2)
    }

    @Test("Memoised verdicts, one by one or in batches on 1 to 8 threads, equal libmodsecurity's own")
    func batchesEqualTheEngine() throws {
        let engine = try #require(Self.engine)
        let requests = Self.mix(count: 400)
        let expected = requests.map { engine.evaluate($0) }
        #expect(expected.contains { $0.score(atParanoiaLevel: 1) >= 15 })
        let single = try Self.memoised()
        #expect(requests.map { single.evaluate($0) } == expected)
        var statistics: [VerdictMemoStatistics] = []
        for threads in [1, 2, 8] {
            let memoised = try Self.memoised(capacity: 256)
            let batches = stride(from: 0, to: requests.count, by: 100).map { Array(requests[$0..<min($0 + 100, 400)]) }
            let verdicts = batches.flatMap { batch in
                memoised.verdicts(for: batch.map { CRSRequest($0) }, threads: threads).map(\.verdict)
            }
            #expect(verdicts == expected, "\(threads) threads")
            statistics.append(memoised.memo.statistics)
        }
        #expect(statistics.allSatisfy { $0 == statistics[0] }, "the memo's counters depend on the threads")
        #expect(statistics[0].hits > 0)
    }

    @Test("A slot gives its held verdict only to the request it was computed for")
    func slotChecksTheRequest() throws {
        let engine = try #require(Self.engine)
        let slot = ManagedRulesVerdictSlot(source: try Self.memoised())
        let probe = ModSecurityEngineTests.request("/v1/incidents?q=%3Cscript%3Ealert(1)%3C/script%3E")
        let benign = ModSecurityEngineTests.request("/v1/incidents?page=2")
        let marker = ManagedRulesVerdict(matches: [], levelScores: [99])
        slot.hold(marker, for: slot.source.key(CRSRequest(probe)))
        #expect(slot.evaluate(probe) === marker)
        #expect(slot.evaluate(benign) == engine.evaluate(benign))
        slot.release()
        #expect(slot.evaluate(probe) == engine.evaluate(probe))
    }
}
