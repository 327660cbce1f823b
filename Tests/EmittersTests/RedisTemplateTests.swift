import EdgeCompiler
import Foundation
import Testing

@testable import Emitters

/// A Vault key that is not a Go template identifier is read with `index`: `.Data.data.api-key` does not parse and
/// `.Data.data.a.b` would read a nested field.
@Test func vaultAgentTemplateReadsAnyKeyWithIndex() throws {
    let spec = """
        version: 1
        zone: {name: example.com, plan: pro}
        redis:
          provider: self-hosted
          users:
            - name: app
              password: vault:kv/app#APP_PASSWORD
            - name: worker
              password: vault:kv/app#worker-password
            - name: reports
              password: vault:kv/app#reports.password

        """
    let (edge, _) = try compileSpec(bytes: Array(spec.utf8), specPath: "edge.yaml")
    let template = String(
        decoding: try #require(try BuildOutputs.render(edge).file("redis/redis.conf.ctmpl")).contents, as: UTF8.self)
    #expect(template.contains(#"user app on >{{ with secret "kv/data/app" }}{{ .Data.data.APP_PASSWORD }}{{ end }} "#))
    #expect(
        template.contains(
            #"user worker on >{{ with secret "kv/data/app" }}{{ index .Data.data "worker-password" }}{{ end }} "#))
    #expect(
        template.contains(
            #"user reports on >{{ with secret "kv/data/app" }}{{ index .Data.data "reports.password" }}{{ end }} "#))
}
