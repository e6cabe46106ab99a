/// The judgments whose items fall into one hash partition, held as columns of small ids.
///
/// Reading splits the items over shards by hash, so every item lives in exactly one shard:
/// shards are read in parallel without locks, and each statistic is computed per shard and
/// then merged from its sufficient statistics. Memory is the ids (a few bytes a judgment) plus
/// one copy of each distinct item, reviewer and value string; never the text of the file.
///
/// SAFETY: `@unchecked Sendable` holds because a shard has one writer at a time: while
/// reading, worker `w` of a `ParallelShards` call is the only one touching shard `w`; the
/// collector that owns the shards is non-copyable and not `Sendable`; and once `finish`
/// consumed it, the shards belong to a `JudgmentSet`, which only reads them.
final class JudgmentShard: @unchecked Sendable {
    let items: ByteInterner
    let reviewers = ByteInterner(expectedCount: 256)
    let values = ByteInterner(expectedCount: 64)
    let options = ByteInterner(expectedCount: 256)
    let rubrics = ByteInterner(expectedCount: 16)

    /// Per judgment. `value` is -1 when the judgment carries no value (null or empty).
    var unit: [Int32] = []
    var reviewer: [Int32] = []
    var value: [Int32] = []
    /// Filled only once a judgment with that field is seen; then one entry per judgment
    /// (`Int64.min` / -1 where a judgment lacks it).
    var time: [Int64] = []
    var rubric: [Int32] = []
    var optionA: [Int32] = []
    var optionB: [Int32] = []
    /// Per unit, the gold value's id in `values` (-1 when the unit is not a gold item).
    var gold: [Int32] = []

    /// Where each distinct value was first seen, to point at it in an error.
    var valueFirstSeen: [(file: Int32, line: Int32)] = []
    /// Units whose judgments arrived out of order (an item seen again after another item):
    /// when zero, `unit` is non-decreasing and grouping needs no sort.
    var unitsRevisited = 0
    private var lastUnit: Int32 = -1
    private var highestUnit: Int32 = -1

    init(expectedItems: Int, expectedJudgments: Int) {
        items = ByteInterner(expectedCount: expectedItems)
        unit.reserveCapacity(expectedJudgments)
        reviewer.reserveCapacity(expectedJudgments)
        value.reserveCapacity(expectedJudgments)
        HugePages.advise(&unit)
        HugePages.advise(&reviewer)
        HugePages.advise(&value)
    }

    var judgmentCount: Int { unit.count }
    var unitCount: Int { items.count }

    @inline(__always)
    func internValue(_ p: UnsafeRawPointer, _ n: Int, file: Int32, line: Int) -> Int32 {
        let before = values.count
        let id = values.intern(p, n)
        if values.count != before { valueFirstSeen.append((file, Int32(truncatingIfNeeded: line))) }
        return id
    }

    /// Appends one judgment; the optional columns are created on first use.
    @inline(__always)
    func append(unit u: Int32, reviewer r: Int32, value v: Int32) {
        if u != lastUnit {
            if u <= highestUnit { unitsRevisited += 1 } else { highestUnit = u }
            lastUnit = u
        }
        unit.append(u)
        reviewer.append(r)
        value.append(v)
    }

    /// Appends a worker's columns; `revisited` counts its units met again after another.
    /// Into an empty shard the worker's arrays are moved, not copied (they are the bulk of
    /// the memory).
    func appendColumns(
        units: inout [Int32], reviewers: inout [Int32], values: inout [Int32], lastUnit: Int32, revisited: Int
    ) {
        let incomingHighest = units.max() ?? -1
        if unit.isEmpty {
            swap(&unit, &units)
            swap(&reviewer, &reviewers)
            swap(&value, &values)
            units.removeAll()
            reviewers.removeAll()
            values.removeAll()
        } else {
            unit.append(contentsOf: units)
            reviewer.append(contentsOf: reviewers)
            value.append(contentsOf: values)
        }
        unitsRevisited += revisited
        self.lastUnit = lastUnit
        highestUnit = max(highestUnit, incomingHighest)
    }

    func setTime(_ seconds: Int64) {
        if time.count < unit.count - 1 {
            time.append(contentsOf: repeatElement(Int64.min, count: unit.count - 1 - time.count))
        }
        time.append(seconds)
    }

    func setRubric(_ id: Int32) {
        if rubric.count < unit.count - 1 {
            rubric.append(contentsOf: repeatElement(-1, count: unit.count - 1 - rubric.count))
        }
        rubric.append(id)
    }

    func setOptions(_ a: Int32, _ b: Int32) {
        if optionA.count < unit.count - 1 {
            let missing = unit.count - 1 - optionA.count
            optionA.append(contentsOf: repeatElement(-1, count: missing))
            optionB.append(contentsOf: repeatElement(-1, count: missing))
        }
        optionA.append(a)
        optionB.append(b)
    }

