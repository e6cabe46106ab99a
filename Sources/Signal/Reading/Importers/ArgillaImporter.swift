import Foundation
public import WorkModel

/// Argilla's exports, 1.x and 2.x, as a JSON array, JSON Lines or a REST page (`items`):
/// - 2.x `records.to_json()`, `dataset.to_disk()` (its `records.json`) and
///   `to_list(flatten=False)`: `responses` by question, `[{value, user_id}]`, with no status;
/// - 2.x `to_list(flatten=True)` and the Hugging Face layout (`to_datasets()`, then
///   `to_json`): per question the parallel lists `q.responses`, `q.responses.users` and
///   `q.responses.status`;
/// - the REST records and 1.x `FeedbackDataset` records: `responses` as a list of
///   `{user_id, values: {question: {value}}, status}`;
/// - 1.x's Hugging Face export (`format_as("datasets")`): per question a list of
///   `{user_id, value, status}`.
///
/// The item is `--item-key`'s field, else `external_id`, else `id`. Each question is a rubric.
/// Only the statuses in `ImportOptions.statuses` count (`submitted` by default); responses in
/// a layout without status are counted and the report says they could not be filtered.
///
/// SAFETY: reads `bytes` only through `JSONRecords`, inside the call.
public enum ArgillaImporter {
    public static func read(
        _ bytes: UnsafeRawBufferPointer, file: String, options: ImportOptions = ImportOptions(),
        into collector: inout JudgmentCollector
    ) throws(InputError) {
        var batch = ImportBatch(file: file)
        var tally = StatusTally()
        try JSONRecords.forEach(bytes, file: file) { object, line in
            func fail(_ field: String, _ message: String) { batch.fail(field, message, line: line) }
            let fields = object["fields"] as? [String: Any] ?? [:]
            let named = options.itemKey.map { idText(object[$0]) ?? idText(fields[$0]) }
            guard let item = named ?? idText(object["external_id"]) ?? idText(object["id"]) else {
                return fail(
                    options.itemKey ?? "id",
                    options.itemKey == nil
                        ? "a record needs an id or external_id"
                        : "the record has no field '\(options.itemKey ?? "")' (--item-key)")
            }
            let responses = Self.responses(of: object)
            guard !responses.isEmpty || Self.hasResponseLayout(object) else {
                return fail(
                    "responses", "expected responses: by question, a list with values, or flattened q.responses lists")
            }
            for response in responses {
                guard tally.counts(response.status, allowed: options.statuses) else { continue }
                guard let reviewer = idText(response.user) else {
                    fail("\(response.question).user_id", "expected the annotator's user id")
                    continue
                }
                guard let value = valueOf(response.value) else { continue }
                let judgment = Judgment(
                    item: item, reviewer: reviewer, value: value, time: response.time, rubric: response.question)
                batch.add(judgment, line: line)
            }
        }
        try batch.commit(into: &collector)
        for sentence in tally.notes(allowed: options.statuses) { collector.note(sentence) }
    }

    struct Response {
        let question: String
        let user: Any?
        let value: Any?
        let status: String?
        let time: Int64?
    }

    /// Every response of a record, in whichever layout it came.
    static func responses(of object: [String: Any]) -> [Response] {
        var found: [Response] = []
        func time(_ any: Any?) -> Int64? { (any as? String).flatMap(EpochTime.parseISO8601) }
        if let list = object["responses"] as? [[String: Any]] {
            // REST and 1.x records: one response per user, values by question.
            for response in list {
                for (question, answer) in response["values"] as? [String: Any] ?? [:] {
                    found.append(
                        Response(
                            question: question, user: response["user_id"], value: (answer as? [String: Any])?["value"],
                            status: response["status"] as? String,
                            time: time(response["updated_at"] ?? response["inserted_at"])))
                }
            }
        } else if let byQuestion = object["responses"] as? [String: Any] {
            // 2.x to_json / to_disk / to_list(flatten=False): by question, no status.
            for (question, list) in byQuestion {
                for response in list as? [[String: Any]] ?? [] {
                    found.append(
                        Response(
                            question: question, user: response["user_id"], value: response["value"],
                            status: response["status"] as? String,
                            time: time(response["updated_at"] ?? response["inserted_at"])))
                }
            }
        }
        for (key, any) in object {
            if key.hasSuffix(".responses"), let values = any as? [Any] {
                // 2.x flattened and Hugging Face: parallel lists per question.
                let question = String(key.dropLast(".responses".count))
                let users = object["\(key).users"] as? [Any] ?? []
                let statuses = object["\(key).status"] as? [Any] ?? []
                for (index, value) in values.enumerated() {
                    found.append(
                        Response(
                            question: question, user: index < users.count ? users[index] : nil, value: value,
                            status: index < statuses.count ? statuses[index] as? String : nil, time: nil))
                }
            } else if key != "responses", key != "suggestions", let list = any as? [[String: Any]],
                let first = list.first,
                first["user_id"] != nil, first.keys.contains("value")
            {
                // 1.x Hugging Face export: a list of {user_id, value, status} under the question's name.
                for response in list {
                    found.append(
                        Response(
                            question: key, user: response["user_id"], value: response["value"],
                            status: response["status"] as? String, time: nil))
                }
            }
        }
        return found
    }

    /// Whether the record has a response layout with nothing in it (no one answered yet).
    static func hasResponseLayout(_ object: [String: Any]) -> Bool {
        object["responses"] != nil || object.keys.contains { $0.hasSuffix(".responses") }
    }

    /// Counts responses by status, to say in the report what was left out and what could not be
    /// told apart.
    struct StatusTally {
        var skipped: [String: Int] = [:]
        var withoutStatus = 0

        mutating func counts(_ status: String?, allowed: Set<String>) -> Bool {
            guard let status else {
                withoutStatus += 1
                return true
            }
            if allowed.contains(status) { return true }
            skipped[status, default: 0] += 1
            return false
        }

        func notes(allowed: Set<String>) -> [String] {
            var notes = skipped.sorted { $0.key < $1.key }.map { status, count in
                "Argilla: \(count) \(status) response value\(count == 1 ? "" : "s") left out (--status \(allowed.sorted().joined(separator: ",")) counts only those)."
            }
            if withoutStatus > 0 {
                notes.append(
                    "Argilla: \(withoutStatus) response value\(withoutStatus == 1 ? "" : "s") carry no status (to_json, to_disk and to_list(flatten=False) drop it), so drafts and discarded responses cannot be left out; export with to_list(flatten=True) or to_datasets() to filter by status."
                )
            }
            return notes
        }
    }
}
