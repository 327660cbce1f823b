import EdgeCore

/// Where a secret's value comes from at deploy time. The spec never holds a value, only one of these references;
/// the generated scripts and templates fetch the value when they run (docs/secrets.md).
public enum SecretReference: Hashable, Sendable, CustomStringConvertible {
    /// `vault:path#key`: read from Vault.
    case vault(VaultReference)
    /// `env:NAME`: read from the deploying shell's environment variable `NAME`.
    case environment(EnvironmentReference)
    /// `fly:existing`: already set in the Fly app by hand; the scripts check it is there and leave it alone.
    case existingInFly(SourceRange)

    /// The reference as written in the spec.
    public var description: String {
        switch self {
        case .vault(let reference): reference.description
        case .environment(let reference): reference.description
        case .existingInFly: SecretReference.existingInFlyText
        }
    }

    /// Where the reference is written in the spec.
    public var range: SourceRange {
        switch self {
        case .vault(let reference): reference.range
        case .environment(let reference): reference.range
        case .existingInFly(let range): range
        }
    }

    /// The Vault reference, when the value comes from Vault.
    public var vault: VaultReference? {
        if case .vault(let reference) = self { reference } else { nil }
    }

    /// The text of a name-only Fly secret.
    static let existingInFlyText = "fly:existing"

    /// Which kinds a field accepts.
    enum Kinds {
        /// Vault references only (a value vault.hcl itself needs, such as a transit seal's token).
        case vault
        /// Vault and environment references (a Redis password: redis.conf needs the value itself).
        case vaultOrEnvironment
        /// Those, plus `fly:existing` (a Fly secret).
        case flySecret

        /// Whether `env:NAME` is accepted.
        var acceptsEnvironment: Bool { self != .vault }

        /// The JSON Schema pattern of an accepted reference.
        var pattern: String {
            let vault = String(VaultReference.pattern.dropFirst().dropLast())
            let environment = String(EnvironmentReference.pattern.dropFirst().dropLast())
            switch self {
            case .vault: return VaultReference.pattern
            case .vaultOrEnvironment: return "^(\(vault)|\(environment))$"
            case .flySecret: return "^(\(vault)|\(environment)|fly:existing)$"
            }
        }

        /// The forms to suggest in an error.
        var help: String {
            switch self {
            case .vault: "write vault:<kv path>#<key>, e.g. vault:agenticverz/redis#APP_PASSWORD"
            case .vaultOrEnvironment:
                "write vault:<kv path>#<key> (e.g. vault:app/redis#PASSWORD) or env:<VARIABLE> (read from the "
                    + "deploying shell)"
            case .flySecret:
                "write vault:<kv path>#<key>, env:<VARIABLE> (read from the deploying shell) or fly:existing (already "
                    + "set with fly secrets set)"
            }
        }
    }
}

/// A secret read from an environment variable of the shell that runs the generated script: `env:NAME`. Names are
/// upper case, which keeps them apart from the scripts' own lower-case variables.
public struct EnvironmentReference: Hashable, Sendable, CustomStringConvertible {
    /// The variable's name, e.g. `REDIS_PASSWORD`.
    public var name: String
    /// Where the reference is written in the spec.
    public var range: SourceRange

    /// `env:NAME`.
    public var description: String { "env:\(name)" }

    /// The JSON Schema pattern of a reference.
    static let pattern = "^env:[A-Z_][A-Z0-9_]*$"

    /// Parses `env:NAME`; nil when the text is not one.
    static func parse(_ text: String, range: SourceRange) -> EnvironmentReference? {
        SecretPatterns.isEnvironmentReference(text)
            ? EnvironmentReference(name: String(text.dropFirst(4)), range: range) : nil
    }
}

extension FieldType where Value == SecretReference {
    /// A Redis password: a Vault or environment reference.
    static var secretReference: FieldType<SecretReference> { secretReference(.vaultOrEnvironment) }

    /// A Fly secret: a Vault or environment reference, or `fly:existing`.
    static var flySecretReference: FieldType<SecretReference> { secretReference(.flySecret) }

    /// A reference of one of `kinds`; anything else — above all a literal secret — is an error that never
    /// repeats the value.
    static func secretReference(_ kinds: SecretReference.Kinds) -> FieldType<SecretReference> {
        let scalar = FieldType<ScalarNode>.stringScalar(schema: {
            .object([("type", "string"), ("pattern", .string(kinds.pattern))])
        })
        return FieldType(
            schema: scalar.schema, placeholder: { .existingInFly(.wholeFile("")) }
        ) { node, context in
            guard let value = scalar.decode(node, context) else { return nil }
            let text = value.value
            if let reference = VaultReference.parse(text, range: value.range) { return .vault(reference) }
            if kinds.acceptsEnvironment, let reference = EnvironmentReference.parse(text, range: value.range) {
                return .environment(reference)
            }
            if text == SecretReference.existingInFlyText {
                if kinds == .flySecret { return .existingInFly(value.range) }
                context.diagnostics.error(
                    "E0302", "fly:existing names a Fly app secret; this value is written into a generated file",
                    at: value.range, help: kinds.help)
                return nil
            }
            if text.hasPrefix("vault:") || text.hasPrefix("env:") || text.hasPrefix("fly:") {
                context.diagnostics.error(
                    "E0302", "'\(text)' is not a valid secret reference", at: value.range,
                    help: kinds.help
                        + (kinds.acceptsEnvironment ? "; variable names are upper-case letters, digits and '_'" : ""))
                return nil
            }
            LiteralSecret.refuse(value, context: context, help: kinds.help)
            return nil
        }
    }
}

/// The error for a secret written into the spec as a value.
enum LiteralSecret {
    /// Reports E0301 for `value` (unless the secret scanner already did) and keeps it out of every message.
    static func refuse(_ value: ScalarNode, context: SpecContext, help: String) {
        context.diagnostics.redact(SecretSpan(text: value.value, range: value.range))
        let scanned = context.diagnostics.diagnostics.contains { $0.id == "E0301" && value.range.contains($0.range) }
        if !scanned {
            context.diagnostics.error(
                "E0301", "a secret must be a reference, not written into the spec", at: value.range,
                help: help + "; rotate the value if it was ever committed")
        }
    }
}
