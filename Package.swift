// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "EdgeProof",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "edgeproof", targets: ["edgeproof"]),
        .library(name: "EdgeSpec", targets: ["EdgeSpec"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "EdgeCore", dependencies: ["CCrypto", .product(name: "Rainbow", package: "Rainbow")]),
        .target(
            name: "EdgeSpec",
            dependencies: ["EdgeCore", .product(name: "Yams", package: "Yams")],
            cSettings: [.define("YAML_DECLARE_STATIC")]
        ),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "RulesLanguage", dependencies: ["EdgeCore", "CPCRE2"]),
        .target(name: "Traces", dependencies: ["EdgeCore", "CZlib"]),
        .target(name: "EdgeModel", dependencies: ["EdgeCore", "RulesLanguage"]),
        .executableTarget(name: "TracesBenchmark", dependencies: ["Traces", "EdgeCore"], path: "Benchmarks/TracesBenchmark"),
        .executableTarget(
            name: "edgeproof",
            dependencies: ["EdgeCore", "EdgeSpec", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "RulesBenchmark", dependencies: ["RulesLanguage", "EdgeCore"], path: "Benchmarks/RulesBenchmark"),
        .testTarget(name: "EdgeCoreTests", dependencies: ["EdgeCore"]),
        .testTarget(name: "RulesLanguageTests", dependencies: ["RulesLanguage", "EdgeCore"]),
        .testTarget(name: "TracesTests", dependencies: ["Traces", "EdgeCore"]),
        .testTarget(name: "EdgeSpecTests", dependencies: ["EdgeSpec", "EdgeCore"]),
        .testTarget(name: "EdgeModelTests", dependencies: ["EdgeModel", "RulesLanguage", "EdgeCore"]),
    ]
)
