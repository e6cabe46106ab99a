import DecisionFiles
import Foundation
import Pricing
import ReferenceData
import Specs
import Testing
import WagefileTestSupport
import WorkModel

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

/// Files under Tests/WagefileTests/Fixtures, copied into the test bundle.
enum Fixtures {
    static func url(_ path: String) throws -> URL {
        let base = try #require(
            Bundle.module.url(forResource: "Fixtures", withExtension: nil),
            "the Fixtures folder is missing from the test bundle")
        return base.appendingPathComponent(path)
    }

    static func text(_ path: String) throws -> String {
        let data = try Data(contentsOf: try url(path))
        return try #require(String(data: data, encoding: .utf8))
    }
}

/// Reads `text` as `x.yaml` and returns the diagnostics, recording an issue when it was accepted.
func diagnostics(
    _ text: String, file: String = "x.yaml", lineOffset: Int = 0,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> [Diagnostic] {
    let shipped = try Shipped.get()
    switch shipped.reader.read(text, file: file, lineOffset: lineOffset) {
    case .success(let spec):
        Issue.record(
            "expected the spec to be rejected, but it was read as '\(spec.id)'", sourceLocation: sourceLocation)
        return []
    case .failure(let error):
        return error.diagnostics
    }
}

/// Reads `text` and requires it to be accepted.
func readSpec(_ text: String, file: String = "x.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
    -> RoleSpec
{
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
    #expect(
        abs(value - expected) <= tolerance, "\(label)\(value) is not within \(tolerance) of \(expected)",
        sourceLocation: sourceLocation)
}
