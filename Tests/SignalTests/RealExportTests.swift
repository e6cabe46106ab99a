import Foundation
import Signal
import Testing
import WorkModel

/// The importers on exports the real tools wrote (Tests/SignalTests/Fixtures/real-exports,
/// made by scripts/real-exports: a real Label Studio 1.23.2 server and the argilla 2.8.0 SDK),
/// against the numbers the reference package gives on the intended judgments (`expected.json`,
/// krippendorff 0.9.0). Every export type of one tool must give the same figures.
@Suite struct RealExportTests {
    static var folder: URL {
        (Bundle.module.resourceURL ?? URL(fileURLWithPath: ".")).appendingPathComponent("Fixtures/real-exports")
    }

    struct Expected {
        let object: [String: Any]

        init(_ tool: String) throws {
            let data = try Data(contentsOf: RealExportTests.folder.appendingPathComponent("\(tool)/expected.json"))
            object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        func control(_ variant: String, _ control: String) throws -> [String: Any] {
            let variants = try #require(object["variants"] as? [String: Any])
            let controls = try #require((variants[variant] as? [String: Any])?["controls"] as? [String: Any])
            return try #require(controls[control] as? [String: Any])
        }
    }

    static func read(
        _ path: String, rubric: String, level: MeasurementLevel = .nominal, options: ImportOptions = ImportOptions()
    ) throws -> JudgmentSet {
        var collector = JudgmentCollector(partitions: 2)
        var importing = options
        importing.rubric = rubric
        try collector.read(try MappedFile(path: folder.appendingPathComponent(path).path), importing: importing)
        return try collector.finish(JudgmentSetOptions(level: level, rubric: rubric))
    }

    /// Judgments, alpha at every level the reference gives, and percent agreement, to the six
    /// places `expected.json` keeps.
    static func expectFigures(_ set: JudgmentSet, _ expected: [String: Any], _ what: String) throws {
        let report = AgreementAnalysis.report(set, files: [what])
        #expect(report.judgments == expected["n_judgments"] as? Int, "\(what): judgments")
        let alphas = try #require(expected["alpha"] as? [String: Double])
        let reference = try #require(alphas[set.level.rawValue], "\(what): no reference at \(set.level)")
        let alpha = try #require(report.alpha, "\(what): alpha undefined")
        #expect(abs(alpha - reference) < 5e-7, "\(what) \(set.level): \(alpha) vs \(reference)")
        let agreement = try #require((expected["percent_agreement"] as? [String: Any])?["mean_over_items"] as? Double)
        #expect(abs((report.percentAgreement ?? .nan) - agreement) < 5e-7, "\(what): percent agreement")
    }

    static let labelStudioJSONFiles = [
        "label-studio/export.json", "label-studio/snapshot-ids.json", "label-studio/snapshot-default.json",
        "label-studio/snapshot-expanded.json",
    ]
    static let labelStudioFlat = [
        "label-studio/export-min.json", "label-studio/export.csv", "label-studio/export.tsv",
        "label-studio/snapshot-expanded-min.json", "label-studio/snapshot-expanded.csv",
    ]
    static let controls: [(String, MeasurementLevel)] = [
        ("quality", .nominal), ("stars", .nominal), ("stars", .ordinal), ("stars", .interval), ("pref", .nominal),
        ("topic", .nominal),
    ]

    @Test(
        "Label Studio JSON and snapshots: ground truth is gold, not a judgment; every control as the reference gives it",
        arguments: labelStudioJSONFiles)
    func labelStudioJSON(path: String) throws {
        let expected = try Expected("label-studio")
        for (control, level) in Self.controls {
            let set = try Self.read(path, rubric: control, level: level)
            try Self.expectFigures(set, try expected.control("default", control), "\(path) \(control)")
            #expect(set.hasGold, "\(path) \(control): the ground truth of this control is the gold")
            #expect(set.goldAnswers().map(\.item) == ["1", "2", "3", "4"])
        }
        let notes = AgreementAnalysis.report(try Self.read(path, rubric: "quality"), files: []).notes
        #expect(notes.contains("Label Studio: 1 cancelled (skipped) annotation left out."))
        #expect(
            notes.contains {
                $0.hasPrefix("Label Studio: 4 ground-truth annotations are the gold of their controls, not counted")
            })
        #expect(notes.contains("Label Studio: 4 free-text answers to 'comment' counted, not measured."))
    }

