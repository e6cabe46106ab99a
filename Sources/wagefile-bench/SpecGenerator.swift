import ReferenceData

/// Seeded generator of varied, valid role specs as JSON Lines, so benchmark runs are repeatable.
struct SpecGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    /// SplitMix64: tiny, fast and good enough to vary inputs.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    mutating func line(index: Int, reference: ReferenceSet) -> String {
        let tasks = reference.tasks.map(\.id)
        let first = pick(tasks), second = pick(tasks.filter { $0 != first })
        let share = Double(next() % 8 + 1) / 10
        var fields: [String] = [
            "\"id\":\"bench-\(index)\"",
            "\"title\":\"\(pick(["AI Trainer", "Evaluator", "Data Annotator", "Clinical Reviewer", "Analyst"])) \(index)\"",
            "\"judgment\":{\"purchased\":\"generated\",\"type\":\"\(pick(level("judgment", reference)))\"}",
            "\"tasks\":[{\"task\":\"\(first)\",\"share\":\(share)},{\"task\":\"\(second)\",\"share\":\(((1 - share) * 10).rounded() / 10)}]",
            "\"direction\":\"\(pick(["train", "evaluate", "deploy", "physical-data"]))\"",
            "\"expertise\":\"\(pick(level("expertise", reference)))\"",
            "\"language\":\"\(pick(level("language", reference)))\"",
            "\"consequences\":{\"impact\":\"\(pick(level("impact", reference)))\"}",
        ]
        for factor in ["scope", "modality", "authority", "data_sensitivity", "content_exposure"] {
            fields.append("\"\(factor)\":\"\(pick(level(factor, reference)))\"")
        }
        let currency = pick(["USD", "USD", "EUR", "KES", "INR", "GBP"])
        fields.append(
            "\"worker\":{\"status\":\"\(pick(["contractor", "employee", "platform-worker", "vendor-employee"]))\",\"jurisdiction\":\"\(pick(["US-CA", "KE", "IN-HR", "DE", "GB"]))\"}"
        )
        fields.append("\"currency\":\"\(currency)\"")
        fields.append("\"offered\":{\"amount\":\(next() % 120 + 5),\"basis\":\"hourly\"}")
        if next() % 2 == 0 { fields.append("\"budget_owner\":\"procurement\"") }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private func level(_ factor: String, _ reference: ReferenceSet) -> [String] {
        reference.factor(factor)?.levels.map(\.id) ?? []
    }
}
