import Foundation
import Testing
import WorkModel

@testable import Signal

@Suite("Judgment readers")
struct ReaderTests {
    @Test("CSV: quoted cells with commas, doubled quotes and newlines, CRLF, a BOM and any column order")
    func csvQuoting() throws {
        let text =
            "\u{FEFF}note,value,reviewer,item\r\n\"a, b\",yes,r1,\"item \"\"one\"\"\"\r\n\"two\nlines\",no,r2,\"item \"\"one\"\"\"\r\nx,yes,r1,i2\r\n,yes,r2,i2\r\n"
        let set = try Sample.csv(text)
        let report = AgreementAnalysis.report(set, files: [])
        #expect(report.judgments == 4)
        #expect(report.units == 2)
        #expect(set.reviewers == ["r1", "r2"])
        var items = Set<String>()
        set.forEach { item, _, _, _ in items.insert(item) }
        #expect(items == ["item \"one\"", "i2"])
        #expect(report.percentAgreement == 0.5)
    }

    @Test("CSV: a mapping names the columns; a missing column is named with the header it saw")
    func csvMapping() throws {
        let text = "task_uuid,annotator_email,sentiment\nt1,a@x,pos\nt1,b@x,pos\n"
        let set = try Sample.csv(
            text, mapping: ColumnMapping([.item: "task_uuid", .reviewer: "annotator_email", .value: "sentiment"]))
        #expect(set.judgmentCount == 2)
        let problems = Sample.problems { _ = try Sample.csv(text) }
        // No canonical header: one problem names the three fields, the columns and a --map to fill in.
        #expect(
            problems == [
                "t.csv:1:1: item, reviewer, value: no column named item, reviewer, value (the canonical header is item,reviewer,value); columns: task_uuid, annotator_email, sentiment; check what each column holds, then try --map item=COLUMN,reviewer=COLUMN,value=COLUMN"
            ])
        // Usual export names are suggested, never read silently: an `answer` column may hold the task's text.
        let guessed = Sample.problems { _ = try Sample.csv("task_id,annotator,answer\nt1,a,yes\nt1,b,yes\n") }
        #expect(guessed.count == 1 && guessed[0].hasSuffix("try --map item=task_id,reviewer=annotator,value=answer"))
        let wrong = Sample.problems {
            _ = try Sample.csv(
                text, mapping: ColumnMapping([.item: "task_uuid", .reviewer: "annotator_email", .value: "mood"]))
        }
        #expect(
            wrong == [
                "t.csv:1:1: value: the mapping names column 'mood', which the header does not have; columns: task_uuid, annotator_email, sentiment"
            ])
        #expect(throws: InputError.self) { try ColumnMapping(parsing: "colour=x") }
    }

    @Test("CSV: short rows and unclosed quotes are reported with their line numbers")
    func csvErrors() {
        let problems = Sample.problems { _ = try Sample.csv("item,reviewer,value\ni1,r1,a\ni2,r1\ni3,r2,\"open\n") }
        #expect(problems.contains("t.csv:3:1: value: the row has 2 cells; expected at least 3"))
        #expect(problems.contains("t.csv:4:1: (document): a quoted cell is not closed before the end of the file"))
    }

    @Test("JSON Lines: escapes, numbers as ids, unknown keys of any shape, nulls, blank lines")
    func jsonLines() throws {
        let text = """
            {"item":"caf\\u00e9","reviewer":7,"value":"x","meta":{"tags":["a",{"b":[1,2]}],"n":null},"time":"2026-11-02T10:00:00Z"}

            {"reviewer":"8","item":"caf\\u00e9","value":"x","rubric":"q1"}
            {"item":"b","reviewer":"7","value":null}
            """
        let set = try Sample.jsonl(text)
        #expect(set.reviewers == ["7", "8"])
        let report = AgreementAnalysis.report(set, files: [])
        #expect(report.judgments == 3)
        #expect(report.missingValues == 1)
        #expect(report.pairableUnits == 1)
        #expect(set.rubric == "q1")
        var names: [String] = []
        set.forEach { item, _, _, _ in names.append(item) }
        #expect(names.contains("café"))
    }

    @Test(
        "JSON Lines: every bad line is reported as file:line:column: field: message",
        arguments: [
            ("{\"item\":\"a\",\"reviewer\":\"r\"}", "t.jsonl:1:1: value: missing key 'value' (use null for no answer)"),
            (
                "{\"item\":\"a\",\"reviewer\":\"r\",\"value\":[1]}",
                "t.jsonl:1:36: value: expected a string, a number or null"
            ),
            ("{\"item\":\"a\" \"reviewer\":\"r\"}", "t.jsonl:1:13: (document): expected ',' or '}'"),
            (
                "[1,2]",
                "t.jsonl:1:1: (document): expected a JSON object ({\"item\": ..., \"reviewer\": ..., \"value\": ...})"
            ),
            (
                "{\"item\":\"a\",\"reviewer\":\"r\",\"value\":1,\"time\":\"yesterday\"}",
                "t.jsonl:1:1: time: expected an ISO 8601 time such as 2026-11-02T14:30:00Z, or seconds since 1970, found 'yesterday'"
            ),
            (
                "{\"item\":\"a\",\"reviewer\":\"r\",\"value\":1} x",
                "t.jsonl:1:39: (document): unexpected text after the object; one judgment per line"
            ),
            (
                "{\"item\":true,\"reviewer\":\"r\",\"value\":1}",
                "t.jsonl:1:9: item: expected an item id (a string or a whole number)"
            ),
        ])
    func jsonLinesErrors(line: String, expected: String) {
        let problems = Sample.problems {
            _ = try Sample.jsonl("{\"item\":\"ok\",\"reviewer\":\"r\",\"value\":1}\n" + line)
        }
        #expect(problems == [expected.replacingOccurrences(of: "t.jsonl:1:", with: "t.jsonl:2:")])
    }

    @Test(
        "Values: numbers are numbers whatever their quoting; labels at the interval level are refused with their line")
    func valueReading() throws {
        let set = try Sample.jsonl(
            """
            {"item":"a","reviewer":"r1","value":"3"}
            {"item":"a","reviewer":"r2","value":3.0}
            {"item":"a","reviewer":"r3","value":3}
            """, options: JudgmentSetOptions(level: .interval))
        #expect(set.domain.values == [.number(3)])
        let problems = Sample.problems {
            _ = try Sample.jsonl(
                "{\"item\":\"a\",\"reviewer\":\"r1\",\"value\":2}\n{\"item\":\"a\",\"reviewer\":\"r2\",\"value\":\"high\"}",
                options: JudgmentSetOptions(level: .interval))
        }
        #expect(problems == ["t.jsonl:2:1: value: 'high' is not a number; the interval level needs numbers"])
        let ordinal = Sample.problems {
            _ = try Sample.jsonl(
                "{\"item\":\"a\",\"reviewer\":\"r1\",\"value\":\"low\"}",
                options: JudgmentSetOptions(level: .ordinal, valueOrder: [.label("mid")]))
        }
        #expect(ordinal == ["t.jsonl:1:1: value: 'low' is not in --value-order (mid)"])
    }

    @Test("Several rubrics need --rubric, which keeps only that rubric's judgments")
    func rubricSelection() throws {
        let text = """
            {"item":"a","reviewer":"r1","value":1,"rubric":"helpful"}
            {"item":"a","reviewer":"r2","value":1,"rubric":"helpful"}
            {"item":"a","reviewer":"r1","value":5,"rubric":"harmless"}
            """
        let problems = Sample.problems { _ = try Sample.jsonl(text) }
        #expect(
            problems == [
                "t.jsonl:1:1: rubric: the judgments answer 2 rubrics (harmless, helpful); choose one with --rubric"
            ])
        let set = try Sample.jsonl(text, options: JudgmentSetOptions(rubric: "helpful"))
        #expect(set.judgmentCount == 2)
        #expect(set.domain.values == [.number(1)])
    }

    @Test("Times: ISO 8601 forms and offsets, epoch seconds")
    func times() {
        #expect(EpochTime.parseISO8601("1970-01-02") == 86_400)
        #expect(EpochTime.parseISO8601("2026-11-02T14:30:00Z") == 1_793_629_800)
        #expect(EpochTime.parseISO8601("2026-11-02T15:30:00.250+01:00") == 1_793_629_800)
        #expect(EpochTime.parseISO8601("2026-02-30") == nil)
        #expect(EpochTime.parseISO8601("2026-11-02T25:00Z") == nil)
        #expect(EpochTime.day(1_793_629_800) == "2026-11-02")
    }
}

