/// An LLM judge (or any model reviewer) held to the humans: its agreement with the human
/// consensus, chance-corrected, beside the base rate a judge that always says the commonest
/// answer would reach; the confusion matrix against the consensus; the items it disagrees on;
/// and its accuracy on gold beside the humans'.
///
/// The consensus of an item is the value most of its human judgments give; an item whose top
/// two values tie has none and is left out (counted). Chance agreement is Cohen's: the sum over
/// values of the judge's share times the consensus's share (Cohen 1960), over the items both
/// have.
public struct JudgeAgreement: Sendable, Codable, Hashable {
    /// The judge's reviewer id (a model and version, e.g. `gpt-judge-v2`).
    public var judge: String
    /// Items the judge rated that have a human consensus, and those left out for a tie.
    public var items: Int
    public var tiedItems: Int
    /// Share of those items where the judge gives the consensus value (0-1).
    public var agreement: Double?
    /// Cohen's kappa between the judge and the consensus; nil when chance agreement is 1.
    public var kappa: Double?
    /// Share of the items whose consensus is the commonest consensus value: what a judge that
    /// always says that value would agree on.
    public var baseRate: Double?
    /// Rows: the judge's value; columns: the consensus value (both in `values` order).
    public var values: [String]
    public var confusion: [[Int]]
    /// The items where the judge differs from the consensus (at most 50, by item).
    public var disagreements: [Disagreement]
    /// Accuracy on gold items, the judge's and all human judgments' pooled; nil without gold.
    public var goldAccuracy: Double?
    public var humanGoldAccuracy: Double?

    public struct Disagreement: Sendable, Codable, Hashable {
        public var item: String
        public var judge: String
        public var consensus: String

        public init(item: String, judge: String, consensus: String) {
            self.item = item
            self.judge = judge
            self.consensus = consensus
        }
    }

    /// One row per judge in `set.judgeJudgments`, against the human judgments left in `set`.
    public static func evaluate(_ set: JudgmentSet) -> [JudgeAgreement] {
        guard !set.judgeJudgments.isEmpty else { return [] }
        var humanCounts: [String: [JudgmentValue: Int]] = [:]
        set.forEach { item, _, value, _ in
            if let value { humanCounts[item, default: [:]][value, default: 0] += 1 }
        }
        let consensus = humanCounts.compactMapValues(majority)
        let gold = Dictionary(set.goldAnswers().map { ($0.item, $0.value) }, uniquingKeysWith: { first, _ in first })
        var humanGold = (right: 0, total: 0)
        for (item, counts) in humanCounts {
            guard let answer = gold[item] else { continue }
            humanGold.total += counts.values.reduce(0, +)
            humanGold.right += counts[answer] ?? 0
        }
        let byJudge = Dictionary(grouping: set.judgeJudgments, by: \.reviewer)
        return byJudge.keys.sorted().map { judge in
            row(
                judge, judgments: byJudge[judge] ?? [], humanCounts: humanCounts, consensus: consensus, gold: gold,
                humanGold: humanGold.total > 0 ? Double(humanGold.right) / Double(humanGold.total) : nil)
        }
    }

    /// The value most human judgments give, or nil when the top two tie.
    static func majority(_ counts: [JudgmentValue: Int]) -> JudgmentValue? {
        let ranked = counts.sorted { $0.value > $1.value }
        guard let top = ranked.first else { return nil }
        return ranked.count > 1 && ranked[1].value == top.value ? nil : top.key
    }

    static func row(
        _ judge: String, judgments: [(item: String, reviewer: String, value: JudgmentValue)],
        humanCounts: [String: [JudgmentValue: Int]], consensus: [String: JudgmentValue],
        gold: [String: JudgmentValue], humanGold: Double?
    ) -> JudgeAgreement {
        var pairs: [(item: String, judge: JudgmentValue, consensus: JudgmentValue)] = []
        var tied = 0
        for judgment in judgments {
            if let agreed = consensus[judgment.item] {
                pairs.append((judgment.item, judgment.value, agreed))
            } else if humanCounts[judgment.item] != nil {
                tied += 1
            }
        }
        let values = Array(Set(pairs.flatMap { [$0.judge, $0.consensus] })).sorted()
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: values.count), count: values.count)
        for pair in pairs { confusion[index[pair.judge] ?? 0][index[pair.consensus] ?? 0] += 1 }
        let n = Double(pairs.count)
        let agreed = Double(pairs.count { $0.judge == $0.consensus })
        var chance = 0.0
        for k in values.indices {
            let judgeShare = Double(confusion[k].reduce(0, +)) / max(n, 1)
            let consensusShare = Double(confusion.reduce(0) { $0 + $1[k] }) / max(n, 1)
            chance += judgeShare * consensusShare
        }
        let commonest = values.indices.map { k in confusion.reduce(0) { $0 + $1[k] } }.max() ?? 0
        let onGold = judgments.filter { gold[$0.item] != nil }
        return JudgeAgreement(
            judge: judge, items: pairs.count, tiedItems: tied,
            agreement: pairs.isEmpty ? nil : agreed / n,
            kappa: pairs.isEmpty || chance >= 1 ? nil : (agreed / n - chance) / (1 - chance),
            baseRate: pairs.isEmpty ? nil : Double(commonest) / n,
            values: values.map(\.description), confusion: confusion,
            disagreements: pairs.filter { $0.judge != $0.consensus }.prefix(50).map {
                Disagreement(item: $0.item, judge: $0.judge.description, consensus: $0.consensus.description)
            },
            goldAccuracy: onGold.isEmpty
                ? nil : Double(onGold.count { gold[$0.item] == $0.value }) / Double(onGold.count),
            humanGoldAccuracy: humanGold)
    }
}
