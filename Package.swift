// swift-tools-version: 6.1
import PackageDescription

// Upcoming features every target opts into, so the code is ready for them now.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Wagefile",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wagefile", targets: ["wagefile"]),
        // The vocabulary the libraries' public API speaks (InputError, Diagnostic, money and
        // dates): a package using Signal or DecisionFiles imports it to handle their errors.
        .library(name: "WorkModel", targets: ["WorkModel"]),
        .library(name: "DecisionFiles", targets: ["DecisionFiles"]),
        .library(name: "Signal", targets: ["Signal"]),
        .library(name: "Portfolio", targets: ["Portfolio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // Vocabulary types shared by every other target; no dependencies at all.
        .target(name: "WorkModel", swiftSettings: strictSettings),
        // YAML/JSON reading with file:line:column diagnostics, and the role spec format.
        .target(
            name: "Specs",
            dependencies: ["WorkModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // Shipped, sourced reference data and its validating loader.
        .target(
            name: "ReferenceData",
            dependencies: ["WorkModel", "Specs"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        // Two-axis job evaluation, the market pay line and the band; pure.
        // The band clears the statutory wage floor, so pricing reads the floors Compliance selects.
        .target(
            name: "Pricing", dependencies: ["WorkModel", "ReferenceData", "Compliance"], swiftSettings: strictSettings),
        // Wage floors, effective pay, classification rule packs, data rights, vendor oversight; pure.
        .target(name: "Compliance", dependencies: ["WorkModel", "ReferenceData"], swiftSettings: strictSettings),
        // The decision file: assembly, findings and the JSON / Markdown / HTML / CSV renderings.
        .target(
            name: "DecisionFiles",
            dependencies: ["WorkModel", "Specs", "ReferenceData", "Pricing", "Compliance"],
            swiftSettings: strictSettings
        ),
        // Agreement, reviewer quality, Dawid-Skene and Bradley-Terry over judgments; pure
        // (the CLI maps files and hands the readers bytes).
        // No unsafe flags: another package can depend on it by version (examples/signal-alpha).
        .target(name: "Signal", dependencies: ["WorkModel"], swiftSettings: strictSettings),
        // Views across the organization: HRIS import, compression, consolidated cost, pay equity,
        // vendor and dataset registers, the path upward; pure, over values the edges load.
        .target(
            name: "Portfolio",
            dependencies: ["WorkModel", "Specs", "ReferenceData", "Compliance", "DecisionFiles", "Signal"],
            swiftSettings: strictSettings
        ),
        // The program planner: an alignment budget by reviewer tier, Monte Carlo, routing frontier; pure.
        .target(
            name: "Planning",
            dependencies: ["WorkModel", "Specs", "ReferenceData", "Signal"],
            swiftSettings: strictSettings
        ),
        // Persistence over SQLKit: one migration runner and one set of repositories for
        // SQLite (the embedded default) and PostgreSQL; the hash-chained audit log.
        .target(
            name: "Storage",
            dependencies: [
                "WorkModel",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The Hummingbird application: JSON API, web pages (Mustache, server-side SVG), accounts,
        // sessions, tokens, metrics.
        .target(
            name: "WebApp",
            dependencies: [
                "WorkModel", "Specs", "ReferenceData", "Pricing", "Compliance", "DecisionFiles", "Signal", "Portfolio",
                "Planning", "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "wagefile",
            dependencies: [
                "WorkModel", "Specs", "ReferenceData", "Pricing", "Compliance", "DecisionFiles", "Signal", "Portfolio",
                "Planning",
                "Storage", "WebApp",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Throughput benchmark: pricing against decoding alone. Not a test.
        .executableTarget(
            name: "wagefile-bench",
            dependencies: ["WorkModel", "Specs", "ReferenceData", "Pricing", "DecisionFiles", "Planning"],
            swiftSettings: strictSettings
        ),
        // The bare Hummingbird route the server benchmark compares against. Not shipped.
        .executableTarget(
            name: "bench-bare-server",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: strictSettings
        ),
        // Fixtures more than one test target reads: the numbered base spec.
        .target(name: "WagefileTestSupport", path: "Tests/Support", swiftSettings: strictSettings),
        .testTarget(
            name: "WagefileTests",
            dependencies: [
                "WorkModel", "Specs", "ReferenceData", "Pricing", "Compliance", "DecisionFiles", "WagefileTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        // Agreement statistics against the reference packages' fixtures, importers, merging.
        .testTarget(
            name: "SignalTests",
            dependencies: ["WorkModel", "Signal"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        // The portfolio views over hand-worked cases and a generated 2,000-person organization.
        .testTarget(
            name: "PortfolioTests",
            dependencies: ["WorkModel", "Specs", "ReferenceData", "Pricing", "DecisionFiles", "Signal", "Portfolio"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        // The planner: hand-worked plans, Monte Carlo against analytic expectations, the frontier, bad specs.
        .testTarget(
            name: "PlanningTests",
            dependencies: ["WorkModel", "ReferenceData", "Planning", "WagefileTestSupport"],
            swiftSettings: strictSettings
        ),
        // The storage suite, run on SQLite always and on PostgreSQL when WAGEFILE_TEST_POSTGRES_URL is set.
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "WorkModel", "Storage", "Signal",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Every route of the application, the authorization matrix and conflicting edits.
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "WorkModel", "Specs", "ReferenceData", "Pricing", "DecisionFiles", "Storage", "WebApp",
                "WagefileTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The built `wagefile` executable run as a process, as .ci/run used to from the shell: exit
        // codes, messages and the files it writes. No dependencies: `swift build --build-tests`
        // builds every executable already, and a test target that depended on `wagefile` would
        // link the whole command into the test binary without running it any differently.
        .testTarget(name: "CLITests", swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzz targets (scripts/fuzz.sh builds them with libFuzzer; a normal build makes each a
// replayer of its corpus, which CI runs): one per parser or importer a user can feed.
let fuzzTargets: [(name: String, folder: String, dependencies: [Target.Dependency])] = [
    ("fuzz-role-spec", "role-spec", ["WorkModel", "Specs", "ReferenceData", "Pricing", "DecisionFiles"]),
    ("fuzz-program-spec", "program-spec", ["WorkModel", "ReferenceData", "Planning"]),
    ("fuzz-hris-csv", "hris-csv", ["WorkModel", "Portfolio"]),
    ("fuzz-market-data", "market-data", ["WorkModel", "ReferenceData", "Pricing", "Portfolio"]),
    ("fuzz-label-studio", "label-studio", ["WorkModel", "Signal"]),
    ("fuzz-argilla", "argilla", ["WorkModel", "Signal"]),
    ("fuzz-judgments-jsonl", "judgments-jsonl", ["WorkModel", "Signal"]),
    ("fuzz-judgments-csv", "judgments-csv", ["WorkModel", "Signal"]),
]
package.targets +=
    [
        // libFuzzer's LLVMFuzzerRunDriver, declared for Swift.
        .target(name: "FuzzDriver", path: "Fuzz/Driver"),
        .target(
            name: "FuzzSupport", dependencies: ["FuzzDriver", "WorkModel", "Signal"], path: "Fuzz/Support",
            swiftSettings: strictSettings),
    ]
    + fuzzTargets.map { target in
        .executableTarget(
            name: target.name, dependencies: ["FuzzSupport"] + target.dependencies,
            path: "Fuzz/Targets/\(target.folder)",
            swiftSettings: strictSettings)
    }
