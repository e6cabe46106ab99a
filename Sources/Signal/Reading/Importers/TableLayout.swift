import Foundation
public import WorkModel

/// How to read a table that is not one judgment per row in the canonical columns: rows to
/// keep, and wide layouts to turn long. Crowd platforms write such tables: MTurk batch results
/// (one row per assignment, approved or rejected, an `Answer.` column per question, one-hot
/// radio buttons), Gorilla's long format (a row per screen event), Qualtrics' wide export (a
/// column per question, two more header rows).
public struct TableLayout: Sendable, Hashable {
    /// `COLUMN=VALUE` keeps only rows where the cell equals VALUE; `COLUMN!=VALUE` drops them
    /// (`--where`, repeatable; every condition must hold).
    public var filters: [RowFilter]
    /// Each named column is a question (rubric) about the row's item (`--wide-questions`).
    public var questionColumns: [String]
    /// Each named column is an item, rated by the row's reviewer (`--wide-items`).
    public var itemColumns: [String]
    /// Prefixes of one-hot groups: the columns `PREFIX.x` whose cell is true give the value `x`
    /// of the question `PREFIX` (`--one-hot`).
    public var oneHotPrefixes: [String]
    /// Rows after the header to skip (Qualtrics writes the question text and import ids there).
    public var skipRows: Int

    public init(
        filters: [RowFilter] = [], questionColumns: [String] = [], itemColumns: [String] = [],
        oneHotPrefixes: [String] = [], skipRows: Int = 0
    ) {
        self.filters = filters
        self.questionColumns = questionColumns
        self.itemColumns = itemColumns
        self.oneHotPrefixes = oneHotPrefixes
        self.skipRows = skipRows
    }

    /// Whether the table needs this reader rather than the fast canonical one.
    public var isEmpty: Bool {
        filters.isEmpty && questionColumns.isEmpty && itemColumns.isEmpty && oneHotPrefixes.isEmpty && skipRows == 0
    }
}

/// One `--where` condition.
public struct RowFilter: Sendable, Hashable, CustomStringConvertible {
    public var column: String
    public var value: String
    public var keeps: Bool

    /// Reads `COLUMN=VALUE` or `COLUMN!=VALUE`.
    public init(parsing text: String) throws(InputError) {
        if let range = text.range(of: "!=") {
            column = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            value = String(text[range.upperBound...])
            keeps = false
        } else if let range = text.range(of: "=") {
            column = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            value = String(text[range.upperBound...])
            keeps = true
        } else {
            throw InputError([
                Diagnostic(
                    file: "--where", location: .start, field: text, message: "expected COLUMN=VALUE or COLUMN!=VALUE")
            ])
        }
        guard !column.isEmpty else {
            throw InputError([
                Diagnostic(
                    file: "--where", location: .start, field: text, message: "expected a column name before = or !=")
            ])
        }
    }

    public var description: String { "\(column)\(keeps ? "=" : "!=")\(value)" }
}

