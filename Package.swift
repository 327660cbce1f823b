// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "EdgeProof",
    products: [
        .executable(name: "edgeproof", targets: ["edgeproof"]),
        .library(name: "EdgeSpec", targets: ["EdgeSpec"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "EdgeCore"),
        .target(name: "EdgeWire"),
        .target(
            name: "EdgeSpec",
            dependencies: ["EdgeCore", "EdgeWire", .product(name: "Yams", package: "Yams")],
            resources: [.embedInCode("Costs/price-catalogue.json")],
            cSettings: [.define("YAML_DECLARE_STATIC")]
        ),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CloudflareRegex", dependencies: ["EdgeWire", "CPCRE2"]),
        .target(name: "RulesLanguage", dependencies: ["EdgeCore", "EdgeWire", "CloudflareRegex"]),
        .target(name: "Traces", dependencies: ["EdgeCore", "EdgeWire", "CZlib"]),
        .target(name: "TrafficSynthesis", dependencies: ["EdgeCore", "EdgeWire", "Traces"]),
        .target(name: "EdgeModel", dependencies: ["EdgeCore", "EdgeWire", "RulesLanguage"]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CloudflareAPI", dependencies: ["EdgeCore", "EdgeWire", "CCurl"]),
        .systemLibrary(name: "CModSecurity", pkgConfig: "modsecurity", providers: [.apt(["libmodsecurity-dev"])]),
        .target(
            name: "ManagedRules",
            dependencies: [
                "EdgeCore", "EdgeWire", "RulesLanguage", "EdgeModel", "CloudflareRegex", "CModSecurity", "CPCRE2",
            ]),
        .executableTarget(
            name: "TracesBenchmark", dependencies: ["Traces", "EdgeCore", "EdgeWire"],
            path: "Benchmarks/TracesBenchmark"),
        .target(name: "EdgeCompiler", dependencies: ["EdgeCore", "EdgeSpec", "EdgeWire", "RulesLanguage", "CCrypto"]),
        .target(name: "CAtomicRename"),
        .target(
            name: "Emitters",
            dependencies: [
                "EdgeCore", "EdgeSpec", "EdgeCompiler", "CAtomicRename",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Templates/README.md"],
            resources: [.embedInCode("Templates")]
        ),
        .target(
            name: "LiveZone",
            dependencies: [
                "EdgeCore", "EdgeWire", "EdgeSpec", "EdgeCompiler", "Emitters", "CloudflareAPI", "Traces",
                .product(name: "Yams", package: "Yams"),
            ]),
        .target(
            name: "Simulation",
            dependencies: [
                "EdgeCore", "EdgeWire", "EdgeSpec", "EdgeCompiler", "EdgeModel", "Traces", "TrafficSynthesis",
                "RulesLanguage", "ManagedRules",
            ]),
        .target(
            name: "EdgeProofCLI",
            dependencies: [
                "EdgeCore", "EdgeWire", "EdgeSpec", "EdgeCompiler", "Emitters", "RulesLanguage", "CloudflareRegex",
                "EdgeModel", "Traces",
                "TrafficSynthesis", "Simulation", "CloudflareAPI", "LiveZone",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Rainbow", package: "Rainbow"),
            ]
        ),
        .executableTarget(name: "edgeproof", dependencies: ["EdgeProofCLI"]),
        .executableTarget(
            name: "ReplayBenchmark", dependencies: ["Simulation", "EdgeCompiler", "EdgeSpec", "EdgeCore", "EdgeWire"],
            path: "Benchmarks/ReplayBenchmark"),
        .executableTarget(
            name: "CRSBenchmark", dependencies: ["ManagedRules", "EdgeModel", "Simulation", "Traces"],
            path: "Benchmarks/CRSBenchmark"),
        .executableTarget(
            name: "WhatIfBenchmark", dependencies: ["Simulation", "EdgeCompiler", "EdgeSpec", "EdgeCore"],
            path: "Benchmarks/WhatIfBenchmark"),
        .executableTarget(
            name: "ManagedRulesBenchmark",
            dependencies: ["ManagedRules", "EdgeModel", "Simulation", "Traces", "EdgeCore"],
            path: "Benchmarks/ManagedRulesBenchmark"),
        .executableTarget(
            name: "RulesBenchmark",
            dependencies: ["RulesLanguage", "EdgeCore", "EdgeSpec", "EdgeCompiler", "EdgeWire"],
            path: "Benchmarks/RulesBenchmark"),
        .testTarget(name: "EdgeCoreTests", dependencies: ["EdgeCore"]),
        .testTarget(name: "EdgeWireTests", dependencies: ["EdgeWire"]),
        .testTarget(name: "CloudflareAPITests", dependencies: ["CloudflareAPI", "EdgeCore"]),
        .testTarget(
            name: "LiveZoneTests",
            dependencies: ["LiveZone", "CloudflareAPI", "EdgeCompiler", "EdgeSpec", "Emitters", "EdgeCore"]),
        .testTarget(
            name: "EmittersTests",
            dependencies: [
                "Emitters", "EdgeCompiler", "EdgeSpec", "EdgeCore", .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            exclude: ["Fixtures", "Golden"]
        ),
        .testTarget(name: "CloudflareRegexTests", dependencies: ["CloudflareRegex", "EdgeWire"]),
        .testTarget(name: "RulesLanguageTests", dependencies: ["RulesLanguage", "EdgeCore", "EdgeWire"]),
        .testTarget(name: "TracesTests", dependencies: ["Traces", "EdgeCore", "EdgeWire"]),
        .testTarget(
            name: "TrafficSynthesisTests", dependencies: ["TrafficSynthesis", "Traces", "EdgeCore", "EdgeWire"]),
        .target(
            name: "EdgeTestSupport", dependencies: ["EdgeSpec", "EdgeCore", "EdgeWire"], path: "Tests/EdgeTestSupport"),
        .testTarget(name: "EdgeSpecTests", dependencies: ["EdgeSpec", "EdgeCore", "EdgeWire", "EdgeTestSupport"]),
        .testTarget(
            name: "EdgeCompilerTests",
            dependencies: ["EdgeCompiler", "EdgeSpec", "EdgeCore", "RulesLanguage", "EdgeTestSupport"]),
        .testTarget(
            name: "SimulationTests",
            dependencies: [
                "Simulation", "EdgeModel", "EdgeCompiler", "EdgeSpec", "Traces", "TrafficSynthesis", "EdgeCore",
                "EdgeWire", "EdgeTestSupport",
            ]),
        .testTarget(name: "EdgeModelTests", dependencies: ["EdgeModel", "RulesLanguage", "EdgeCore", "EdgeWire"]),
        .testTarget(
            name: "ManagedRulesTests",
            dependencies: [
                "ManagedRules", "EdgeModel", "RulesLanguage", "EdgeCore", "EdgeWire", "Simulation", "Traces",
            ]),
        .testTarget(
            name: "CloudflareConformanceTests",
            dependencies: [
                "Simulation", "EdgeModel", "EdgeCompiler", "EdgeSpec", "Traces", "RulesLanguage", "EdgeCore",
                "EdgeWire", "EdgeTestSupport",
            ]),
        .testTarget(
            name: "EdgeProofCLITests",
            dependencies: [
                "EdgeProofCLI", "edgeproof", "EdgeCore", "EdgeTestSupport",
                .product(name: "Rainbow", package: "Rainbow"),
            ]
        ),
    ]
)
