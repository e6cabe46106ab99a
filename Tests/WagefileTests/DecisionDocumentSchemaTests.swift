import Foundation
import Specs
import Testing

/// openapi.yaml's `DecisionDocument` schema describes exactly the fields the wage files have:
/// every key of every golden decision file (Fixtures/golden, one per example) is a property in
/// the schema, followed through `$ref` and `allOf`, and every property appears in some golden
/// unless it is listed below with why. Paths read `.compliance.floorsInForce[].amount`.
@Suite("DecisionDocument schema against the goldens")
struct DecisionDocumentSchemaTests {
    /// Objects whose keys are data (a map) rather than field names: their schema has an
    /// `additionalProperties` schema and their golden keys are read as `*`. None so far; a map
    /// added to the decision file is listed here with what its keys are.
    static let maps: [String: String] = [:]

    /// Fields described but in no golden, each with why no example has it.
    static let notInGoldens: [String: String] = [
        ".loadedCost.noData":
            "written only where the jurisdiction has no on-cost row; every example's jurisdiction has one",
        ".withheld":
            "added by the server to the copy a role without individual-pay access reads; never in the file as computed",
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("every golden field is described, and every described field is in a golden")
    func schemaMatchesTheGoldens() throws {
        let schema = try OpenAPISchemas(
            path: Self.root.appendingPathComponent("Sources/WebApp/Resources/openapi.yaml").path)
        var described = Set<String>()
        var mapsFound = Set<String>()
        try schema.walk(try schema.named("DecisionDocument"), path: "", into: &described, maps: &mapsFound)
        #expect(mapsFound == Set(Self.maps.keys), "maps in the schema but not listed here with why, or listed but gone")

        var inGoldens = Set<String>()
        let goldens = try Self.goldens()
        #expect(goldens.count >= 10, "the goldens were not found")
        for (_, document) in goldens { Self.collect(document, path: "", into: &inGoldens) }

        let undescribed = inGoldens.subtracting(described).sorted()
        #expect(undescribed.isEmpty, "in the goldens but not in openapi.yaml's DecisionDocument: \(undescribed)")
        let unused = described.subtracting(inGoldens).subtracting(Self.notInGoldens.keys).sorted()
        #expect(
            unused.isEmpty,
            "in openapi.yaml's DecisionDocument but in no golden (drift, or list it with why): \(unused)")
        let stale = Set(Self.notInGoldens.keys).intersection(inGoldens).union(
            Set(Self.notInGoldens.keys).subtracting(described)
        ).sorted()
        #expect(stale.isEmpty, "listed as in no golden, but a golden has it or the schema no longer does: \(stale)")
    }

    @Test("the schema's description counts the questions the wage files answer")
    func questionCount() throws {
        let counts = Set(try Self.goldens().map { ($0.1["questions"] as? [Any])?.count ?? 0 })
        #expect(counts == [10], "golden question counts: \(counts)")
        let text = try String(
            contentsOfFile: Self.root.appendingPathComponent("Sources/WebApp/Resources/openapi.yaml").path,
            encoding: .utf8)
        #expect(text.contains("ten questions"), "openapi.yaml's DecisionDocument should say the ten questions")
        #expect(!text.contains("eight questions"))
    }

    static func goldens() throws -> [(String, [String: Any])] {
        let folder = try #require(
            Bundle.module.url(forResource: "golden", withExtension: nil, subdirectory: "Fixtures"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            let value = try JSONSerialization.jsonObject(
                with: try Data(contentsOf: folder.appendingPathComponent(name)))
            return (name, try #require(value as? [String: Any], "\(name) is not a JSON object"))
        }
    }

    static func collect(_ value: Any, path: String, into paths: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                let childPath = maps[path] == nil ? "\(path).\(key)" : "\(path).*"
                paths.insert(childPath)
                collect(child, path: childPath, into: &paths)
            }
        } else if let array = value as? [Any] {
            for element in array { collect(element, path: "\(path)[]", into: &paths) }
        }
    }
}

/// The `components.schemas` of an OpenAPI document, read with the spec reader's YAML parser.
private struct OpenAPISchemas {
    let schemas: [SpecNode.Entry]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let document = try #require(try SpecDocument.parse(text, file: path))
        schemas = try #require(document["components"]?["schemas"]?.entries, "no components.schemas in \(path)")
    }

    func named(_ name: String) throws -> SpecNode {
        try #require(schemas.first { $0.key == name }?.value, "no schema \(name)")
    }

    /// Every property path below `node`: `$ref`s and `allOf` followed, array items as `[]`, an
    /// `additionalProperties` schema as the map's `*`.
    func walk(_ node: SpecNode, path: String, into paths: inout Set<String>, maps: inout Set<String>) throws {
        if case .scalar(let reference, _, _)? = node["$ref"] {
            let name = try #require(reference.split(separator: "/").last.map(String.init), "bad $ref \(reference)")
            return try walk(try named(name), path: path, into: &paths, maps: &maps)
        }
        for part in node["allOf"]?.elements ?? [] { try walk(part, path: path, into: &paths, maps: &maps) }
        for property in node["properties"]?.entries ?? [] {
            paths.insert("\(path).\(property.key)")
            try walk(property.value, path: "\(path).\(property.key)", into: &paths, maps: &maps)
        }
        if let items = node["items"] { try walk(items, path: "\(path)[]", into: &paths, maps: &maps) }
        // `additionalProperties: true` only leaves room for later fields; a schema makes a map.
        if let values = node["additionalProperties"], values.entries != nil {
            maps.insert(path)
            paths.insert("\(path).*")
            try walk(values, path: "\(path).*", into: &paths, maps: &maps)
        }
    }
}

private extension SpecNode {
    var entries: [Entry]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    var elements: [SpecNode]? {
        if case .sequence(let elements, _) = self { return elements }
        return nil
    }

    subscript(key: String) -> SpecNode? { entries?.first { $0.key == key }?.value }
}