/// Reads a delimited table through a `TableLayout` and a `ColumnMapping` into judgments.
///
/// SAFETY: reads `bytes` only through `DelimitedRows`, inside the call.
public enum TableImporter {
    // Long because: one pass over the rows: the filters, then the long, wide and one-hot layouts, each adding the row's judgments.
    public static func read(
        _ bytes: UnsafeRawBufferPointer, file: String, delimiter: UInt8, mapping: ColumnMapping, layout: TableLayout,
        into collector: inout JudgmentCollector
    ) throws(InputError) {
        let table = try DelimitedRows(bytes, file: file, delimiter: delimiter)
        let columns = try TableColumns(header: table.header, file: file, mapping: mapping, layout: layout)
        let (filters, wideItems, wideQuestions, oneHot) = (
            columns.filters, columns.wideItems, columns.wideQuestions, columns.oneHot
        )
        let (reviewerColumn, itemColumn, valueColumn, rubricColumn, timeColumn) = (
            columns.reviewer, columns.item, columns.value, columns.rubric, columns.time
        )
        var batch = ImportBatch(file: file)
        var filtered = 0
        for (cells, line) in table.rows.dropFirst(layout.skipRows) {
            func cell(_ index: Int?) -> String? {
                guard let index, index < cells.count else { return nil }
                let text = cells[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            func fail(_ field: String, _ message: String) { batch.fail(field, message, line: line) }
            guard
                filters.allSatisfy({ index, filter in
                    (index < cells.count && cells[index] == filter.value) == filter.keeps
                })
            else {
                filtered += 1
                continue
            }
            guard let reviewer = cell(reviewerColumn) else {
                fail(mapping.columns[.reviewer] ?? "reviewer", "expected the reviewer")
                continue
            }
            let time = cell(timeColumn).flatMap { EpochTime.parseISO8601($0) ?? Int64($0) }
            let rubric = cell(rubricColumn)
            func add(item: String, value: String?, rubric: String?) {
                guard let value else { return }
                let judgment = Judgment(
                    item: item, reviewer: reviewer, value: JudgmentValue(text: value), time: time, rubric: rubric)
                batch.add(judgment, line: line)
            }
            if !wideItems.isEmpty {
                for (index, name) in wideItems { add(item: name, value: cell(index), rubric: rubric) }
                continue
            }
            guard let item = cell(itemColumn) else {
                fail(mapping.columns[.item] ?? "item", "expected the item")
                continue
            }
            if valueColumn != nil { add(item: item, value: cell(valueColumn), rubric: rubric) }
            for (index, name) in wideQuestions { add(item: item, value: cell(index), rubric: name) }
            for (prefix, members) in oneHot {
                let chosen = members.filter { index, _ in
                    ["true", "1", "yes", "on", "x"].contains(cell(index)?.lowercased() ?? "")
                }
                guard chosen.count <= 1 else {
                    fail(
                        prefix,
                        "more than one of \(prefix)'s one-hot columns is set: \(chosen.map(\.1).joined(separator: ", "))"
                    )
                    continue
                }
                add(item: item, value: chosen.first?.1, rubric: prefix)
            }
        }
        try batch.commit(into: &collector)
        if filtered > 0 {
            collector.note(
                "\(file): \(filtered) row\(filtered == 1 ? "" : "s") left out by --where \(layout.filters.map(\.description).joined(separator: " --where "))."
            )
        }
    }

    /// A column name, or a prefix ending in `*` that stands for every column starting with it.
    static func expand(_ name: String, header: [String], file: String) throws(InputError) -> [(Int, String)] {
        if name.hasSuffix("*") {
            let prefix = String(name.dropLast())
            let matches = header.enumerated().filter { $0.element.hasPrefix(prefix) }.map { ($0.offset, $0.element) }
            guard !matches.isEmpty else {
                throw InputError([
                    Diagnostic(
                        file: file, location: .start, field: name,
                        message: "no column starts with '\(prefix)'; columns: \(header.joined(separator: ", "))")
                ])
            }
            return matches
        }
        guard let index = header.firstIndex(of: name) else {
            throw InputError([
                Diagnostic(
                    file: file, location: .start, field: name,
                    message: "no column '\(name)'; columns: \(header.joined(separator: ", "))")
            ])
        }
        return [(index, name)]
    }
}

/// Where each part of a judgment is in a table's header, for a mapping and a layout; every
/// name that is not there is refused with the columns that are.
struct TableColumns {
    var filters: [(Int, RowFilter)] = []
    var wideItems: [(Int, String)] = []
    var wideQuestions: [(Int, String)] = []
    var oneHot: [(String, [(Int, String)])] = []
    let reviewer: Int?, item: Int?, value: Int?, rubric: Int?, time: Int?

    init(header: [String], file: String, mapping: ColumnMapping, layout: TableLayout) throws(InputError) {
        func column(_ name: String, _ field: String) throws(InputError) -> Int {
            guard
                let index = header.firstIndex(of: name)
                    ?? header.firstIndex(where: { $0.lowercased() == name.lowercased() })
            else {
                throw InputError([
                    Diagnostic(
                        file: file, location: .start, field: field,
                        message: "no column '\(name)'; columns: \(header.joined(separator: ", "))")
                ])
            }
            return index
        }
        func mapped(_ field: JudgmentField) throws(InputError) -> Int? {
            if let name = mapping.columns[field] { return try column(name, field.rawValue) }
            return header.firstIndex(of: field.rawValue)
        }
        for filter in layout.filters { filters.append((try column(filter.column, "--where \(filter)"), filter)) }
        for name in layout.itemColumns { wideItems += try TableImporter.expand(name, header: header, file: file) }
        for name in layout.questionColumns {
            wideQuestions += try TableImporter.expand(name, header: header, file: file)
        }
        for prefix in layout.oneHotPrefixes {
            let members = header.enumerated().compactMap { index, name -> (Int, String)? in
                guard name.count > prefix.count + 1, name.hasPrefix(prefix),
                    [".", "_"].contains(name.dropFirst(prefix.count).first)
                else { return nil }
                return (index, String(name.dropFirst(prefix.count + 1)))
            }
            guard !members.isEmpty else {
                throw InputError([
                    Diagnostic(
                        file: file, location: .start, field: "--one-hot \(prefix)",
                        message: "no columns named \(prefix).VALUE; columns: \(header.joined(separator: ", "))")
                ])
            }
            oneHot.append((prefix, members))
        }
        let reviewerColumn = try mapped(.reviewer)
        let itemColumn = wideItems.isEmpty ? try mapped(.item) : nil
        let valueColumn = wideItems.isEmpty && wideQuestions.isEmpty && oneHot.isEmpty ? try mapped(.value) : nil
        (reviewer, item, value, rubric, time) = (
            reviewerColumn, itemColumn, valueColumn, try mapped(.rubric), try mapped(.time)
        )
        var missing: [String] = []
        if reviewerColumn == nil { missing.append("reviewer") }
        if wideItems.isEmpty && itemColumn == nil { missing.append("item") }
        if wideItems.isEmpty && wideQuestions.isEmpty && oneHot.isEmpty && valueColumn == nil {
            missing.append("value")
        }
        guard missing.isEmpty else {
            throw InputError([
                Diagnostic(
                    file: file, location: .start, field: missing.joined(separator: ", "),
                    message:
                        "no column for \(missing.joined(separator: ", ")); columns: \(header.joined(separator: ", ")); \(CSVJudgmentScanner.suggestedMapping(header: header, mapping: mapping))"
                )
            ])
        }
    }
}
