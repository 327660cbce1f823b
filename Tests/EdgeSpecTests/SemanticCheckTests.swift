import EdgeTestSupport
import Testing

@testable import EdgeSpec

private let head = "version: 1\nzone:\n  name: example.com\n  plan: pro\n"
private let fly = head + "fly:\n  app: my-app\n  primary_region: sin\n"
private let httpService = fly + "  http_service:\n    internal_port: 8000\n"
private let raftVault = head + "vault:\n  api_addr: https://vault.example.com:8200\n"
private let tlsListener =
    "  listeners:\n    - address: 0.0.0.0:8200\n      tls_cert_file: /etc/v.crt\n      tls_key_file: /etc/v.key\n"
private let redis = head + "redis:\n  provider: self-hosted\n"

/// Deployment semantic checks: each bad spec marks the diagnostics expected, by ID, line and column.
private let cases: [(String, String)] = [
    (
        "service duplicates http_service on 443",
        httpService + "  services:\n    - internal_port: ⟦E0701⟧8000\n      ports:\n"
            + "        - port: ⟦E0702⟧443\n"
    ),
    (
        "service duplicates http_service on 80",
        httpService + "  services:\n    - internal_port: 9000\n      ports:\n        - port: ⟦E0702⟧80\n"
    ),
    (
        "two services on one external port",
        fly
            + "  services:\n    - internal_port: 9000\n      ports:\n        - port: 5000\n"
            + "    - internal_port: 9001\n      ports:\n        - port: ⟦E0702⟧5000\n"
    ),
    (
        "duplicate protocol and internal port",
        fly + "  services:\n    - internal_port: 9000\n    - internal_port: ⟦E0701⟧9000\n"
    ),
    (
        "udp and tcp on one internal port are fine, two udp are not",
        fly
            + "  services:\n    - internal_port: 9000\n      protocol: udp\n    - internal_port: 9000\n"
            + "    - internal_port: ⟦E0701⟧9000\n      protocol: udp\n"
    ),
    (
        "external port zero",
        fly + "  services:\n    - internal_port: 9000\n      ports:\n        - port: ⟦E0106⟧0\n"
    ),
    (
        "external port too large",
        fly + "  services:\n    - internal_port: 9000\n      ports:\n        - port: ⟦E0106⟧65536\n"
    ),
    (
        "soft limit above hard limit",
        httpService + "    concurrency:\n      soft_limit: ⟦E0703⟧300\n      hard_limit: 250\n"
    ),
    ("shared memory too small", fly + "  vm:\n    - cpus: 1\n      memory: ⟦E0704⟧128mb\n"),
    ("shared memory too large", fly + "  vm:\n    - cpus: 2\n      memory: ⟦E0704⟧8gb\n"),
    (
        "performance memory too small",
        fly + "  vm:\n    - cpu_kind: performance\n      cpus: 1\n      memory: ⟦E0704⟧1gb\n"
    ),
    ("odd vCPU count", fly + "  vm:\n    - cpus: ⟦E0704⟧3\n      memory: 1gb\n"),
    (
        "check interval below 2s",
        fly + "  checks:\n    health:\n      type: http\n      path: /health\n      interval: ⟦E0705⟧1s\n"
    ),
    ("check timeout above 60s", httpService + "    checks:\n      - path: /health\n        timeout: ⟦E0705⟧2m\n"),
    ("FLY_ env key", fly + "  env:\n    ⟦E0706⟧FLY_REGION: sin\n"),
    (
        "env and secret with one name",
        fly + "  env:\n    TOKEN_NAME: x\n  secrets:\n    ⟦E0706⟧TOKEN_NAME: vault:app/prod#TOKEN\n"
    ),
    (
        "canary with volumes",
        fly + "  mounts:\n    - source: data\n      destination: /data\n  deploy:\n    strategy: ⟦E0707⟧canary\n"
    ),
    ("bluegreen without checks", fly + "  deploy:\n    strategy: ⟦E0707⟧bluegreen\n"),
    (
        "raft without cluster_addr",
        raftVault + "  ⟦E0721⟧storage:\n    type: raft\n    path: /opt/vault/data\n" + tlsListener
    ),
    (
        "raft without a path",
        raftVault + "  cluster_addr: https://vault.example.com:8201\n  storage:\n"
            + "    ⟦E0721⟧type: raft\n" + tlsListener
    ),
    (
        "ha_storage with raft",
        raftVault
            + "  cluster_addr: https://vault.example.com:8201\n  storage:\n    type: raft\n    path: /d\n"
            + "  ha_storage:\n    ⟦E0722⟧type: consul\n"
            + tlsListener
    ),
    (
        "retry_join without raft",
        raftVault + "  storage:\n    type: file\n    path: /d\n"
            + "    ⟦E0722⟧retry_join: [https://v2.example.com:8200]\n"
            + tlsListener
    ),
    (
        "TLS listener without a key",
        raftVault
            + "  storage:\n    type: file\n    path: /d\n  listeners:\n    - ⟦E0724⟧address: 0.0.0.0:8200\n"
            + "      tls_cert_file: /etc/v.crt\n"
    ),
    (
        "tcp listener without a port",
        raftVault
            + "  storage:\n    type: file\n    path: /d\n  listeners:\n    - address: ⟦E0723⟧0.0.0.0\n"
            + "      tls_disable: true\n"
    ),
    (
        "bad tls_min_version",
        raftVault
            + "  storage:\n    type: file\n    path: /d\n  listeners:\n    - address: 0.0.0.0:8200\n"
            + "      tls_disable: true\n      tls_min_version: ⟦E0104⟧tls1.2\n"
    ),
    (
        "api_addr without a scheme",
        head + "vault:\n  api_addr: ⟦E0107⟧vault.example.com:8200\n  storage:\n    type: file\n    path: /d\n"
            + tlsListener
    ),
    (
        "awskms seal without a key",
        raftVault + "  storage:\n    type: file\n    path: /d\n" + tlsListener
            + "  seals:\n    - ⟦E0725⟧type: awskms\n      region: ap-southeast-1\n"
    ),
    ("queue with an LRU policy", redis + "  use: queue\n  maxmemory_policy: ⟦E0741⟧⟦W0501⟧allkeys-lru\n"),
    (
        "requirepass with ACL users",
        redis + "  requirepass: ⟦E0742⟧vault:r/prod#PASS\n  users:\n    - name: app\n"
            + "      password: vault:r/prod#APP\n"
    ),
    (
        "duplicate ACL user",
        redis
            + "  users:\n    - name: app\n      password: vault:r/prod#A\n    - name: ⟦E0743⟧app\n"
            + "      password: vault:r/prod#B\n"
    ),
    (
        "TLS with client auth and no CA",
        redis + "  tls:\n    ⟦E0744⟧enabled: true\n    cert_file: /etc/r.crt\n    key_file: /etc/r.key\n"
    ),
    (
        "TLS port equals the plain port",
        redis
            + "  tls:\n    enabled: true\n    port: ⟦E0745⟧6379\n    cert_file: /etc/r.crt\n"
            + "    key_file: /etc/r.key\n    auth_clients: \"no\"\n"
    ),
    ("listening nowhere", redis + "  port: ⟦E0745⟧0\n"),
    ("maxmemory below a megabyte", redis + "  maxmemory: ⟦E0746⟧512kb\n"),
    (
        "unknown ACL command",
        redis + "  users:\n    - name: app\n      password: vault:r/prod#A\n      rules: ⟦E0747⟧\"~* +gett\"\n"
    ),
    (
        "unknown ACL category",
        redis + "  users:\n    - name: app\n      password: vault:r/prod#A\n      rules: ⟦E0747⟧\"~* +@al\"\n"
    ),
    (
        "unknown subcommand of a container command",
        redis + "  users:\n    - name: app\n      password: vault:r/prod#A\n"
            + "      rules: ⟦E0747⟧\"~* +config|bogus\"\n"
    ),
    (
        "bad key permission",
        redis + "  users:\n    - name: app\n      password: vault:r/prod#A\n      rules: ⟦E0747⟧\"%X~a\"\n"
    ),
    (
        "password in the rules",
        redis + "  users:\n    - name: app\n      password: vault:r/prod#A\n"
            + "      rules: ⟦E0747⟧\"~* +@all >hunter2\"\n"
    ),
    (
        "rules that turn the user on without a password",
        redis
            + "  users:\n    - name: app\n      password: vault:r/prod#A\n"
            + "      rules: ⟦E0747⟧\"on nopass ~* +@all\"\n"
    ),
    (
        "ACL selector",
        redis + "  users:\n    - name: app\n      password: vault:r/prod#A\n      rules: ⟦E0747⟧\"~* (+get ~x)\"\n"
    ),
    (
        "not a rule at all",
        redis + "  users:\n    - name: app\n      password: vault:r/prod#A\n      rules: ⟦E0747⟧\"~* allkey\"\n"
    ),
    (
        "template code in the rules",
        redis
            + "  users:\n    - name: app\n      password: vault:r/prod#A\n"
            + "      rules: ⟦E0749⟧\"~* +@all {{ env \\\"VAULT_TOKEN\\\" }}\"\n"
    ),
    (
        "template code glued to a key pattern",
        redis + "  users:\n    - name: app\n      password: vault:r/prod#A\n"
            + "      rules: ⟦E0749⟧\"~{{.Data}}* +@all\"\n"
    ),
    (
        "template code in a TLS path",
        redis
            + "  tls:\n    enabled: true\n    cert_file: ⟦E0749⟧\"/etc/{{ file \\\"/etc/shadow\\\" }}\"\n"
            + "    key_file: /etc/r.key\n    auth_clients: \"no\"\n    port: 6380\n"
    ),
    (
        "interpolation in a vault.hcl path",
        head + "vault:\n  storage:\n    type: file\n    path: ⟦E0726⟧\"/var/lib/${env}\"\n" + tlsListener
    ),
    (
        "template directive in a seal setting",
        raftVault + "  cluster_addr: https://vault.example.com:8201\n  storage:\n    type: raft\n    path: /opt/vault\n"
            + tlsListener
            + "  seals:\n    - type: awskms\n      region: ⟦E0726⟧\"%{ if true }eu-west-1%{ endif }\"\n"
            + "      kms_key_id: alias/unseal\n"
    ),
    (
        "a transit seal's token is read by Vault itself, so only a Vault reference will do",
        head + "vault:\n  storage:\n    type: file\n    path: /d\n" + tlsListener
            + "  seals:\n    - type: transit\n      address: https://vault-2.example.com:8200\n"
            + "      key_name: unseal\n      mount_path: transit/\n      token: ⟦E0302⟧env:TRANSIT_TOKEN\n"
    ),
    ("host name in bind", redis + "  bind: [127.0.0.1, ⟦E0748⟧localhost]\n"),
    ("malformed bind address", redis + "  bind: [⟦E0748⟧1.2.3.4.5]\n"),
    (
        "too many bind addresses",
        redis + "  bind: ⟦E0748⟧[" + (1...17).map { "10.0.0.\($0)" }.joined(separator: ", ") + "]\n"
    ),
]

@Test(arguments: cases)
func semanticCheckReportsMarkedDiagnostics(name: String, marked: String) {
    let spec = MarkedSpec(marked)
    let (findings, diagnostics) = spec.check()
    #expect(
        findings == Set(spec.expected),
        "\(name): expected \(spec.expected), got \(diagnostics.map { "\($0.id)@\($0.range.start) \($0.message)" })")
}
