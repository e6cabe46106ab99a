import Dispatch
import Foundation
public import WorkModel

/// The formats `wagefile agree` reads.
///
/// SAFETY: `detect` reads at most the first 64 KiB of `prefix`, through a bounded buffer slice.
public enum JudgmentFormat: String, Sendable, CaseIterable {
    /// Canonical JSON Lines (`wagefile.judgment/v1`).
    case jsonl
    /// Comma-separated values with a header row (RFC 4180 quoting).
    case csv
    /// Tab-separated values with a header row.
    case tsv
    /// A Label Studio JSON export: tasks with `annotations` (`completed_by`, `result`).
    case labelStudio = "label-studio"
    /// Argilla records with `responses` (v1 FeedbackDataset and v2 shapes).
    case argilla
    /// A SageMaker Ground Truth output manifest with `annotationsFromAllWorkers`.
    case sagemaker

    /// Guesses from the name and the first bytes: a delimited file whose header has Label
    /// Studio's `annotation_id` and `annotator` is a Label Studio CSV or TSV export, any other
    /// `.csv`/`.tsv` is canonical CSV; a JSON array of tasks with `annotations`, or of flat rows
    /// with `annotator` (JSON_MIN), is Label Studio; records with `responses` (or flattened
    /// `question.responses`, or a REST page of `items`) are Argilla.
    public static func detect(path: String, prefix: UnsafeRawBufferPointer) -> JudgmentFormat {
        let lower = path.lowercased()
        let head = String(decoding: prefix.prefix(65_536), as: UTF8.self)
        let trimmed = head.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") {
            let header = trimmed.prefix { $0 != "\n" && $0 != "\r\n" }
            if header.contains("annotation_id") && header.contains("annotator") { return .labelStudio }
            return lower.hasSuffix(".csv") ? .csv : .tsv
        }
        let argilla = head.contains("\"responses\"") || head.contains(".responses\"")
        if trimmed.hasPrefix("[") {
            if head.contains("\"annotations\"") || head.contains("\"annotation_id\"") { return .labelStudio }
            return argilla ? .argilla : .labelStudio
        }
        if trimmed.hasPrefix("{") {
            let firstLine = trimmed.prefix { $0 != "\n" }
            if firstLine.contains("\"responses\"") || firstLine.contains(".responses\"")
                || firstLine.hasPrefix("{\"items\"")
            {
                return .argilla
            }
            // Argilla 1.x's Hugging Face export: per question a list of {user_id, value, status}.
            if firstLine.contains("\"user_id\"") && firstLine.contains("\"status\"")
                && !firstLine.contains("\"reviewer\"")
            {
                return .argilla
            }
            if firstLine.contains("\"annotations\"") { return .labelStudio }
            if firstLine.contains("\"annotationsFromAllWorkers\"") { return .sagemaker }
            return .jsonl
        }
        return lower.hasSuffix(".json") ? .labelStudio : .jsonl
    }
}

/// Collects judgments from any number of files into shards, then finishes them into a
/// `JudgmentSet`. Every item lives in exactly one shard, so statistics run per shard and merge.
/// The result does not depend on the number of partitions or on how a file was split, and
/// reading several files equals reading their concatenation (an item met in two files is one
/// unit).
///
/// The first large file is read by range when a sample of its lines shows sorted items
/// (`ItemOrderSample`; most exports): each worker parses its own run of lines, so the bytes
/// are parsed once, the ranges hold disjoint items and the shards are done. If the ranges do
/// share items after all, the shards are re-partitioned by item hash (`rehash`) before any
/// further input. A large file whose sample shows unsorted items is read by hash at once, and
/// so are later files, tool exports and CSV with quoted cells (a quoted newline could
/// straddle a range boundary): every worker scans the whole buffer and keeps the items of its
/// partition.
///
/// A collector is owned by one reader and is not `Sendable`: its reads fan out to worker
/// threads internally, one shard per worker. It is non-copyable and `finish` consumes it, so
/// the shards move into the `JudgmentSet` and nothing can read into them, or finish them a
/// second time, afterwards.
///
/// SAFETY: the byte buffers handed to the read methods are borrowed for the call and read only inside
/// it (workers are joined before a read returns); boxed pointers go only to workers that read their own
/// part of them (see `ParallelShards`); pages are handed back only for a `MappedFile`'s read-only
/// mapping (`releasesReadPages`).
public struct JudgmentCollector: ~Copyable {
    /// Shards the items are spread over (one per worker), 1 to 64.
    public let partitions: Int
    private(set) var shards: [JudgmentShard]
    private(set) var files: [String] = []
    /// Gold answers waiting for `finish`: a gold answer belongs to one rubric (a Label Studio
    /// control), and only the rubric measured is known there. Applied after the judgments, so
    /// a gold annotation that comes first in its task still finds its item.
    private(set) var pendingGold: [PendingGold] = []
    /// What the importers counted and dropped, said in the report (`JudgmentSet.notes`).
    public private(set) var notes: [String] = []
    /// Judgments read so far, with or without a value.
    public private(set) var judgmentCount = 0
    /// The smallest input read by range (smaller ones are cheaper to read by hash).
    var rangeSplitMinimumBytes = 1 << 20
    /// Whether a range read is kept for files whose sampled lines show sorted items
    /// (`ItemOrderSample`). Off, a large file is read by range whatever its order (tests use
    /// this to reach the re-partition).
    var rangeReadsNeedSortedSample = true

