public import WorkModel

/// An HRIS export read as a table: the header and each record with the line it starts on, so
/// every problem can name its line. RFC 4180: quoted fields may hold commas, doubled quotes and
/// line breaks; CRLF and a UTF-8 byte-order mark (spreadsheets write both) are accepted.
public struct HRISTable: Sendable {
    /// One record of the export.
    public struct Row: Sendable {
        /// The line the record starts on (1-based), for diagnostics.
        public var line: Int
        /// The record's fields, unquoted.
        public var cells: [String]
    }

    /// The column names of the first record.
    public var header: [String]
    /// Every record after the header.
    public var rows: [Row]

    /// Fails on an unterminated quote, a quote inside an unquoted field, an empty header or a
    /// repeated column name; a row with the wrong number of cells is the importer's to report.
    public static func parse(_ text: String, file: String) throws(InputError) -> HRISTable {
        var records: [Row] = []
        var cells: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedField = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        func fail(_ message: String, at line: Int) -> InputError {
            InputError([
                Diagnostic(file: file, location: SourceLocation(line: line, column: 1), field: "csv", message: message)
            ])
        }
        var index = 0
        func endField() {
            cells.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        func endRecord() {
            endField()
            // A blank line is not a record.
            if !(cells.count == 1 && cells[0].isEmpty) { records.append(Row(line: recordLine, cells: cells)) }
            cells.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: ","): endField()
                case UInt8(ascii: "\r"): break
                case UInt8(ascii: "\n"):
                    endRecord()
                    line += 1
                    recordLine = line
                case UInt8(ascii: "\""):
                    guard field.isEmpty, !quotedField else {
                        throw fail(
                            "a quote inside an unquoted field; quote the whole field and double inner quotes", at: line)
                    }
                    inQuotes = true
                    quotedField = true
                default:
                    if quotedField {
                        throw fail("text after a closing quote; double quotes inside quoted fields", at: line)
                    }
                    field.append(byte)
                }
            }
            index += 1
        }
        if inQuotes {
            throw fail("a quoted field is never closed (it opens on line \(recordLine) or later)", at: recordLine)
        }
        if !field.isEmpty || !cells.isEmpty { endRecord() }
        guard let first = records.first else {
            throw fail("the file is empty; expected a header row naming the columns", at: 1)
        }
        let header = first.cells.map { $0.trimmedSpaces }
        var seen: Set<String> = []
        for (position, name) in header.enumerated() {
            if name.isEmpty { throw fail("header column \(position + 1) has no name", at: first.line) }
            if !seen.insert(name).inserted { throw fail("the header names column '\(name)' twice", at: first.line) }
        }
        return HRISTable(header: header, rows: Array(records.dropFirst()))
    }
}

extension String {
    var trimmedSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
