import Dispatch

/// Everything agreement needs, counted in one pass over a shard's units. Each field adds up
/// across unit-disjoint parts, so shards (or machines) count separately and `+` merges them:
/// coincidences, category totals, the sum of per-unit agreement, per-reviewer tallies, and the
/// multiset of unit value patterns the bootstrap resamples.
public struct AgreementCounts: Sendable {
    public let valueCount: Int
    public let reviewerCount: Int
    public var coincidences: Coincidences
    /// Items with at least one value / with two or more (only those enter alpha and kappa).
    public var units = 0
    public var pairableUnits = 0
    public var judgments = 0
    public var values = 0
    public var pairableValues = 0
    /// Judgments of an item by a reviewer who already judged it (kept, and counted here).
    public var repeatedJudgments = 0
    /// Sum over pairable units of the share of agreeing pairs, P_u (Fleiss 1971).
    public var sumUnitAgreement = 0.0
    public var reviewers: ReviewerTallies
    var patterns: UnitPatterns

    public init(valueCount: Int, reviewerCount: Int) {
        self.valueCount = valueCount
        self.reviewerCount = reviewerCount
        coincidences = Coincidences(valueCount: valueCount)
        reviewers = ReviewerTallies(count: reviewerCount)
        patterns = UnitPatterns()
    }

    public static func + (lhs: AgreementCounts, rhs: AgreementCounts) -> AgreementCounts {
        var result = lhs
        result.merge(rhs)
        return result
    }

    public mutating func merge(_ other: AgreementCounts) {
        coincidences.merge(other.coincidences)
        units += other.units
        pairableUnits += other.pairableUnits
        judgments += other.judgments
        values += other.values
        pairableValues += other.pairableValues
        repeatedJudgments += other.repeatedJudgments
        sumUnitAgreement += other.sumUnitAgreement
        reviewers.merge(other.reviewers)
        patterns.merge(other.patterns)
    }

    /// Counts a whole judgment set, one shard per worker, then merges.
    public static func count(_ set: JudgmentSet) -> AgreementCounts {
        let slots = ResultSlots<AgreementCounts?>(count: set.shards.count, initial: nil)
        let shards = UncheckedBox(set.shards)
        let v = set.domain.count, r = set.reviewers.count
        DispatchQueue.concurrentPerform(iterations: set.shards.count) { s in
            slots.set(s, count(shard: shards.value[s], valueCount: v, reviewerCount: r))
        }
        var total = AgreementCounts(valueCount: v, reviewerCount: r)
        for part in slots.values { if let part { total.merge(part) } }
        return total
    }

    static func count(shard: JudgmentShard, valueCount: Int, reviewerCount: Int) -> AgreementCounts {
        var counts = AgreementCounts(valueCount: valueCount, reviewerCount: reviewerCount)
        counts.judgments = shard.judgmentCount
        let gold = shard.gold
        let valueColumn = shard.value, reviewerColumn = shard.reviewer
        let groups = UnitGroups(shard)
        var codes = [Int32](repeating: 0, count: 64)
        var runCodes = codes, runCounts = codes
        var judgmentsByReviewer = [Int](repeating: 0, count: reviewerCount)
        var pairs = [Double](repeating: 0, count: reviewerCount), agreeing = pairs
        var goldTotal = judgmentsByReviewer, goldCorrect = judgmentsByReviewer
        var values = 0, units = 0, pairableUnits = 0, pairableValues = 0, repeated = 0
        var sumUnitAgreement = 0.0
        var coincidences = Coincidences(valueCount: valueCount)
        var patterns = UnitPatterns()
        // Plain loops over local arrays: a closure here would box every counter it mutates.
        let value = valueColumn, reviewer = reviewerColumn, order = groups.order, starts = groups.starts
        for u in 0..<groups.unitCount {
                let lo = Int(starts[u]), hi = Int(starts[u + 1])
                guard hi > lo else { continue }
                let members = order[lo..<hi]
                if codes.count < members.count {
                    codes = [Int32](repeating: 0, count: members.count * 2)
                    runCodes = codes
                    runCounts = codes
                }
                var m = 0
                for j in members {
                    judgmentsByReviewer[Int(reviewer[Int(j)])] += 1
                    let v = value[Int(j)]
                    if v >= 0 {
                        codes[m] = v
                        m += 1
                    }
                }
                values += m
                repeated += UnitGroups.repeats(members, reviewer: reviewer)
                guard m > 0 else { continue }
                units += 1
                let goldCode: Int32 = u < gold.count ? gold[u] : -1
                if goldCode >= 0 {
                    for j in members where value[Int(j)] >= 0 {
                        let r = Int(reviewer[Int(j)])
                        goldTotal[r] += 1
                        if value[Int(j)] == goldCode { goldCorrect[r] += 1 }
                    }
                }
                guard m > 1 else { continue }
                // Distinct codes and their counts (m is small: insertion sort).
                for i in 1..<m {
                    let x = codes[i]
                    var k = i - 1
                    while k >= 0 && codes[k] > x {
                        codes[k + 1] = codes[k]
                        k -= 1
                    }
                    codes[k + 1] = x
                }
                var runs = 0
                var i = 0
                while i < m {
                    var k = i
                    while k < m && codes[k] == codes[i] { k += 1 }
                    runCodes[runs] = codes[i]
                    runCounts[runs] = Int32(k - i)
                    runs += 1
                    i = k
                }
                pairableUnits += 1
                pairableValues += m
                var same = 0.0
                for q in 0..<runs { same += Double(runCounts[q]) * Double(runCounts[q] - 1) }
                sumUnitAgreement += same / (Double(m) * Double(m - 1))
                coincidences.addUnit(codes: runCodes, counts: runCounts, runs: runs, total: m)
                patterns.add(codes: runCodes, counts: runCounts, runs: runs)
                // Each reviewer's agreement with the others on this unit.
                for j in members {
                    let v = value[Int(j)]
                    guard v >= 0 else { continue }
                    var sameValue: Int32 = 0
                    for q in 0..<runs where runCodes[q] == v { sameValue = runCounts[q] }
                    let r = Int(reviewer[Int(j)])
                    agreeing[r] += Double(sameValue - 1)
                    pairs[r] += Double(m - 1)
                }
        }
        counts.coincidences = coincidences
        counts.patterns = patterns
        counts.values = values
        counts.units = units
        counts.pairableUnits = pairableUnits
        counts.pairableValues = pairableValues
        counts.repeatedJudgments = repeated
        counts.sumUnitAgreement = sumUnitAgreement
        counts.reviewers.judgments = judgmentsByReviewer
        counts.reviewers.pairs = pairs
        counts.reviewers.agreeingPairs = agreeing
        counts.reviewers.goldTotal = goldTotal
        counts.reviewers.goldCorrect = goldCorrect
        return counts
    }
}

