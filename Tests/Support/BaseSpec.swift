/// A valid role spec used as the starting point of the malformed-spec tests. Tests replace or
/// remove single lines, so every expected line number below can be read off this listing.
public enum BaseSpec {
    public static let lines = [
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

    public static var text: String { lines.joined(separator: "\n") + "\n" }

    /// The base spec with 1-based lines replaced (a replacement may hold several lines) or,
    /// where the value is nil, removed. Line numbers refer to the listing above.
    public static func edit(_ changes: [Int: String?]) -> String { edit(lines, changes) }

    /// `lines` with 1-based lines replaced or removed; shared by every numbered test spec.
    public static func edit(_ lines: [String], _ changes: [Int: String?]) -> String {
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

    public static func with(line number: Int, _ replacement: String) -> String { edit([number: .some(replacement)]) }

    public static func without(lines numbers: Int...) -> String {
        edit(Dictionary(uniqueKeysWithValues: numbers.map { ($0, String?.none) }))
    }

    /// The base spec with `extra` appended at the end (line 23 onwards).
    public static func appending(_ extra: String) -> String { text + extra + "\n" }
}
