/// A first-in first-out queue on one array: taken elements are dropped from the front in bulk, so both ends are
/// amortised O(1) and the array stays as large as the most elements held at once (plus what was taken since the
/// last compaction).
@usableFromInline
struct FIFOQueue<Element> {
    @usableFromInline var elements: [Element] = []
    @usableFromInline var head = 0

    @inlinable
    init() {}

    /// How many elements are held.
    @inlinable
    var count: Int { elements.count - head }

    @inlinable
    var isEmpty: Bool { head == elements.count }

    /// The oldest element; only when not empty.
    @inlinable
    var first: Element { elements[head] }

    /// The newest element; only when not empty.
    @inlinable
    var last: Element { elements[elements.count - 1] }

    @inlinable
    mutating func append(_ element: Element) {
        elements.append(element)
    }

    /// Takes the oldest element; only when not empty.
    @inlinable
    mutating func removeFirst() -> Element {
        let element = elements[head]
        head += 1
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 4096, head * 2 > elements.count {
            elements.removeFirst(head)
            head = 0
        }
        return element
    }
}
