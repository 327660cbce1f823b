import EdgeCompiler
import Foundation
import Testing

@testable import Emitters

/// Shell syntax in spec values reaches `vault audit enable` as plain text: sh runs no part of it.
@Test(arguments: testShells)
func postInitScriptPassesShellSyntaxAsPlainArguments(shell: String) throws {
    let marker = try temporaryDirectory() + "/ran"
    let spec = """
        version: 1
        zone: {name: example.com, plan: pro}
        vault:
          storage: {type: file, path: /var/lib/vault}
          listeners:
            - {type: tcp, address: 127.0.0.1:8200, tls_disable: true}
          audit:
            - type: file
              path: "it's-$(touch \(marker))"
              description: "`touch \(marker)`; echo \\"$HOME\\" ' \\\\ && touch \(marker)"
              file_path: "/var/log/vault/a b;touch \(marker)"

        """
    let (edge, _) = try compileSpec(bytes: Array(spec.utf8), specPath: "edge.yaml")
    let script = String(
        decoding: try #require(try BuildOutputs.render(edge).file("vault/post-init.sh")).contents, as: UTF8.self)
    let stubs = try ScriptStubs(vaultValues: [:])
    let run = try stubs.run(script, shell: shell)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: marker), "the shell ran part of a spec value")
    #expect(
        stubs.vaultAuditCalls == [
            [
                "audit", "enable", "-path=it's-$(touch \(marker))",
                "-description=`touch \(marker)`; echo \"$HOME\" ' \\ && touch \(marker)",
                "file", "file_path=/var/log/vault/a b;touch \(marker)",
            ]
        ])
}
