import EdgeWire
import Testing

@Test func aQueueGivesElementsBackInTheOrderTheyCameThroughEveryCompaction() {
    var queue = FIFOQueue<Int>()
    var model: [Int] = []
    var generator = SplitMix64(state: 7)
    var next = 0
    for _ in 0..<20_000 {
        if generator.next() % 3 != 0 || model.isEmpty {
            queue.append(next)
            model.append(next)
            next += 1
        } else {
            #expect(queue.removeFirst() == model.removeFirst())
        }
        #expect(queue.count == model.count && queue.isEmpty == model.isEmpty)
        if let first = model.first, let last = model.last {
            #expect(queue.first == first && queue.last == last)
        }
    }
    queue.removeAll(keepingCapacity: false)
    #expect(queue.isEmpty && queue.count == 0)
}
