import Foundation
import Signal
import Testing
import WorkModel

/// Crowd-platform tables through `TableLayout` and the SageMaker manifest importer, on the
/// hand-written fixtures in Fixtures/crowd (made after each platform's documentation; see its
/// README). Expected alphas from krippendorff 0.9.0 on the same judgments, written out in each test.
@Suite struct CrowdTableTests {
    static func read(
        _ name: String, mapping: ColumnMapping = ColumnMapping(), layout: TableLayout = TableLayout(),
        rubric: String? = nil, level: MeasurementLevel = .nominal
    ) throws -> (JudgmentSet, [String]) {
        let url = (Bundle.module.resourceURL ?? URL(fileURLWithPath: ".")).appendingPathComponent(
            "Fixtures/crowd/\(name)")
        var collector = JudgmentCollector(partitions: 2)
        try collector.read(try MappedFile(path: url.path), mapping: mapping, layout: layout)
        let notes = collector.notes
        return (try collector.finish(JudgmentSetOptions(level: level, rubric: rubric)), notes)
    }

    @Test("MTurk: only approved assignments, a question column and a one-hot radio group (alpha 0.4 each)")
    func mturk() throws {
        let mapping = ColumnMapping([.item: "Input.item_id", .reviewer: "WorkerId"])
        let layout = TableLayout(
            filters: [try RowFilter(parsing: "AssignmentStatus=Approved")], questionColumns: ["Answer.quality"],
            oneHotPrefixes: ["Answer.sentiment"])
        for rubric in ["Answer.quality", "Answer.sentiment"] {
            let (set, notes) = try Self.read("mturk-batch.csv", mapping: mapping, layout: layout, rubric: rubric)
            #expect(set.judgmentCount == 7, "the rejected and the unreviewed assignment are left out")
            #expect(abs((alpha(set) ?? .nan) - 0.4) < 1e-12)
            #expect(notes.contains { $0.hasSuffix("2 rows left out by --where AssignmentStatus=Approved.") })
        }
        let (sentiment, _) = try Self.read(
            "mturk-batch.csv", mapping: mapping, layout: layout, rubric: "Answer.sentiment")
        #expect(Set(sentiment.domain.values.map(\.description)) == ["negative", "positive"])
    }

    @Test(
        "Qualtrics wide: two header rows skipped, unfinished responses left out, one column per item (interval alpha 0.769)"
    )
    func qualtrics() throws {
        let layout = TableLayout(filters: [try RowFilter(parsing: "Finished=True")], itemColumns: ["Q*"], skipRows: 2)
        let (set, _) = try Self.read(
            "qualtrics-wide.csv", mapping: ColumnMapping([.reviewer: "ResponseId"]), layout: layout, level: .interval)
        #expect(set.judgmentCount == 9 && set.itemCount == 3)
        #expect(abs((alpha(set) ?? .nan) - 0.7692307692307692) < 1e-12)
    }

    @Test("Gorilla long format: button presses are not answers; without the filter the reader stops on them")
    func gorilla() throws {
        let mapping = ColumnMapping([
            .item: "Spreadsheet: item", .reviewer: "Participant Private ID", .value: "Response",
        ])
        let (set, _) = try Self.read(
            "gorilla-long.csv", mapping: mapping,
            layout: TableLayout(filters: [try RowFilter(parsing: "Zone Type=response_button_text")]))
        #expect(set.judgmentCount == 6)
        #expect(abs((alpha(set) ?? .nan) - 0.375) < 1e-12)
        // The canonical reader has no filter: the Continue rows have no item, and it says where.
        let problems = Sample.problems { _ = try Self.read("gorilla-long.csv", mapping: mapping) }
        #expect(
            problems.first?.hasPrefix("gorilla-long.csv:2:") == true || problems.contains { $0.contains(":2:") },
            "\(problems)")
    }

    @Test("SageMaker Ground Truth: every worker's answer from annotationsFromAllWorkers (alpha 0.448)")
    func sagemaker() throws {
        let (set, _) = try Self.read("sagemaker-manifest.jsonl")
        #expect(set.judgmentCount == 9 && set.reviewers.count == 3 && set.rubric == "response")
        #expect(abs((alpha(set) ?? .nan) - 0.4482758620689655) < 1e-12)
    }

    @Test("A --where naming a column the table lacks is refused with the columns")
    func unknownFilterColumn() throws {
        let problems = Sample.problems {
            _ = try Self.read(
                "mturk-batch.csv",
                mapping: ColumnMapping([.item: "Input.item_id", .reviewer: "WorkerId", .value: "Answer.quality"]),
                layout: TableLayout(filters: [try RowFilter(parsing: "Status=Approved")]))
        }
        #expect(
            problems.count == 1 && problems[0].contains("no column 'Status'; columns: HITId, AssignmentId"),
            "\(problems)")
    }

    @Test(
        "A SageMaker manifest with only the consolidated label is refused on its line: one label per item cannot measure agreement"
    )
    func sagemakerConsolidatedOnly() throws {
        let line =
            #"{"source-ref": "s3://bucket/a.txt", "sport": 0, "sport-metadata": {"class-name": "football", "human-annotated": "yes"}}"#
        var collector = JudgmentCollector(partitions: 1)
        let problems = Sample.problems {
            try Data((line + "\n").utf8).withUnsafeBytes {
                try SageMakerImporter.read($0, file: "out.manifest", into: &collector)
            }
        }
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix(
                "out.manifest:1:1: annotationsFromAllWorkers: no label attribute keeps every worker's answer") == true,
            "\(problems)")
        #expect(collector.judgmentCount == 0, "nothing half-read")
    }

    @Test("A --where without = is refused")
    func badFilter() {
        #expect(throws: InputError.self) { try RowFilter(parsing: "AssignmentStatus") }
        #expect(throws: InputError.self) { try RowFilter(parsing: "=Approved") }
    }
}
