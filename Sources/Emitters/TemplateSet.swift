import Foundation
import Mustache

/// The Mustache templates text outputs are rendered from: the ones embedded at build time, or a directory of
/// overrides given with `--templates DIR` (a file there replaces the embedded template of the same name).
public struct TemplateSet: Sendable {
    private let sources: [String: String]

    /// The embedded templates.
    public static var embedded: TemplateSet { TemplateSet(sources: EmbeddedTemplates.all) }

    /// The embedded templates with every `NAME.mustache` file in `directory` replacing its namesake.
    public static func overriding(with directory: String) throws -> TemplateSet {
        var sources = EmbeddedTemplates.all
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }
        for file in names.sorted() {
            let name = String(file.dropLast(".mustache".count))
            guard sources[name] != nil else {
                throw TemplateError.unknownTemplate(name: name, known: sources.keys.sorted())
            }
            sources[name] = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
        }
        return TemplateSet(sources: sources)
    }

    /// Renders template `name` with `context` (dictionaries, arrays, strings, numbers, booleans).
    func render(_ name: String, _ context: [String: Any]) throws -> String {
        _ = EmitterContentTypes.registered
        guard let source = sources[name] else {
            throw TemplateError.unknownTemplate(name: name, known: sources.keys.sorted())
        }
        do {
            return try MustacheTemplate(string: source).render(context)
        } catch {
            throw TemplateError.invalid(name: name, reason: "\(error)")
        }
    }
}

/// Why a template could not be used.
public enum TemplateError: Error, CustomStringConvertible {
    /// An override file names no known template.
    case unknownTemplate(name: String, known: [String])
    /// The template does not parse.
    case invalid(name: String, reason: String)

    /// A message for the user.
    public var description: String {
        switch self {
        case let .unknownTemplate(name, known):
            "no template is named '\(name)'; templates: \(known.joined(separator: ", "))"
        case let .invalid(name, reason): "template '\(name)' does not parse: \(reason)"
        }
    }
}
