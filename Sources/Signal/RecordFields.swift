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

/// One reader worker, filling one shard in one of two ways (`JudgmentCollector` chooses):
/// - by hash: every worker scans the whole buffer and keeps the items whose hash falls in its
///   partition, so a quoted CSV cell with a newline in it is read right by every worker;
/// - by range: each worker reads its own run of whole lines and keeps every record in it.
///   Items sorted in the file then need no hash table at all (`ByteInterner.appendAscending`),
///   and the collector re-partitions by hash afterwards if two ranges share an item.
struct ScanWorker {
    let shard: JudgmentShard
    let partition: Int
    let partitions: Int
    let byRange: Bool
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

    /// The shard's item and reviewer tables without reference counting on each judgment
    /// (`shard` keeps them alive), and the worker's cache of short keys in front of the
    /// reviewer and value tables.
    private let itemTable: Unmanaged<ByteInterner>
    private let reviewerTable: Unmanaged<ByteInterner>
    private let keyCache = ShortKeyCache()
    private let cache: ShortKeyCache.Table

    init(shard: JudgmentShard, partition: Int, partitions: Int, file: String, fileIndex: Int32, byRange: Bool = false) {
        itemTable = Unmanaged.passUnretained(shard.items)
        reviewerTable = Unmanaged.passUnretained(shard.reviewers)
        cache = keyCache.table
        self.shard = shard
        self.partition = partition
        self.partitions = partitions
        self.byRange = byRange
        self.file = file
        self.fileIndex = fileIndex
        highestUnit = Int32(shard.unitCount) - 1
    }

    /// Moves the worker's columns into the shard. Optional columns are written to the shard
    /// directly, so the hot columns are flushed before each optional one.
    mutating func flush() {
        guard !units.isEmpty else { return }
        shard.appendColumns(units: &units, reviewers: &reviewers, values: &values, lastUnit: lastUnit, revisited: revisited)
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

    /// Whether this worker reports a record it cannot place (no item): the first partition when
    /// every worker sees every record, each worker for its own range.
    var reportsUnplaced: Bool { byRange || partition == 0 }

    /// Whether this worker keeps the item; caches the answer for a repeated item.
    /// `stable` is false for scratch copies, which the next line overwrites.
    @inline(__always)
    mutating func owns(_ item: ByteField, stable: Bool) -> Bool {
        guard let start = item.start else { return reportsUnplaced }
        if let previous = previousItem, previousLength == item.length, Self.same(previous, start, item.length) {
            return previousOwned
        }
        if byRange {
            let length = item.length
            previousUnit = itemTable._withUnsafeGuaranteedRef { $0.appendAscending(start, length) ?? $0.intern(start, length) }
            previousOwned = true
            previousItem = stable ? start : nil
            previousLength = item.length
            return true
        }
        let h = ByteInterner.hash(start, item.length)
        let owned = Self.partition(ofHash: h, partitions: partitions) == partition
        previousOwned = owned
        let length = item.length
        previousUnit = owned ? itemTable._withUnsafeGuaranteedRef { $0.intern(start, length, hash: h) } : -1
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
        var reviewer: Int32
        let reviewerKey = ShortKeyCache.key(reviewerStart, f.reviewer.length)
        if let hit = cache.find(reviewerKey, table: 0) {
            reviewer = hit
        } else {
            let length = f.reviewer.length
            reviewer = reviewerTable._withUnsafeGuaranteedRef { $0.intern(reviewerStart, length) }
            cache.store(reviewerKey, reviewer, table: 0)
        }
        var value: Int32 = -1
        if let v = f.value.start, !f.value.isNull, f.value.length > 0 {
            let valueKey = ShortKeyCache.key(v, f.value.length)
            if let hit = cache.find(valueKey, table: 1) {
                value = hit
            } else {
                value = shard.internValue(v, f.value.length, file: fileIndex, line: line)
                cache.store(valueKey, value, table: 1)
            }
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

/// A direct-mapped cache from keys of 1 to 7 bytes (reviewer ids, labels) to their interned
/// ids, one table for reviewers and one for values: most judgments then cost a word compare
/// instead of a hash and a probe. A key longer than 7 bytes is never cached (key 0). The class
/// owns the memory; the hot loop uses `Table`, plain pointers with no reference counting.
final class ShortKeyCache {
    static let slots = 4096
    let table: Table

    struct Table {
        fileprivate let keys: UnsafeMutablePointer<UInt64>
        fileprivate let ids: UnsafeMutablePointer<Int32>

        @inline(__always)
        private static func slot(_ key: UInt64, _ table: Int) -> Int {
            table * slots + Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 52)
        }

        @inline(__always)
        func find(_ key: UInt64, table: Int) -> Int32? {
            guard key != 0 else { return nil }
            let s = Self.slot(key, table)
            return keys[s] == key ? ids[s] : nil
        }

        @inline(__always)
        func store(_ key: UInt64, _ id: Int32, table: Int) {
            guard key != 0 else { return }
            let s = Self.slot(key, table)
            keys[s] = key
            ids[s] = id
        }
    }

    init() {
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * Self.slots)
        keys.initialize(repeating: 0, count: 2 * Self.slots)
        let ids = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * Self.slots)
        ids.initialize(repeating: -1, count: 2 * Self.slots)
        table = Table(keys: keys, ids: ids)
    }

    deinit {
        table.keys.deallocate()
        table.ids.deallocate()
    }

    /// The bytes in the low seven bytes and the length in the top one; 0 when not cacheable.
    @inline(__always)
    static func key(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        guard n > 0, n < 8 else { return 0 }
        var word = UInt64(n) << 56
        for i in 0..<n { word |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i) }
        return word
    }
}
