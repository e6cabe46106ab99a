import WorkModel

/// The fields of one judgment as byte ranges into the file (or a worker's scratch copy when
/// the text had escapes), filled by a format scanner and stored by `ScanWorker.store`.
struct ByteField {
    var start: UnsafeRawPointer?
    var length = 0
    /// `null` in JSON, an empty cell in CSV: present but without a value.
    var isNull = false

    var isPresent: Bool { start != nil && !isNull }
}

struct RecordFields {
    var item = ByteField()
    var reviewer = ByteField()
    var value = ByteField()
    var time = ByteField()
    var timeIsNumber = false
    var rubric = ByteField()
    var gold = ByteField()
    var optionA = ByteField()
    var optionB = ByteField()

    mutating func reset() { self = RecordFields() }
}

/// One reader worker: owns one shard and keeps the items whose hash falls in its partition.
/// Every worker scans the whole buffer (a sequential scan is cheap next to interning), so a
/// quoted CSV cell with a newline in it is read right by every worker and no item is split.
struct ScanWorker {
    let shard: JudgmentShard
    let partition: Int
    let partitions: Int
    let file: String
    let fileIndex: Int32
    var diagnostics: [Diagnostic] = []
    var judgments = 0
    var maxDiagnostics = 50
    /// The three hot columns, kept in the worker while it scans (local arrays, no shared
    /// access per judgment) and appended to the shard by `flush`.
    private var units: [Int32] = []
    private var reviewers: [Int32] = []
    private var values: [Int32] = []
    private var lastUnit: Int32 = -1
    private var highestUnit: Int32
    private var revisited = 0

    // The previous line's item, which in most exports is the same item again.
    private var previousItem: UnsafeRawPointer?
    private var previousLength = 0
    private var previousUnit: Int32 = -1
    private var previousOwned = false

    init(shard: JudgmentShard, partition: Int, partitions: Int, file: String, fileIndex: Int32) {
        self.shard = shard
        self.partition = partition
        self.partitions = partitions
        self.file = file
        self.fileIndex = fileIndex
        highestUnit = Int32(shard.unitCount) - 1
    }

    /// Moves the worker's columns into the shard. Optional columns are written to the shard
    /// directly, so the hot columns are flushed before each optional one.
    mutating func flush() {
        guard !units.isEmpty else { return }
        shard.appendColumns(units: units, reviewers: reviewers, values: values, lastUnit: lastUnit, revisited: revisited)
        units.removeAll(keepingCapacity: true)
        reviewers.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        revisited = 0
    }

    mutating func reserve(_ judgments: Int) {
        units.reserveCapacity(judgments)
        reviewers.reserveCapacity(judgments)
        values.reserveCapacity(judgments)
    }

    static func partition(ofHash h: UInt64, partitions: Int) -> Int {
        partitions == 1 ? 0 : Int((h >> 40) % UInt64(partitions))
    }

    /// Whether this worker keeps the item; caches the answer for a repeated item.
    /// `stable` is false for scratch copies, which the next line overwrites.
    @inline(__always)
    mutating func owns(_ item: ByteField, stable: Bool) -> Bool {
        guard let start = item.start else { return partition == 0 }
        if let previous = previousItem, previousLength == item.length, Self.same(previous, start, item.length) {
            return previousOwned
        }
        let h = ByteInterner.hash(start, item.length)
        let owned = Self.partition(ofHash: h, partitions: partitions) == partition
        previousOwned = owned
        previousUnit = owned ? shard.items.intern(start, item.length, hash: h) : -1
        previousItem = stable ? start : nil
        previousLength = item.length
        return owned
    }

    @inline(__always)
    private static func same(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        if a == b { return true }
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    mutating func fail(line: Int, column: Int, field: String, _ message: String) {
        guard diagnostics.count < maxDiagnostics else { return }
        diagnostics.append(Diagnostic(file: file, location: SourceLocation(line: line, column: column), field: field, message: message))
    }

    /// Stores an owned record (`owns` was called for its item just before).
    @inline(__always)
    mutating func store(_ f: inout RecordFields, line: Int) {
        guard let itemStart = f.item.start, !f.item.isNull, f.item.length > 0 else {
            fail(line: line, column: 1, field: "item", "expected an item id (a non-empty string)")
            return
        }
        _ = itemStart
        guard let reviewerStart = f.reviewer.start, !f.reviewer.isNull, f.reviewer.length > 0 else {
            fail(line: line, column: 1, field: "reviewer", "expected a reviewer id (a non-empty string)")
            return
        }
        let unit = previousUnit
        let reviewer = shard.reviewers.intern(reviewerStart, f.reviewer.length)
        var value: Int32 = -1
        if let v = f.value.start, !f.value.isNull, f.value.length > 0 {
            value = shard.internValue(v, f.value.length, file: fileIndex, line: line)
        }
        if unit != lastUnit {
            if unit <= highestUnit { revisited += 1 } else { highestUnit = unit }
            lastUnit = unit
        }
        units.append(unit)
        reviewers.append(reviewer)
        values.append(value)
        judgments += 1
        guard f.time.start != nil || f.rubric.start != nil || f.gold.start != nil || f.optionA.start != nil || f.optionB.start != nil else { return }
        flush()
        if let t = f.time.start, !f.time.isNull, f.time.length > 0 {
            guard let seconds = f.timeIsNumber ? EpochTime.parseNumber(t, f.time.length) : EpochTime.parseISO8601(t, f.time.length) else {
                fail(line: line, column: 1, field: "time", "expected an ISO 8601 time such as 2026-11-02T14:30:00Z, or seconds since 1970, found '\(Self.text(f.time))'")
                return
            }
            shard.setTime(seconds)
        }
        if let r = f.rubric.start, !f.rubric.isNull, f.rubric.length > 0 {
            shard.setRubric(shard.rubrics.intern(r, f.rubric.length))
        }
        if let g = f.gold.start, !f.gold.isNull, f.gold.length > 0 {
            shard.setGold(unit: unit, value: shard.internValue(g, f.gold.length, file: fileIndex, line: line))
        }
        if f.optionA.isPresent || f.optionB.isPresent {
            guard let a = f.optionA.start, f.optionA.isPresent, let b = f.optionB.start, f.optionB.isPresent else {
                fail(line: line, column: 1, field: f.optionA.isPresent ? "b" : "a", "a pairwise judgment names both options, a and b")
                return
            }
            shard.setOptions(shard.options.intern(a, f.optionA.length), shard.options.intern(b, f.optionB.length))
        }
    }

    static func text(_ field: ByteField) -> String {
        guard let start = field.start else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: start, count: min(field.length, 80)), as: UTF8.self)
    }
}
