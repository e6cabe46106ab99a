import Foundation
import SQLKit

/// A table as the migrations define it: its columns with their portable types, read from the
/// migrations' own SQL, so a new migration is in every backup without touching this file.
struct TableShape: Sendable {
    enum Kind: String, Sendable { case text, bigint, boolean, double }

    var name: String
    var columns: [(name: String, kind: Kind)]
    /// Columns pointing at this same table (a manager is a person): written after every row is in.
    var selfReferences: [String]
    var key: [String]

    /// Every table in creation order, which is an order foreign keys allow.
    static let all: [TableShape] = {
        var tables: [TableShape] = []
        for migration in Schema.migrations {
            for statement in migration.statements {
                let text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.hasPrefix("CREATE TABLE "), let open = text.firstIndex(of: "("),
                    let close = text.lastIndex(of: ")")
                {
                    let name = text.dropFirst("CREATE TABLE ".count).prefix { $0 != " " && $0 != "(" }
                    var shape = TableShape(name: String(name), columns: [], selfReferences: [], key: [])
                    for raw in definitions(text[text.index(after: open)..<close]) {
                        let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                        if line.hasPrefix("PRIMARY KEY"), let o = line.firstIndex(of: "("),
                            let c = line.firstIndex(of: ")")
                        {
                            shape.key = line[line.index(after: o)..<c].split(separator: ",").map {
                                $0.trimmingCharacters(in: .whitespaces)
                            }
                            continue
                        }
                        let words = line.split(separator: " ").map(String.init)
                        guard words.count >= 2, let kind = kind(words[1], words.count > 2 ? words[2] : "") else {
                            continue
                        }
                        shape.columns.append((words[0], kind))
                        if line.contains("PRIMARY KEY") { shape.key = [words[0]] }
                        if line.contains("REFERENCES \(name)(") { shape.selfReferences.append(words[0]) }
                    }
                    if shape.key.isEmpty, let first = shape.columns.first { shape.key = [first.name] }
                    tables.append(shape)
                } else if text.hasPrefix("ALTER TABLE ") {
                    let words = text.split(separator: " ").map(String.init)
                    // ALTER TABLE name ADD COLUMN column TYPE ...
                    guard words.count >= 7, words[3] == "ADD", words[4] == "COLUMN",
                        let kind = kind(words[6], words.count > 7 ? words[7] : ""),
                        let index = tables.firstIndex(where: { $0.name == words[2] })
                    else { continue }
                    tables[index].columns.append((words[5], kind))
                }
            }
        }
        return tables
    }()

