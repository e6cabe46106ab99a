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
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wagefile", targets: ["wagefile"]),
        .library(name: "DecisionFiles", targets: ["DecisionFiles"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
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
        .target(name: "Pricing", dependencies: ["WorkModel", "ReferenceData"], swiftSettings: strictSettings),
        // Wage floors, effective pay, classification rule packs, data rights, vendor oversight; pure.
        .target(name: "Compliance", dependencies: ["WorkModel", "ReferenceData"], swiftSettings: strictSettings),
        // The decision file: assembly, findings and the JSON / Markdown / HTML / CSV renderings.
        .target(
            name: "DecisionFiles",
            dependencies: ["WorkModel", "Specs", "ReferenceData", "Pricing", "Compliance"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "wagefile",
            dependencies: [
                "WorkModel", "Specs", "ReferenceData", "Pricing", "Compliance", "DecisionFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Throughput benchmark: pricing against decoding alone. Not a test.
        .executableTarget(
            name: "wagefile-bench",
            dependencies: ["WorkModel", "Specs", "ReferenceData", "Pricing", "DecisionFiles"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WagefileTests",
            dependencies: [
                "WorkModel", "Specs", "ReferenceData", "Pricing", "Compliance", "DecisionFiles",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
