import EdgeModel
import Foundation

/// How often a memo found the verdict it was asked for.
public struct VerdictMemoStatistics: Sendable, Hashable {
    /// Look-ups answered from the memo.
    public var hits = 0
    /// Look-ups that had to evaluate the request.
    public var misses = 0
    /// Verdicts dropped to stay within the bounds.
    public var evictions = 0
    /// Verdicts held now.
    public var entries = 0
    /// Key bytes held now.
    public var bytes = 0

    /// The share of look-ups answered from the memo, 0 when there were none.
    public var hitRate: Double {
        hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses)
    }
}

/// A bounded table of verdicts by `VerdictMemoKey`, safe to use from several threads.
///
/// At most `capacity` entries and `byteBudget` key bytes are held whatever the trace length; when either would be
/// exceeded, entries are evicted with the CLOCK algorithm (a second chance for every entry found since the hand
/// last passed it), so verdicts asked for again and again stay. A key larger than an eighth of the budget is not
/// kept. Which verdicts are held depends on the order of look-ups and stores, never a verdict itself: a verdict
/// depends only on its key.
public final class VerdictMemo: @unchecked Sendable {
    /// The most verdicts held at once.
    public let capacity: Int
    /// The most key bytes held at once.
    public let byteBudget: Int

    private let lock = NSLock()
    private var positions: [VerdictMemoKey: Int] = [:]
    private var keys: [VerdictMemoKey?] = []
    private var verdicts: [ManagedRulesVerdict] = []
    private var referenced: [Bool] = []
    private var hand = 0
    private var counts = VerdictMemoStatistics()

    /// The default bounds: 65,536 verdicts and 64 MiB of keys.
    public static let defaultCapacity = 65_536
    /// The default byte budget for keys.
    public static let defaultByteBudget = 64 << 20

    /// An empty memo holding at most `capacity` verdicts (at least 1) and `byteBudget` key bytes.
    public init(capacity: Int = VerdictMemo.defaultCapacity, byteBudget: Int = VerdictMemo.defaultByteBudget) {
        self.capacity = max(1, capacity)
        self.byteBudget = max(1, byteBudget)
    }

    /// The verdict stored for `key`, counting a hit, or nil, counting a miss.
    public func verdict(for key: VerdictMemoKey) -> ManagedRulesVerdict? {
        lock.lock()
        defer { lock.unlock() }
        guard let position = positions[key] else {
            counts.misses += 1
            return nil
        }
        counts.hits += 1
        referenced[position] = true
        return verdicts[position]
    }

    /// Keeps `verdict` for `key`, evicting older entries as the bounds require.
    public func store(_ verdict: ManagedRulesVerdict, for key: VerdictMemoKey) {
        let size = key.byteCount
        guard size <= byteBudget / 8 else { return }
        lock.lock()
        defer { lock.unlock() }
        if let position = positions[key] {
            verdicts[position] = verdict
            return
        }
        while counts.entries >= capacity || counts.bytes + size > byteBudget { evictOne() }
        let position: Int
        if keys.count < capacity {
            position = keys.count
            keys.append(key)
            verdicts.append(verdict)
            referenced.append(false)
        } else {
            position = nextFree()
            keys[position] = key
            verdicts[position] = verdict
            referenced[position] = false
        }
        positions[key] = position
        counts.entries += 1
        counts.bytes += size
    }

    /// The counters so far.
    public var statistics: VerdictMemoStatistics {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    /// Drops the first entry the hand reaches without a second chance left.
    private func evictOne() {
        while true {
            if hand >= keys.count { hand = 0 }
            defer { hand += 1 }
            guard let key = keys[hand] else { continue }
            if referenced[hand] {
                referenced[hand] = false
                continue
            }
            positions[key] = nil
            keys[hand] = nil
            verdicts[hand] = .clean
            counts.entries -= 1
            counts.bytes -= key.byteCount
            counts.evictions += 1
            return
        }
    }

    /// A free position, searched from the hand (which just freed one).
    private func nextFree() -> Int {
        var position = hand == 0 ? keys.count - 1 : hand - 1
        while keys[position] != nil { position = (position + 1) % keys.count }
        return position
    }
}
