import DecisionFiles
import Foundation
import Pricing
import ReferenceData
import Specs
import Testing
import WorkModel

/// The examples' decision files, compared byte for byte with reviewed golden files. A change
/// in any band, finding or answer shows up here as a diff to review, not as a silent drift.
/// Regenerate with scripts/regenerate-goldens.sh and read the diff before committing.
@Suite struct GoldenDecisionFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let examples =
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("examples").path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    @Test func thereAreAtLeastTenExamplesCoveringEveryLayerAndCategory() throws {
        let builder = DecisionFileBuilder(pricer: try Pricer(reference: try ReferenceLoader.load()), asOf: Shipped.asOf)
        let reader = RoleSpecReader(vocabulary: builder.reference.vocabulary)
        var layers: Set<String> = [], categories: Set<String> = []
        for name in Self.examples {
            let text = try String(contentsOf: Self.root.appendingPathComponent("examples/\(name)"), encoding: .utf8)
            let spec = try reader.read(text, file: "examples/\(name)").get()
            let file = builder.build(spec)
            layers.insert(file.layer)
            if let category = file.category?.id { categories.insert(category) }
        }
        #expect(Self.examples.count >= 10)
        #expect(layers == Set(builder.reference.layers.map(\.id.rawValue)))
        #expect(categories == Set(builder.reference.categories.map(\.id)))
    }

    @Test(arguments: examples)
    func exampleMatchesItsGoldenFile(_ name: String) throws {
        let builder = DecisionFileBuilder(pricer: try Pricer(reference: try ReferenceLoader.load()), asOf: Shipped.asOf)
        let reader = RoleSpecReader(vocabulary: builder.reference.vocabulary)
        let text = try String(contentsOf: Self.root.appendingPathComponent("examples/\(name)"), encoding: .utf8)
        let spec = try reader.read(text, file: "examples/\(name)").get()
        let rendered = try JSONRendering.pretty(builder.build(spec)) + "\n"
        let golden = try #require(
            Bundle.module.url(
                forResource: (name as NSString).deletingPathExtension, withExtension: "json",
                subdirectory: "Fixtures/golden"))
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(
            rendered == expected,
            "examples/\(name) no longer matches Fixtures/golden; review and run scripts/regenerate-goldens.sh")
    }
}
