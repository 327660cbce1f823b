/// A growable list of header fields that a parser refills for every line, without the uniqueness checks and
/// resizing calls of an array on the hot path. Owned by one parser; not shared between threads.
final class HeaderScratch {
    /// The fields gathered so far.
    @exclusivity(unchecked) private(set) var fields: UnsafeMutablePointer<HeaderField>
    /// How many fields there are.
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    /// Creates an empty list with room for `capacity` fields before it grows.
    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
        fields = UnsafeMutablePointer<HeaderField>.allocate(capacity: self.capacity)
    }

    deinit { fields.deallocate() }

    /// Adds a field at the end.
    @inline(__always)
    func append(_ field: HeaderField) {
        if count == capacity { grow() }
        (fields + count).initialize(to: field)
        count += 1
    }

    /// Forgets every field.
    @inline(__always)
    func removeAll() { count = 0 }

    private func grow() {
        let larger = UnsafeMutablePointer<HeaderField>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: fields, count: count)
        fields.deallocate()
        fields = larger
        capacity *= 2
    }
}
