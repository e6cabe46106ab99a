/// Everything agreement needs, counted in one pass over a shard's units. Each field adds up
/// across unit-disjoint parts, so shards (or machines) count separately and `+` merges them:
/// coincidences, category totals, the sum of per-unit agreement, per-reviewer tallies, and the
/// multiset of unit value patterns the bootstrap resamples.
///
/// SAFETY: `count(shard:)` borrows the shard's columns as buffers only for the call to
/// `UnitTally.count`; the shard belongs to a finished `JudgmentSet` and is not written meanwhile.
public struct AgreementCounts: Sendable {
    /// Size of the value domain (codes `0..<valueCount`).
    public let valueCount: Int
    /// Reviewers in the set (codes `0..<reviewerCount`).
    public let reviewerCount: Int
    /// Krippendorff's coincidence matrix of the pairable units.
    public var coincidences: Coincidences
    /// Items with at least one value / with two or more (only those enter alpha and kappa).
    public var units = 0
    /// Units with two or more values: the only ones alpha and the kappas use.
    public var pairableUnits = 0
    /// Judgments counted, with or without a value.
    public var judgments = 0
    /// Judgments with a value.
    public var values = 0
    /// Values in pairable units (the coincidence matrix's total).
    public var pairableValues = 0
    /// Judgments of an item by a reviewer who already judged it (kept, and counted here).
    public var repeatedJudgments = 0
    /// Sum over pairable units of the share of agreeing pairs, P_u (Fleiss 1971).
    public var sumUnitAgreement = 0.0
    /// Per-reviewer tallies, indexed by reviewer code.
    public var reviewers: ReviewerTallies
    var patterns: UnitPatterns

    /// Empty counts for a domain of `valueCount` values and `reviewerCount` reviewers.
    public init(valueCount: Int, reviewerCount: Int) {
        self.valueCount = valueCount
        self.reviewerCount = reviewerCount
        coincidences = Coincidences(valueCount: valueCount)
        reviewers = ReviewerTallies(count: reviewerCount)
        patterns = UnitPatterns()
    }

    /// The counts of both parts together; the parts must cover different units.
    public static func + (lhs: AgreementCounts, rhs: AgreementCounts) -> AgreementCounts {
        var result = lhs
        result.merge(rhs)
        return result
    }

    /// Adds the counts of a part with other units (same domain and reviewers).
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
        let shards = set.shards
        let v = set.domain.count, r = set.reviewers.count
        let parts = ParallelShards.map(shards.count) { s in count(shard: shards[s], valueCount: v, reviewerCount: r) }
        return parts.reduce(into: AgreementCounts(valueCount: v, reviewerCount: r)) { $0.merge($1) }
    }

    static func count(shard: JudgmentShard, valueCount: Int, reviewerCount: Int) -> AgreementCounts {
        var counts = AgreementCounts(valueCount: valueCount, reviewerCount: reviewerCount)
        counts.judgments = shard.judgmentCount
        let groups = UnitGroups(shard)
        var tally = UnitTally(reviewerCount: reviewerCount)
        ShardColumns.borrow(shard, groups) { columns in tally.count(groups: groups, columns, valueCount: valueCount) }
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
///
/// SAFETY: the raw tallies are allocated for `reviewerCount` entries and indexed by reviewer
/// codes, which `JudgmentSetFinisher` rewrote to 0..<reviewerCount; unit judgments are read at
/// `starts[u]..<starts[u + 1]`, inside the columns by construction of `UnitGroups`, or gathered
/// into `UnitScratch`, grown to the unit's size first. Everything allocated is freed in the
/// `defer`s.
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

    mutating func count(groups: UnitGroups, _ columns: ShardColumns, valueCount: Int) {
        guard let reviewerBase = columns.reviewer.baseAddress, let valueBase = columns.value.baseAddress else { return }
        let raw = RawReviewerTallies(count: reviewers.judgments.count)
        var histograms = HistogramTally()
        var scratch = UnitScratch()
        defer {
            raw.moveInto(&reviewers)
            histograms.forEach { key, times in patterns.add(histogram: key, times: Double(times)) }
            histograms.deallocate()
            scratch.deallocate()
        }
        let small = valueCount <= Self.histogramLimit
        groups.starts.withUnsafeBufferPointer { starts in
            for u in 0..<(starts.count - 1) {
                let lo = Int(starts[u]), size = Int(starts[u + 1]) - lo
                guard size > 0 else { continue }
                scratch.reserve(size)
                let unit: (reviewers: UnsafePointer<Int32>, values: UnsafePointer<Int32>)
                if groups.isIdentity {
                    unit = (reviewerBase + lo, valueBase + lo)
                } else {
                    unit = scratch.gather(columns, from: lo, count: size)
                }
                let m = raw.stamp(unit.reviewers, unit.values, size: size, unit: u, repeated: &repeated)
                values += m
                guard m > 0 else { continue }
                units += 1
                let goldCode: Int32 = u < columns.gold.count ? columns.gold[u] : -1
                if goldCode >= 0 { tallyGold(goldCode, unit.reviewers, unit.values, size: size) }
                guard m > 1 else { continue }
                pairableUnits += 1
                pairableValues += m
                if small && m < 256 {
                    histograms.add(raw.tallyByHistogram(unit.reviewers, unit.values, size: size, valueCount: m))
                } else {
                    let runs = raw.tallyByRuns(
                        unit.reviewers, unit.values, size: size, valueCount: m, scratch: &scratch)
                    patterns.add(codes: scratch.codes, counts: scratch.runCounts, runs: runs)
                }
            }
        }
    }

    /// Gold accuracy: each valued judgment of a gold unit, and whether it equals the gold value.
    @inline(__always)
    private mutating func tallyGold(
        _ goldCode: Int32, _ unitReviewers: UnsafePointer<Int32>, _ unitValues: UnsafePointer<Int32>, size: Int
    ) {
        for t in 0..<size where unitValues[t] >= 0 {
            let r = Int(unitReviewers[t])
            reviewers.goldTotal[r] += 1
            if unitValues[t] == goldCode { reviewers.goldCorrect[r] += 1 }
        }
    }
}

