import WorkModel

#if canImport(Glibc)
    import Glibc
#endif

/// One reader worker, filling one shard in one of two ways (`JudgmentCollector` chooses):
/// - by hash: every worker scans the whole buffer and keeps the items whose hash falls in its
///   partition, so a quoted CSV cell with a newline in it is read right by every worker;
/// - by range: each worker reads its own run of whole lines and keeps every record in it.
///   Items sorted in the file then need no hash table at all (`ByteInterner.appendAscending`),
///   and the collector re-partitions by hash afterwards if two ranges share an item.
///
/// SAFETY: the `Unmanaged` tables are unretained references to interners that `shard` (a stored
/// property) keeps alive for the worker's whole life; `stage` owns the staged columns, written at
/// `stagedCount < capacity` and drained before it is reached; pages are released only behind the
/// worker's position and only when the collector says the bytes are a read-only file mapping.
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
    /// access per judgment) and appended to the shard by `flush`. Judgments arrive in `stage`
    /// first and move to the arrays a block at a time, so storing one is three plain writes.
    private var units: [Int32] = []
    private var reviewers: [Int32] = []
    private var values: [Int32] = []
    private let stage = StagedColumns()
    private let staged: StagedColumns.Pointers
    private var stagedCount = 0
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
        staged = stage.pointers
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
        drainStage()
        guard !units.isEmpty else { return }
        shard.appendColumns(
            units: &units, reviewers: &reviewers, values: &values, lastUnit: lastUnit, revisited: revisited)
        units.removeAll(keepingCapacity: true)
        reviewers.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        revisited = 0
    }

    private mutating func drainStage() {
        guard stagedCount > 0 else { return }
        units.append(contentsOf: UnsafeBufferPointer(start: staged.units, count: stagedCount))
        reviewers.append(contentsOf: UnsafeBufferPointer(start: staged.reviewers, count: stagedCount))
        values.append(contentsOf: UnsafeBufferPointer(start: staged.values, count: stagedCount))
        stagedCount = 0
    }

    @inline(__always)
    private mutating func appendJudgment(unit: Int32, reviewer: Int32, value: Int32) {
        if unit != lastUnit {
            if unit <= highestUnit { revisited += 1 } else { highestUnit = unit }
            lastUnit = unit
        }
        staged.units[stagedCount] = unit
        staged.reviewers[stagedCount] = reviewer
        staged.values[stagedCount] = value
        stagedCount += 1
        judgments += 1
        if stagedCount == StagedColumns.capacity { drainStage() }
    }

    mutating func reserve(_ judgments: Int) {
        units.reserveCapacity(judgments)
        reviewers.reserveCapacity(judgments)
        values.reserveCapacity(judgments)
        HugePages.advise(&units)
        HugePages.advise(&reviewers)
        HugePages.advise(&values)
    }

    /// Set for a range read of a file-backed mapping (`JudgmentCollector.releasesReadPages`):
    /// the start of the part of the range not yet handed back.
    var releasableFrom: UnsafeRawPointer?
    /// How far behind its position the worker keeps pages. In a range read only the previous
    /// line's item is read again; in a read by hash every worker reads every page, so one
    /// worker keeps far behind (`JudgmentCollector.hashReadReleaseLag`) and a worker that
    /// falls behind the other finds few pages gone (and those come back from the file).
    var releaseLag = 1 << 16

    /// Hands the mapped pages of the file this worker has read, up to a little before `p`,
    /// back to the page cache: the text is never read twice (every string kept was copied),
    /// so resident memory stays the ids and tables, not the file. The pages just behind `p`
    /// are kept because the previous line's item is compared in place.
    mutating func releasePages(before p: UnsafeRawPointer) {
        #if os(Linux)
            guard let from = releasableFrom else { return }
            let page = UInt(4096), keep = releaseLag
            let start = (UInt(bitPattern: from) + page - 1) & ~(page - 1)
            let stop = UInt(bitPattern: p) >= UInt(keep) ? (UInt(bitPattern: p) - UInt(keep)) & ~(page - 1) : 0
            guard stop > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(aligned, Int(stop - start), MADV_DONTNEED)
            releasableFrom = UnsafeRawPointer(bitPattern: stop)
        #endif
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
            previousUnit = itemTable._withUnsafeGuaranteedRef {
                $0.appendAscending(start, length) ?? $0.intern(start, length)
            }
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
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            {
                return false
            }
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
        diagnostics.append(
            Diagnostic(file: file, location: SourceLocation(line: line, column: column), field: field, message: message)
        )
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
        let reviewer = reviewerID(
            reviewerStart, f.reviewer.length, key: ShortKeyCache.key(reviewerStart, f.reviewer.length))
        var value: Int32 = -1
        if let v = f.value.start, !f.value.isNull, f.value.length > 0 {
            value = valueID(v, f.value.length, key: ShortKeyCache.key(v, f.value.length), line: line)
        }
        appendJudgment(unit: unit, reviewer: reviewer, value: value)
        guard
            f.time.start != nil || f.rubric.start != nil || f.gold.start != nil || f.optionA.start != nil
                || f.optionB.start != nil
        else { return }
        flush()
        if let t = f.time.start, !f.time.isNull, f.time.length > 0 {
            guard
                let seconds = f.timeIsNumber
                    ? EpochTime.parseNumber(t, f.time.length) : EpochTime.parseISO8601(t, f.time.length)
            else {
                fail(
                    line: line, column: 1, field: "time",
                    "expected an ISO 8601 time such as 2026-11-02T14:30:00Z, or seconds since 1970, found '\(Self.text(f.time))'"
                )
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
                fail(
                    line: line, column: 1, field: f.optionA.isPresent ? "b" : "a",
                    "a pairwise judgment names both options, a and b")
                return
            }
            shard.setOptions(shard.options.intern(a, f.optionA.length), shard.options.intern(b, f.optionB.length))
        }
    }

    /// Stores the common judgment of both formats: item, reviewer and value as plain,
    /// non-empty text that stays where it is in the buffer, and no optional field. The same
    /// as `owns` then `store` for such a record, without the record; false when the item
    /// falls in another worker's partition. `repeatsItem` says the caller has already found
    /// the item equal to the previous record's (`repeatedItemLength`).
    @inline(__always)
    mutating func storeTriple(
        item: UnsafeRawPointer, _ itemLength: Int, repeatsItem: Bool = false, reviewer: UnsafeRawPointer,
        _ reviewerLength: Int,
        value: UnsafeRawPointer, _ valueLength: Int, readableTo end: UnsafeRawPointer, line: Int
    ) -> Bool {
        if repeatsItem {
            guard previousOwned else { return false }
        } else {
            guard owns(ByteField(start: item, length: itemLength), stable: true) else { return false }
        }
        let reviewerKey = ShortKeyCache.key(reviewer, reviewerLength, readableTo: end)
        let valueKey = ShortKeyCache.key(value, valueLength, readableTo: end)
        appendJudgment(
            unit: previousUnit, reviewer: reviewerID(reviewer, reviewerLength, key: reviewerKey),
            value: valueID(value, valueLength, key: valueKey, line: line))
        return true
    }

    /// The length of the previous record's item when the bytes at `p` repeat it and are
    /// followed by `terminator`, else -1: in a sorted export most lines start this way, and
    /// then the item's end needs no search.
    @inline(__always)
    func repeatedItemLength(at p: UnsafeRawPointer, _ end: UnsafeRawPointer, terminator: UInt8) -> Int {
        guard let previous = previousItem, end - p > previousLength,
            (p + previousLength).load(as: UInt8.self) == terminator, Self.same(previous, p, previousLength)
        else { return -1 }
        return previousLength
    }

    @inline(__always)
    private func reviewerID(_ p: UnsafeRawPointer, _ n: Int, key: UInt64) -> Int32 {
        if let hit = cache.find(key, table: 0) { return hit }
        let id = reviewerTable._withUnsafeGuaranteedRef { $0.intern(p, n) }
        cache.store(key, id, table: 0)
        return id
    }

    @inline(__always)
    private func valueID(_ p: UnsafeRawPointer, _ n: Int, key: UInt64, line: Int) -> Int32 {
        if let hit = cache.find(key, table: 1) { return hit }
        let id = shard.internValue(p, n, file: fileIndex, line: line)
        cache.store(key, id, table: 1)
        return id
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
///
/// SAFETY: the tables are allocated and initialised for 2 x `slots` entries in `init`, indexed by
/// `slot(_:_:)`, which is below that for `table` 0 or 1, and freed in `deinit`; the 8-byte key load
/// happens only when 8 bytes remain before `end`.
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

    /// `key(p, n)` with one word load, when eight bytes from `p` are readable (below `end`).
    @inline(__always)
    static func key(_ p: UnsafeRawPointer, _ n: Int, readableTo end: UnsafeRawPointer) -> UInt64 {
        guard n > 0, n < 8 else { return 0 }
        guard end - p >= 8 else { return key(p, n) }
        let word = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
        return word & ((1 &<< UInt64(8 * n)) &- 1) | UInt64(n) << 56
    }
}

