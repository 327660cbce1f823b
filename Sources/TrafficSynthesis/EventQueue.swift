/// The synthesizer's schedule: a binary min-heap of what happens next, ordered by time and, for equal times, by
/// the order things were scheduled (so the output does not depend on heap internals).
///
/// It holds one entry per population (its next arrival) and one per client between two of its requests, never
/// past requests: its size is the number of live clients, not the length of the trace. Clients wait in a slab
/// beside the heap so that sifting moves plain values, not references.
struct EventQueue {
    /// One scheduled event: a population's next arrival (`session` nil) or a client's next request.
    struct Event {
        let time: Double
        let population: Int
        let session: ClientSession?
    }

    /// A heap entry; `slot` indexes `sessions`, or is -1 for an arrival.
    private struct Entry {
        let time: Double
        let order: UInt64
        let population: Int32
        let slot: Int32
    }

    private var heap: [Entry] = []
    private var sessions: [ClientSession?] = []
    private var freeSlots: [Int32] = []
    private var scheduled: UInt64 = 0

    /// Adds an event.
    mutating func schedule(time: Double, population: Int, session: ClientSession?) {
        var slot: Int32 = -1
        if let session {
            if let free = freeSlots.popLast() {
                slot = free
                sessions[Int(free)] = session
            } else {
                slot = Int32(sessions.count)
                sessions.append(session)
            }
        }
        heap.append(Entry(time: time, order: scheduled, population: Int32(population), slot: slot))
        scheduled += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest event.
    mutating func popFirst() -> Event? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                let right = left + 1
                let smaller = right < heap.count && precedes(heap[right], heap[left]) ? right : left
                guard precedes(heap[smaller], last) else { break }
                heap[parent] = heap[smaller]
                parent = smaller
            }
            heap[parent] = last
        }
        var session: ClientSession?
        if first.slot >= 0 {
            swap(&session, &sessions[Int(first.slot)])
            freeSlots.append(first.slot)
        }
        return Event(time: first.time, population: Int(first.population), session: session)
    }

    private func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.time < b.time || (a.time == b.time && a.order < b.order)
    }
}
