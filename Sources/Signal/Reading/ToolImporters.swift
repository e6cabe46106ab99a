import Foundation
public import WorkModel

/// Splits a top-level JSON array into its elements without parsing the whole document, so a
/// Label Studio export of any size is read one task at a time.
///
/// SAFETY: slices `bytes` (borrowed for the call) only at offsets below its `count`, found by scanning
/// it.
enum JSONArrayElements {
    /// Calls `body(element bytes, line where it starts)`; throws on a document that is not an array.
    static func forEach(_ bytes: UnsafeRawBufferPointer, file: String, _ body: (UnsafeRawBufferPointer, Int) throws(InputError) -> Void) throws(InputError) {
        var i = 0
        let n = bytes.count
        var line = 1
        func fail(_ message: String) -> InputError {
            InputError([Diagnostic(file: file, location: SourceLocation(line: line, column: 1), field: "", message: message)])
        }
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        func skipSpace() {
            while i < n, bytes[i] == 32 || bytes[i] == 10 || bytes[i] == 13 || bytes[i] == 9 {
                if bytes[i] == 10 { line += 1 }
                i += 1
            }
        }
        skipSpace()
        guard i < n, bytes[i] == UInt8(ascii: "[") else { throw fail("expected a JSON array of tasks or records") }
        i += 1
        while true {
            skipSpace()
            guard i < n else { throw fail("the array is not closed") }
            if bytes[i] == UInt8(ascii: "]") { return }
            let start = i, startLine = line
            var depth = 0
            var inString = false
            while i < n {
                let c = bytes[i]
                if inString {
                    if c == 92 { i += 1 } else if c == 34 { inString = false } else if c == 10 { line += 1 }
                } else if c == 34 {
                    inString = true
                } else if c == 123 || c == 91 {
                    depth += 1
                } else if c == 125 || c == 93 {
                    if depth == 0 { break }
                    depth -= 1
                } else if c == 44 && depth == 0 {
                    break
                } else if c == 10 {
                    line += 1
                }
                i += 1
            }
            guard i < n else { throw fail("the array is not closed") }
            try body(UnsafeRawBufferPointer(rebasing: bytes[start..<i]), startLine)
            if bytes[i] == 44 { i += 1 }
        }
    }

    static func object(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws(InputError) -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) as? [String: Any] else {
            throw InputError([Diagnostic(file: file, location: SourceLocation(line: line, column: 1), field: "", message: "expected a JSON object")])
        }
        return object
    }
}

/// Text of an id that may be a JSON string or number.
func idText(_ any: Any?) -> String? {
    switch any {
    case let s as String: return s.isEmpty ? nil : s
    case let n as NSNumber:
        let d = n.doubleValue
        return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
    default: return nil
    }
}

/// A judged value from JSON: a string or number, a list (joined, sorted, with `|`), or nil.
func valueOf(_ any: Any?) -> JudgmentValue? {
    switch any {
    case let s as String: return JudgmentValue(text: s)
    case let n as NSNumber:
        let type = String(cString: n.objCType)
        if type == "c" || type == "B" { return .label(n.boolValue ? "true" : "false") }
        return .number(n.doubleValue)
    case let list as [Any]:
        let parts = list.compactMap { valueOf($0)?.description }.sorted()
        return parts.isEmpty ? nil : .label(parts.joined(separator: "|"))
    default: return nil
    }
}

