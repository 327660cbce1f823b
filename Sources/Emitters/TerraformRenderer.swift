import EdgeCompiler
import EdgeCore

/// Renders `terraform/cloudflare.tf`: one `cloudflare_ruleset` per phase in provider v5 syntax
/// (`rules = [ { … } ]`), built from the same rule objects as the JSON bodies, HCL-escaped, and with `imports`, an
/// `import` block for each phase whose entrypoint ruleset the zone already has.
enum TerraformRenderer {
    static func render(
        _ phases: [CloudflareRulesetRenderer.Phase], edge: CompiledEdge, templates: TemplateSet,
        imports: TerraformImports?
    ) throws -> String {
        try templates.render(
            "cloudflare.tf",
            [
                "header": ProvenanceHeader.text(for: edge),
                "zone": edge.zone.name,
                "rulesets": phases.map { phase -> [String: Any] in
                    var ruleset: [String: Any] = [
                        "phase": phase.name, "title": phase.title,
                        "description": CloudflareRulesetRenderer.description(edge),
                        "rules": HCLValueWriter.write(.array(phase.rules), indent: 2),
                    ]
                    if let imports, let id = imports.rulesetIDs[phase.name] {
                        ruleset["importID"] = "zones/\(imports.zoneID)/\(id)"
                    }
                    return ruleset
                },
            ])
    }
}

/// Writes a JSON value as an HCL2 expression (objects as `{ key = value }`, arrays as `[ … ]`), one attribute per
/// line, strings escaped for HCL (including `${` and `%{`), laid out as `terraform fmt` (hclwrite) lays it out:
/// two spaces per level, and `=` aligned within each run of consecutive single-line attributes of one object. An
/// attribute whose value opens a multi-line `{`/`[` keeps one space before its `=` and ends the run.
enum HCLValueWriter {
    static func write(_ value: JSONValue, indent: Int) -> String {
        var out = ""
        append(value, indent: indent, to: &out)
        return out
    }

    private static func append(_ value: JSONValue, indent: Int, to out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .null: out += "null"
        case let .bool(flag): out += flag ? "true" : "false"
        case let .int(number): out += String(number)
        case let .double(number): out += "\(number)"
        case let .string(text): out += "\"" + HCLStringContent().escapeText(text) + "\""
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for item in items {
                out += pad + "  "
                append(item, indent: indent + 2, to: &out)
                out += ",\n"
            }
            out += pad + "]"
        case let .object(members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let widths = alignedKeyWidths(members)
            for ((key, member), width) in zip(members, widths) {
                let written = hclKey(key)
                out += pad + "  " + written + String(repeating: " ", count: width - written.count) + " = "
                append(member, indent: indent + 2, to: &out)
                out += "\n"
            }
            out += pad + "}"
        }
    }

    /// An object key as HCL reads it: bare when it is an identifier (Unicode `ID_Start`, then `ID_Continue` or `-`,
    /// as HCL's native syntax defines them), quoted otherwise (a ruleset id that starts with a digit, as in a skip
    /// rule's `rules` map).
    static func hclKey(_ key: String) -> String {
        let scalars = key.unicodeScalars
        let identifier =
            scalars.first.map { $0.properties.isIDStart || $0 == "_" } == true
            && scalars.allSatisfy { $0.properties.isIDContinue || $0 == "-" }
        return identifier ? key : "\"" + HCLStringContent().escapeText(key) + "\""
    }

    /// The column each member's `=` follows: the longest key of the run of consecutive single-line members it
    /// belongs to, or its own key's length when its value spans several lines (such a member ends the run, as in
    /// hclwrite's `formatCells`).
    private static func alignedKeyWidths(_ members: [(String, JSONValue)]) -> [Int] {
        var widths: [Int] = []
        var run: [Int] = []
        func closeRun() {
            let width = run.max() ?? 0
            widths += run.map { _ in width }
            run = []
        }
        for (key, member) in members {
            let length = hclKey(key).count
            if spansLines(member) {
                closeRun()
                widths.append(length)
            } else {
                run.append(length)
            }
        }
        closeRun()
        return widths
    }

    /// Whether the written value takes more than one line: a non-empty array or object.
    private static func spansLines(_ value: JSONValue) -> Bool {
        switch value {
        case let .array(items): !items.isEmpty
        case let .object(members): !members.isEmpty
        default: false
        }
    }
}

/// The live entrypoint rulesets a zone already has, for Terraform `import` blocks (`build --terraform-import`):
/// Terraform adopts them instead of failing to create a second entrypoint.
public struct TerraformImports: Sendable, Equatable {
    /// The zone id.
    public var zoneID: String
    /// Each phase's entrypoint ruleset id, by phase name.
    public var rulesetIDs: [String: String]

    /// Imports from their parts.
    public init(zoneID: String, rulesetIDs: [String: String]) {
        self.zoneID = zoneID
        self.rulesetIDs = rulesetIDs
    }
}
