import EdgeSpec
import Foundation
import Testing

/// `edgeproof init`: a starter spec for every shape of stack that checks clean with `--strict` and builds, the
/// schema written beside it, and no file ever replaced.
@Suite struct InitCommandTests {
    let scratch: ScratchDirectory

    init() throws {
        scratch = try ScratchDirectory()
    }

    /// Every plan, Redis provider and use, with and without Vault and a Fly app.
    static let stacks: [[String]] = {
        var stacks: [[String]] = []
        for plan in ["free", "pro", "business", "enterprise"] {
            for redis in [[], ["--redis", "upstash"], ["--redis", "self-hosted"]] {
                for use in redis.isEmpty ? ["cache"] : ["queue", "cache", "mixed"] {
                    for vault in [[], ["--vault"]] {
                        for fly in [[], ["--fly-app", "shop-api", "--region", "fra"]] {
                            stacks.append(["--plan", plan] + redis + ["--redis-use", use] + vault + fly)
                        }
                    }
                }
            }
        }
        return stacks
    }()

    @Test(arguments: stacks)
    func theStarterChecksStrictAndBuilds(flags: [String]) throws {
        let spec = scratch.path("edge.yaml")
        let created = edgeproof(["init", spec, "--zone", "example.com"] + flags)
        #expect(created.exitCode == 0, "\(created.stderr)")
        let text = try scratch.read("edge.yaml")
        #expect(text.hasPrefix("# yaml-language-server: $schema=./edge.schema.json\n"))
        let check = edgeproof("check", spec, "--strict")
        #expect(check.exitCode == 0, "\(flags): \(check.stdout)\(check.stderr)")
        let build = edgeproof("build", spec, "-o", scratch.path("out"))
        #expect(build.exitCode == 0, "\(flags): \(build.stderr)")
        // Secrets are references of the kind asked for; a Vault-less stack names no Vault path.
        if flags.contains("--fly-app") || flags.contains("--redis") {
            #expect(text.contains(flags.contains("--vault") ? ": vault:" : ": env:"))
            #expect(!text.contains(flags.contains("--vault") ? ": env:" : ": vault:"))
        }
        #expect(text.contains("managed_rules:") == !flags.contains("free"), "OWASP managed rules are paid-plan only")
    }

    /// The schema beside the spec is the one `edgeproof schema` prints, and the spec validates against it.
    @Test func theSchemaIsWrittenBesideTheSpec() throws {
        let created = edgeproof("init", scratch.path("edge.yaml"), "--zone", "example.com", "--fly-app", "shop-api")
        #expect(created.exitCode == 0, "\(created.stderr)")
        #expect(try scratch.read("edge.schema.json") == SpecSchema.document.pretty)
        #expect(created.stderr.contains("wrote \(scratch.path("edge.yaml")) and "))

        // A second spec in the same directory leaves the identical schema alone.
        let second = edgeproof("init", scratch.path("staging.yaml"), "--zone", "example.net")
        #expect(second.exitCode == 0, "\(second.stderr)")
        #expect(second.stderr.contains("wrote \(scratch.path("staging.yaml")); next"))
    }

    @Test func anExistingSpecOrADifferentSchemaIsNeverReplaced() throws {
        try scratch.write("edge.yaml", "version: 1\n")
        let existing = edgeproof("init", scratch.path("edge.yaml"), "--zone", "example.com")
        #expect(existing.exitCode == 2)
        #expect(existing.stderr.contains("exists; init never replaces a file"))
        #expect(try scratch.read("edge.yaml") == "version: 1\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("edge.schema.json")))

        try FileManager.default.createSymbolicLink(
            atPath: scratch.path("link.yaml"), withDestinationPath: scratch.path("missing.yaml"))
        #expect(edgeproof("init", scratch.path("link.yaml"), "--zone", "example.com").exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("missing.yaml")))

        try scratch.write("edge.schema.json", "{}\n")
        let schema = edgeproof("init", scratch.path("new.yaml"), "--zone", "example.com")
        #expect(schema.exitCode == 2)
        #expect(schema.stderr.contains("edge.schema.json exists and is not this version's schema"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("new.yaml")))
        #expect(try scratch.read("edge.schema.json") == "{}\n")

        let elsewhere = edgeproof(
            "init", scratch.path("new.yaml"), "--zone", "example.com", "--schema-url",
            "https://schemas.example.com/edge.v1.json")
        #expect(elsewhere.exitCode == 0, "\(elsewhere.stderr)")
        #expect(
            try scratch.read("new.yaml").hasPrefix(
                "# yaml-language-server: $schema=https://schemas.example.com/edge.v1.json\n"))
    }

    /// A value that is not what its flag names is a usage error with the checker's reason, and nothing is written;
    /// a value that could break out of its YAML scalar never reaches the file.
    @Test(arguments: [
        (["--zone", "nodot"], "'nodot' is not a host name"),
        (["--zone", "example.com", "--fly-app", "shop", "--region", "xyz"], "unknown Fly region 'xyz'"),
        (["--zone", "example.com", "--fly-app", "Shop_API"], "--fly-app: 'Shop_API' holds a character"),
        (["--zone", "example.com\nwaf: []"], "--zone: 'example.com\nwaf: []' holds a character"),
        (["--zone", "example.com", "--plan", "gold"], "'gold'"),
    ])
    func badFlagValuesWriteNothing(flags: [String], message: String) throws {
        let result = edgeproof(["init", scratch.path("edge.yaml")] + flags)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root).isEmpty)
    }

    @Test func standardOutputGetsTheSpecAlone() throws {
        let result = edgeproof("init", "-", "--zone", "example.com")
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("# yaml-language-server: $schema=./edge.schema.json\n"))
        #expect(result.stderr.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root).isEmpty)
    }
}