/// Label Studio's JSON export: an array of tasks, each with `annotations`; an annotation has
/// `completed_by` (an id or a user object) and `result` items (`choices`, `rating`, `number`,
/// `pairwise`, `textarea` ...). Each result becomes one judgment whose rubric is the control's
/// `from_name`. Cancelled annotations are skipped; a `ground_truth` annotation is the item's
/// gold answer, not a judgment. Spans (labels, rectangles) and free text are not judgments
/// this measures and are skipped.
///
/// SAFETY: reads `bytes` only through `JSONArrayElements`, inside the call.
public enum LabelStudioImporter {
    public static func read(_ bytes: UnsafeRawBufferPointer, file: String, into collector: inout JudgmentCollector) throws(InputError) {
        var problems: [Diagnostic] = []
        var pending: [(Judgment, Int)] = []
        try JSONArrayElements.forEach(bytes, file: file) { (element, line) throws(InputError) in
            func fail(_ field: String, _ message: String) {
                if problems.count < 50 { problems.append(Diagnostic(file: file, location: SourceLocation(line: line, column: 1), field: field, message: message)) }
            }
            let task = try JSONArrayElements.object(element, file: file, line: line)
            guard let item = idText(task["id"]) else { return fail("id", "a task needs an id") }
            guard let annotations = task["annotations"] as? [[String: Any]] else { return fail("annotations", "expected a list of annotations") }
            let data = task["data"] as? [String: Any] ?? [:]
            let left = idText(data["a"]) ?? idText(data["left_id"]) ?? "\(item):left"
            let right = idText(data["b"]) ?? idText(data["right_id"]) ?? "\(item):right"
            for (index, annotation) in annotations.enumerated() {
                if annotation["was_cancelled"] as? Bool == true { continue }
                let reviewer: String?
                if let user = annotation["completed_by"] as? [String: Any] {
                    reviewer = idText(user["email"]) ?? idText(user["id"])
                } else {
                    reviewer = idText(annotation["completed_by"])
                }
                guard let reviewer else { fail("annotations[\(index)].completed_by", "expected the annotator's id"); continue }
                let time = (annotation["created_at"] as? String).flatMap(EpochTime.parseISO8601)
                let isGold = annotation["ground_truth"] as? Bool == true
                for result in annotation["result"] as? [[String: Any]] ?? [] {
                    let value = result["value"] as? [String: Any] ?? [:]
                    let rubric = result["from_name"] as? String
                    var judged: JudgmentValue?
                    var pair = false
                    switch result["type"] as? String {
                    case "choices": judged = valueOf(value["choices"])
                    case "rating": judged = valueOf(value["rating"])
                    case "number": judged = valueOf(value["number"])
                    case "pairwise":
                        pair = true
                        switch value["selected"] as? String {
                        case "left": judged = .label("a")
                        case "right": judged = .label("b")
                        default: judged = .label("tie")
                        }
                    default: continue
                    }
                    var judgment = Judgment(item: item, reviewer: reviewer, value: judged, time: time, rubric: rubric)
                    if pair {
                        judgment.optionA = left
                        judgment.optionB = right
                    }
                    if isGold {
                        judgment.gold = judged
                        judgment.value = nil
                    }
                    pending.append((judgment, line))
                }
            }
        }
        guard problems.isEmpty else { throw InputError(problems) }
        for (judgment, line) in pending where judgment.value != nil || judgment.gold != nil {
            if judgment.value == nil {
                // A gold-only record: mark the gold without adding a judgment.
                collector.addGold([(judgment.item, judgment.gold ?? .label(""))], file: file)
            } else {
                collector.add(judgment, file: file, line: line)
            }
        }
    }
}

