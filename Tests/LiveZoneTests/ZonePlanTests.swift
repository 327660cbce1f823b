import EdgeCore
import Testing

@testable import LiveZone

private func rule(_ ref: String, _ expression: String, action: String = "block", extra: [(String, JSONValue)] = [])
    -> JSONValue
{
    .object(
        [
            ("ref", .string(ref)), ("description", .string("[\(ref)] rule \(ref)")),
            ("expression", .string(expression)), ("action", .string(action)), ("enabled", true),
        ] + extra)
}

/// A rule as the API answers: with its id, version and time, members in another order.
private func answered(_ rule: JSONValue, id: String) -> JSONValue {
    .object(
        [("id", .string(id)), ("version", "2"), ("last_updated", "2026-11-30T00:00:00Z")]
            + (rule.objectMembers ?? []).reversed())
}

private func plan(_ compiled: [JSONValue], _ live: [JSONValue]?) -> ZonePlan.Phase? {
    ZonePlan(
        compiled: ["http_request_firewall_custom": .object([("rules", .array(compiled))])],
        live: live.map { [.custom: .object([("rules", .array($0))])] } ?? [:], specName: "edge.yaml"
    ).phases.first
}

@Test func theSameRulesAsTheAPIAnswersThemAreNoChange() throws {
    let rules = [rule("a", "true"), rule("b", "http.host eq \"x\"")]
    let phase = try #require(plan(rules, rules.enumerated().map { answered($1, id: "id\($0)") }))
    #expect(phase.changes.isEmpty)
    #expect(phase.hasEntrypoint)
}

@Test func addedChangedMovedAndRemovedRulesAreTold() throws {
    let live = [rule("a", "true"), rule("b", "http.host eq \"x\""), rule("c", "true"), rule("d", "false")]
    let compiled = [
        rule("c", "true"), rule("a", "true"), rule("b", "http.host eq \"y\"", action: "log"), rule("e", "true"),
    ]
    let phase = try #require(plan(compiled, live))
    let summary = phase.changes.map { "\($0.kind.rawValue) \($0.rule) \($0.position)" }
    #expect(summary == ["moved c 1", "changed b 3", "added e 4", "removed d 4"])
    let changed = try #require(phase.changes.first { $0.kind == .changed })
    #expect(changed.fields.map(\.field) == ["expression", "action"])
    #expect(changed.fields[1].live == "block" && changed.fields[1].compiled == "log")
}

@Test func nestedSettingsAreComparedFieldByField() throws {
    let response: (Int64) -> [(String, JSONValue)] = { status in
        [("action_parameters", .object([("response", .object([("status_code", .int(status)), ("content", "x")]))]))]
    }
    let phase = try #require(plan([rule("a", "true", extra: response(403))], [rule("a", "true", extra: response(418))]))
    #expect(phase.changes.first?.fields.map(\.field) == ["action_parameters.response.status_code"])
}

@Test func emptyMembersTheAPIFillsInAreNoChange() throws {
    let live = rule("a", "true", extra: [("logging", .object([])), ("counting_expression", ""), ("position", .null)])
    #expect(try #require(plan([rule("a", "true")], [live])).changes.isEmpty)
    let set = rule("a", "true", extra: [("counting_expression", "http.host eq \"x\"")])
    #expect(
        try #require(plan([rule("a", "true")], [set])).changes.first?.fields.map(\.field) == ["counting_expression"])
}

@Test func handMadeRulesAreToldApartAndMatchedByTheIdImportGivesThem() throws {
    let handMade: JSONValue = .object([
        ("id", "6a4c5b7c8d9e4f00a1b2c3d4e5f60718"), ("ref", "6a4c5b7c8d9e4f00a1b2c3d4e5f60718"),
        ("description", "Block admin"), ("expression", "true"), ("action", "block"), ("enabled", true),
    ])
    let other: JSONValue = .object([
        ("ref", "7b5d6c8d9eaf4011b2c3d4e5f6071829"), ("description", "Something else"), ("expression", "false"),
        ("action", "log"),
    ])
    let imported = rule("block-admin", "true")
    let phase = try #require(plan([imported], [handMade, other]))
    #expect(phase.changes.map(\.kind) == [.changed, .removed])
    #expect(phase.changes[0].rule == "block-admin" && !phase.changes[0].writtenByEdgeProof)
    #expect(phase.changes[1].rule == "7b5d6c8d9eaf4011b2c3d4e5f6071829" && !phase.changes[1].writtenByEdgeProof)
    #expect(ZonePlan.isWrittenByEdgeProof(imported))
}

@Test func aPhaseTheSpecLacksIsEmptiedAndOneNeitherHasIsLeftOut() throws {
    let phase = try #require(plan([], [rule("a", "true")]))
    #expect(phase.body["rules"] == .array([]))
    #expect(phase.changes.map(\.kind) == [.removed])
    let none = ZonePlan(compiled: [:], live: [:], specName: "edge.yaml")
    #expect(none.phases.isEmpty && !none.hasChanges)
    let missing = try #require(plan([rule("a", "true")], nil))
    #expect(!missing.hasEntrypoint && missing.changes.map(\.kind) == [.added])
}

@Test(arguments: [
    ("a b c", "a b c", "a b c"),
    ("a b c", "a x c", "a [-b-] {+x+} c"),
    ("a b", "a b c d", "a b {+c d+}"),
    ("x a b", "a b", "[-x-] a b"),
    ("", "a", "{+a+}"),
])
func wordDiffsMarkWhatChanged(old: String, new: String, expected: String) {
    #expect(WordDiff.render(old: old, new: new) == expected)
}

@Test func logWindowsAreAnHourAtMostAndCoverTheRangeOnce() {
    let hour: Int64 = 3_600_000
    #expect(LogPull.windows(since: 0, until: 3 * hour) == [0..<hour, hour..<(2 * hour), (2 * hour)..<(3 * hour)])
    #expect(LogPull.windows(since: 5, until: hour + 10) == [5..<(hour + 5), (hour + 5)..<(hour + 10)])
    #expect(LogPull.windows(since: 0, until: 1) == [0..<1])
}

@Test func theFieldsAskedForAreThoseTheReaderKnowsThatTheZoneOffers() {
    #expect(
        LogPull.fields(offered: ["ZoneID", "ClientIP", "EdgeStartTimestamp", "RayID"]) == [
            "EdgeStartTimestamp", "ClientIP", "RayID",
        ])
}
