import EdgeModel
import ManagedRules
import RulesLanguage
import Testing

/// The memo's bounds, its CLOCK eviction and its counters, with keys made in code (no CRS needed).
struct VerdictMemoTests {
    static func key(_ path: String, body: [UInt8]? = nil, ip: String = "198.51.100.7") -> VerdictMemoKey {
        let request = CRSRequest(
            method: Array("GET".utf8), uri: Array(path.utf8), version: Array("1.1".utf8),
            headers: [HTTPHeader("Host", "api.example.com")], clientIP: ip, body: body)
        return VerdictMemoKey(request, addressUse: .comparedWith(["127.0.0.1", "::1"]))
    }

    static func verdict(_ score: Int) -> ManagedRulesVerdict {
        ManagedRulesVerdict(matches: [ManagedRuleMatch(id: 942_100, paranoiaLevel: 1, score: 5)], levelScores: [score])
    }

    @Test("A stored verdict is found again, and hits and misses are counted")
    func storeAndFind() {
        let memo = VerdictMemo()
        #expect(memo.verdict(for: Self.key("/a")) == nil)
        memo.store(Self.verdict(5), for: Self.key("/a"))
        #expect(memo.verdict(for: Self.key("/a")) == Self.verdict(5))
        #expect(memo.verdict(for: Self.key("/b")) == nil)
        let statistics = memo.statistics
        #expect(statistics.hits == 1 && statistics.misses == 2 && statistics.entries == 1)
    }

    @Test("However many distinct requests arrive, the memo holds at most its capacity")
    func capacityBound() {
        let memo = VerdictMemo(capacity: 100)
        for index in 0..<20_000 {
            let key = Self.key("/item/\(index)")
            if memo.verdict(for: key) == nil { memo.store(Self.verdict(index), for: key) }
        }
        let statistics = memo.statistics
        #expect(statistics.entries == 100)
        #expect(statistics.evictions == 19_900)
        #expect(memo.verdict(for: Self.key("/item/19999")) == Self.verdict(19_999))
    }

    @Test("Keys with large bodies stay within the byte budget, and a key over an eighth of it is not kept")
    func byteBudget() {
        let memo = VerdictMemo(capacity: 1_000, byteBudget: 1 << 20)
        let body = [UInt8](repeating: 0x61, count: 64 << 10)
        for index in 0..<200 { memo.store(Self.verdict(index), for: Self.key("/upload/\(index)", body: body)) }
        #expect(memo.statistics.bytes <= 1 << 20)
        #expect(memo.statistics.entries < 16)
        let huge = [UInt8](repeating: 0x62, count: 200 << 10)
        memo.store(Self.verdict(1), for: Self.key("/huge", body: huge))
        #expect(memo.verdict(for: Self.key("/huge", body: huge)) == nil)
    }

    @Test("A verdict asked for again and again survives a stream of one-off requests (CLOCK's second chance)")
    func frequentVerdictStays() {
        let memo = VerdictMemo(capacity: 64)
        let hot = Self.key("/health")
        memo.store(Self.verdict(0), for: hot)
        for index in 0..<10_000 {
            #expect(memo.verdict(for: hot) != nil, "evicted after \(index) one-off requests")
            let key = Self.key("/once/\(index)")
            if memo.verdict(for: key) == nil { memo.store(Self.verdict(index), for: key) }
        }
    }

    @Test("The key leaves out the client address except whether it is one the rules compare with")
    func keyAndClientAddress() {
        #expect(Self.key("/a", ip: "198.51.100.7") == Self.key("/a", ip: "203.0.113.9"))
        #expect(Self.key("/a", ip: "127.0.0.1") != Self.key("/a", ip: "203.0.113.9"))
        #expect(Self.key("/a", ip: "::1") != Self.key("/a", ip: "127.0.0.1"))
        let request = CRSRequest(
            method: Array("GET".utf8), uri: Array("/a".utf8), version: Array("1.1".utf8), headers: [],
            clientIP: "198.51.100.7", body: nil)
        let other = CRSRequest(
            method: Array("GET".utf8), uri: Array("/a".utf8), version: Array("1.1".utf8), headers: [],
            clientIP: "203.0.113.9", body: nil)
        let whole = CRSClientAddressUse.whole(reason: "test")
        #expect(VerdictMemoKey(request, addressUse: whole) != VerdictMemoKey(other, addressUse: whole))
    }
}
