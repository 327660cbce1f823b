import Testing

@testable import ManagedRules

/// `CRSCollection`, whose members a transaction starts from are shared and never copied, against an ordered list of
/// names and values doing the same operations, with the members shared at random points.
struct CRSCollectionTests {
    @Test("Random sets, unsets and shares agree with an ordered list", arguments: [1, 2, 3])
    func agreesWithAnOrderedList(seed: UInt64) throws {
        let pattern = try SecLangRegex(pattern: "^name_[13]")
        let cache = CRSOutcomeCache(slots: 1, lists: 1, targets: 1, byteBudget: 1 << 16)
        var collection = CRSCollection()
        var model: [(key: String, value: String)] = []
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func name(_ text: String) -> CRSName { CRSName(Array(text.utf8)) }
        for step in 0..<3_000 {
            let key = "name_\(next(6))"
            switch next(10) {
            case 0..<5:
                let value = "\(step)"
                collection.set(name(key), Array(value.utf8))
                if let position = model.firstIndex(where: { $0.key == key }) {
                    model[position].value = value
                } else {
                    model.append((key, value))
                }
            case 5..<8:
                collection.remove(name(key))
                model.removeAll { $0.key == key }
            default:
                collection = collection.share(selectedBy: next(2) == 0 ? [pattern] : [], cache: cache)
            }
            var members: [(key: String, value: String)] = []
            collection.forEachMember {
                members.append((String(decoding: $0.bytes, as: UTF8.self), String(decoding: $1, as: UTF8.self)))
            }
            #expect(members.map(\.key) == model.map(\.key))
            #expect(members.map(\.value) == model.map(\.value))
            #expect(collection.count == model.count)
            for probe in 0..<6 {
                let expected = model.first { $0.key == "name_\(probe)" }?.value
                #expect(collection.value(name("name_\(probe)")).map { String(decoding: $0, as: UTF8.self) } == expected)
            }
            var selected: [String] = []
            collection.forEachMember(selectedBy: pattern, cache: cache) { key, _ in
                selected.append(String(decoding: key.bytes, as: UTF8.self))
            }
            #expect(selected == model.map(\.key).filter { $0 == "name_1" || $0 == "name_3" })
        }
    }
}
