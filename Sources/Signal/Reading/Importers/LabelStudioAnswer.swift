import Foundation

/// One Label Studio control's answer, read from a full-export `result` item or from a
/// JSON_MIN / CSV / TSV cell, so that every export type gives the same judgment.
enum LabelStudioAnswer: Equatable {
    /// A choice, rating, number or taxonomy path (several: sorted, joined with `|`).
    case value(JudgmentValue)
    /// A pairwise choice: `a` (left) or `b` (right) between the options named.
    case pair(choice: String, left: String, right: String)
    /// Free text (a text area): counted, not measured.
    case text
    /// Nothing this measures (spans, regions) or no answer.
    case none

    /// A `result` item of the full JSON export: `type` says which control wrote it.
    static func of(result: [String: Any]) -> LabelStudioAnswer {
        let value = result["value"] as? [String: Any] ?? [:]
        switch result["type"] as? String {
        case "choices": return valueOf(value["choices"]).map { .value($0) } ?? .none
        case "rating": return valueOf(value["rating"]).map { .value($0) } ?? .none
        case "number": return valueOf(value["number"]).map { .value($0) } ?? .none
        case "taxonomy": return taxonomy(value["taxonomy"])
        case "textarea": return .text
        case "pairwise":
            // `toName` lists the two compared tags, left first; they name the task's data keys.
            let names =
                (result["to_name"] as? String)?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                ?? []
            return pair(value["selected"], left: names.first ?? "left", right: names.count > 1 ? names[1] : "right")
        default: return .none
        }
    }

    /// A cell of JSON_MIN (decoded JSON) or of CSV / TSV (text, with lists as JSON text):
    /// single choices and text are plain strings, ratings `[{"rating":3}]`, pairwise
    /// `[{"selected":"left"}]`, taxonomy `[{"taxonomy":[["A","B"]]}]`, multiple choices a list.
    static func of(cell: Any?) -> LabelStudioAnswer {
        switch cell {
        case let text as String:
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return .none }
            if trimmed.hasPrefix("[") || trimmed.hasPrefix("{"),
                let decoded = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed])
            {
                return of(cell: decoded)
            }
            return .value(JudgmentValue(text: text))
        case let number as NSNumber: return valueOf(number).map { .value($0) } ?? .none
        case let object as [String: Any]: return of(object: object)
        case let list as [Any]:
            if let first = list.first as? [String: Any] { return of(object: first) }
            return valueOf(list).map { .value($0) } ?? .none
        default: return .none
        }
    }

    private static func of(object: [String: Any]) -> LabelStudioAnswer {
        if let rating = object["rating"] { return valueOf(rating).map { .value($0) } ?? .none }
        if let number = object["number"] { return valueOf(number).map { .value($0) } ?? .none }
        if let selected = object["selected"] { return pair(selected, left: "left", right: "right") }
        if let paths = object["taxonomy"] { return taxonomy(paths) }
        if let choices = object["choices"] { return valueOf(choices).map { .value($0) } ?? .none }
        if object["text"] != nil { return .text }
        return .none
    }

    private static func pair(_ selected: Any?, left: String, right: String) -> LabelStudioAnswer {
        switch selected as? String {
        case "left": return .pair(choice: PairChoice.a.rawValue, left: left, right: right)
        case "right": return .pair(choice: PairChoice.b.rawValue, left: left, right: right)
        case nil: return .none
        default: return .pair(choice: PairChoice.tie.rawValue, left: left, right: right)
        }
    }

    /// Each path joined with `/`; several paths sorted and joined with `|`.
    private static func taxonomy(_ any: Any?) -> LabelStudioAnswer {
        let paths = (any as? [[Any]] ?? []).map { $0.compactMap { $0 as? String }.joined(separator: "/") }.filter {
            !$0.isEmpty
        }.sorted()
        return paths.isEmpty ? .none : .value(.label(paths.joined(separator: "|")))
    }
}