    func setGold(unit u: Int32, value v: Int32) {
        if gold.count <= Int(u) { gold.append(contentsOf: repeatElement(-1, count: Int(u) + 1 - gold.count)) }
        gold[Int(u)] = v
    }

    /// Pads the optional columns to full length once reading is done.
    func padColumns() {
        let n = unit.count
        if !time.isEmpty && time.count < n { time.append(contentsOf: repeatElement(Int64.min, count: n - time.count)) }
        if !rubric.isEmpty && rubric.count < n { rubric.append(contentsOf: repeatElement(-1, count: n - rubric.count)) }
        if !optionA.isEmpty && optionA.count < n {
            optionA.append(contentsOf: repeatElement(-1, count: n - optionA.count))
            optionB.append(contentsOf: repeatElement(-1, count: n - optionB.count))
        }
        if !gold.isEmpty && gold.count < items.count {
            gold.append(contentsOf: repeatElement(-1, count: items.count - gold.count))
        }
    }

    /// Adds `n` to every first-seen line (a range read numbers its lines from zero).
    func shiftValueLines(by n: Int) {
        for i in valueFirstSeen.indices { valueFirstSeen[i].line += Int32(truncatingIfNeeded: n) }
    }

    /// Appends the judgments of `source` whose items fall in hash partition `partition`, with
    /// ids translated into this shard's tables (`source` has padded columns).
    func adopt(from source: JudgmentShard, partition: Int, of partitions: Int) {
        var unitMap = [Int32](repeating: -1, count: source.unitCount)
        for u in 0..<source.unitCount {
            let id = Int32(u)
            if ScanWorker.partition(ofHash: source.items.keyHash(id), partitions: partitions) == partition {
                unitMap[u] = items.intern(id, of: source.items)
            }
        }
        var reviewerMap = [Int32](repeating: -1, count: source.reviewers.count)
        var valueMap = [Int32](repeating: -1, count: source.values.count)
        var optionMap = [Int32](repeating: -1, count: source.options.count)
        var rubricMap = [Int32](repeating: -1, count: source.rubrics.count)
        func value(_ v: Int32) -> Int32 {
            if valueMap[Int(v)] < 0 {
                let before = values.count
                valueMap[Int(v)] = values.intern(v, of: source.values)
                if values.count != before { valueFirstSeen.append(source.valueFirstSeen[Int(v)]) }
            }
            return valueMap[Int(v)]
        }
        func option(_ o: Int32) -> Int32 {
            guard o >= 0 else { return -1 }
            if optionMap[Int(o)] < 0 { optionMap[Int(o)] = options.intern(o, of: source.options) }
            return optionMap[Int(o)]
        }
        let hasTime = !source.time.isEmpty, hasRubric = !source.rubric.isEmpty, hasOptions = !source.optionA.isEmpty
        for i in 0..<source.judgmentCount {
            let u = unitMap[Int(source.unit[i])]
            guard u >= 0 else { continue }
            let r = source.reviewer[i]
            if reviewerMap[Int(r)] < 0 { reviewerMap[Int(r)] = reviewers.intern(r, of: source.reviewers) }
            let v = source.value[i]
            append(unit: u, reviewer: reviewerMap[Int(r)], value: v >= 0 ? value(v) : -1)
            if hasTime, source.time[i] != Int64.min { setTime(source.time[i]) }
            if hasRubric, source.rubric[i] >= 0 {
                let k = Int(source.rubric[i])
                if rubricMap[k] < 0 { rubricMap[k] = rubrics.intern(source.rubric[i], of: source.rubrics) }
                setRubric(rubricMap[k])
            }
            if hasOptions, source.optionA[i] >= 0 || source.optionB[i] >= 0 {
                setOptions(option(source.optionA[i]), option(source.optionB[i]))
            }
        }
        for (u, g) in source.gold.enumerated() where g >= 0 && unitMap[u] >= 0 {
            setGold(unit: unitMap[u], value: value(g))
        }
    }

    /// Keeps only the judgments `keep` accepts (used to select one rubric).
    func filter(_ keep: (Int) -> Bool) {
        var w = 0
        let hasTime = !time.isEmpty, hasRubric = !rubric.isEmpty, hasOptions = !optionA.isEmpty
        for i in 0..<unit.count where keep(i) {
            unit[w] = unit[i]
            reviewer[w] = reviewer[i]
            value[w] = value[i]
            if hasTime { time[w] = time[i] }
            if hasRubric { rubric[w] = rubric[i] }
            if hasOptions {
                optionA[w] = optionA[i]
                optionB[w] = optionB[i]
            }
            w += 1
        }
        let drop = unit.count - w
        unit.removeLast(drop)
        reviewer.removeLast(drop)
        value.removeLast(drop)
        if hasTime { time.removeLast(drop) }
        if hasRubric { rubric.removeLast(drop) }
        if hasOptions {
            optionA.removeLast(drop)
            optionB.removeLast(drop)
        }
    }
}
