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
        let groups = UnitGroups(shard)
        var tally = UnitTally(reviewerCount: reviewerCount)
        shard.value.withUnsafeBufferPointer { value in
            shard.reviewer.withUnsafeBufferPointer { reviewer in
                groups.order.withUnsafeBufferPointer { order in
                    shard.gold.withUnsafeBufferPointer { gold in
                        tally.count(groups: groups, value: value, reviewer: reviewer, order: order, gold: gold, valueCount: valueCount)
                    }
                }
            }
        }
        // A unit's coincidences and its share of agreeing pairs depend on its pattern only:
        // both are summed once per distinct pattern.
        var coincidences = Coincidences(valueCount: valueCount)
        var sumUnitAgreement = 0.0
        for id in 0..<tally.patterns.count {
            let (codes, runCounts) = tally.patterns.pattern(id)
            let times = tally.patterns.multiplicity[id]
            let m = runCounts.reduce(0) { $0 + Int($1) }
            var same = 0.0
            for n in runCounts { same += Double(n) * Double(n - 1) }
            sumUnitAgreement += times * same / (Double(m) * Double(m - 1))
            coincidences.addPattern(codes: codes, counts: runCounts, weight: times)
        }
        counts.coincidences = coincidences
        counts.patterns = tally.patterns
        counts.values = tally.values
        counts.units = tally.units
        counts.pairableUnits = tally.pairableUnits
        counts.pairableValues = tally.pairableValues
        counts.repeatedJudgments = tally.repeated
        counts.sumUnitAgreement = sumUnitAgreement
        counts.reviewers = tally.reviewers
        return counts
    }
}

/// The per-unit pass of `AgreementCounts.count` over raw column pointers: no bounds or
/// uniqueness checks in the loop that runs once per judgment.
struct UnitTally {
    var reviewers: ReviewerTallies
    var values = 0, units = 0, pairableUnits = 0, pairableValues = 0, repeated = 0
    var patterns = UnitPatterns()

    init(reviewerCount: Int) {
        reviewers = ReviewerTallies(count: reviewerCount)
    }

    /// Domains up to this many values count a unit in a byte-per-code histogram held in one
    /// word, which is also the unit's pattern key.
    static let histogramLimit = 8

    mutating func count(
        groups: UnitGroups, value: UnsafeBufferPointer<Int32>, reviewer: UnsafeBufferPointer<Int32>, order: UnsafeBufferPointer<Int32>,
        gold: UnsafeBufferPointer<Int32>, valueCount: Int
    ) {
        // The three tallies touched on every judgment live in raw memory during the pass.
        let reviewerCount = reviewers.judgments.count
        let byReviewer = UnsafeMutablePointer<Int>.allocate(capacity: reviewerCount)
        let pairsBy = UnsafeMutablePointer<Double>.allocate(capacity: reviewerCount)
        let agreeingBy = UnsafeMutablePointer<Double>.allocate(capacity: reviewerCount)
        let lastUnitOf = UnsafeMutablePointer<Int32>.allocate(capacity: reviewerCount)
        lastUnitOf.initialize(repeating: -1, count: reviewerCount)
        byReviewer.initialize(repeating: 0, count: reviewerCount)
        pairsBy.initialize(repeating: 0, count: reviewerCount)
        agreeingBy.initialize(repeating: 0, count: reviewerCount)
        var histograms = HistogramTally()
        defer {
            for r in 0..<reviewerCount {
                reviewers.judgments[r] = byReviewer[r]
                reviewers.pairs[r] = pairsBy[r]
                reviewers.agreeingPairs[r] = agreeingBy[r]
            }
            byReviewer.deallocate()
            lastUnitOf.deallocate()
            pairsBy.deallocate()
            agreeingBy.deallocate()
            histograms.forEach { key, times in patterns.add(histogram: key, times: Double(times)) }
            histograms.deallocate()
        }
        // A grouped shard is read in place; otherwise each unit's judgments are gathered here.
        var capacity = 64
        var gatheredReviewers = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        var gatheredValues = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        var codes = [Int32](repeating: 0, count: capacity), runCodes = codes, runCounts = codes
        defer {
            gatheredReviewers.deallocate()
            gatheredValues.deallocate()
        }
        let small = valueCount <= Self.histogramLimit
        let grouped = groups.isIdentity
        guard let reviewerBase = reviewer.baseAddress, let valueBase = value.baseAddress else { return }
        groups.starts.withUnsafeBufferPointer { starts in
            for u in 0..<(starts.count - 1) {
                let lo = Int(starts[u]), size = Int(starts[u + 1]) - lo
                guard size > 0 else { continue }
                if size > capacity {
                    capacity = size * 2
                    gatheredReviewers.deallocate()
                    gatheredValues.deallocate()
                    gatheredReviewers = .allocate(capacity: capacity)
                    gatheredValues = .allocate(capacity: capacity)
                    codes = [Int32](repeating: 0, count: capacity)
                    runCodes = codes
                    runCounts = codes
                }
                let unitReviewers: UnsafePointer<Int32>, unitValues: UnsafePointer<Int32>
                if grouped {
                    unitReviewers = reviewerBase + lo
                    unitValues = valueBase + lo
                } else {
                    for t in 0..<size {
                        let j = Int(order[lo + t])
                        gatheredReviewers[t] = reviewer[j]
                        gatheredValues[t] = value[j]
                    }
                    unitReviewers = UnsafePointer(gatheredReviewers)
                    unitValues = UnsafePointer(gatheredValues)
                }
                // A reviewer met twice in one unit finds its own unit number already stamped.
                var m = 0
                let stamp = Int32(truncatingIfNeeded: u)
                for t in 0..<size {
                    let r = Int(unitReviewers[t])
                    byReviewer[r] += 1
                    if lastUnitOf[r] == stamp { repeated += 1 } else { lastUnitOf[r] = stamp }
                    m += unitValues[t] >= 0 ? 1 : 0
                }
                values += m
                guard m > 0 else { continue }
                units += 1
                let goldCode: Int32 = u < gold.count ? gold[u] : -1
                if goldCode >= 0 {
                    for t in 0..<size where unitValues[t] >= 0 {
                        let r = Int(unitReviewers[t])
                        reviewers.goldTotal[r] += 1
                        if unitValues[t] == goldCode { reviewers.goldCorrect[r] += 1 }
                    }
                }
                guard m > 1 else { continue }
                pairableUnits += 1
                pairableValues += m
                if small && m < 256 {
                    // Byte c of the key counts the unit's values with code c.
                    var key: UInt64 = 0
                    for t in 0..<size where unitValues[t] >= 0 { key &+= 1 &<< UInt64(8 * unitValues[t]) }
                    histograms.add(key)
                    let others = Double(m - 1)
                    for t in 0..<size {
                        let v = unitValues[t]
                        guard v >= 0 else { continue }
                        let r = Int(unitReviewers[t])
                        agreeingBy[r] += Double((key >> UInt64(8 * v)) & 0xFF) - 1
                        pairsBy[r] += others
                    }
                    continue
                }
                // Distinct codes and their counts (m is small: insertion sort).
                var n = 0
                for t in 0..<size where unitValues[t] >= 0 {
                    codes[n] = unitValues[t]
                    n += 1
                }
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
                patterns.add(codes: runCodes, counts: runCounts, runs: runs)
                for t in 0..<size {
                    let v = unitValues[t]
                    guard v >= 0 else { continue }
                    var sameValue: Int32 = 0
                    for q in 0..<runs where runCodes[q] == v { sameValue = runCounts[q] }
                    let r = Int(unitReviewers[t])
                    agreeingBy[r] += Double(sameValue - 1)
                    pairsBy[r] += Double(m - 1)
                }
            }
        }
    }
}

