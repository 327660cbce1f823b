import Foundation

/// A temporary directory of stub `vault` and `fly` commands, put first on PATH to run a generated script.
///
/// The `vault` stub answers `vault kv get -field=KEY PATH` with the bytes of `values/PATH#KEY` (slashes in PATH
/// written as `_`) and fails like a 403 when that file is missing; `vault audit …` appends one argument a line,
/// then `--`, to `vault.args`. The `fly` stub appends its arguments to
/// `fly.args` and its stdin to `fly.stdin`; `failingFly` makes it exit 1 after recording. `fly secrets list --json`
/// prints `flySecretNames` as flyctl does (`[{"Name": …, "Digest": …}]`), or fails when they are nil.
struct ScriptStubs {
    /// The stub directory.
    let directory: String

    /// Creates the stubs; `vaultValues` maps `PATH#KEY` to the secret's exact value.
    init(vaultValues: [String: String], failingFly: Bool = false, flySecretNames: [String]? = []) throws {
        directory = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/values", withIntermediateDirectories: true)
        for (reference, value) in vaultValues {
            try Data(value.utf8).write(
                to: URL(fileURLWithPath: directory + "/values/" + reference.replacingOccurrences(of: "/", with: "_")))
        }
        try install(
            "vault",
            """
            #!/bin/sh
            if [ "$1" = "audit" ]; then printf '%s\\n' "$@" -- >> "\(directory)/vault.args"; exit 0; fi
            [ "$1 $2" = "kv get" ] || { echo "vault stub: unexpected arguments" >&2; exit 64; }
            file="\(directory)/values/$(printf '%s' "$4" | tr / _)#${3#-field=}"
            [ -f "$file" ] || { echo "Error reading $4: Code: 403. Errors: * permission denied" >&2; exit 2; }
            cat "$file"
            """)
        try install(
            "fly",
            """
            #!/bin/sh
            printf '%s\\n' "$*" >> "\(directory)/fly.args"
            if [ "$1 $2" = "secrets list" ]; then
              \(flySecretNames.map { "printf '%s\\n' '\(Self.secretsListJSON($0))'" } ?? "exit 1")
              exit 0
            fi
            cat >> "\(directory)/fly.stdin"
            exit \(failingFly ? 1 : 0)
            """)
    }

    /// `fly secrets list --json` output listing `names`, laid out over several lines as flyctl prints it.
    private static func secretsListJSON(_ names: [String]) -> String {
        "[\n"
            + names.map { "  {\n    \"Name\": \"\($0)\",\n    \"Digest\": \"1f2e3d4c\"\n  }" }.joined(separator: ",\n")
            + "\n]"
    }

    /// What `fly` received on stdin (nil when it never ran).
    var flyStdin: String? {
        FileManager.default.contents(atPath: directory + "/fly.stdin").map { String(decoding: $0, as: UTF8.self) }
    }

    /// The arguments of each `vault audit` call, exactly as the command received them.
    var vaultAuditCalls: [[String]] {
        let text =
            FileManager.default.contents(atPath: directory + "/vault.args").map { String(decoding: $0, as: UTF8.self) }
            ?? ""
        return text.components(separatedBy: "\n--\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: "\n") }
    }

    /// The argument lines `fly` was called with, one per call.
    var flyCalls: [String] {
        let text =
            FileManager.default.contents(atPath: directory + "/fly.args").map { String(decoding: $0, as: UTF8.self) }
            ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Runs `script` with `shell` (`sh` or `dash`), the stubs first on PATH, `environment` added to the
    /// environment and `arguments` after the script.
    func run(
        _ script: String, shell: String, environment: [String: String] = [:], arguments: [String] = []
    ) throws -> ScriptRun {
        let scriptPath = directory + "/script.sh"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [shell, scriptPath] + arguments
        process.environment = environment.merging(["PATH": directory + ":/usr/bin:/bin", "LC_ALL": "C"]) { $1 }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ScriptRun(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    private func install(_ name: String, _ text: String) throws {
        let path = directory + "/" + name
        try (text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }
}

/// The outcome of one script run.
struct ScriptRun {
    /// Exit status.
    let status: Int32
    /// Everything written to stdout.
    let stdout: String
    /// Everything written to stderr.
    let stderr: String
}

/// The shells generated scripts are tested with: `sh` and, when installed, `dash` (Debian's /bin/sh) and `bash`.
let testShells: [String] = ["sh", "dash", "bash"].filter { shell in
    ["/bin/", "/usr/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + shell) }
}

/// flyctl's `parseSecrets` (internal/command/secrets/parser.go), ported to read what a script piped into
/// `fly secrets import`: NAME=VALUE lines (key trimmed, leading spaces of the value dropped, one pair of
/// surrounding double quotes removed), NAME="""… lines …""" for multi-line values, `#` comments and blank lines
/// skipped, lines split as bufio.ScanLines does (a trailing CR dropped).
func flySecretsImportParse(_ input: String) -> [String: String] {
    var secrets: [String: String] = [:]
    var multilineKey: String?
    var multilineValue = ""
    var lines = input.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes in
        String(decoding: bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes, as: UTF8.self)
    }
    if input.hasSuffix("\n") { lines.removeLast() }
    for line in lines {
        if let key = multilineKey {
            if line.hasSuffix("\"\"\"") {
                multilineValue += line.dropLast(3)
                secrets[key] = multilineValue
                multilineKey = nil
                multilineValue = ""
            } else {
                multilineValue += line + "\n"
            }
            continue
        }
        if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
        guard let equals = line.firstIndex(of: "=") else { continue }
        let key = line[..<equals].trimmingCharacters(in: .whitespaces)
        var value = String(line[line.index(after: equals)...].drop { $0 == " " })
        if value.hasPrefix("\"\"\"") {
            multilineKey = key
            multilineValue = String(value.dropFirst(3)) + "\n"
        } else {
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            secrets[key] = value
        }
    }
    return secrets
}
