import Foundation
import WorkModel

/// Splits a top-level JSON array into its elements without parsing the whole document, so a
/// Label Studio export of any size is read one task at a time.
///
/// SAFETY: slices `bytes` (borrowed for the call) only at offsets below its `count`, found by scanning
/// it.
enum JSONArrayElements {
    /// Calls `body(element bytes, line where it starts)`; throws on a document that is not an array.
    static func forEach(
        _ bytes: UnsafeRawBufferPointer, file: String, _ body: (UnsafeRawBufferPointer, Int) throws(InputError) -> Void
    ) throws(InputError) {
        var i = 0
        let n = bytes.count
        var line = 1
        func fail(_ message: String) -> InputError {
            InputError([
                Diagnostic(file: file, location: SourceLocation(line: line, column: 1), field: "", message: message)
            ])
        }
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        func skipSpace() {
            while i < n, bytes[i] == 32 || bytes[i] == 10 || bytes[i] == 13 || bytes[i] == 9 {
                if bytes[i] == 10 { line += 1 }
                i += 1
            }
        }
        skipSpace()
        guard i < n, bytes[i] == UInt8(ascii: "[") else { throw fail("expected a JSON array of tasks or records") }
        i += 1
        while true {
            skipSpace()
            guard i < n else { throw fail("the array is not closed") }
            if bytes[i] == UInt8(ascii: "]") { return }
            let start = i, startLine = line
            var depth = 0
            var inString = false
            while i < n {
                let c = bytes[i]
                if inString {
                    if c == 92 { i += 1 } else if c == 34 { inString = false } else if c == 10 { line += 1 }
                } else if c == 34 {
                    inString = true
                } else if c == 123 || c == 91 {
                    depth += 1
                } else if c == 125 || c == 93 {
                    if depth == 0 { break }
                    depth -= 1
                } else if c == 44 && depth == 0 {
                    break
                } else if c == 10 {
                    line += 1
                }
                i += 1
            }
            guard i < n else { throw fail("the array is not closed") }
            try body(UnsafeRawBufferPointer(rebasing: bytes[start..<i]), startLine)
            if bytes[i] == 44 { i += 1 }
        }
    }

    static func object(_ bytes: UnsafeRawBufferPointer, file: String, line: Int) throws(InputError) -> [String: Any] {
        guard
            let object = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
                as? [String: Any]
        else {
            throw InputError([
                Diagnostic(
                    file: file, location: SourceLocation(line: line, column: 1), field: "",
                    message: "expected a JSON object")
            ])
        }
        return object
    }
}

/// Text of an id that may be a JSON string or number.
func idText(_ any: Any?) -> String? {
    switch any {
    case let s as String: return s.isEmpty ? nil : s
    case let n as NSNumber:
        let d = n.doubleValue
        return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
    default: return nil
    }
}

/// A judged value from JSON: a string or number, a list (joined, sorted, with `|`), or nil.
func valueOf(_ any: Any?) -> JudgmentValue? {
    switch any {
    case let s as String: return JudgmentValue(text: s)
    case let n as NSNumber:
        let type = String(cString: n.objCType)
        if type == "c" || type == "B" { return .label(n.boolValue ? "true" : "false") }
        return .number(n.doubleValue)
    case let list as [Any]:
        let parts = list.compactMap { valueOf($0)?.description }.sorted()
        return parts.isEmpty ? nil : .label(parts.joined(separator: "|"))
    default: return nil
    }
}

/// The objects of a tool export, whichever way the tool wrote them: a JSON array, JSON Lines,
/// or one object holding them under `items` (a REST page) or `records`.
///
/// SAFETY: reads `bytes` (borrowed for the call) through `JSONArrayElements` and bounded slices.
enum JSONRecords {
    static func forEach(
        _ bytes: UnsafeRawBufferPointer, file: String, _ body: ([String: Any], Int) throws(InputError) -> Void
    ) throws(InputError) {
        let first = bytes.first {
            $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
        }
        if first == UInt8(ascii: "[") {
            try JSONArrayElements.forEach(bytes, file: file) { (element, line) throws(InputError) in
                try body(try JSONArrayElements.object(element, file: file, line: line), line)
            }
            return
        }
        var line = 0
        var objects: [([String: Any], Int)] = []
        for raw in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            line += 1
            guard raw.contains(where: { $0 != 32 && $0 != 13 && $0 != 9 }) else { continue }
            objects.append(
                (try JSONArrayElements.object(UnsafeRawBufferPointer(rebasing: raw), file: file, line: line), line))
        }
        // One object over several lines, or on one line, that wraps the records.
        if objects.isEmpty, let whole = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] {
            objects = [(whole, 1)]
        }
        if objects.count == 1, let wrapped = (objects[0].0["items"] ?? objects[0].0["records"]) as? [[String: Any]] {
            for record in wrapped { try body(record, 1) }
            return
        }
        for (object, line) in objects { try body(object, line) }
    }
}

/// Rows of a delimited file (RFC 4180: quoted cells with `""` escapes and newlines inside,
/// CRLF or LF), each with the line it starts on. Slower than `CSVJudgmentScanner`, for the
/// tool exports and tables that need the whole row (Label Studio CSV, wide tables, filters).
///
/// SAFETY: reads `bytes` (borrowed for the call) by index below its `count`.
struct DelimitedRows {
    let header: [String]
    let rows: [(cells: [String], line: Int)]

    /// Tab when the header line has more tabs than commas (Label Studio names its TSV `.csv`).
    static func delimiter(of bytes: UnsafeRawBufferPointer) -> UInt8 {
        let firstLine = bytes.prefix { $0 != 10 }
        return firstLine.count(where: { $0 == 9 }) > firstLine.count(where: { $0 == 44 }) ? 9 : 44
    }

    init(_ bytes: UnsafeRawBufferPointer, file: String, delimiter: UInt8) throws(InputError) {
        var rows: [(cells: [String], line: Int)] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var quoted = false, wasQuoted = false
        var line = 1, rowLine = 1
        var i = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        func endCell() {
            cells.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRow() {
            endCell()
            if !(cells.count == 1 && cells[0].isEmpty) { rows.append((cells, rowLine)) }
            cells.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let c = bytes[i]
            if quoted {
                if c == 34 {
                    if i + 1 < bytes.count, bytes[i + 1] == 34 {
                        cell.append(34)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if c == 10 { line += 1 }
                    cell.append(c)
                }
            } else if c == 34 && cell.isEmpty && !wasQuoted {
                quoted = true
                wasQuoted = true
            } else if c == delimiter {
                endCell()
            } else if c == 10 {
                endRow()
                line += 1
                rowLine = line
            } else if c != 13 || (i + 1 < bytes.count && bytes[i + 1] != 10) {
                cell.append(c)
            }
            i += 1
        }
        guard !quoted else {
            throw InputError([
                Diagnostic(
                    file: file, location: SourceLocation(line: rowLine, column: 1), field: "(document)",
                    message: "a quoted cell is not closed before the end of the file")
            ])
        }
        if !cell.isEmpty || !cells.isEmpty { endRow() }
        guard let first = rows.first else {
            throw InputError([
                Diagnostic(file: file, location: .start, field: "", message: "the file is empty; expected a header row")
            ])
        }
        header = first.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        self.rows = Array(rows.dropFirst())
    }
}
