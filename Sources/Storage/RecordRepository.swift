package import Foundation
import SQLKit

/// List, read, create, update and delete for any `StoredRecord`, each change audited in the
/// same transaction and each update guarded by the revision the caller last saw.
package struct RecordRepository<Record: StoredRecord>: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    package init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// Equality filters by query name (see `Record.filters`); unknown names are refused.
    package func list(filters: [String: String] = [:], search: String? = nil, page: PageRequest = PageRequest())
        async throws -> Page<Record>
    {
        var conditions: [(column: String, value: String)] = []
        for (name, value) in filters.sorted(by: { $0.key < $1.key }) {
            guard let column = Record.filters[name] else {
                throw StorageError.invalid(
                    "cannot filter \(Record.entity) by '\(name)'; filters: \(Record.filters.keys.sorted().joined(separator: ", "))"
                )
            }
            conditions.append((column, value))
        }
        let fixedConditions = conditions
        return try await database.read { sql in
            // Search is a case-insensitive substring of the sort column (the name).
            try await PagedSelect.fetch(
                sql, from: Record.table, equal: fixedConditions, search: search.map { (Record.sortColumn, $0) },
                orderBy: [(Record.sortColumn, .ascending), ("id", .ascending)], page: page, as: Record.self)
        }
    }

    /// Every row, in id order, read in pages so no single statement holds the whole table.
    package func all() async throws -> [Record] {
        var rows: [Record] = []
        var after = ""
        while true {
            let cursor = after
            let page = try await database.read { sql in
                try await sql.select().column("*").from(Record.table).where("id", .greaterThan, cursor)
                    .orderBy("id").limit(1000).all(decoding: Record.self, keyDecodingStrategy: .convertFromSnakeCase)
            }
            rows += page
            guard page.count == 1000, let last = page.last?.id else { return rows }
            after = last
        }
    }

    package func get(_ id: String) async throws -> Record {
        try await database.read { sql in
            guard let record = try await RecordRepository.fetch(id, sql) else {
                throw StorageError.notFound(entity: Record.entity, id: id)
            }
            return record
        }
    }

    /// Stores a new record at revision 1.
    package func create(_ record: Record, by principal: Principal) async throws -> Record {
        try validate(record)
        let stamp = Timestamp.string(now())
        var stored = record
        stored.revision = 1
        stored.createdAt = stamp
        stored.updatedAt = stamp
        let created = stored
        return try await database.transaction { sql in
            if try await RecordRepository.fetch(created.id, sql) != nil {
                throw StorageError.duplicate(entity: Record.entity, key: created.id)
            }
            // A concurrent create of the same id (PostgreSQL) commits between the check and the
            // insert; the insert then does nothing and the caller still learns it is a duplicate.
            let inserted = try await sql.insert(into: Record.table).model(
                created, keyEncodingStrategy: .convertToSnakeCase
            )
            .ignoringConflicts(with: "id").returning("id").all()
            guard !inserted.isEmpty else { throw StorageError.duplicate(entity: Record.entity, key: created.id) }
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "create", entity: Record.entity, entityId: created.id,
                before: nil, after: try AuditJSON.encode(created))
            return created
        }
    }

    /// Replaces the record if it is still at `expectedRevision`; otherwise nothing changes and
    /// the caller learns the current revision.
    package func update(_ record: Record, expectedRevision: Int, by principal: Principal) async throws -> Record {
        try validate(record)
        let stamp = Timestamp.string(now())
        let incoming = record
        return try await database.transaction { sql in
            guard let current = try await RecordRepository.fetch(incoming.id, sql) else {
                throw StorageError.notFound(entity: Record.entity, id: incoming.id)
            }
            guard current.revision == expectedRevision else {
                throw StorageError.conflict(entity: Record.entity, id: incoming.id, current: current.revision)
            }
            var updated = incoming
            updated.revision = current.revision + 1
            updated.createdAt = current.createdAt
            updated.updatedAt = stamp
            // The revision in the WHERE clause makes the check and the write one step, even if
            // another connection slipped in between.
            let changed = try await sql.update(Record.table)
                .set(model: updated, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .where("id", .equal, updated.id).where("revision", .equal, expectedRevision)
                .returning("id").all()
            guard !changed.isEmpty else { throw try await RecordRepository.lostRace(updated.id, sql) }
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "update", entity: Record.entity, entityId: updated.id,
                before: try AuditJSON.encode(current), after: try AuditJSON.encode(updated))
            return updated
        }
    }

    package func delete(_ id: String, expectedRevision: Int, by principal: Principal) async throws {
        let stamp = Timestamp.string(now())
        try await database.transaction { sql in
            guard let current = try await RecordRepository.fetch(id, sql) else {
                throw StorageError.notFound(entity: Record.entity, id: id)
            }
            guard current.revision == expectedRevision else {
                throw StorageError.conflict(entity: Record.entity, id: id, current: current.revision)
            }
            // As for updates, the revision in the WHERE clause makes the check and the delete one
            // step: of two concurrent deletes only one removes the row and is audited.
            let deleted = try await sql.delete(from: Record.table).where("id", .equal, id)
                .where("revision", .equal, expectedRevision).returning("id").all()
            guard !deleted.isEmpty else { throw try await RecordRepository.lostRace(id, sql) }
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "delete", entity: Record.entity, entityId: id,
                before: try AuditJSON.encode(current), after: nil)
        }
    }

    private func validate(_ record: Record) throws {
        let problems =
            record.problems()
            + (record.id.isEmpty || record.id.count > 100
                ? [FieldProblem("id", "must be 1 to 100 characters")] : [])
        if !problems.isEmpty { throw RecordProblems(entity: Record.entity, problems: problems) }
    }

    static func fetch(_ id: String, _ sql: any SQLDatabase) async throws -> Record? {
        try await sql.select().column("*").from(Record.table).where("id", .equal, id)
            .first(decoding: Record.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Why a guarded write changed no row: another transaction committed first. Read again
    /// (a new statement sees that commit) to tell a deleted record from a newer revision.
    static func lostRace(_ id: String, _ sql: any SQLDatabase) async throws -> StorageError {
        guard let now = try await fetch(id, sql) else { return .notFound(entity: Record.entity, id: id) }
        return .conflict(entity: Record.entity, id: id, current: now.revision)
    }
}

/// A record refused because of its values, field by field.
package struct RecordProblems: Error, Sendable, Equatable, CustomStringConvertible {
    package var entity: String
    package var problems: [FieldProblem]
    package var description: String { "invalid \(entity): " + problems.map(\.description).joined(separator: "; ") }
}

/// Timestamps are ISO 8601 UTC with milliseconds, so text order is time order in both databases.
package enum Timestamp {
    package static func string(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)
                .dateTimeSeparator(.standard).timeSeparator(.colon))
    }
}

/// Audit payloads: sorted keys so the same record always hashes the same.
enum AuditJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
