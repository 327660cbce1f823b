import ArgumentParser
import EdgeCore
import EdgeSpec
import Foundation

extension RedisProvider: ExpressibleByArgument {}
extension RedisUse: ExpressibleByArgument {}

/// `edgeproof init`: a commented starter spec from a few facts about the stack, and the JSON Schema editors
/// validate it with.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter edge.yaml for a zone, its Fly app and Redis, that checks clean.",
        discussion:
            "The spec starts with a '# yaml-language-server: $schema=' line; unless --schema-url names another "
            + "location, the schema is written beside it as edge.schema.json (left alone when it is already this "
            + "version's). init never replaces a file: an existing spec, or a different edge.schema.json, is a usage "
            + "error (exit 2) and nothing is written. See docs/command-line.md.")

    @Argument(help: ArgumentHelp("The spec to write ('-' for standard output).", valueName: "file"))
    var path: String = "edge.yaml"

    @Option(help: ArgumentHelp("The zone's apex domain, e.g. example.com.", valueName: "domain"))
    var zone: String

    @Option(help: "The zone's Cloudflare plan: free, pro, business or enterprise.")
    var plan: CloudflarePlan = .free

    @Option(help: ArgumentHelp("The Fly app's name; without it the spec has no fly section.", valueName: "name"))
    var flyApp: String?

    @Option(help: ArgumentHelp("The Fly app's primary region, e.g. iad.", valueName: "region"))
    var region: String = "iad"

    @Option(help: "Where Redis runs: upstash or self-hosted; without it the spec has no redis section.")
    var redis: RedisProvider?

    @Option(help: "What Redis holds: queue, cache or mixed.")
    var redisUse: RedisUse = .cache

    @Flag(help: "Reference secrets in Vault (vault:path#key) rather than in the deploying shell (env:NAME).")
    var vault = false

    @Option(help: ArgumentHelp("Where the $schema line points instead of ./edge.schema.json.", valueName: "url"))
    var schemaURL: String?

    /// The schema file's name beside the spec.
    static let schemaFileName = "edge.schema.json"

    /// Values are written into YAML as plain scalars, so each is held to the characters its kind uses; the spec's
    /// own checks then judge the value (a real domain, a Fly region, a Fly app name).
    func validate() throws {
        let plain: [(String, String?, (Character) -> Bool)] = [
            ("--zone", zone, { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }),
            ("--fly-app", flyApp, { $0.isLetter || $0.isNumber || $0 == "-" }),
            ("--region", region, { $0.isLetter || $0.isNumber }),
        ]
        for (flag, value, allowed) in plain {
            guard let value else { continue }
            if value.isEmpty || !value.allSatisfy({ $0.isASCII && allowed($0) }) {
                throw ValidationError("\(flag): '\(value)' holds a character a \(flag.dropFirst(2)) never has")
            }
        }
        if let schemaURL,
            schemaURL.isEmpty
                || schemaURL.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true })
        {
            throw ValidationError("--schema-url: '\(schemaURL)' is not a URL or path (no spaces or control characters)")
        }
    }

    func run() throws {
        let toStandardOutput = path == SpecInput.standardInputPath
        let schemaPath =
            toStandardOutput || schemaURL != nil ? nil : FilePath.directory(of: path) + "/" + Self.schemaFileName
        let starter = StarterSpec(
            zone: zone, plan: plan, flyApp: flyApp, region: region, redisProvider: redis, redisUse: redisUse,
            vault: vault, schemaLocation: schemaURL ?? "./" + Self.schemaFileName)
        let text = starter.text
        try refuseInvalidFlags(text)
        if !toStandardOutput, FileManager.default.fileExists(atPath: path) || isSymbolicLink(path) {
            StandardError.write("error: \(path) exists; init never replaces a file, so choose another path\n")
            throw ExitCode(2)
        }
        let schema = SpecSchema.document.pretty
        var writesSchema = false
        if let schemaPath {
            if let existing = FileManager.default.contents(atPath: schemaPath) {
                guard existing == Data(schema.utf8) else {
                    StandardError.write(
                        "error: \(schemaPath) exists and is not this version's schema; remove it, or pass "
                            + "--schema-url to point the spec elsewhere\n")
                    throw ExitCode(2)
                }
            } else {
                writesSchema = true
            }
        }
        if writesSchema, let schemaPath { try CommandOutput.write(schema, to: schemaPath) }
        try CommandOutput.write(text, to: path)
        guard !toStandardOutput else { return }
        StandardError.write(
            "wrote \(path)" + (writesSchema ? " and \(schemaPath ?? "")" : "")
                + "; next: edgeproof check \(path)\n")
    }

    /// Exits 2, writing nothing, when a flag's value makes the spec fail its own checks (a zone that is not a
    /// domain, an unknown Fly region, an app name Fly refuses): the checker's messages name the value.
    private func refuseInvalidFlags(_ text: String) throws {
        let diagnostics = DiagnosticCollector()
        let checked = SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics)
        let errors = diagnostics.diagnostics.filter { $0.severity == .error }
        guard checked == nil || !errors.isEmpty else { return }
        var written: Set<String> = []
        for error in errors {
            let line = "error: \(error.message)" + (error.help.map { " (\($0))" } ?? "") + "\n"
            if written.insert(line).inserted { StandardError.write(line) }
        }
        StandardError.write("error: init: fix the values of --zone, --fly-app or --region given above\n")
        throw ExitCode(2)
    }

    private func isSymbolicLink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }
}
