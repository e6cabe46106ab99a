import Foundation
public import WorkModel

/// Which CSV column holds each judgment field. Columns are found by header name: the
/// mapping names them, and where it is silent only the canonical names are read (`item`,
/// `reviewer`, `value`, `time`, `rubric`, `gold`, `a`, `b`). A header without them is refused
/// with the columns found and a suggested `--map`: guessing (an `answer` column holding the
/// task's text, say) gave a silent alpha of 1 on a real export.
public struct ColumnMapping: Sendable, Hashable {
    /// The header name given for each field; fields not named here are found by their usual names.
    public var columns: [JudgmentField: String]

    /// A mapping naming the given columns (empty: every field by its usual names).
    public init(_ columns: [JudgmentField: String] = [:]) { self.columns = columns }

    /// Reads `item=task_id,reviewer=annotator` (the `--map` option).
    public init(parsing text: String) throws(InputError) {
        var columns: [JudgmentField: String] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let field = JudgmentField(rawValue: pieces[0]), !pieces[1].isEmpty else {
                throw InputError([
                    Diagnostic(
                        file: "--map", location: .start, field: String(part),
                        message:
                            "expected FIELD=COLUMN with FIELD one of \(JudgmentField.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                ])
            }
            columns[field] = pieces[1]
        }
        self.columns = columns
    }
}

/// A field of a judgment, as named in `--map` (`item=task_id`).
public enum JudgmentField: String, Sendable, CaseIterable, Hashable {
    /// The judgment fields of `Judgment`: `a` and `b` are the pairwise options; item, reviewer
    /// and value are required.
    case item, reviewer, value, time, rubric, gold, a, b

    /// Header names of annotation exports this field is usually found under, for the
    /// suggested `--map` when the canonical name is missing (never read without the mapping).
    var usualNames: [String] {
        switch self {
        case .item: return ["item", "item_id", "task", "task_id", "unit", "unit_id", "id"]
        case .reviewer:
            return [
                "reviewer", "reviewer_id", "annotator", "annotator_id", "worker", "worker_id", "rater", "coder",
                "user_id", "completed_by",
            ]
        case .value: return ["value", "label", "score", "rating", "choice", "answer", "response"]
        case .time: return ["time", "timestamp", "created_at", "submitted_at"]
        case .rubric: return ["rubric", "criterion", "question"]
        case .gold: return ["gold", "gold_value", "gold_label"]
        case .a: return ["a", "option_a", "left"]
        case .b: return ["b", "option_b", "right"]
        }
    }

    var isRequired: Bool { self == .item || self == .reviewer || self == .value }
}

/// A fast RFC 4180 reader: unquoted cells are found with `memchr`; quoted cells (with `""`
/// escapes and newlines inside) are copied to a scratch buffer.
///
/// SAFETY: every load is below the end of the range the collector handed this scan (mapped file bytes
/// that outlive it): the cell scanners stop at `end`, and the word-at-a-time search loads 8 bytes only
/// while 8 remain. Unescaped cells live in `ScratchBuffer`, kept until the record is stored.
struct CSVJudgmentScanner {
    let delimiter: UInt8
    let roles: [Int8]  // per column index: the JudgmentField's index, or -1
    let lastNeeded: Int

    static let fields = JudgmentField.allCases

    /// Reads the header row; returns the scanner and where the data starts.
    static func open(_ bytes: UnsafeRawBufferPointer, file: String, mapping: ColumnMapping, delimiter: UInt8)
        throws(InputError)
        -> (CSVJudgmentScanner, dataStart: Int, line: Int)
    {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw InputError([
                Diagnostic(
                    file: file, location: .start, field: "",
                    message: "the file is empty; expected a header row such as item,reviewer,value")
            ])
        }
        var p = UnsafeRawPointer(base)
        let end = p + bytes.count
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { p += 3 }
        var header: [String] = []
        let scratch = ScratchBuffer()
        var newlines = 0
        var cursor = p
        while true {
            let (field, next, lines, _) = nextCell(cursor, end: end, delimiter: delimiter, scratch: scratch)
            newlines += lines
            header.append(
                String(decoding: UnsafeRawBufferPointer(start: field.start, count: field.length), as: UTF8.self)
                    .trimmingCharacters(in: .whitespaces))
            cursor = next
            if cursor >= end || cursor.load(as: UInt8.self) != delimiter { break }
            cursor += 1
        }
        // Past the record's newline.
        if cursor < end, cursor.load(as: UInt8.self) == 13 { cursor += 1 }
        if cursor < end, cursor.load(as: UInt8.self) == 10 { cursor += 1 }
        var roles = [Int8](repeating: -1, count: header.count)
        var problems: [Diagnostic] = []
        var missing: [String] = []
        let lowered = header.map { $0.lowercased() }
        for (index, field) in fields.enumerated() {
            var column: Int?
            if let named = mapping.columns[field] {
                column = header.firstIndex(of: named) ?? lowered.firstIndex(of: named.lowercased())
                if column == nil {
                    problems.append(
                        Diagnostic(
                            file: file, location: .start, field: field.rawValue,
                            message:
                                "the mapping names column '\(named)', which the header does not have; columns: \(header.joined(separator: ", "))"
                        ))
                }
            } else {
                column = lowered.firstIndex(of: field.rawValue)
                if column == nil && field.isRequired { missing.append(field.rawValue) }
            }
            if let column {
                if roles[column] >= 0 {
                    problems.append(
                        Diagnostic(
                            file: file, location: .start, field: field.rawValue,
                            message:
                                "column '\(header[column])' is already read as \(fields[Int(roles[column])].rawValue)"))
                } else {
                    roles[column] = Int8(index)
                }
            }
        }
        if !missing.isEmpty {
            problems.append(
                Diagnostic(
                    file: file, location: .start, field: missing.joined(separator: ", "),
                    message:
                        "no column named \(missing.joined(separator: ", ")) (the canonical header is item,reviewer,value); columns: \(header.joined(separator: ", ")); \(Self.suggestedMapping(header: header, mapping: mapping))"
                ))
        }
        guard problems.isEmpty else { throw InputError(problems) }
        let lastNeeded = roles.lastIndex(where: { $0 >= 0 }) ?? 0
        return (
            CSVJudgmentScanner(delimiter: delimiter, roles: roles, lastNeeded: lastNeeded),
            cursor - UnsafeRawPointer(base), 2 + newlines
        )
    }

    /// A `--map` naming, for each required field the header lacks, the column an export
    /// usually calls it, or a placeholder to fill in.
    static func suggestedMapping(header: [String], mapping: ColumnMapping) -> String {
        let lowered = header.map { $0.lowercased() }
        let parts = JudgmentField.allCases.filter(\.isRequired).compactMap { field -> String? in
            if let named = mapping.columns[field] { return "\(field.rawValue)=\(named)" }
            if lowered.contains(field.rawValue) { return nil }
            let guess = field.usualNames.lazy.compactMap { name in lowered.firstIndex(of: name).map { header[$0] } }
                .first
            return "\(field.rawValue)=\(guess ?? "COLUMN")"
        }
        return "check what each column holds, then try --map \(parts.joined(separator: ","))"
    }

    /// One cell from `p`: its bytes, where it stopped (at a delimiter, CR/LF or the end),
    /// the newlines inside it, and whether a quote was left open.
    @inline(__always)
    static func nextCell(_ p: UnsafeRawPointer, end: UnsafeRawPointer, delimiter: UInt8, scratch: ScratchBuffer)
        -> (ByteField, UnsafeRawPointer, Int, Bool)
    {
        if p < end, p.load(as: UInt8.self) == 34 {
            scratch.reset()
            var q = p + 1
            var lines = 0
            while q < end {
                let c = q.load(as: UInt8.self)
                if c == 34 {
                    if q + 1 < end, (q + 1).load(as: UInt8.self) == 34 {
                        scratch.append(34)
                        q += 2
                        continue
                    }
                    return (ByteField(start: scratch.pointer, length: scratch.count), q + 1, lines, false)
                }
                if c == 10 { lines += 1 }
                scratch.append(c)
                q += 1
            }
            return (ByteField(start: scratch.pointer, length: scratch.count), end, lines, true)
        }
        var q = p
        while q < end {
            let c = q.load(as: UInt8.self)
            if c == delimiter || c == 10 { break }
            q += 1
        }
        var length = q - p
        if length > 0, (p + length - 1).load(as: UInt8.self) == 13 { length -= 1 }
        return (ByteField(start: p, length: length), q, 0, false)
    }

    /// Scans the data rows from `start` to `stop` (the end when nil), keeping the worker's
    /// partition; returns the line number after the last row (`firstLine` plus the lines read).
    @discardableResult
    func scan(
        _ bytes: UnsafeRawBufferPointer, from start: Int, to stop: Int? = nil, firstLine: Int, worker: inout ScanWorker,
        progress: ((Int) -> Void)?
    ) -> Int {
        guard let base = bytes.baseAddress else { return firstLine }
        let begin = UnsafeRawPointer(base)
        let end = begin + min(stop ?? bytes.count, bytes.count)
        var p = begin + start
        var line = firstLine
        let scratch = ScratchBuffer()
        var fields = RecordFields()
        var milestones = ScanMilestones(progress)
        while p < end {
            let recordLine = line
            let c0 = p.load(as: UInt8.self)
            if c0 == 10 || (c0 == 13 && p + 1 < end && (p + 1).load(as: UInt8.self) == 10) {
                p += c0 == 10 ? 1 : 2
                line += 1
                continue
            }
            fields.reset()
            var column = 0
            var owned = true
            var decided = false
            var openQuote = false
            while true {
                let (cell, next, lines, open) = Self.nextCell(p, end: end, delimiter: delimiter, scratch: scratch)
                line += lines
                openQuote = open
                if column < roles.count {
                    let role = roles[column]
                    if role >= 0 {
                        // A quoted cell lives in scratch until the next quoted cell: copy it aside.
                        let fromScratch = cell.start == scratch.pointer
                        var stored = fromScratch ? scratch.keep(cell) : cell
                        stored.isNull = stored.length == 0
                        if fields.set(role: role, stored) {
                            owned = worker.owns(stored, stable: !fromScratch)
                            decided = true
                        }
                    }
                }
                p = next
                if p < end && p.load(as: UInt8.self) == delimiter && !openQuote {
                    p += 1
                    column += 1
                    // Past the last column we read, an unowned or finished record only needs its end.
                    if (decided && !owned) || column > lastNeeded {
                        if let skipTo = Self.recordEnd(
                            p, end: end, delimiter: delimiter, lines: &line, scratch: scratch)
                        {
                            p = skipTo
                            break
                        }
                    }
                    continue
                }
                if p < end {
                    p += 1
                    line += 1
                }  // the newline
                break
            }
            if scratch.hasKept { scratch.clearKept() }
            if openQuote {
                if decided ? owned : worker.reportsUnplaced {
                    worker.fail(
                        line: recordLine, column: 1, field: "", "a quoted cell is not closed before the end of the file"
                    )
                }
                break
            }
            finishRow(&fields, decided: decided, owned: owned, cells: column + 1, line: recordLine, worker: &worker)
            milestones.passed(p - begin, of: begin, worker: &worker)
        }
        return line
    }

    /// Stores a read row, or reports it when it is too short: without its item cell (reported
    /// by the worker that reports unplaced rows) or, for an owned item, without the last
    /// column read.
    @inline(__always)
    func finishRow(
        _ fields: inout RecordFields, decided: Bool, owned: Bool, cells: Int, line: Int, worker: inout ScanWorker
    ) {
        guard decided else {
            if worker.reportsUnplaced {
                worker.fail(
                    line: line, column: 1, field: "item",
                    "the row has \(cells) cells; expected at least \(lastNeeded + 1)")
            }
            return
        }
        guard owned else { return }
        guard cells > lastNeeded else {
            worker.fail(
                line: line, column: 1, field: "value", "the row has \(cells) cells; expected at least \(lastNeeded + 1)"
            )
            return
        }
        worker.store(&fields, line: line)
    }

    /// The first delimiter or newline from `from` (or `end`), eight bytes at a time: a byte
    /// equal to the one sought becomes a zero byte after the xor, and the classic zero-byte
    /// test marks it (exactly, for the lowest such byte, which is the one taken).
    @inline(__always)
    static func nextSeparator(_ from: UnsafeRawPointer, _ end: UnsafeRawPointer, delimiter: UInt8, pattern: UInt64)
        -> UnsafeRawPointer
    {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var q = from
        while end - q >= 8 {
            let word = UInt64(littleEndian: q.loadUnaligned(as: UInt64.self))
            let a = word ^ pattern, b = word ^ newlines
            let found = ((a &- ones) & ~a | (b &- ones) & ~b) & highs
            if found != 0 { return q + found.trailingZeroBitCount / 8 }
            q += 8
        }
        while q < end {
            let c = q.load(as: UInt8.self)
            if c == delimiter || c == 10 { return q }
            q += 1
        }
        return end
    }

    /// The item cell of an unquoted line (nil when the line is shorter), for splitting a file
    /// between items.
    func itemCell(_ line: UnsafeRawPointer, _ lineEnd: UnsafeRawPointer) -> ByteField? {
        guard let column = roles.firstIndex(of: 0) else { return nil }
        var p = line
        var current = 0
        while true {
            let cellStart = p
            while p < lineEnd, p.load(as: UInt8.self) != delimiter { p += 1 }
            if current == column {
                var length = p - cellStart
                if length > 0, (cellStart + length - 1).load(as: UInt8.self) == 13 { length -= 1 }
                return ByteField(start: cellStart, length: length)
            }
            guard p < lineEnd else { return nil }
            p += 1
            current += 1
        }
    }

    /// `scan` for data known to hold no quote character (the collector checks): every cell
    /// is the bytes up to the next delimiter or newline, so the loop needs no scratch copies
    /// and no quote state. Same records, fields, errors and line numbers as `scan`.
    @discardableResult
    func scanUnquoted(
        _ bytes: UnsafeRawBufferPointer, from start: Int, to stop: Int, firstLine: Int, worker: inout ScanWorker,
        progress: ((Int) -> Void)?
    ) -> Int {
        guard let base = bytes.baseAddress else { return firstLine }
        let begin = UnsafeRawPointer(base)
        let end = begin + min(stop, bytes.count)
        var p = begin + start
        var line = firstLine
        var fields = RecordFields()
        var milestones = ScanMilestones(progress)
        let delimiter = self.delimiter, lastNeeded = self.lastNeeded
        let delimiterPattern = UInt64(delimiter) &* 0x0101_0101_0101_0101
        // Roles by column, -1 past the header (a local tuple-free copy the loop can index).
        let roleCount = roles.count
        let roleOf = UnsafeMutablePointer<Int8>.allocate(capacity: max(1, roleCount))
        defer { roleOf.deallocate() }
        for (i, role) in roles.enumerated() { roleOf[i] = role }
        while p < end {
            let recordLine = line
            let c0 = p.load(as: UInt8.self)
            if c0 == 10 || (c0 == 13 && p + 1 < end && (p + 1).load(as: UInt8.self) == 10) {
                p += c0 == 10 ? 1 : 2
                line += 1
                continue
            }
            fields.reset()
            var column = 0
            var owned = true
            var decided = false
            var q = p
            while true {
                let cellStart = q
                q = Self.nextSeparator(q, end, delimiter: delimiter, pattern: delimiterPattern)
                if column < roleCount {
                    let role = roleOf[column]
                    if role >= 0 {
                        var length = q - cellStart
                        if length > 0, (cellStart + length - 1).load(as: UInt8.self) == 13 { length -= 1 }
                        let cell = ByteField(start: cellStart, length: length, isNull: length == 0)
                        if fields.set(role: role, cell) {
                            owned = worker.owns(cell, stable: true)
                            decided = true
                        }
                    }
                }
                if q < end && q.load(as: UInt8.self) == delimiter {
                    q += 1
                    column += 1
                    if (decided && !owned) || column > lastNeeded {
                        let newline = memchr(q, 10, end - q).map { UnsafeRawPointer($0) } ?? end
                        if newline < end {
                            line += 1
                            q = newline + 1
                        } else {
                            q = end
                        }
                        break
                    }
                    continue
                }
                if q < end {
                    q += 1
                    line += 1
                }  // the newline
                break
            }
            p = q
            finishRow(&fields, decided: decided, owned: owned, cells: column + 1, line: recordLine, worker: &worker)
            milestones.passed(p - begin, of: begin, worker: &worker)
        }
        return line
    }

    /// Whether the header is exactly `item`, `reviewer`, `value` (in that order, the usual
    /// export and the canonical CSV), which `scanTriples` reads.
    var readsTriples: Bool { roles == [0, 1, 2] }

    /// The fastest scanner for data known to hold no quote character: `scanTriples` for an
    /// `item,reviewer,value` header, else `scanUnquoted`.
    @discardableResult
    func scanPlain(
        _ bytes: UnsafeRawBufferPointer, from start: Int, to stop: Int, firstLine: Int, worker: inout ScanWorker,
        progress: ((Int) -> Void)?
    ) -> Int {
        readsTriples
            ? scanTriples(bytes, from: start, to: stop, firstLine: firstLine, worker: &worker, progress: progress)
            : scanUnquoted(bytes, from: start, to: stop, firstLine: firstLine, worker: &worker, progress: progress)
    }

    /// `scanUnquoted` for a `readsTriples` header. A line of three non-empty cells ending in a
    /// bare newline is stored straight from the buffer (`ScanWorker.storeTriple`); any other
    /// line (blank, short, long, empty cells, carriage returns, the last line without a
    /// newline) goes to `scanUnquoted` alone, so records, errors and line numbers are the same.
    @discardableResult
    func scanTriples(
        _ bytes: UnsafeRawBufferPointer, from start: Int, to stop: Int, firstLine: Int, worker: inout ScanWorker,
        progress: ((Int) -> Void)?
    ) -> Int {
        guard let base = bytes.baseAddress else { return firstLine }
        let begin = UnsafeRawPointer(base)
        let end = begin + min(stop, bytes.count)
        var p = begin + start
        var line = firstLine
        var milestones = ScanMilestones(progress)
        let delimiter = self.delimiter
        let pattern = UInt64(delimiter) &* 0x0101_0101_0101_0101
        @inline(__always) func plainCell(_ from: UnsafeRawPointer, _ to: UnsafeRawPointer, endsWith terminator: UInt8)
            -> Bool
        {
            to < end && to > from && to.load(as: UInt8.self) == terminator && (to - 1).load(as: UInt8.self) != 13
        }
        while p < end {
            var itemLength = worker.repeatedItemLength(at: p, end, terminator: delimiter)
            let repeatsItem = itemLength >= 0
            if !repeatsItem {
                let itemEnd = Self.nextSeparator(p, end, delimiter: delimiter, pattern: pattern)
                itemLength = plainCell(p, itemEnd, endsWith: delimiter) ? itemEnd - p : -1
            }
            if itemLength > 0 {
                let reviewer = p + itemLength + 1
                let reviewerEnd = Self.nextSeparator(reviewer, end, delimiter: delimiter, pattern: pattern)
                if plainCell(reviewer, reviewerEnd, endsWith: delimiter) {
                    let value = reviewerEnd + 1
                    let valueEnd = Self.nextSeparator(value, end, delimiter: delimiter, pattern: pattern)
                    if plainCell(value, valueEnd, endsWith: 10) {
                        _ = worker.storeTriple(
                            item: p, itemLength, repeatsItem: repeatsItem, reviewer: reviewer, reviewerEnd - reviewer,
                            value: value, valueEnd - value, readableTo: end, line: line)
                        p = valueEnd + 1
                        line += 1
                        milestones.passed(p - begin, of: begin, worker: &worker)
                        continue
                    }
                }
            }
            let next = memchr(p, 10, end - p).map { UnsafeRawPointer($0) + 1 } ?? end
            line = scanUnquoted(
                bytes, from: p - begin, to: next - begin, firstLine: line, worker: &worker, progress: nil)
            p = next
        }
        return line
    }

    /// The start of the next record, from inside a record whose remaining cells are not read.
    /// Nil when a quote follows on this line (the cell-by-cell path must handle it).
    @inline(__always)
    static func recordEnd(
        _ p: UnsafeRawPointer, end: UnsafeRawPointer, delimiter: UInt8, lines: inout Int, scratch: ScratchBuffer
    ) -> UnsafeRawPointer? {
        let remaining = end - p
        guard remaining > 0 else { return end }
        let newline = memchr(p, 10, remaining).map { UnsafeRawPointer($0) } ?? end
        if memchr(p, 34, newline - p) != nil { return nil }
        if newline < end {
            lines += 1
            return newline + 1
        }
        return end
    }
}

/// A growable byte buffer for unescaped text, reused line after line. Cells kept for the
/// current record are copied into a second region so a later cell cannot overwrite them.
///
/// SAFETY: `storage` and `kept` are allocated for `capacity` and `keptCapacity` bytes and grown
/// (contents moved) before a write would pass them; outgrown blocks stay allocated until `clearKept`,
/// so cells of the current record still point at live memory; `deinit` frees every block once.
final class ScratchBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity = 256
    private(set) var count = 0
    private var kept: UnsafeMutablePointer<UInt8>
    private var keptCapacity = 1024
    private var keptCount = 0
    /// Kept regions outgrown during the current record; the cells in them stay valid until
    /// `clearKept`, because a record's earlier cells still point there.
    private var outgrown: [UnsafeMutablePointer<UInt8>] = []

