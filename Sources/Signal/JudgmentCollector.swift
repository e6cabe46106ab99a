import Dispatch
public import WorkModel

/// The formats `wagefile agree` reads.
public enum JudgmentFormat: String, Sendable, CaseIterable {
    /// Canonical JSON Lines (`wagefile.judgment/v1`).
    case jsonl
    case csv
    case tsv
    /// A Label Studio JSON export: tasks with `annotations` (`completed_by`, `result`).
    case labelStudio = "label-studio"
    /// Argilla records with `responses` (v1 FeedbackDataset and v2 shapes).
    case argilla

    /// Guesses from the name and the first bytes: `.csv`/`.tsv` by extension; a JSON array
    /// whose first task has `annotations` is Label Studio; records with `responses` are Argilla.
    public static func detect(path: String, prefix: UnsafeRawBufferPointer) -> JudgmentFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        let head = String(decoding: prefix.prefix(65_536), as: UTF8.self)
        let trimmed = head.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("[") {
            return head.contains("\"responses\"") && !head.contains("\"annotations\"") ? .argilla : .labelStudio
        }
        if trimmed.hasPrefix("{") {
            let firstLine = trimmed.prefix { $0 != "\n" }
            if firstLine.contains("\"responses\"") { return .argilla }
            if firstLine.contains("\"annotations\"") { return .labelStudio }
            return .jsonl
        }
        return lower.hasSuffix(".json") ? .labelStudio : .jsonl
    }
}

/// Collects judgments from any number of files into hash-partitioned shards, then finishes
/// them into a `JudgmentSet`. Reading a file runs one worker per partition in parallel; the
/// result does not depend on the number of partitions, and reading several files equals
/// reading their concatenation (an item met in two files is one unit).
public final class JudgmentCollector: @unchecked Sendable {
    public let partitions: Int
    let shards: [JudgmentShard]
    private(set) var files: [String] = []
    public private(set) var judgmentCount = 0

    public init(partitions: Int = 2, expectedJudgments: Int = 4096) {
        let p = max(1, min(partitions, 64))
        self.partitions = p
        shards = (0..<p).map { _ in
            JudgmentShard(expectedItems: max(64, expectedJudgments / p / 3), expectedJudgments: max(64, expectedJudgments / p + expectedJudgments / (p * 16)))
        }
    }

    private func register(_ file: String) -> Int32 {
        files.append(file)
        return Int32(files.count - 1)
    }

    /// Reads canonical JSON Lines. Throws every problem found (up to 50), naming line and field.
    public func readJSONLines(_ bytes: UnsafeRawBufferPointer, file: String, progress: (@Sendable (Int) -> Void)? = nil) throws(InputError) {
        let fileIndex = register(file)
        let box = UncheckedBox(bytes)
        try run(file: file, fileIndex: fileIndex, progress: progress) { worker, report in
            JSONLinesJudgmentScanner().scan(box.value, worker: &worker, progress: report)
        }
    }

    /// Reads CSV (or TSV) with a header row; `mapping` names the columns.
    public func readDelimited(
        _ bytes: UnsafeRawBufferPointer, file: String, mapping: ColumnMapping = ColumnMapping(), delimiter: UInt8 = UInt8(ascii: ","),
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(InputError) {
        let (scanner, start, line) = try CSVJudgmentScanner.open(bytes, file: file, mapping: mapping, delimiter: delimiter)
        let fileIndex = register(file)
        let box = UncheckedBox(bytes)
        try run(file: file, fileIndex: fileIndex, progress: progress) { worker, report in
            scanner.scan(box.value, from: start, firstLine: line, worker: &worker, progress: report)
        }
    }

    private func run(
        file: String, fileIndex: Int32, progress: (@Sendable (Int) -> Void)?,
        _ scan: @escaping @Sendable (inout ScanWorker, (@Sendable (Int) -> Void)?) -> Void
    ) throws(InputError) {
        let resultBox = ResultSlots<WorkerResult>(count: partitions, initial: WorkerResult())
        let shards = UncheckedBox(self.shards)
        let partitions = self.partitions
        DispatchQueue.concurrentPerform(iterations: partitions) { (w: Int) -> Void in
            var worker = ScanWorker(shard: shards.value[w], partition: w, partitions: partitions, file: file, fileIndex: fileIndex)
            let report: (@Sendable (Int) -> Void)? = w == 0 ? progress : nil
            worker.reserve(shards.value[w].unit.capacity)
            scan(&worker, report)
            worker.flush()
            resultBox.set(w, WorkerResult(diagnostics: worker.diagnostics, judgments: worker.judgments))
        }
        let all = resultBox.values
        var diagnostics = all.flatMap(\.diagnostics)
        diagnostics.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        if !diagnostics.isEmpty { throw InputError(Array(diagnostics.prefix(50))) }
        judgmentCount += all.reduce(0) { $0 + $1.judgments }
    }

    /// Adds one judgment from an importer (the slower path, for tool exports).
    public func add(_ judgment: Judgment, file: String, line: Int) {
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
            if let a = judgment.optionA, let b = judgment.optionB { shard.setOptions(shard.options.intern(a), shard.options.intern(b)) }
            if let gold = judgment.gold {
                shard.setGold(unit: unit, value: withBytes(of: gold.description) { shard.internValue($0, $1, file: fileIndex, line: line) })
            }
        }
        judgmentCount += 1
    }

    /// Marks items as gold with their right answers (a gold file). Items nobody judged are
    /// ignored: gold accuracy is about the judgments there are.
    public func addGold(_ answers: [(item: String, value: JudgmentValue)], file: String) {
        let fileIndex = register(file)
        for (line, answer) in answers.enumerated() {
            withBytes(of: answer.item) { itemBytes, itemLength in
                let h = ByteInterner.hash(itemBytes, itemLength)
                let shard = shards[ScanWorker.partition(ofHash: h, partitions: partitions)]
                guard let unit = shard.items.find(itemBytes, itemLength) else { return }
                shard.setGold(unit: unit, value: withBytes(of: answer.value.description) { shard.internValue($0, $1, file: fileIndex, line: line + 2) })
            }
        }
    }

    public func finish(_ options: JudgmentSetOptions = JudgmentSetOptions()) throws(InputError) -> JudgmentSet {
        try JudgmentSetFinisher.finish(shards, files: files, options: options)
    }
}

struct WorkerResult: Sendable {
    var diagnostics: [Diagnostic] = []
    var judgments = 0
}

/// One slot per worker, each written by exactly one worker (raw memory, so no copy-on-write
/// check races between workers).
final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T>

    init(_ box: UncheckedBox<[T]>) {
        slots = .allocate(capacity: box.value.count)
        _ = slots.initialize(from: box.value)
    }

    init(count: Int, initial: T) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: initial)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: T) { slots[index] = value }
    var values: [T] { Array(slots) }
}
