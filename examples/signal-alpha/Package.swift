// swift-tools-version: 6.1
// An annotation tool or eval harness depending on Wagefile's Signal library, as another
// package would: by path here, by URL and version in a real project (the Signal target has
// no unsafe build flags, so SwiftPM accepts it as a versioned dependency).
import PackageDescription

let package = Package(
    name: "signal-alpha",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Wagefile", path: "../..")],
    targets: [
        .executableTarget(
            name: "signal-alpha",
            dependencies: [
                .product(name: "Signal", package: "Wagefile"), .product(name: "WorkModel", package: "Wagefile"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