    /// Whether the next read may hand the pages it has read back to the page cache
    /// (`madvise(MADV_DONTNEED)`). Only for a read-only mapping of a file: on any other
    /// memory that advice would zero it. So it is internal, and set only by
    /// `read(_:format:mapping:progress:)` for a `MappedFile` that is such a mapping (and by
    /// the tests that check the release).
    var releasesReadPages = false

    enum Layout { case byHash, byRange }
    private(set) var layout = Layout.byHash

    /// How the last file was read: by range, by hash because its items looked unsorted, or by
    /// hash (small, quoted or later files).
    enum ReadPath { case byRange, byHashUnsorted, byHash }
    private(set) var lastReadPath = ReadPath.byHash

    /// An empty collector with `partitions` shards (clamped to 1...64), its tables sized for
    /// about `expectedJudgments` judgments (a hint, not a limit).
    public init(partitions: Int = 2, expectedJudgments: Int = 4096) {
        let p = max(1, min(partitions, 64))
        self.partitions = p
        shards = Self.emptyShards(p, expectedJudgments: expectedJudgments)
    }

    /// The judgments a file probably holds, from the lines in its first 64 KiB, to size the
    /// collector (`init(expectedJudgments:)`). Columns are reserved, not touched, but a hash
    /// read fills the item table it was sized for: with a flat 16 bytes a line, the
    /// 51-byte lines of canonical JSON Lines asked for tables three times too big (a quarter
    /// of a gigabyte each on 10M judgments). Lines of under 8 bytes count as 8.
    /// A wrong guess costs speed (tables grow by doubling), never a result.
    public static func estimatedJudgments(in bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let prefix = min(bytes.count, 1 << 16)
        var lines = 0
        var p = UnsafeRawPointer(base)
        let end = p + prefix
        while p < end, let newline = memchr(p, 10, end - p) {
            lines += 1
            p = UnsafeRawPointer(newline) + 1
        }
        // No newline at all: one record, or a minified tool export with a judgment every
        // hundred bytes or so.
        guard lines > 0 else { return bytes.count / 64 + 1 }
        return bytes.count / max(8, prefix / lines) + 1
    }

    private static func emptyShards(_ p: Int, expectedJudgments: Int) -> [JudgmentShard] {
        (0..<p).map { _ in
            JudgmentShard(
                expectedItems: max(64, expectedJudgments / p / 3),
                expectedJudgments: max(64, expectedJudgments / p + expectedJudgments / (p * 16)))
        }
    }