/// Argilla records with `responses`: the FeedbackDataset shape (a list of responses with
/// `user_id`, `values: {question: {value}}` and `status`) and the v2 shape (`responses:
/// {question: [{user_id, value, status}]}`), as a JSON array or JSON Lines. The item is the
/// record's `external_id` or `id`; each question is a rubric; only submitted responses count.
///
/// SAFETY: reads `bytes` only through `JSONArrayElements` and bounded slices, inside the call.
public enum ArgillaImporter {
    public static func read(_ bytes: UnsafeRawBufferPointer, file: String, into collector: inout JudgmentCollector) throws(InputError) {
        var problems: [Diagnostic] = []
        var pending: [(Judgment, Int)] = []
        func record(_ object: [String: Any], line: Int) {
            func fail(_ field: String, _ message: String) {
                if problems.count < 50 { problems.append(Diagnostic(file: file, location: SourceLocation(line: line, column: 1), field: field, message: message)) }
            }
            guard let item = idText(object["external_id"]) ?? idText(object["id"]) else { return fail("id", "a record needs an id or external_id") }
            func add(reviewer: Any?, question: String, value: Any?, status: Any?, time: Any?) {
                if let status = status as? String, status != "submitted" { return }
                guard let reviewer = idText(reviewer) else { return fail("responses.user_id", "expected the annotator's user_id") }
                guard let judged = valueOf(value) else { return }
                pending.append((Judgment(item: item, reviewer: reviewer, value: judged, time: (time as? String).flatMap(EpochTime.parseISO8601), rubric: question), line))
            }
            if let responses = object["responses"] as? [[String: Any]] {
                for response in responses {
                    for (question, answer) in response["values"] as? [String: Any] ?? [:] {
                        add(reviewer: response["user_id"], question: question, value: (answer as? [String: Any])?["value"], status: response["status"],
                            time: response["updated_at"] ?? response["inserted_at"])
                    }
                }
            } else if let byQuestion = object["responses"] as? [String: Any] {
                for (question, list) in byQuestion {
                    for response in list as? [[String: Any]] ?? [] {
                        add(reviewer: response["user_id"], question: question, value: response["value"], status: response["status"],
                            time: response["updated_at"] ?? response["inserted_at"])
                    }
                }
            } else {
                fail("responses", "expected responses (a list, or an object by question)")
            }
        }
        let trimmed = bytes.drop { $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        if trimmed.first == UInt8(ascii: "[") {
            try JSONArrayElements.forEach(bytes, file: file) { (element, line) throws(InputError) in
                record(try JSONArrayElements.object(element, file: file, line: line), line: line)
            }
        } else {
            var line = 0
            for raw in bytes.split(separator: 10, omittingEmptySubsequences: false) {
                line += 1
                guard raw.contains(where: { $0 != 32 && $0 != 13 && $0 != 9 }) else { continue }
                let object = try JSONArrayElements.object(UnsafeRawBufferPointer(rebasing: raw), file: file, line: line)
                record(object, line: line)
            }
        }
        guard problems.isEmpty else { throw InputError(problems) }
        for (judgment, line) in pending { collector.add(judgment, file: file, line: line) }
    }
}

/// A gold set: JSON Lines `{"item": ..., "value": ...}` (or `gold`/`label` for the value), or
/// CSV with a header naming `item` and `value`, `gold` or `label`.
///
/// SAFETY: reads `bytes` only through bounded slices, inside the call.
public enum GoldFile {
    public static func read(_ bytes: UnsafeRawBufferPointer, file: String) throws(InputError) -> [(item: String, value: JudgmentValue)] {
        var answers: [(String, JudgmentValue)] = []
        var problems: [Diagnostic] = []
        let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        let isCSV = file.lowercased().hasSuffix(".csv")
        var columns: (item: Int, value: Int)?
        for (index, raw) in lines.enumerated() {
            let line = index + 1
            var text = String(decoding: raw, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            func fail(_ field: String, _ message: String) {
                if problems.count < 50 { problems.append(Diagnostic(file: file, location: SourceLocation(line: line, column: 1), field: field, message: message)) }
            }
            if isCSV {
                let cells = CSVText.split(text)
                guard let (itemColumn, valueColumn) = columns else {
                    let lowered = cells.map { $0.lowercased() }
                    guard let i = lowered.firstIndex(of: "item"), let v = lowered.firstIndex(where: { ["value", "gold", "label"].contains($0) }) else {
                        fail("", "expected a header with item and value (or gold, label) columns")
                        break
                    }
                    columns = (i, v)
                    continue
                }
                guard cells.count > max(itemColumn, valueColumn), !cells[itemColumn].isEmpty, !cells[valueColumn].isEmpty else {
                    fail("value", "expected an item and its gold value")
                    continue
                }
                answers.append((cells[itemColumn], JudgmentValue(text: cells[valueColumn])))
            } else {
                guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
                    fail("", "expected a JSON object {\"item\": ..., \"value\": ...}")
                    continue
                }
                guard let item = idText(object["item"]) else { fail("item", "expected an item id"); continue }
                guard let value = valueOf(object["value"] ?? object["gold"] ?? object["label"]) else { fail("value", "expected the gold value"); continue }
                answers.append((item, value))
            }
        }
        guard problems.isEmpty else { throw InputError(problems) }
        return answers
    }
}

extension CSVText {
    /// Splits one CSV line (RFC 4180 quotes; no newlines inside cells).
    public static func split(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pendingQuote = false
        while let c = iterator.next() {
            if quoted {
                if pendingQuote {
                    pendingQuote = false
                    if c == "\"" { current.append("\""); continue }
                    quoted = false
                } else if c == "\"" {
                    pendingQuote = true
                    continue
                } else {
                    current.append(c)
                    continue
                }
            }
            if c == "\"" && current.isEmpty { quoted = true } else if c == "," { cells.append(current); current = "" } else { current.append(c) }
        }
        cells.append(current)
        return cells
    }
}
