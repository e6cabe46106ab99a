/// A count that adds up unit by unit and merges across shards: the one thing a new statistic
/// that needs a new per-item count implements. The kernel below hands it each unit's
/// judgments as spans, so the statistic never sees a pointer, a shard or a thread.
///
/// `reviewers[t]` and `values[t]` are the t-th judgment of the unit (reviewer code, value
/// code, -1 for a judgment without a value); `gold` is the unit's gold value code or -1.
/// Units come in item order within a shard; shards are counted in parallel and merged, so
/// `add` must not depend on the order of units and `merge` must be associative.
protocol UnitCount: Sendable {
    init(valueCount: Int, reviewerCount: Int)
    mutating func add(unit: Int, reviewers: Span<Int32>, values: Span<Int32>, gold: Int32)
    mutating func merge(_ other: Self)
}

extension JudgmentSet {
    /// Runs `Count` over every unit of every shard (shards in parallel) and merges the parts.
    func count<Count: UnitCount>(_: Count.Type) -> Count {
        let shards = self.shards
        let v = domain.count, r = reviewers.count
        let parts = ParallelShards.map(shards.count) { s in
            var part = Count(valueCount: v, reviewerCount: r)
            UnitJudgments.forEach(in: shards[s]) { unit, reviewers, values, gold in
                part.add(unit: unit, reviewers: reviewers, values: values, gold: gold)
            }
            return part
        }
        return parts.reduce(into: Count(valueCount: v, reviewerCount: r)) { $0.merge($1) }
    }
}

/// Walks a shard unit by unit with safe spans: in place when the shard is grouped by item (the
/// usual export), through one gathered copy per unit otherwise.
enum UnitJudgments {
    static func forEach(in shard: JudgmentShard, _ body: (Int, Span<Int32>, Span<Int32>, Int32) -> Void) {
        let groups = UnitGroups(shard)
        // Local copies of the column arrays (references, not data) that the spans borrow from.
        let reviewerColumn = shard.reviewer, valueColumn = shard.value, gold = shard.gold
        let reviewers = reviewerColumn.span, values = valueColumn.span
        var gatheredReviewers: [Int32] = [], gatheredValues: [Int32] = []
        for u in 0..<groups.unitCount {
            let range = Int(groups.starts[u])..<Int(groups.starts[u + 1])
            guard !range.isEmpty else { continue }
            let goldCode: Int32 = u < gold.count ? gold[u] : -1
            if groups.isIdentity {
                body(u, reviewers.extracting(range), values.extracting(range), goldCode)
            } else {
                gatheredReviewers.removeAll(keepingCapacity: true)
                gatheredValues.removeAll(keepingCapacity: true)
                for position in range {
                    let j = Int(groups.order[position])
                    gatheredReviewers.append(reviewers[j])
                    gatheredValues.append(values[j])
                }
                body(u, gatheredReviewers.span, gatheredValues.span, goldCode)
            }
        }
    }
}