    @Test("Label Studio gold accuracy per annotator equals the reference's matches on the gold items")
    func labelStudioGoldAccuracy() throws {
        let expected = try Expected("label-studio")
        let gold = try #require(expected.object["gold"] as? [String: Any])
        let perAnnotator = try #require(gold["per_annotator_vs_gold"] as? [String: [String: [String: Int]]])
        let ids = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Self.folder.appendingPathComponent("label-studio/_ids.json"))) as? [String: Any])
        let userIDs = try #require(ids["user_ids"] as? [String: Int])
        for control in ["quality", "stars", "pref", "topic"] {
            let report = AgreementAnalysis.report(try Self.read("label-studio/export.json", rubric: control), files: [])
            for (name, byControl) in perAnnotator {
                let reviewer = try #require(report.reviewers.first { $0.id == String(userIDs[name] ?? -1) }, "\(name)")
                let reference = try #require(byControl[control])
                #expect(reviewer.goldJudgments == reference["judged_gold_items"], "\(control) \(name)")
                let matches = Double(reference["matches_gold"] ?? 0) / Double(reference["judged_gold_items"] ?? 1)
                #expect(abs((reviewer.goldAccuracy ?? .nan) - matches) < 1e-12, "\(control) \(name)")
            }
        }
    }

    @Test(
        "Label Studio with --count-gold, and every flat export (JSON_MIN, CSV, TSV), give the with-gold figures",
        arguments: labelStudioJSONFiles.prefix(1) + labelStudioFlat)
    func labelStudioWithGold(path: String) throws {
        let expected = try Expected("label-studio")
        let flat = Self.labelStudioFlat.contains(path)
        for (control, level) in Self.controls {
            let set = try Self.read(
                path, rubric: control, level: level, options: ImportOptions(itemKey: "item_key", countGold: !flat))
            try Self.expectFigures(set, try expected.control("with_gold", control), "\(path) \(control)")
            #expect(
                Set(set.forEachItem()) == Set((1...12).map { String(format: "item-%02d", $0) }),
                "--item-key names items by the task's data key")
        }
    }

    @Test("Label Studio pairwise: options are the compared tags, the choice a or b")
    func labelStudioPairwise() throws {
        var collector = JudgmentCollector(partitions: 1)
        try collector.read(
            try MappedFile(path: Self.folder.appendingPathComponent("label-studio/export.json").path),
            importing: ImportOptions(rubric: "pref"))
        let set = try collector.finish(JudgmentSetOptions(rubric: "pref", pairwise: true))
        #expect(set.options == ["response_a", "response_b"])
        let pairs = try #require(AgreementAnalysis.report(set, files: []).pairs)
        #expect(pairs.pairItems == 12)
    }

    @Test("Label Studio flat exports say which column to read; none is guessed")
    func labelStudioFlatNeedsRubric() throws {
        var collector = JudgmentCollector(partitions: 1)
        let problems = Sample.problems {
            try collector.read(try MappedFile(path: Self.folder.appendingPathComponent("label-studio/export.csv").path))
        }
        #expect(problems.count == 1)
        #expect(
            problems.first?.contains(
                "name the control with --rubric (columns: comment, item_key, pref, quality, response_a, response_b, stars, text, topic)"
            ) == true, "\(problems)")
    }

    static let argillaWithStatus = [
        "argilla/records-to-list-flatten.json", "argilla/hf-records.jsonl", "argilla-v1/hf-v1-records.jsonl",
    ]

    @Test(
        "Argilla flattened and Hugging Face exports: submitted only by default, drafts with --status",
        arguments: argillaWithStatus)
    func argillaStatuses(path: String) throws {
        let expected = try Expected("argilla")
        for (control, level) in Self.controls {
            try Self.expectFigures(
                try Self.read(path, rubric: control, level: level), try expected.control("default", control),
                "\(path) \(control)")
            let drafts = try Self.read(
                path, rubric: control, level: level, options: ImportOptions(statuses: ["submitted", "draft"]))
            try Self.expectFigures(
                drafts, try expected.control("with_drafts", control), "\(path) \(control) with drafts")
        }
        let notes = AgreementAnalysis.report(try Self.read(path, rubric: "quality"), files: []).notes
        #expect(notes.contains { $0.hasPrefix("Argilla: 1 discarded response value left out") })
    }

    @Test(
        "Argilla to_json, to_disk and to_list(flatten=False) carry no status: every value counts, and the report says so",
        arguments: [
            "argilla/records.json", "argilla/dataset-to-disk/records.json", "argilla/records-to-list-nested.json",
        ])
    func argillaWithoutStatus(path: String) throws {
        let expected = try Expected("argilla")
        for (control, level) in Self.controls {
            try Self.expectFigures(
                try Self.read(path, rubric: control, level: level), try expected.control("all_statuses", control),
                "\(path) \(control)")
        }
        let notes = AgreementAnalysis.report(try Self.read(path, rubric: "quality"), files: []).notes
        #expect(notes.contains { $0.contains("carry no status") })
    }
}

extension JudgmentSet {
    /// Every item named in the set.
    func forEachItem() -> [String] {
        var items: [String] = []
        forEach { item, _, _, _ in items.append(item) }
        return items
    }
}
