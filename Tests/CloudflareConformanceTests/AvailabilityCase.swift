import EdgeCore
import Testing

/// A setting of an availability table: a spec that sets it to a value on a plan, and the diagnostic a value the plan
/// does not allow is reported with.
protocol AvailabilitySetting: RawRepresentable<String>, Sendable {
    /// The diagnostic a rejected value is reported with.
    var errorID: String { get }
    /// A spec on `plan` with the setting at `value` and everything else accepted on every plan.
    func spec(plan: CloudflarePlan, value: String) -> String
}

/// One row of a Cloudflare availability table: on `plan`, `setting` at `value` is accepted or not.
struct AvailabilityCase<Setting: AvailabilitySetting>: Sendable, CustomTestStringConvertible {
    let plan: CloudflarePlan
    let setting: Setting
    let value: String
    let accepted: Bool
    let source: CloudflareSource

    var testDescription: String {
        "\(plan.rawValue): \(setting.rawValue) \(value) \(accepted ? "accepted" : "rejected")"
    }

    /// `check` accepts the row exactly when Cloudflare's table does, and rejects it with the setting's diagnostic.
    func expectCheckAgrees() {
        let errors = ConformanceSpec.errors(setting.spec(plan: plan, value: value))
        let found = errors.map { "\($0.id) \($0.message)" }
        if accepted {
            #expect(errors.isEmpty, "\(source): \(found)")
        } else {
            #expect(!errors.isEmpty && errors.allSatisfy { $0.id == setting.errorID }, "\(source): \(found)")
        }
    }
}
