import Foundation

/// Reads canonical judgment JSON Lines (`{"item": ..., "reviewer": ..., "value": ...}`) a line
/// at a time without building a JSON tree: known keys are read in place, unknown keys skipped.
/// A JSON string cannot hold a raw newline, so a line is always one record.
///
/// SAFETY: every load is below the end of the line the scan found inside the range the collector handed
/// it (mapped file bytes that outlive the scan); the 16-byte key match and the 8-byte string scan load
/// words only while 16 or 8 bytes remain before the line's end.
struct JSONLinesJudgmentScanner {
    /// The fixed text of a canonical line, for `canonicalLine`.
    private let itemKey = Literal("{\"item\":\""), reviewerKey = Literal(",\"reviewer\":\""),
        valueKey = Literal(",\"value\":\"")

    /// Scans the lines from byte `start` to `stop` (the end when nil), numbering the first
    /// `firstLine`; returns the number after the last line read.
    @discardableResult
    func scan(
        _ bytes: UnsafeRawBufferPointer, from start: Int = 0, to stop: Int? = nil, firstLine: Int = 1,
        worker: inout ScanWorker, progress: ((Int) -> Void)?
    ) -> Int {
        guard let base = bytes.baseAddress else { return firstLine }
        let begin = UnsafeRawPointer(base)
        let end = begin + min(stop ?? bytes.count, bytes.count)
        var p = begin + start
        if start == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { p += 3 }
        var line = firstLine
        let scratch = ScratchBuffer()
        var fields = RecordFields()
        var milestones = ScanMilestones(progress)
        while p < end {
            if let line3 = canonicalLine(p, end), line3.itemLength > 0, line3.reviewerLength > 0, line3.valueLength > 0
            {
                _ = worker.storeTriple(
                    item: line3.item, line3.itemLength, reviewer: line3.reviewer, line3.reviewerLength,
                    value: line3.value, line3.valueLength, readableTo: end, line: line)
                p = line3.lineEnd + 1
                line += 1
                milestones.passed(line3.lineEnd - begin, of: begin, worker: &worker)
                continue
            }
            let lineEnd = memchr(p, 10, end - p).map { UnsafeRawPointer($0) } ?? end
            defer {
                p = lineEnd + 1
                line += 1
            }
            milestones.passed(lineEnd - begin, of: begin, worker: &worker)
            fields.reset()
            if Self.readCanonical(p, lineEnd, &fields) {
                if worker.owns(fields.item, stable: true) { worker.store(&fields, line: line) }
                continue
            }
            var cursor = JSONCursor(p, lineEnd, scratch: scratch)
            cursor.skipSpace()
            if cursor.atEnd { continue }
            if scratch.hasKept { scratch.clearKept() }
            switch readObject(&cursor, &fields, worker: &worker) {
            case .stored:
                worker.store(&fields, line: line)
            case .notOwned:
                break
            case .failed(let column, let field, let message):
                if worker.reportsUnplaced || fields.item.start != nil && worker.owns(fields.item, stable: false) {
                    worker.fail(line: line, column: column, field: field, message)
                }
            }
        }
        return line
    }

    /// The line as the format's own writers put it, `{"item":"…","reviewer":"…","value":"…"}`
    /// with no spaces and no escapes, read at fixed places; false sends the line to the full
    /// reader (`readObject`), which gives the same fields for any line this accepts.
    @inline(__always)
    static func readCanonical(_ p: UnsafeRawPointer, _ lineEnd: UnsafeRawPointer, _ f: inout RecordFields) -> Bool {
        var q = p
        guard expect(&q, lineEnd, "{\"item\":\""), let item = plainString(&q, lineEnd),
            expect(&q, lineEnd, ",\"reviewer\":\""), let reviewer = plainString(&q, lineEnd),
            expect(&q, lineEnd, ",\"value\":\""), let value = plainString(&q, lineEnd),
            expect(&q, lineEnd, "}")
        else { return false }
        if q < lineEnd, q.load(as: UInt8.self) == 13 { q += 1 }
        guard q == lineEnd else { return false }
        f.item = item
        f.reviewer = reviewer
        f.value = value
        return true
    }