    /// The comma-separated parts of a table definition, ignoring commas inside parentheses.
    static func definitions(_ body: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in body {
            switch character {
            case "(": depth += 1
            case ")": depth -= 1
            case "," where depth == 0:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    static func kind(_ word: String, _ next: String) -> Kind? {
        switch word {
        case "TEXT": .text
        case "BIGINT": .bigint
        case "BOOLEAN": .boolean
        case "DOUBLE" where next == "PRECISION": .double
        default: nil
        }
    }
}

/// What a backup or a restore moved, table by table.
package struct BackupSummary: Sendable, Codable, Equatable {
    package var rows: [String: Int]
    package var migrations: [String]
}

/// A whole database as JSON Lines (`wagefile.backup/v1`): a header naming the migrations, then
/// one line per row (`{"table": ..., "row": {...}}`) in key order. Sessions are left out: a
/// restored database makes everyone sign in again. Password and token hashes are in the file,
/// so it is written readable by its owner only.
package enum DatabaseBackup {
    package static let format = "wagefile.backup/v1"
    static let skipped: Set<String> = ["sessions"]

    /// Streams the backup through `write`, one line at a time, inside one read so it is a single snapshot
    /// on PostgreSQL; SQLite's WAL gives each read the same.
    package static func write(_ database: any Database, _ write: @escaping @Sendable (String) throws -> Void)
        async throws -> BackupSummary
    {
        try await database.read { sql in
            let migrations = try await sql.raw("SELECT id FROM schema_migrations ORDER BY id").all(
                decodingColumn: "id", as: String.self)
            try write(try line(["format": format, "migrations": migrations]))
            var counts: [String: Int] = [:]
            for table in TableShape.all where !skipped.contains(table.name) {
                var offset = 0
                while true {
                    var query = sql.select().columns(table.columns.map { SQLIdentifier($0.name) }).from(table.name)
                    for key in table.key { query = query.orderBy(key) }
                    let rows = try await query.limit(1000).offset(offset).all()
                    for row in rows {
                        var values: [String: Any] = [:]
                        for column in table.columns {
                            if try row.decodeNil(column: column.name) {
                                values[column.name] = NSNull()
                                continue
                            }
                            switch column.kind {
                            case .text: values[column.name] = try row.decode(column: column.name, as: String.self)
                            case .bigint: values[column.name] = try row.decode(column: column.name, as: Int64.self)
                            case .boolean: values[column.name] = try row.decode(column: column.name, as: Bool.self)
                            case .double: values[column.name] = try row.decode(column: column.name, as: Double.self)
                            }
                        }
                        try write(try line(["table": table.name, "row": values]))
                    }
                    counts[table.name, default: 0] += rows.count
                    guard rows.count == 1000 else { break }
                    offset += 1000
                }
            }
            return BackupSummary(rows: counts, migrations: migrations)
        }
    }

    static func line(_ object: [String: Any]) throws -> String {
        String(
            decoding: try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    /// Loads a backup into an empty, migrated database in one transaction: all rows or none.
    // Long because: one transaction: each line's table and columns checked, a non-empty database refused, rows inserted, counts verified; all or none.
    package static func restore(_ database: any Database, lines: [Substring]) async throws -> BackupSummary {
        guard let first = lines.first,
            let header = try? JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any],
            header["format"] as? String == format, let migrations = header["migrations"] as? [String]
        else {
            throw StorageError.invalid("line 1: not a Wagefile backup (expected a \(format) header)")
        }
        let known = Set(Schema.migrations.map(\.id))
        if let newer = migrations.first(where: { !known.contains($0) }) {
            throw StorageError.invalid(
                "the backup was made by a newer Wagefile (migration \(newer)); restore it with that version")
        }
        let shapes = Dictionary(uniqueKeysWithValues: TableShape.all.map { ($0.name, $0) })
        var rows: [String: [[String: Any]]] = [:]
        for (index, text) in lines.enumerated().dropFirst() where !text.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let table = object["table"] as? String, let row = object["row"] as? [String: Any]
            else {
                throw StorageError.invalid("line \(index + 1): expected {\"table\": ..., \"row\": {...}}")
            }
            guard let shape = shapes[table], !skipped.contains(table) else {
                throw StorageError.invalid("line \(index + 1): unknown table '\(table)'")
            }
            for name in row.keys where !shape.columns.contains(where: { $0.name == name }) {
                throw StorageError.invalid("line \(index + 1): table \(table) has no column '\(name)'")
            }
            rows[table, default: []].append(row)
        }
        let batches = UncheckedRows(rows)
        return try await database.transaction { sql in
            for table in ["users", "specs", "people", "vendors", "judgment_sets"] {
                let count =
                    try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(
                        column: "n", as: Int.self) ?? 0
                guard count == 0 else {
                    throw StorageError.invalid("the database already holds \(table); restore into an empty database")
                }
            }
            var counts: [String: Int] = [:]
            for shape in TableShape.all where !skipped.contains(shape.name) {
                let tableRows = batches.rows[shape.name] ?? []
                if shape.name == "audit_head" {
                    // The migration seeded the head; the backup's takes its place.
                    for row in tableRows {
                        try await sql.update("audit_head").set(
                            "seq", to: try bind(row["seq"], .bigint, "audit_head.seq")
                        )
                        .set("hash", to: try bind(row["hash"], .text, "audit_head.hash")).where("id", .equal, 1).run()
                    }
                    counts[shape.name] = tableRows.count
                    continue
                }
                for start in stride(from: 0, to: tableRows.count, by: 100) {
                    var insert = sql.insert(into: shape.name).columns(shape.columns.map(\.name))
                    for row in tableRows[start..<min(start + 100, tableRows.count)] {
                        insert = insert.values(
                            try shape.columns.map { column in
                                shape.selfReferences.contains(column.name)
                                    ? SQLLiteral.null
                                    : try bind(row[column.name], column.kind, "\(shape.name).\(column.name)")
                            })
                    }
                    try await insert.run()
                }
                for column in shape.selfReferences {
                    for row in tableRows {
                        guard let value = row[column], !(value is NSNull) else { continue }
                        try await sql.update(shape.name).set(
                            SQLIdentifier(column), to: try bind(value, .text, "\(shape.name).\(column)")
                        )
                        .where(
                            SQLIdentifier(shape.key[0]), .equal,
                            try bind(row[shape.key[0]], .text, "\(shape.name).\(shape.key[0])")
                        ).run()
                    }
                }
                counts[shape.name] = tableRows.count
            }
            return BackupSummary(rows: counts, migrations: migrations)
        }
    }

    static func bind(_ value: Any?, _ kind: TableShape.Kind, _ field: String) throws -> any SQLExpression {
        guard let value, !(value is NSNull) else { return SQLLiteral.null }
        switch kind {
        case .text:
            guard let text = value as? String else { throw StorageError.invalid("\(field): expected text") }
            return SQLBind(text)
        case .bigint:
            guard let number = value as? NSNumber else {
                throw StorageError.invalid("\(field): expected a whole number")
            }
            return SQLBind(number.int64Value)
        case .boolean:
            guard let flag = value as? Bool else { throw StorageError.invalid("\(field): expected true or false") }
            return SQLBind(flag)
        case .double:
            guard let number = value as? NSNumber else { throw StorageError.invalid("\(field): expected a number") }
            return SQLBind(number.doubleValue)
        }
    }
}

/// The parsed rows handed to the transaction; read only there.
///
/// SAFETY: `[String: Any]` is not `Sendable`; this holds because the rows are parsed, moved
/// into the one transaction closure, and never read or written anywhere else afterwards.
struct UncheckedRows: @unchecked Sendable {
    let rows: [String: [[String: Any]]]
    init(_ rows: [String: [[String: Any]]]) { self.rows = rows }
}
