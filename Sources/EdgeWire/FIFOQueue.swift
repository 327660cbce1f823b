/// A first-in first-out queue on one array: taken elements are dropped from the front in bulk, so both ends are
/// amortised O(1) and the array stays as large as the most elements held at once (plus what was taken since the
/// last compaction). The trace reader's re-ordering buffer and the rate limiter's logs and lagged counts use it.
@frozen
public struct FIFOQueue<Element> {
    @usableFromInline var elements: [Element] = []
    @usableFromInline var head = 0

    /// An empty queue.
    @inlinable
    public init() {}

    /// How many elements are held.
    @inlinable
    public var count: Int { elements.count - head }

    /// Whether no element is held.
    @inlinable
    public var isEmpty: Bool { head == elements.count }

    /// The oldest element; only when not empty.
    @inlinable
    public var first: Element { elements[head] }

    /// The newest element; only when not empty.
    @inlinable
    public var last: Element { elements[elements.count - 1] }

    /// Adds `element` as the newest.
    @inlinable
    public mutating func append(_ element: Element) {
        elements.append(element)
    }

    /// Takes the oldest element; only when not empty.
    @inlinable
    @discardableResult
    public mutating func removeFirst() -> Element {
        let element = elements[head]
        head += 1
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 32, head * 2 > elements.count {
            elements.removeFirst(head)
            head = 0
        }
        return element
    }

    /// Forgets every element; `keepingCapacity: false` also frees the storage.
    @inlinable
    public mutating func removeAll(keepingCapacity: Bool) {
        elements.removeAll(keepingCapacity: keepingCapacity)
        head = 0
    }
}