    /// `readCanonical` for the line starting at `p`, finding its end on the way (a JSON
    /// string holds no raw newline, so the fields cannot run past it): the three fields and
    /// the line's newline (or `end`), nil when the line is not in the canonical shape.
    @inline(__always)
    func canonicalLine(_ p: UnsafeRawPointer, _ end: UnsafeRawPointer) -> (
        item: UnsafeRawPointer, itemLength: Int, reviewer: UnsafeRawPointer, reviewerLength: Int,
        value: UnsafeRawPointer, valueLength: Int, lineEnd: UnsafeRawPointer
    )? {
        var q = p
        guard itemKey.skip(&q, end), let item = Self.plainString(&q, end), let i = item.start,
            reviewerKey.skip(&q, end), let reviewer = Self.plainString(&q, end), let r = reviewer.start,
            valueKey.skip(&q, end), let value = Self.plainString(&q, end), let v = value.start,
            q < end, q.load(as: UInt8.self) == UInt8(ascii: "}")
        else { return nil }
        q += 1
        if q < end, q.load(as: UInt8.self) == 13 { q += 1 }
        guard q == end || q.load(as: UInt8.self) == 10 else { return nil }
        return (i, item.length, r, reviewer.length, v, value.length, q)
    }

    /// The item of a line in the canonical shape (for splitting a file between items).
    static func canonicalItem(_ line: UnsafeRawPointer, _ lineEnd: UnsafeRawPointer) -> ByteField? {
        var fields = RecordFields()
        return readCanonical(line, lineEnd, &fields) ? fields.item : nil
    }

    @inline(__always)
    private static func expect(_ q: inout UnsafeRawPointer, _ end: UnsafeRawPointer, _ text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard end - q >= n, memcmp(q, text.utf8Start, n) == 0 else { return false }
        q += n
        return true
    }

    /// Up to 16 bytes of fixed text, compared as two masked words where 16 bytes are
    /// readable (most of a file), else byte by byte.
    struct Literal {
        let length: Int
        private let words: (UInt64, UInt64), masks: (UInt64, UInt64)
        private let text: StaticString

        init(_ text: StaticString) {
            self.text = text
            length = min(16, text.utf8CodeUnitCount)
            var w: [UInt64] = [0, 0], m: [UInt64] = [0, 0]
            for i in 0..<length {
                w[i / 8] |= UInt64(text.utf8Start[i]) << UInt64(8 * (i % 8))
                m[i / 8] |= 0xFF << UInt64(8 * (i % 8))
            }
            words = (w[0], w[1])
            masks = (m[0], m[1])
        }

        /// Moves `q` past the text when it starts there.
        @inline(__always)
        func skip(_ q: inout UnsafeRawPointer, _ end: UnsafeRawPointer) -> Bool {
            if end - q >= 16 {
                let a = UInt64(littleEndian: q.loadUnaligned(as: UInt64.self))
                let b = UInt64(littleEndian: q.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                guard a & masks.0 == words.0, b & masks.1 == words.1 else { return false }
                q += length
                return true
            }
            return JSONLinesJudgmentScanner.expect(&q, end, text)
        }
    }