    init() {
        storage = .allocate(capacity: capacity)
        kept = .allocate(capacity: keptCapacity)
    }

    deinit {
        storage.deallocate()
        kept.deallocate()
        for old in outgrown { old.deallocate() }
    }

    var pointer: UnsafeRawPointer { UnsafeRawPointer(storage) }

    func reset() { count = 0 }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.initialize(from: storage, count: count)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
        storage[count] = byte
        count += 1
    }

    func append(_ p: UnsafeRawPointer, _ n: Int) {
        for i in 0..<n { append(p.load(fromByteOffset: i, as: UInt8.self)) }
    }

    /// Copies a scratch cell into the kept region; it stays valid until `clearKept`.
    func keep(_ field: ByteField) -> ByteField {
        guard let start = field.start else { return field }
        if keptCount + field.length > keptCapacity {
            let newCapacity = max(keptCapacity * 2, keptCount + field.length)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            bigger.initialize(from: kept, count: keptCount)
            outgrown.append(kept)
            kept = bigger
            keptCapacity = newCapacity
        }
        UnsafeMutableRawPointer(kept + keptCount).copyMemory(from: start, byteCount: field.length)
        let result = ByteField(start: UnsafeRawPointer(kept + keptCount), length: field.length, isNull: field.isNull)
        keptCount += field.length
        return result
    }

    var hasKept: Bool { keptCount > 0 || !outgrown.isEmpty }

    func clearKept() {
        keptCount = 0
        for old in outgrown { old.deallocate() }
        outgrown.removeAll()
    }
}

extension RecordFields {
    /// Puts a cell where its column's role (a `JudgmentField` index) says; true for the item
    /// cell, whose ownership the caller decides.
    @inline(__always)
    mutating func set(role: Int8, _ cell: ByteField) -> Bool {
        switch role {
        case 0:
            item = cell
            return true
        case 1: reviewer = cell
        case 2: value = cell
        case 3:
            time = cell
            timeIsNumber = cell.start.map { NumberText.parse($0, cell.length) != nil } ?? false
        case 4: rubric = cell
        case 5: gold = cell
        case 6: optionA = cell
        case 7: optionB = cell
        default: break
        }
        return false
    }
}
