import Foundation
public import WorkModel

/// Label Studio's exports, every type: the full JSON export and snapshot exports (tasks with
/// `annotations`; `completed_by` an id or a user object), and the flat JSON_MIN, CSV and TSV
/// exports (one row per annotation, the task's data keys beside the answers).
///
/// - Each control (`from_name`) is its own rubric.
/// - Cancelled annotations (`was_cancelled`) are dropped; drafts are not annotations.
/// - A `ground_truth` annotation is the gold answer for its own control on its task, and with
///   `ImportOptions.countGold` also its author's judgment.
/// - Pairwise results are `a` (left) or `b` (right) between the two compared tags, named
///   as the control's `toName` names them (the task's data keys).
/// - Text areas are counted and said in the report, not measured.
/// - The flat exports say neither which columns are answers nor which annotations are ground
///   truth or cancelled (cancelled ones are already left out): the control is named with
///   `--rubric`, and ground truth counts as a judgment, as the report says.
///
/// SAFETY: reads `bytes` only through `JSONRecords`, `JSONArrayElements` and `DelimitedRows`,
/// inside the call.
public enum LabelStudioImporter {
    public static func read(
        _ bytes: UnsafeRawBufferPointer, file: String, options: ImportOptions = ImportOptions(),
        into collector: inout JudgmentCollector
    ) throws(InputError) {
        let first = bytes.first {
            $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
        }
        if first == UInt8(ascii: "[") {
            var tasks: [([String: Any], Int)] = []
            try JSONRecords.forEach(bytes, file: file) { object, line in tasks.append((object, line)) }
            if let firstTask = tasks.first?.0, firstTask["annotations"] == nil,
                firstTask["annotator"] != nil || firstTask["annotation_id"] != nil
            {
                try readRows(
                    tasks.map { ($0.0.mapValues { Optional($0) }, $0.1) }, columns: Set(tasks.flatMap(\.0.keys)),
                    file: file, kind: "JSON_MIN",
                    options: options, into: &collector)
            } else {
                try readTasks(tasks, file: file, options: options, into: &collector)
            }
        } else {
            let delimiter = DelimitedRows.delimiter(of: bytes)
            let table = try DelimitedRows(bytes, file: file, delimiter: delimiter)
            let rows = table.rows.map { row -> ([String: Any?], Int) in
                var object: [String: Any?] = [:]
                for (index, name) in table.header.enumerated() {
                    object[name] = index < row.cells.count ? row.cells[index] : nil
                }
                return (object, row.line)
            }
            try readRows(
                rows, columns: Set(table.header), file: file,
                kind: delimiter == 9 ? "TSV" : "CSV",
                options: options, into: &collector)
        }
    }

    /// The full JSON and snapshot exports.
    static func readTasks(
        _ tasks: [([String: Any], Int)], file: String, options: ImportOptions, into collector: inout JudgmentCollector
    ) throws(InputError) {
        var batch = ImportBatch(file: file)
        var gold: [(item: String, rubric: String?, value: JudgmentValue, line: Int)] = []
        var cancelled = 0, goldAnnotations = 0, drafts = 0
        var freeText: [String: Int] = [:]
        for (task, line) in tasks {
            func fail(_ field: String, _ message: String) { batch.fail(field, message, line: line) }
            let data = task["data"] as? [String: Any] ?? [:]
            guard let item = options.itemKey.map({ idText(data[$0]) }) ?? idText(task["id"]) else {
                fail(
                    options.itemKey.map { "data.\($0)" } ?? "id",
                    options.itemKey == nil
                        ? "a task needs an id" : "the task has no data key '\(options.itemKey ?? "")' (--item-key)")
                continue
            }
            guard let annotations = task["annotations"] as? [[String: Any]] else {
                fail("annotations", "expected a list of annotations")
                continue
            }
            drafts += (task["drafts"] as? [Any])?.count ?? 0
            for (index, annotation) in annotations.enumerated() {
                if annotation["was_cancelled"] as? Bool == true {
                    cancelled += 1
                    continue
                }
                guard let reviewer = reviewerName(annotation["completed_by"]) else {
                    fail("annotations[\(index)].completed_by", "expected the annotator's id or user")
                    continue
                }
                let time = (annotation["created_at"] as? String).flatMap(EpochTime.parseISO8601)
                let isGold = annotation["ground_truth"] as? Bool == true
                if isGold { goldAnnotations += 1 }
                for result in annotation["result"] as? [[String: Any]] ?? [] {
                    let rubric = result["from_name"] as? String
                    guard
                        let judgment = judgment(
                            LabelStudioAnswer.of(result: result), item: item, reviewer: reviewer, time: time,
                            rubric: rubric,
                            freeText: &freeText)
                    else { continue }
                    if isGold, let value = judgment.value { gold.append((item, rubric, value, line)) }
                    if !isGold || options.countGold { batch.add(judgment, line: line) }
                }
            }
        }
        try batch.commit(into: &collector)
        for answer in gold {
            collector.addGold(
                item: answer.item, rubric: answer.rubric, value: answer.value, file: file, line: answer.line)
        }
        if cancelled > 0 {
            collector.note(
                "Label Studio: \(cancelled) cancelled (skipped) annotation\(cancelled == 1 ? "" : "s") left out.")
        }
        if goldAnnotations > 0 {
            collector.note(
                options.countGold
                    ? "Label Studio: \(goldAnnotations) ground-truth annotation\(goldAnnotations == 1 ? " is" : "s are") the gold of their controls and also counted as their authors' judgments (--count-gold)."
                    : "Label Studio: \(goldAnnotations) ground-truth annotation\(goldAnnotations == 1 ? " is" : "s are") the gold of their controls, not counted as judgments (--count-gold counts them)."
            )
        }
        if drafts > 0 {
            collector.note(
                "Label Studio: \(drafts) draft\(drafts == 1 ? "" : "s") not counted (a draft is not a submitted annotation)."
            )
        }
        noteFreeText(freeText, into: &collector)
    }

