import Foundation
import Testing
import WorkModel
import Specs
import ReferenceData
import Pricing
import DecisionFiles

/// The shipped reference data, the pricer and the decision-file builder, loaded once for the
/// whole test run (loading parses a dozen YAML files and fits the pay line).
struct Shipped: Sendable {
    let reference: ReferenceSet
    let pricer: Pricer
    let builder: DecisionFileBuilder
    let reader: RoleSpecReader

    /// The evaluation date every test and golden file uses, so results never drift with the clock.
    static let asOf = CalendarDate(year: 2026, month: 11, day: 21)

    private static let loaded: Result<Shipped, any Error> = Result {
        let reference = try ReferenceLoader.load()
        let pricer = try Pricer(reference: reference)
        return Shipped(
            reference: reference, pricer: pricer, builder: DecisionFileBuilder(pricer: pricer, asOf: asOf),
            reader: RoleSpecReader(vocabulary: reference.vocabulary))
    }

    static func get() throws -> Shipped { try loaded.get() }
}

/// A valid role spec used as the starting point of the malformed-spec tests. Tests replace or
/// remove single lines, so every expected line number below can be read off this listing.
enum BaseSpec {
    static let lines = [
        "spec: wagefile.role/v1",  // 1
        "id: base-evaluator",  // 2
        "title: Response Evaluator",  // 3
        "judgment:",  // 4
        "  purchased: Consistent rubric grades with written reasons.",  // 5
        "  type: rubric-application",  // 6
        "tasks:",  // 7
        "  - {task: apply-rubric, share: 0.6}",  // 8
        "  - {task: identify-hallucinations, share: 0.4}",  // 9
        "direction: evaluate",  // 10
        "expertise: trained",  // 11
        "scope: task-set",  // 12
        "modality: text",  // 13
        "language: common",  // 14
        "consequences: {if_wrong: Bad grades ship defects, impact: product-quality}",  // 15
        "authority: none",  // 16
        "data_sensitivity: internal",  // 17
        "content_exposure: none",  // 18
        "worker: {status: contractor, jurisdiction: US-CA, hours_per_week: 40}",  // 19
        "currency: USD",  // 20
        "offered: {amount: 30, basis: hourly}",  // 21
        "budget_owner: product-quality",  // 22
    ]

    static var text: String { lines.joined(separator: "\n") + "\n" }

    /// The base spec with 1-based lines replaced (a replacement may hold several lines) or,
    /// where the value is nil, removed. Line numbers refer to the listing above.
    static func edit(_ changes: [Int: String?]) -> String { edit(lines, changes) }

    /// `lines` with 1-based lines replaced or removed; shared by every numbered test spec.
    static func edit(_ lines: [String], _ changes: [Int: String?]) -> String {
        var out: [String] = []
        for (index, line) in lines.enumerated() {
            if let change = changes[index + 1] {
                if let replacement = change { out.append(replacement) }
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func with(line number: Int, _ replacement: String) -> String { edit([number: .some(replacement)]) }

    static func without(lines numbers: Int...) -> String {
        edit(Dictionary(uniqueKeysWithValues: numbers.map { ($0, String?.none) }))
    }

    /// The base spec with `extra` appended at the end (line 23 onwards).
    static func appending(_ extra: String) -> String { text + extra + "\n" }
}

/// Files under Tests/WagefileTests/Fixtures, copied into the test bundle.
enum Fixtures {
    static func url(_ path: String) throws -> URL {
        let base = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil), "the Fixtures folder is missing from the test bundle")
        return base.appendingPathComponent(path)
    }

    static func text(_ path: String) throws -> String {
        let data = try Data(contentsOf: try url(path))
        return try #require(String(data: data, encoding: .utf8))
    }
}

/// Reads `text` as `x.yaml` and returns the diagnostics, recording an issue when it was accepted.
func diagnostics(
    _ text: String, file: String = "x.yaml", lineOffset: Int = 0, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> [Diagnostic] {
    let shipped = try Shipped.get()
    switch shipped.reader.read(text, file: file, lineOffset: lineOffset) {
    case .success(let spec):
        Issue.record("expected the spec to be rejected, but it was read as '\(spec.id)'", sourceLocation: sourceLocation)
        return []
    case .failure(let error):
        return error.diagnostics
    }
}

/// Reads `text` and requires it to be accepted.
func readSpec(_ text: String, file: String = "x.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> RoleSpec {
    let shipped = try Shipped.get()
    switch shipped.reader.read(text, file: file) {
    case .success(let spec):
        return spec
    case .failure(let error):
        Issue.record("expected the spec to be read, got:\n\(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// `file:line:column: field` of a diagnostic, the part editors and CI annotations jump on.
func prefix(_ diagnostic: Diagnostic) -> String {
    "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column): \(diagnostic.field.isEmpty ? "(document)" : diagnostic.field)"
}

/// Asserts that `value` is within `tolerance` of `expected`.
func expectClose(
    _ value: Double?, _ expected: Double, tolerance: Double = 1e-9, _ what: String = "",
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let label = what.isEmpty ? "" : "\(what): "
    guard let value else {
        Issue.record("\(label)expected \(expected), got nil", sourceLocation: sourceLocation)
        return
    }
    #expect(abs(value - expected) <= tolerance, "\(label)\(value) is not within \(tolerance) of \(expected)", sourceLocation: sourceLocation)
}