    /// A string body up to its closing quote (consumed), when it has no escape or control byte.
    @inline(__always)
    private static func plainString(_ q: inout UnsafeRawPointer, _ end: UnsafeRawPointer) -> ByteField? {
        let begin = q
        // Eight bytes at a time past bytes that are none of quote, backslash or control.
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while end - q >= 8 {
            let word = UInt64(littleEndian: q.loadUnaligned(as: UInt64.self))
            let quote = word ^ 0x2222_2222_2222_2222, backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let special =
                ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- 0x2020_2020_2020_2020) & ~word)
                & highs
            if special != 0 {
                // The lowest flagged byte is exact: the string ends there if it is the quote.
                q += special.trailingZeroBitCount / 8
                guard q.load(as: UInt8.self) == 34 else { return nil }
                let field = ByteField(start: begin, length: q - begin)
                q += 1
                return field
            }
            q += 8
        }
        while q < end {
            let c = q.load(as: UInt8.self)
            if c == 34 {
                let field = ByteField(start: begin, length: q - begin)
                q += 1
                return field
            }
            if c == 92 || c < 32 { return nil }
            q += 1
        }
        return nil
    }

    enum Outcome {
        case stored, notOwned
        case failed(column: Int, field: String, message: String)
    }

    // Long because: the per-line loop of the JSON Lines reader, one switch over the keys, kept whole so the cursor stays in registers.
    private func readObject(_ c: inout JSONCursor, _ f: inout RecordFields, worker: inout ScanWorker) -> Outcome {
        guard c.consume(UInt8(ascii: "{")) else {
            return .failed(
                column: c.column, field: "",
                message: "expected a JSON object ({\"item\": ..., \"reviewer\": ..., \"value\": ...})")
        }
        var first = true
        var decided = false
        while true {
            c.skipSpace()
            if c.consume(UInt8(ascii: "}")) { break }
            if !first {
                guard c.consume(UInt8(ascii: ",")) else {
                    return .failed(column: c.column, field: "", message: "expected ',' or '}'")
                }
                c.skipSpace()
            }
            first = false
            guard let key = c.readString(keep: false) else {
                return .failed(column: c.column, field: "", message: "expected a key in double quotes")
            }
            c.skipSpace()
            guard c.consume(UInt8(ascii: ":")) else {
                return .failed(column: c.column, field: "", message: "expected ':' after a key")
            }
            c.skipSpace()
            let role = Self.role(of: key)
            let valueColumn = c.column
            switch role {
            case .none:
                guard c.skipValue() else {
                    return .failed(column: c.column, field: key.text, message: "not valid JSON")
                }
                continue
            case .some(let field):
                guard let value = c.readScalar() else {
                    return .failed(
                        column: valueColumn, field: field.rawValue, message: "expected a string, a number or null")
                }
                switch field {
                case .item:
                    guard !value.isNull, value.kind != .literal else {
                        return .failed(
                            column: valueColumn, field: "item",
                            message: "expected an item id (a string or a whole number)")
                    }
                    f.item = value.field
                    decided = true
                    if !worker.owns(value.field, stable: !value.fromScratch) { return .notOwned }
                case .reviewer:
                    guard !value.isNull, value.kind != .literal else {
                        return .failed(
                            column: valueColumn, field: "reviewer",
                            message: "expected a reviewer id (a string or a whole number)")
                    }
                    f.reviewer = value.field
                case .value: f.value = value.field
                case .time:
                    f.time = value.field
                    f.timeIsNumber = value.kind == .number
                case .rubric: f.rubric = value.field
                case .gold: f.gold = value.field
                case .a: f.optionA = value.field
                case .b: f.optionB = value.field
                }
            }
        }
        c.skipSpace()
        guard c.atEnd else {
            return .failed(
                column: c.column, field: "", message: "unexpected text after the object; one judgment per line")
        }
        guard decided else { return .failed(column: 1, field: "item", message: "missing key 'item'") }
        guard f.reviewer.start != nil else {
            return .failed(column: 1, field: "reviewer", message: "missing key 'reviewer'")
        }
        guard f.value.start != nil else {
            return .failed(column: 1, field: "value", message: "missing key 'value' (use null for no answer)")
        }
        return .stored
    }

    @inline(__always)
    static func role(of key: JSONCursor.Token) -> JudgmentField? {
        guard let p = key.field.start else { return nil }
        let n = key.field.length
        func equals(_ s: StaticString) -> Bool {
            guard s.utf8CodeUnitCount == n else { return false }
            return memcmp(p, s.utf8Start, n) == 0
        }
        switch n {
        case 1: return equals("a") ? .a : equals("b") ? .b : nil
        case 4: return equals("item") ? .item : equals("time") ? .time : equals("gold") ? .gold : nil
        case 5: return equals("value") ? .value : nil
        case 6: return equals("rubric") ? .rubric : nil
        case 8: return equals("reviewer") ? .reviewer : nil
        default: return nil
        }
    }
}

/// A cursor over one line of JSON.
///
/// SAFETY: `p` moves only forward and every read checks `p < end` first, with `end` the end of the line
/// inside the caller's buffer.
struct JSONCursor {
    var p: UnsafeRawPointer
    let start: UnsafeRawPointer
    let end: UnsafeRawPointer
    let scratch: ScratchBuffer

    init(_ p: UnsafeRawPointer, _ end: UnsafeRawPointer, scratch: ScratchBuffer) {
        self.p = p
        self.start = p
        self.end = end
        self.scratch = scratch
    }

    struct Token {
        enum Kind { case string, number, literal, null }
        var field: ByteField
        var kind: Kind
        var fromScratch = false
        var isNull: Bool { kind == .null }
        var text: String { ScanWorker.text(field) }
    }

    var atEnd: Bool { p >= end }
    var column: Int { p - start + 1 }