    /// JSON_MIN, CSV and TSV: one row per non-cancelled annotation; only the `--rubric` column
    /// is read, because nothing tells answers from the task's own data.
    static func readRows(
        _ rows: [([String: Any?], Int)], columns: Set<String>, file: String, kind: String, options: ImportOptions,
        into collector: inout JudgmentCollector
    ) throws(InputError) {
        let meta: Set<String> = ["id", "annotation_id", "annotator", "created_at", "updated_at", "lead_time"]
        let candidates = columns.subtracting(meta).subtracting(options.itemKey.map { [$0] } ?? []).sorted()
        guard let rubric = options.rubric else {
            throw InputError([
                Diagnostic(
                    file: file, location: .start, field: "rubric",
                    message:
                        "a Label Studio \(kind) export does not say which columns are answers and which are the task's data: name the control with --rubric (columns: \(candidates.joined(separator: ", "))); the JSON export needs no choice"
                )
            ])
        }
        guard columns.contains(rubric) else {
            throw InputError([
                Diagnostic(
                    file: file, location: .start, field: "rubric",
                    message:
                        "no column '\(rubric)' in this \(kind) export; columns: \(candidates.joined(separator: ", "))")
            ])
        }
        var batch = ImportBatch(file: file)
        var freeText: [String: Int] = [:]
        for (row, line) in rows {
            func fail(_ field: String, _ message: String) { batch.fail(field, message, line: line) }
            let itemColumn = options.itemKey ?? "id"
            guard let item = idText(row[itemColumn] ?? nil) else {
                fail(
                    itemColumn,
                    "expected the task's \(options.itemKey == nil ? "id" : "data key '\(itemColumn)' (--item-key)")")
                continue
            }
            guard let reviewer = reviewerName(row["annotator"] ?? nil) else {
                fail("annotator", "expected the annotator's id or email")
                continue
            }
            let time = ((row["created_at"] ?? nil) as? String).flatMap(EpochTime.parseISO8601)
            if let judgment = judgment(
                LabelStudioAnswer.of(cell: row[rubric] ?? nil), item: item, reviewer: reviewer, time: time,
                rubric: rubric,
                freeText: &freeText)
            {
                batch.add(judgment, line: line)
            }
        }
        try batch.commit(into: &collector)
        collector.note(
            "Label Studio \(kind): the export marks neither ground truth nor cancelled annotations (cancelled ones are already left out), so ground-truth annotations count as judgments here; for gold, export JSON."
        )
        noteFreeText(freeText, into: &collector)
    }

    /// The judgment an answer gives, or nil (free text is counted by control instead).
    static func judgment(
        _ answer: LabelStudioAnswer, item: String, reviewer: String, time: Int64?, rubric: String?,
        freeText: inout [String: Int]
    ) -> Judgment? {
        switch answer {
        case .value(let value):
            return Judgment(item: item, reviewer: reviewer, value: value, time: time, rubric: rubric)
        case .pair(let choice, let left, let right):
            var judgment = Judgment(item: item, reviewer: reviewer, value: .label(choice), time: time, rubric: rubric)
            judgment.optionA = left
            judgment.optionB = right
            return judgment
        case .text:
            freeText[rubric ?? "text", default: 0] += 1
            return nil
        case .none:
            return nil
        }
    }

    /// `completed_by` as an id, or as a user object (its email, else its id); `annotator` of
    /// the flat exports (an id, or an email in converted snapshots).
    static func reviewerName(_ any: Any?) -> String? {
        if let user = any as? [String: Any] { return idText(user["email"]) ?? idText(user["id"]) }
        return idText(any)
    }

    static func noteFreeText(_ counts: [String: Int], into collector: inout JudgmentCollector) {
        for (control, count) in counts.sorted(by: { $0.key < $1.key }) {
            collector.note(
                "Label Studio: \(count) free-text answer\(count == 1 ? "" : "s") to '\(control)' counted, not measured."
            )
        }
    }
}
