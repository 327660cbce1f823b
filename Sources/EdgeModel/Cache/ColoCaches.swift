/// One cache store per data centre: a request only sees the cache of the colo that served it.
struct ColoCaches {
    /// Capacity of each store.
    let capacityBytes: Int64
    /// The stores, indexed through `indexByColo`.
    var stores: [CacheStore] = []
    private var indexByColo: [[UInt8]: Int] = [:]
    private var lastColo: [UInt8]?
    private var lastIndex = 0

    /// Stores of `capacityBytes` each.
    init(capacityBytes: Int64) {
        self.capacityBytes = capacityBytes
    }

    /// The index of `colo`'s store, creating it on first use.
    @inline(__always)
    mutating func index(for colo: [UInt8]) -> Int {
        if let lastColo, lastColo == colo { return lastIndex }
        let index: Int
        if let known = indexByColo[colo] {
            index = known
        } else {
            index = stores.count
            stores.append(CacheStore(capacityBytes: capacityBytes))
            indexByColo[colo] = index
        }
        lastColo = colo
        lastIndex = index
        return index
    }

    /// The store of `colo`, if it has been used.
    func store(for colo: [UInt8]) -> CacheStore? {
        indexByColo[colo].map { stores[$0] }
    }
}