@Suite("Tool importers")
struct ImporterTests {
    @Test("Label Studio export: choices, ratings, pairwise, cancelled skipped, ground truth becomes gold")
    func labelStudio() throws {
        let export = """
            [
              {"id": 1, "data": {"text": "great"}, "annotations": [
                {"completed_by": 11, "created_at": "2026-11-02T10:00:00Z", "result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Positive"]}}]},
                {"completed_by": {"id": 12, "email": "b@example.com"}, "result": [{"from_name": "sentiment", "type": "choices", "value": {"choices": ["Positive"]}}]},
                {"completed_by": 13, "was_cancelled": true, "result": [{"from_name": "sentiment", "type": "choices", "value": {"choices": ["Negative"]}}]}
              ]},
              {"id": 2, "data": {"text": "bad"}, "annotations": [
                {"completed_by": 11, "result": [{"from_name": "sentiment", "type": "choices", "value": {"choices": ["Negative"]}}]},
                {"completed_by": 99, "ground_truth": true, "result": [{"from_name": "sentiment", "type": "choices", "value": {"choices": ["Negative"]}}]},
                {"completed_by": {"id": 12, "email": "b@example.com"}, "result": [{"from_name": "sentiment", "type": "choices", "value": {"choices": ["Positive"]}}, {"from_name": "note", "type": "textarea", "value": {"text": ["meh"]}}]}
              ]}
            ]
            """
        var collector = JudgmentCollector(partitions: 2)
        try Data(export.utf8).withUnsafeBytes {
            #expect(JudgmentFormat.detect(path: "export.json", prefix: $0) == .labelStudio)
            try LabelStudioImporter.read($0, file: "export.json", into: &collector)
        }
        let set = try collector.finish()
        #expect(set.reviewers == ["11", "b@example.com"])
        let report = AgreementAnalysis.report(set, files: [])
        #expect(report.judgments == 4)
        #expect(report.percentAgreement == 0.5)
        let gold = report.reviewers.map { ($0.id, $0.goldJudgments, $0.goldAccuracy) }
        #expect(gold.map(\.1) == [1, 1])
        #expect(gold.map(\.2) == [1.0, 0.0])
    }