/// How many units had each histogram word during one pass (`UnitTally`): open addressing
/// over raw memory, key 0 empty (a pairable unit's histogram is never all zero). The pass
/// hands the words to `UnitPatterns` once at the end, not once per unit.
struct HistogramTally {
    private var keys: UnsafeMutablePointer<UInt64>
    private var counts: UnsafeMutablePointer<Int>
    private var mask: Int
    private var used = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity { size <<= 1 }
        keys = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        counts = .allocate(capacity: size)
        counts.initialize(repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    @inline(__always)
    mutating func add(_ key: UInt64, times: Int = 1) {
        var slot = Self.slot(key, mask)
        while true {
            let stored = keys[slot]
            if stored == key {
                counts[slot] += times
                return
            }
            if stored == 0 { break }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        counts[slot] = times
        used += 1
        if used * 2 > mask + 1 { grow() }
    }

    private mutating func grow() {
        let old = (keys: keys, counts: counts, size: mask + 1)
        self = HistogramTally(capacity: old.size * 2)
        for i in 0..<old.size where old.keys[i] != 0 { add(old.keys[i], times: old.counts[i]) }
        old.keys.deallocate()
        old.counts.deallocate()
    }

    func forEach(_ body: (UInt64, Int) -> Void) {
        for i in 0...mask where keys[i] != 0 { body(keys[i], counts[i]) }
    }

    func deallocate() {
        keys.deallocate()
        counts.deallocate()
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
    /// Empty when the shard is already grouped (`isIdentity`): unit u's judgments are then
    /// `starts[u]..<starts[u + 1]` themselves.
    let order: [Int32]
    let isIdentity: Bool
    var unitCount: Int { starts.count - 1 }

    init(_ shard: JudgmentShard) {
        let n = shard.judgmentCount
        let units = shard.unitCount
        var starts = [Int32](repeating: 0, count: units + 1)
        shard.unit.withUnsafeBufferPointer { column in
            starts.withUnsafeMutableBufferPointer { s in
                for u in column { s[Int(u) + 1] += 1 }
                for u in 0..<units { s[u + 1] += s[u] }
            }
        }
        isIdentity = shard.unitsRevisited == 0
        if isIdentity {
            order = []
        } else {
            var order = [Int32](repeating: 0, count: n)
            var next = starts
            for i in 0..<n {
                let u = Int(shard.unit[i])
                order[Int(next[u])] = Int32(i)
                next[u] += 1
            }
            self.order = order
        }
        self.starts = starts
    }

    /// Calls `body(unit, judgment indices)` for every unit with judgments, in unit order.
    static func forEachUnit(_ shard: JudgmentShard, _ body: (Int32, UnsafeBufferPointer<Int32>) -> Void) {
        let groups = UnitGroups(shard)
        let order = groups.isIdentity ? (0..<Int32(shard.judgmentCount)).map { $0 } : groups.order
        order.withUnsafeBufferPointer { all in
            for u in 0..<groups.unitCount {
                let lo = Int(groups.starts[u]), hi = Int(groups.starts[u + 1])
                if hi > lo { body(Int32(u), UnsafeBufferPointer(rebasing: all[lo..<hi])) }
            }
        }
    }
}