/// Per-reviewer sums (index = reviewer code).
public struct ReviewerTallies: Sendable, Hashable {
    public var judgments: [Int]
    /// Pairs with another reviewer on the same item, and how many of them agree.
    public var pairs: [Double]
    public var agreeingPairs: [Double]
    public var goldTotal: [Int]
    public var goldCorrect: [Int]

    init(count: Int) {
        judgments = [Int](repeating: 0, count: count)
        pairs = [Double](repeating: 0, count: count)
        agreeingPairs = pairs
        goldTotal = judgments
        goldCorrect = judgments
    }

    mutating func merge(_ other: ReviewerTallies) {
        for r in judgments.indices {
            judgments[r] += other.judgments[r]
            pairs[r] += other.pairs[r]
            agreeingPairs[r] += other.agreeingPairs[r]
            goldTotal[r] += other.goldTotal[r]
            goldCorrect[r] += other.goldCorrect[r]
        }
    }
}

/// A shard's judgments grouped by unit: unit u's judgment indices are
/// `order[starts[u]..<starts[u + 1]]`. A file grouped by item (the usual export) needs no
/// sort; otherwise a counting sort groups it.
struct UnitGroups {
    let starts: [Int32]
    let order: [Int32]
    var unitCount: Int { starts.count - 1 }

    init(_ shard: JudgmentShard) {
        let n = shard.judgmentCount
        let units = shard.unitCount
        var starts = [Int32](repeating: 0, count: units + 1)
        for u in shard.unit { starts[Int(u) + 1] += 1 }
        for u in 0..<units { starts[u + 1] += starts[u] }
        var order = [Int32](repeating: 0, count: n)
        if shard.unitsRevisited == 0 {
            for i in 0..<n { order[i] = Int32(i) }
        } else {
            var next = starts
            for i in 0..<n {
                let u = Int(shard.unit[i])
                order[Int(next[u])] = Int32(i)
                next[u] += 1
            }
        }
        self.starts = starts
        self.order = order
    }

    /// Calls `body(unit, judgment indices)` for every unit with judgments, in unit order.
    static func forEachUnit(_ shard: JudgmentShard, _ body: (Int32, UnsafeBufferPointer<Int32>) -> Void) {
        let groups = UnitGroups(shard)
        groups.order.withUnsafeBufferPointer { all in
            for u in 0..<groups.unitCount {
                let lo = Int(groups.starts[u]), hi = Int(groups.starts[u + 1])
                if hi > lo { body(Int32(u), UnsafeBufferPointer(rebasing: all[lo..<hi])) }
            }
        }
    }

    /// How many judgments in a unit repeat a reviewer already seen in it.
    static func repeats(_ members: ArraySlice<Int32>, reviewer: [Int32]) -> Int {
        let m = members.count
        guard m > 1 else { return 0 }
        var repeated = 0
        let base = members.startIndex
        if m <= 32 {
            for i in 1..<m {
                let r = reviewer[Int(members[base + i])]
                for k in 0..<i where reviewer[Int(members[base + k])] == r {
                    repeated += 1
                    break
                }
            }
            return repeated
        }
        let sorted = members.map { reviewer[Int($0)] }.sorted()
        for i in 1..<m where sorted[i] == sorted[i - 1] { repeated += 1 }
        return repeated
    }
}