    @Test("Label Studio: a task without annotations is an error on its line")
    func labelStudioErrors() {
        let problems = Sample.problems {
            var collector = JudgmentCollector()
            try Data("[\n{\"id\": 1, \"annotations\": []},\n{\"id\": 2}\n]".utf8).withUnsafeBytes {
                try LabelStudioImporter.read($0, file: "ls.json", into: &collector)
            }
        }
        #expect(problems == ["ls.json:3:1: annotations: expected a list of annotations"])
    }

    @Test("Argilla records, both shapes; only submitted responses count")
    func argilla() throws {
        let v1 = """
            {"external_id": "r1", "fields": {"text": "x"}, "responses": [{"user_id": "u1", "status": "submitted", "values": {"label": {"value": "pos"}}}, {"user_id": "u2", "status": "discarded", "values": {"label": {"value": "neg"}}}, {"user_id": "u3", "status": "submitted", "values": {"label": {"value": "pos"}}}]}
            {"external_id": "r2", "responses": [{"user_id": "u1", "status": "submitted", "values": {"label": {"value": "neg"}}}, {"user_id": "u3", "status": "submitted", "values": {"label": {"value": "pos"}}}]}
            """
        let v2 = """
            [{"id": "r1", "responses": {"label": [{"user_id": "u1", "value": "pos", "status": "submitted"}, {"user_id": "u3", "value": "pos", "status": "submitted"}]}},
             {"id": "r2", "responses": {"label": [{"user_id": "u1", "value": "neg", "status": "submitted"}, {"user_id": "u3", "value": "pos", "status": "draft"}, {"user_id": "u2", "value": "pos"}]}}]
            """
        for (text, name) in [(v1, "records.jsonl"), (v2, "records.json")] {
            var collector = JudgmentCollector(partitions: 2)
            try Data(text.utf8).withUnsafeBytes {
                #expect(JudgmentFormat.detect(path: name, prefix: $0) == .argilla)
                try ArgillaImporter.read($0, file: name, into: &collector)
            }
            let report = AgreementAnalysis.report(try collector.finish(), files: [])
            #expect(report.judgments == 4, "\(name)")
            #expect(report.percentAgreement == 0.5, "\(name)")
        }
    }

    @Test("Gold files: JSON Lines and CSV; gold accuracy per reviewer")
    func goldFiles() throws {
        let judgments =
            "{\"item\":\"a\",\"reviewer\":\"r1\",\"value\":\"x\"}\n{\"item\":\"a\",\"reviewer\":\"r2\",\"value\":\"y\"}\n{\"item\":\"b\",\"reviewer\":\"r1\",\"value\":\"y\"}"
        for (gold, name) in [
            (
                "{\"item\":\"a\",\"value\":\"x\"}\n{\"item\":\"b\",\"gold\":\"x\"}\n{\"item\":\"zz\",\"value\":\"x\"}",
                "gold.jsonl"
            ), ("item,value\na,x\nb,x\n", "gold.csv"),
        ] {
            var collector = JudgmentCollector(partitions: 2)
            try Data(judgments.utf8).withUnsafeBytes { try collector.readJSONLines($0, file: "j.jsonl") }
            let answers = try Data(gold.utf8).withUnsafeBytes { try GoldFile.read($0, file: name) }
            collector.addGold(answers, file: name)
            let report = AgreementAnalysis.report(try collector.finish(), files: [])
            #expect(report.reviewers.map(\.goldJudgments) == [2, 1])
            #expect(report.reviewers.map(\.goldAccuracy) == [0.5, 0.0])
        }
        let problems = Sample.problems {
            _ = try Data("{\"item\":\"a\"}".utf8).withUnsafeBytes { try GoldFile.read($0, file: "g.jsonl") }
        }
        #expect(problems == ["g.jsonl:1:1: value: expected the gold value"])
    }
}