/// A worker's most recent judgments as three raw columns (`ScanWorker.appendJudgment`). The
/// class owns the memory; the worker writes through `Pointers`.
///
/// SAFETY: the three columns are allocated for `capacity` entries, written only below `capacity` by
/// `ScanWorker.appendJudgment` (which drains at `capacity`), and freed in `deinit`.
final class StagedColumns {
    static let capacity = 1 << 14

    struct Pointers {
        let units: UnsafeMutablePointer<Int32>
        let reviewers: UnsafeMutablePointer<Int32>
        let values: UnsafeMutablePointer<Int32>
    }

    let pointers = Pointers(
        units: .allocate(capacity: capacity), reviewers: .allocate(capacity: capacity),
        values: .allocate(capacity: capacity))

    deinit {
        pointers.units.deallocate()
        pointers.reviewers.deallocate()
        pointers.values.deallocate()
    }
}

/// Every 8 MiB of a scan: a progress report (for the progress bar) and the worker's chance
/// to hand back the pages it has read.
///
/// SAFETY: `begin + offset` stays inside the buffer being scanned: `offset` is a position the scan has
/// reached.
struct ScanMilestones {
    private let progress: ((Int) -> Void)?
    private var next = 1 << 23

    init(_ progress: ((Int) -> Void)?) { self.progress = progress }

    /// `offset` bytes from `begin` have been read.
    @inline(__always)
    mutating func passed(_ offset: Int, of begin: UnsafeRawPointer, worker: inout ScanWorker) {
        guard offset >= next else { return }
        next = offset + (1 << 23)
        progress?(offset)
        worker.releasePages(before: begin + offset)
    }
}