/// The per-reviewer tallies touched on every judgment, in raw memory during a pass.
///
/// SAFETY: the four tables are allocated and initialised for `count` reviewers and indexed
/// only by reviewer codes below `count`; `moveInto` copies them out and frees them, once.
struct RawReviewerTallies {
    let count: Int
    let judgments: UnsafeMutablePointer<Int>
    let pairs: UnsafeMutablePointer<Double>
    let agreeing: UnsafeMutablePointer<Double>
    /// The last unit each reviewer was seen in, to count repeated judgments.
    let lastUnit: UnsafeMutablePointer<Int32>

    init(count: Int) {
        self.count = count
        judgments = .allocate(capacity: count)
        pairs = .allocate(capacity: count)
        agreeing = .allocate(capacity: count)
        lastUnit = .allocate(capacity: count)
        judgments.initialize(repeating: 0, count: count)
        pairs.initialize(repeating: 0, count: count)
        agreeing.initialize(repeating: 0, count: count)
        lastUnit.initialize(repeating: -1, count: count)
    }

    func moveInto(_ tallies: inout ReviewerTallies) {
        for r in 0..<count {
            tallies.judgments[r] = judgments[r]
            tallies.pairs[r] = pairs[r]
            tallies.agreeingPairs[r] = agreeing[r]
        }
        judgments.deallocate()
        pairs.deallocate()
        agreeing.deallocate()
        lastUnit.deallocate()
    }

    /// Counts each reviewer's judgment of unit `u` (a reviewer met twice in one unit finds its
    /// own unit number already stamped: a repeat) and returns how many carry a value.
    @inline(__always)
    func stamp(
        _ unitReviewers: UnsafePointer<Int32>, _ unitValues: UnsafePointer<Int32>, size: Int, unit u: Int,
        repeated: inout Int
    ) -> Int {
        var m = 0
        let stamp = Int32(truncatingIfNeeded: u)
        for t in 0..<size {
            let r = Int(unitReviewers[t])
            judgments[r] += 1
            if lastUnit[r] == stamp { repeated += 1 } else { lastUnit[r] = stamp }
            m += unitValues[t] >= 0 ? 1 : 0
        }
        return m
    }

    /// A unit of a small domain: its histogram word (byte c counts the values with code c),
    /// which is its pattern key; each reviewer's pairs with the m - 1 others and how many of
    /// them agree (the others with the same code).
    @inline(__always)
    func tallyByHistogram(
        _ unitReviewers: UnsafePointer<Int32>, _ unitValues: UnsafePointer<Int32>, size: Int, valueCount m: Int
    ) -> UInt64 {
        var key: UInt64 = 0
        for t in 0..<size where unitValues[t] >= 0 { key &+= 1 &<< UInt64(8 * unitValues[t]) }
        let others = Double(m - 1)
        for t in 0..<size {
            let v = unitValues[t]
            guard v >= 0 else { continue }
            let r = Int(unitReviewers[t])
            agreeing[r] += Double((key >> UInt64(8 * v)) & 0xFF) - 1
            pairs[r] += others
        }
        return key
    }