    @inline(__always)
    mutating func skipSpace() {
        while p < end {
            let c = p.load(as: UInt8.self)
            guard c == 32 || c == 9 || c == 13 else { return }
            p += 1
        }
    }

    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        guard p < end, p.load(as: UInt8.self) == byte else { return false }
        p += 1
        return true
    }

    /// A string at the cursor; escapes are decoded into the scratch buffer (and kept, when
    /// `keep`, so the record's other strings cannot overwrite it).
    @inline(__always)
    mutating func readString(keep: Bool) -> Token? {
        guard consume(34) else { return nil }
        let begin = p
        while p < end {
            let c = p.load(as: UInt8.self)
            if c == 34 {
                let token = Token(field: ByteField(start: begin, length: p - begin), kind: .string)
                p += 1
                return token
            }
            if c == 92 { return readEscaped(from: begin, keep: keep) }
            if c < 32 { return nil }
            p += 1
        }
        return nil
    }

    private mutating func readEscaped(from begin: UnsafeRawPointer, keep: Bool) -> Token? {
        scratch.reset()
        scratch.append(begin, p - begin)
        while p < end {
            let c = p.load(as: UInt8.self)
            if c == 34 {
                p += 1
                let field = ByteField(start: scratch.pointer, length: scratch.count)
                return Token(field: keep ? scratch.keep(field) : field, kind: .string, fromScratch: true)
            }
            if c < 32 { return nil }
            if c != 92 {
                scratch.append(c)
                p += 1
                continue
            }
            guard p + 1 < end else { return nil }
            let e = (p + 1).load(as: UInt8.self)
            p += 2
            switch e {
            case 34, 92, 47: scratch.append(e)
            case 98: scratch.append(8)
            case 102: scratch.append(12)
            case 110: scratch.append(10)
            case 114: scratch.append(13)
            case 116: scratch.append(9)
            case 117:
                guard var scalar = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(scalar) {
                    guard consume(92), consume(117), let low = hex4(), (0xDC00..<0xE000).contains(low) else {
                        return nil
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    return nil
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                for byte in String(Character(unicode)).utf8 { scratch.append(byte) }
            default: return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard end - p >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = p.load(as: UInt8.self)
            let digit: UInt32
            switch c {
            case 48...57: digit = UInt32(c - 48)
            case 65...70: digit = UInt32(c - 55)
            case 97...102: digit = UInt32(c - 87)
            default: return nil
            }
            value = value << 4 | digit
            p += 1
        }
        return value
    }

    /// A string, number, true/false or null.
    @inline(__always)
    mutating func readScalar(keep: Bool = true) -> Token? {
        guard p < end else { return nil }
        let c = p.load(as: UInt8.self)
        if c == 34 { return readString(keep: keep) }
        let begin = p
        if c == 45 || (c >= 48 && c <= 57) {
            while p < end {
                let d = p.load(as: UInt8.self)
                guard (d >= 48 && d <= 57) || d == 46 || d == 101 || d == 69 || d == 43 || d == 45 else { break }
                p += 1
            }
            let field = ByteField(start: begin, length: p - begin)
            guard NumberText.parse(begin, p - begin) != nil else { return nil }
            return Token(field: field, kind: .number)
        }
        if literal("null") { return Token(field: ByteField(start: begin, length: 0, isNull: true), kind: .null) }
        if literal("true") { return Token(field: ByteField(start: begin, length: 4), kind: .literal) }
        if literal("false") { return Token(field: ByteField(start: begin, length: 5), kind: .literal) }
        return nil
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard end - p >= n, memcmp(p, word.utf8Start, n) == 0 else { return false }
        p += n
        return true
    }

    /// Skips any JSON value (objects and arrays nested up to 512 deep).
    mutating func skipValue() -> Bool {
        var containers: [Bool] = []  // true for an object
        while true {
            skipSpace()
            guard p < end else { return false }
            let c = p.load(as: UInt8.self)
            if c == 123 || c == 91 {
                p += 1
                skipSpace()
                if !consume(c == 123 ? 125 : 93) {
                    guard containers.count < 512 else { return false }
                    containers.append(c == 123)
                    if c == 123 {
                        guard readString(keep: false) != nil else { return false }
                        skipSpace()
                        guard consume(58) else { return false }
                    }
                    continue
                }
            } else if c == 34 {
                guard readString(keep: false) != nil else { return false }
            } else {
                guard readScalar(keep: false) != nil else { return false }
            }
            // A whole value is behind the cursor: close containers or move to the next member.
            while let isObject = containers.last {
                skipSpace()
                if consume(44) {
                    if isObject {
                        skipSpace()
                        guard readString(keep: false) != nil else { return false }
                        skipSpace()
                        guard consume(58) else { return false }
                    }
                    break
                }
                guard consume(isObject ? 125 : 93) else { return false }
                containers.removeLast()
            }
            if containers.isEmpty { return true }
        }
    }
}
