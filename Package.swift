// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "claude-code-cluster",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "claude-cluster", targets: ["claude-cluster"]),
        .library(name: "Wire", targets: ["Wire"]),
        .library(name: "Broker", targets: ["Broker"]),
        .library(name: "AgentNode", targets: ["AgentNode"]),
        .library(name: "Bridge", targets: ["Bridge"]),
        .executable(name: "cluster-bench", targets: ["cluster-bench"]),
        .executable(name: "cluster-child-guard", targets: ["cluster-child-guard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", from: "0.12.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .target(
            name: "Wire",
            dependencies: [
                "CZeroMQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Broker",
            dependencies: [
                "Wire",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AgentNode",
            dependencies: [
                "Wire",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The cluster's tools for Claude Code over MCP: stdio for `claude-cluster mcp`, Streamable
        // HTTP sessions for the bridge's `/mcp`.
        .target(
            name: "ClusterMCP",
            dependencies: [
                "Wire",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Bridge",
            dependencies: [
                "Wire", "ClusterMCP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "MCP", package: "swift-sdk"),
            ],
            // The OpenAPI document and the console's files, compiled into the binary so they
            // are served wherever the binary is installed.
            resources: [
                .embedInCode("Resources/openapi.yaml"),
                .embedInCode("Resources/console.html"),
                .embedInCode("Resources/console.css"),
                .embedInCode("Resources/console_model.js"),
                .embedInCode("Resources/console_view.js"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ClusterRuntime",
            dependencies: [
                "Wire", "Broker", "AgentNode", "Bridge", "ClusterMCP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "claude-cluster",
            dependencies: [
                "Wire", "ClusterRuntime", "ClusterMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "cluster-bench",
            dependencies: [
                "Wire", "Broker", "Bridge", "ClusterRuntime", "ClusterMCP", "ClusterHarness",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Every child a cluster process starts runs under this guard, which ends it (and its
        // process group) when that process dies. C, so it starts in a millisecond.
        .executableTarget(name: "cluster-child-guard"),
        // Child processes, scratch folders, free ports and git fixtures for the tests and the
        // benchmarks that start real brokers, agents and peers.
        .target(
            name: "ClusterHarness",
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: ["ClusterHarness"],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "WireTests",
            dependencies: [
                "Wire",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BrokerTests",
            dependencies: [
                "Broker", "Wire", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AgentNodeTests",
            dependencies: [
                "AgentNode", "Wire", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ClusterMCPTests",
            dependencies: [
                "ClusterMCP", "Wire",
                .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BridgeTests",
            dependencies: [
                "Bridge", "Wire", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ClusterRuntimeTests",
            dependencies: [
                "ClusterRuntime", "Wire", "Broker", "AgentNode", "Bridge", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                // The loopback receiver of the alert webhook tests.
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Wire", "Broker", "AgentNode", "Bridge", "ClusterRuntime", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