    /// Reads one file in `format` (detected from its name and first bytes when nil). A
    /// mapped file's read pages go back to the page cache as the read passes them.
    public mutating func read(
        _ file: MappedFile, format: JudgmentFormat? = nil, mapping: ColumnMapping = ColumnMapping(),
        importing options: ImportOptions = ImportOptions(), layout: TableLayout = TableLayout(),
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(InputError) {
        releasesReadPages = file.isMapped
        defer { releasesReadPages = false }
        try file.withBytes { (bytes: UnsafeRawBufferPointer) throws(InputError) in
            switch format ?? JudgmentFormat.detect(path: file.path, prefix: bytes) {
            case .jsonl: try readJSONLines(bytes, file: file.path, progress: progress)
            case .csv where !layout.isEmpty:
                try TableImporter.read(
                    bytes, file: file.path, delimiter: 44, mapping: mapping, layout: layout, into: &self)
            case .tsv where !layout.isEmpty:
                try TableImporter.read(
                    bytes, file: file.path, delimiter: 9, mapping: mapping, layout: layout, into: &self)
            case .csv: try readDelimited(bytes, file: file.path, mapping: mapping, progress: progress)
            case .tsv: try readDelimited(bytes, file: file.path, mapping: mapping, delimiter: 9, progress: progress)
            case .labelStudio: try LabelStudioImporter.read(bytes, file: file.path, options: options, into: &self)
            case .argilla: try ArgillaImporter.read(bytes, file: file.path, options: options, into: &self)
            case .sagemaker: try SageMakerImporter.read(bytes, file: file.path, options: options, into: &self)
            }
        }
    }

    private mutating func register(_ file: String) -> Int32 {
        files.append(file)
        return Int32(files.count - 1)
    }

    /// Whether a read of `length` bytes of data can go by range: nothing read yet, and big
    /// enough for the split to pay.
    private func splitsByRange(_ length: Int) -> Bool {
        partitions > 1 && length >= rangeSplitMinimumBytes
            && shards.allSatisfy { $0.judgmentCount == 0 && $0.unitCount == 0 }
    }

    /// Reads canonical JSON Lines. Throws every problem found (up to 50), naming line and field.
    public mutating func readJSONLines(
        _ bytes: UnsafeRawBufferPointer, file: String, progress: (@Sendable (Int) -> Void)? = nil
    ) throws(InputError) {
        rehashIfByRange()
        lastReadPath = .byHash
        let fileIndex = register(file)
        let box = UncheckedBox(bytes)
        if splitsByRange(bytes.count), readsByRange(bytes, from: 0, itemOf: JSONLinesJudgmentScanner.canonicalItem) {
            try runByRange(
                bytes, from: 0, firstLine: 1, file: file, fileIndex: fileIndex, progress: progress,
                itemOf: JSONLinesJudgmentScanner.canonicalItem
            ) { worker, range, line, report in
                JSONLinesJudgmentScanner().scan(
                    box.value, from: range.lowerBound, to: range.upperBound, firstLine: line, worker: &worker,
                    progress: report)
            }
            return
        }
        try run(bytes, from: 0, file: file, fileIndex: fileIndex, progress: progress) { worker, report in
            JSONLinesJudgmentScanner().scan(box.value, worker: &worker, progress: report)
        }
    }

    /// Reads CSV (or TSV) with a header row; `mapping` names the columns.
    public mutating func readDelimited(
        _ bytes: UnsafeRawBufferPointer, file: String, mapping: ColumnMapping = ColumnMapping(),
        delimiter: UInt8 = UInt8(ascii: ","),
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(InputError) {
        rehashIfByRange()
        lastReadPath = .byHash
        let (scanner, start, line) = try CSVJudgmentScanner.open(
            bytes, file: file, mapping: mapping, delimiter: delimiter)
        let fileIndex = register(file)
        let box = UncheckedBox(bytes)
        if splitsByRange(bytes.count - start), !Self.contains(34, bytes, from: start, parts: partitions) {
            if readsByRange(bytes, from: start, itemOf: scanner.itemCell) {
                try runByRange(
                    bytes, from: start, firstLine: line, file: file, fileIndex: fileIndex, progress: progress,
                    itemOf: scanner.itemCell
                ) { worker, range, line, report in
                    scanner.scanPlain(
                        box.value, from: range.lowerBound, to: range.upperBound, firstLine: line, worker: &worker,
                        progress: report)
                }
            } else {
                // Unsorted and unquoted: by hash, with the same fast scanners over the whole file.
                try run(bytes, from: start, file: file, fileIndex: fileIndex, progress: progress) { worker, report in
                    scanner.scanPlain(
                        box.value, from: start, to: box.value.count, firstLine: line, worker: &worker, progress: report)
                }
            }
            return
        }
        try run(bytes, from: start, file: file, fileIndex: fileIndex, progress: progress) { worker, report in
            scanner.scan(box.value, from: start, firstLine: line, worker: &worker, progress: report)
        }
    }

    /// Whether `byte` occurs in `bytes[start...]`, searched in `parts` pieces in parallel (the
    /// quote check reads the whole file before the range read starts).
    static func contains(_ byte: UInt8, _ bytes: UnsafeRawBufferPointer, from start: Int, parts: Int) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > start else { return false }
        // Every worker only reads its own piece of the buffer, which outlives the call.
        let origin = UncheckedBox(UnsafeRawPointer(base))
        let count = bytes.count, piece = (count - start + parts - 1) / parts
        return ParallelShards.map(parts) { i in
            let lo = start + i * piece, hi = min(count, lo + piece)
            return hi > lo && memchr(origin.value + lo, Int32(byte), hi - lo) != nil
        }.contains(true)
    }

    /// A read by hash of `bytes[start...]`: every worker scans all of it for its partition.
    /// Of a mapped file large enough to matter (`releasesReadPages`), each worker hands pages
    /// back `hashReadReleaseLag` behind itself.
    private mutating func run(
        _ bytes: UnsafeRawBufferPointer, from start: Int, file: String, fileIndex: Int32,
        progress: (@Sendable (Int) -> Void)?,
        _ scan: @escaping @Sendable (inout ScanWorker, (@Sendable (Int) -> Void)?) -> Void
    ) throws(InputError) {
        let lag = hashReadReleaseLag
        let releaseFrom = UncheckedBox(
            releasesReadPages && bytes.count - start > 2 * lag
                ? bytes.baseAddress.map { UnsafeRawPointer($0) + start } : nil)
        let results = runWorkers(file: file, fileIndex: fileIndex, byRange: false) { worker, w in
            if let from = releaseFrom.value {
                worker.releasableFrom = from
                worker.releaseLag = lag
            }
            scan(&worker, w == 0 ? progress : nil)
            return 0
        }
        try collect(results)
    }

    /// One `ScanWorker` per shard in parallel; `body` scans for worker `w` and returns the
    /// line number after its last line (range reads) or anything (hash reads).
    private func runWorkers(
        file: String, fileIndex: Int32, byRange: Bool, _ body: @escaping @Sendable (inout ScanWorker, Int) -> Int
    ) -> [WorkerResult] {
        let shards = self.shards
        let partitions = self.partitions
        // Worker w fills shard w only.
        return ParallelShards.map(partitions) { w in
            var worker = ScanWorker(
                shard: shards[w], partition: w, partitions: partitions, file: file, fileIndex: fileIndex,
                byRange: byRange)
            worker.reserve(shards[w].unit.capacity)
            let lineAfter = body(&worker, w)
            worker.flush()
            return WorkerResult(diagnostics: worker.diagnostics, judgments: worker.judgments, lineAfter: lineAfter)
        }
    }

    /// Reads `bytes[start...]` split into one run of whole lines per worker. Workers after the
    /// first count lines from zero; their line numbers are shifted once every range's line
    /// count is known.
    private mutating func runByRange(
        _ bytes: UnsafeRawBufferPointer, from start: Int, firstLine: Int, file: String, fileIndex: Int32,
        progress: (@Sendable (Int) -> Void)?,
        itemOf: @escaping (UnsafeRawPointer, UnsafeRawPointer) -> ByteField?,
        _ scan: @escaping @Sendable (inout ScanWorker, Range<Int>, Int, (@Sendable (Int) -> Void)?) -> Int
    ) throws(InputError) {
        let ranges = Self.lineRanges(bytes, from: start, parts: partitions, itemOf: itemOf)
        let partitions = self.partitions
        let total = bytes.count
        let scaled: (@Sendable (Int) -> Void)? = progress.map { report in
            { @Sendable done in report(min(total, done * partitions)) }
        }
        let releaseBase = UncheckedBox(releasesReadPages ? bytes.baseAddress : nil)
        var results = runWorkers(file: file, fileIndex: fileIndex, byRange: true) { worker, w in
            if let base = releaseBase.value { worker.releasableFrom = base + ranges[w].lowerBound }
            return scan(&worker, ranges[w], w == 0 ? firstLine : 0, w == 0 ? scaled : nil)
        }
        var base = results[0].lineAfter
        for w in 1..<partitions {
            for d in results[w].diagnostics.indices { results[w].diagnostics[d].line += base }
            shards[w].shiftValueLines(by: base)
            base += results[w].lineAfter
        }
        try collect(results)
        layout = .byRange
        var disjoint = true
        var previous: JudgmentShard?
        for shard in shards where shard.unitCount > 0 {
            if !shard.items.isAscending || previous.map({ !$0.items.isEntirelyBefore(shard.items) }) == true {
                disjoint = false
            }
            previous = shard
        }
        if !disjoint { rehash() }
    }

    private mutating func collect(_ all: [WorkerResult]) throws(InputError) {
        var diagnostics = all.flatMap(\.diagnostics)
        diagnostics.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        if !diagnostics.isEmpty { throw InputError(Array(diagnostics.prefix(50))) }
        judgmentCount += all.reduce(0) { $0 + $1.judgments }
    }

    /// `parts` runs of whole lines covering `bytes[start...]`, split near equal sizes. With
    /// `itemOf` (a line's item, nil when it cannot tell), a cut moves past lines of the item
    /// just before it, so an item's run of lines stays in one range and sorted ranges stay
    /// disjoint.
    static func lineRanges(
        _ bytes: UnsafeRawBufferPointer, from start: Int, parts: Int,
        itemOf: ((UnsafeRawPointer, UnsafeRawPointer) -> ByteField?)? = nil
    ) -> [Range<Int>] {
        let count = bytes.count
        var bounds = [start]
        guard let base = bytes.baseAddress else {
            return [start..<max(start, count)] + Array(repeating: count..<count, count: max(0, parts - 1))
        }
        let origin = UnsafeRawPointer(base)
        func lineEnd(_ at: Int) -> Int { Self.lineEnd(origin, count, from: at) }
        for i in 1..<max(1, parts) {
            var cut = max(bounds[bounds.count - 1], start + (count - start) / parts * i)
            if cut > start, cut < count {
                // Just past the newline that ends the line holding byte cut - 1.
                cut = min(count, lineEnd(cut - 1) + 1)
                if let itemOf, cut > start, cut < count {
                    var previousStart = cut - 1
                    while previousStart > start, origin.load(fromByteOffset: previousStart - 1, as: UInt8.self) != 10 {
                        previousStart -= 1
                    }
                    if let before = itemOf(origin + previousStart, origin + cut - 1) {
                        while cut < count {
                            let end = lineEnd(cut)
                            guard let next = itemOf(origin + cut, origin + end), next.length == before.length,
                                let a = before.start, let b = next.start, memcmp(a, b, next.length) == 0
                            else { break }
                            cut = min(count, end + 1)
                        }
                    }
                }
            }
            bounds.append(min(cut, count))
        }
        bounds.append(count)
        return (0..<max(1, parts)).map { bounds[$0]..<max(bounds[$0], bounds[$0 + 1]) }
    }

    /// The offset of the newline that ends the line holding offset `at` of `origin[0..<count]`,
    /// or `count` when the last line has none.
    static func lineEnd(_ origin: UnsafeRawPointer, _ count: Int, from at: Int) -> Int {
        memchr(origin + at, 10, count - at).map { UnsafeRawPointer($0) - origin } ?? count
    }

    /// Whether a large file goes by range. A range read of unsorted items interns nearly every
    /// item in every worker's table and then again when the shards are rebuilt by hash; a read
    /// by hash parses every line in every worker but interns each item once, in a table a
    /// worker's share of the size. On a shuffled copy of the 10M-judgment CSV that is a read of
    /// 1.1 s against 1.8 s; on the sorted file the range read wins, 0.14 s against 0.48 s.
    private mutating func readsByRange(
        _ bytes: UnsafeRawBufferPointer, from start: Int, itemOf: (UnsafeRawPointer, UnsafeRawPointer) -> ByteField?
    ) -> Bool {
        let byRange = !rangeReadsNeedSortedSample || ItemOrderSample(bytes, from: start, itemOf: itemOf).looksSorted
        lastReadPath = byRange ? .byRange : .byHashUnsorted
        return byRange
    }

    /// How far behind itself a worker of a read by hash hands pages back: every worker reads
    /// every page, and they go at about the same pace.
    var hashReadReleaseLag = 32 << 20

    private mutating func rehashIfByRange() {
        if layout == .byRange { rehash() }
    }

    /// Moves every judgment into the shard of its item's hash partition, keeping file order
    /// within each shard, as if the input had been read by hash.
    private mutating func rehash() {
        let sources = shards
        let judgments = sources.reduce(0) { $0 + $1.judgmentCount }
        let targets = Self.emptyShards(partitions, expectedJudgments: judgments)
        let partitions = self.partitions
        for source in sources { source.padColumns() }
        // Worker t writes target t only; every worker reads every source, none writes one.
        ParallelShards.forEach(partitions) { t in
            for source in sources { targets[t].adopt(from: source, partition: t, of: partitions) }
        }
        shards = targets
        layout = .byHash
    }

    /// Adds one judgment from an importer (the slower path, for tool exports).
    public mutating func add(_ judgment: Judgment, file: String, line: Int) {
        rehashIfByRange()
        let fileIndex: Int32
        if let last = files.last, last == file {
            fileIndex = Int32(files.count - 1)
        } else {
            fileIndex = register(file)
        }
        withBytes(of: judgment.item) { itemBytes, itemLength in
            let h = ByteInterner.hash(itemBytes, itemLength)
            let shard = shards[ScanWorker.partition(ofHash: h, partitions: partitions)]
            let unit = shard.items.intern(itemBytes, itemLength, hash: h)
            let reviewer = shard.reviewers.intern(judgment.reviewer)
            var value: Int32 = -1
            if let v = judgment.value {
                value = withBytes(of: v.description) { shard.internValue($0, $1, file: fileIndex, line: line) }
            }
            shard.append(unit: unit, reviewer: reviewer, value: value)
            if let time = judgment.time { shard.setTime(time) }
            if let rubric = judgment.rubric { shard.setRubric(shard.rubrics.intern(rubric)) }
            if let a = judgment.optionA, let b = judgment.optionB {
                shard.setOptions(shard.options.intern(a), shard.options.intern(b))
            }
            if let gold = judgment.gold {
                shard.setGold(
                    unit: unit,
                    value: withBytes(of: gold.description) { shard.internValue($0, $1, file: fileIndex, line: line) })
            }
        }
        judgmentCount += 1
    }

    /// Marks items as gold with their right answers (a gold file, any rubric). Items nobody
    /// judged are ignored: gold accuracy is about the judgments there are.
    public mutating func addGold(_ answers: [(item: String, value: JudgmentValue)], file: String) {
        let fileIndex = register(file)
        for (line, answer) in answers.enumerated() {
            pendingGold.append(
                PendingGold(item: answer.item, rubric: nil, value: answer.value, file: fileIndex, line: line + 2))
        }
    }

    /// Marks `item`'s gold answer for one rubric (nil: whatever rubric is measured), as a tool
    /// export's ground truth gives it; applied at `finish`, once the rubric is chosen.
    public mutating func addGold(item: String, rubric: String?, value: JudgmentValue, file: String, line: Int) {
        let fileIndex: Int32
        if let last = files.last, last == file {
            fileIndex = Int32(files.count - 1)
        } else {
            fileIndex = register(file)
        }
        pendingGold.append(PendingGold(item: item, rubric: rubric, value: value, file: fileIndex, line: line))
    }

    /// A sentence for the report about what an importer counted or dropped.
    public mutating func note(_ sentence: String) {
        notes.append(sentence)
    }

    /// Ends collection: the shards move into the returned set (see the type's note).
    public consuming func finish(_ options: JudgmentSetOptions = JudgmentSetOptions()) throws(InputError) -> JudgmentSet
    {
        try JudgmentSetFinisher.finish(shards, files: files, gold: pendingGold, notes: notes, options: options)
    }
}

/// A gold answer read before `finish` (see `JudgmentCollector.pendingGold`).
struct PendingGold {
    let item: String
    let rubric: String?
    let value: JudgmentValue
    let file: Int32
    let line: Int
}

struct WorkerResult: Sendable {
    var diagnostics: [Diagnostic] = []
    var judgments = 0
    /// By range: the line number after the worker's last line.
    var lineAfter = 0
}