    /// A unit of a large domain: its distinct codes and their counts (sorted into
    /// `scratch.codes` / `scratch.runCounts`; m is small, so insertion sort), and the same
    /// per-reviewer pair counts. Returns the number of distinct codes.
    @inline(__always)
    func tallyByRuns(
        _ unitReviewers: UnsafePointer<Int32>, _ unitValues: UnsafePointer<Int32>, size: Int, valueCount m: Int,
        scratch: inout UnitScratch
    ) -> Int {
        var n = 0
        for t in 0..<size where unitValues[t] >= 0 {
            scratch.sorted[n] = unitValues[t]
            n += 1
        }
        for i in 1..<m {
            let x = scratch.sorted[i]
            var k = i - 1
            while k >= 0 && scratch.sorted[k] > x {
                scratch.sorted[k + 1] = scratch.sorted[k]
                k -= 1
            }
            scratch.sorted[k + 1] = x
        }
        var runs = 0
        var i = 0
        while i < m {
            var k = i
            while k < m && scratch.sorted[k] == scratch.sorted[i] { k += 1 }
            scratch.codes[runs] = scratch.sorted[i]
            scratch.runCounts[runs] = Int32(k - i)
            runs += 1
            i = k
        }
        for t in 0..<size {
            let v = unitValues[t]
            guard v >= 0 else { continue }
            var sameValue: Int32 = 0
            for q in 0..<runs where scratch.codes[q] == v { sameValue = scratch.runCounts[q] }
            let r = Int(unitReviewers[t])
            agreeing[r] += Double(sameValue - 1)
            pairs[r] += Double(m - 1)
        }
        return runs
    }
}

/// Room for one unit's judgments when a shard is not grouped by item, and for its sorted codes.
///
/// SAFETY: the two gather buffers hold `capacity` entries and `reserve` grows them (and the
/// code arrays) before every unit larger than that; `deallocate` frees them once, at the end of the
/// pass.
struct UnitScratch {
    private var capacity = 64
    private var reviewers = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
    private var values = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
    var sorted = [Int32](repeating: 0, count: 64)
    var codes = [Int32](repeating: 0, count: 64)
    var runCounts = [Int32](repeating: 0, count: 64)

    /// Makes room for a unit of `size` judgments (called before each unit).
    @inline(__always)
    mutating func reserve(_ size: Int) {
        if size > capacity { grow(to: size * 2) }
    }

    /// Copies the unit's judgments at `order[lo ..< lo + size]` together (after `reserve(size)`).
    mutating func gather(_ columns: ShardColumns, from lo: Int, count size: Int) -> (
        reviewers: UnsafePointer<Int32>, values: UnsafePointer<Int32>
    ) {
        for t in 0..<size {
            let j = Int(columns.order[lo + t])
            reviewers[t] = columns.reviewer[j]
            values[t] = columns.value[j]
        }
        return (UnsafePointer(reviewers), UnsafePointer(values))
    }

    private mutating func grow(to newCapacity: Int) {
        reviewers.deallocate()
        values.deallocate()
        capacity = newCapacity
        reviewers = .allocate(capacity: newCapacity)
        values = .allocate(capacity: newCapacity)
        sorted = [Int32](repeating: 0, count: newCapacity)
        codes = sorted
        runCounts = sorted
    }

    func deallocate() {
        reviewers.deallocate()
        values.deallocate()
    }
}

/// A shard's columns borrowed as buffers for one pass of a kernel.
///
/// SAFETY: the buffers are valid only inside `borrow`'s closure, which the kernels do not let
/// them escape; the shard belongs to a finished `JudgmentSet`, so nothing writes the arrays
/// while they are borrowed.
struct ShardColumns {
    let value: UnsafeBufferPointer<Int32>
    let reviewer: UnsafeBufferPointer<Int32>
    let order: UnsafeBufferPointer<Int32>
    let gold: UnsafeBufferPointer<Int32>

    static func borrow<R>(_ shard: JudgmentShard, _ groups: UnitGroups, _ body: (ShardColumns) -> R) -> R {
        shard.value.withUnsafeBufferPointer { value in
            shard.reviewer.withUnsafeBufferPointer { reviewer in
                groups.order.withUnsafeBufferPointer { order in
                    shard.gold.withUnsafeBufferPointer { gold in
                        body(ShardColumns(value: value, reviewer: reviewer, order: order, gold: gold))
                    }
                }
            }
        }
    }
}

/// How many units had each histogram word during one pass (`UnitTally`): open addressing
/// over raw memory, key 0 empty (a pairable unit's histogram is never all zero). The pass
/// hands the words to `UnitPatterns` once at the end, not once per unit.
///
/// SAFETY: `keys` and `counts` are allocated and initialised for `mask + 1` slots, every probe is
/// masked into that range, the table grows before it is half full (so a probe always ends), and the
/// owner frees it once with `deallocate()`.
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
    /// Judgments by each reviewer, with or without a value.
    public var judgments: [Int]
    /// Pairs with another reviewer on the same item, and how many of them agree.
    public var pairs: [Double]
    /// Of each reviewer's `pairs`, those where the other reviewer gave the same value.
    public var agreeingPairs: [Double]
    /// Valued judgments by each reviewer on items with a gold answer.
    public var goldTotal: [Int]
    /// Of those, the ones equal to the gold answer.
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
///
/// SAFETY: `starts` is a prefix sum of the per-unit counts of `shard.unit`, whose codes are below
/// `unitCount`, so every `starts[u]..<starts[u + 1]` lies inside the columns; the buffers are borrowed
/// only inside the calls.
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
