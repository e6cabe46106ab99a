import Foundation
import SQLKit
package import WorkModel

/// What an import did.
package struct PeopleImportResult: Sendable, Codable, Equatable {
    package var rows: Int
    package var created: Int
    package var updated: Int
    package var unchanged: Int

    package init(rows: Int, created: Int, updated: Int, unchanged: Int) {
        self.rows = rows
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// An import refused as a whole: each problem with the line of the row it is on.
package struct PeopleImportRejected: Error, Sendable, Equatable, CustomStringConvertible {
    package struct Problem: Sendable, Codable, Equatable {
        package var line: Int
        package var field: String
        package var message: String
    }

    package var problems: [Problem]
    package var description: String {
        problems.map { "line \($0.line): \($0.field): \($0.message)" }.joined(separator: "\n")
    }
}

extension RecordRepository where Record == Person {
    // Long because: one transaction: the manager-loop check, then each insert or update audited like a single edit; splitting would spread the transaction.
    /// Creates or updates every row (matched on the HRIS id) in one transaction, or writes
    /// nothing: a row that fails validation, names an unknown manager or closes a management
    /// loop rejects the whole file. Each change is audited like a single edit, plus one entry
    /// for the import itself.
    package func importBatch(_ rows: [ImportedPerson], source: String, by principal: Principal) async throws
        -> PeopleImportResult
    {
        let stamp = Timestamp.string(now())
        return try await database.transaction { sql in
            let existing = try await sql.select().column("*").from(Person.table).where(
                "external_id", .isNot, SQLLiteral.null
            )
            .all(decoding: Person.self, keyDecodingStrategy: .convertFromSnakeCase)
            let byExternal = Dictionary(
                existing.compactMap { person in person.externalId.map { ($0, person) } },
                uniquingKeysWith: { first, _ in first })
            let takenIds = Set(
                try await sql.select().column("id").from(Person.table).all().map {
                    try $0.decode(column: "id", as: String.self)
                })
            var problems: [PeopleImportRejected.Problem] = []
            var batchIds: [String: String] = [:]
            var assigned: Set<String> = []
            for row in rows {
                guard let external = row.person.externalId else {
                    problems.append(
                        .init(
                            line: row.line, field: "externalId",
                            message: "is required so a re-import updates the person instead of adding them again"))
                    continue
                }
                let id =
                    byExternal[external]?.id ?? Self.newId(external) { takenIds.contains($0) || assigned.contains($0) }
                assigned.insert(id)
                batchIds[external] = id
            }
            var people: [(line: Int, person: Person)] = []
            for row in rows {
                guard let external = row.person.externalId, let id = batchIds[external] else { continue }
                var person = row.person
                person.id = id
                if let manager = row.managerExternalId {
                    if let managerId = batchIds[manager] ?? byExternal[manager]?.id {
                        person.managerId = managerId
                    } else {
                        problems.append(
                            .init(
                                line: row.line, field: "managerId",
                                message: "no person with HRIS id '\(manager)' in this file or already stored"))
                    }
                }
                for problem in person.problems() {
                    problems.append(.init(line: row.line, field: problem.field, message: problem.message))
                }
                people.append((row.line, person))
            }
            let ordered = Self.managersFirst(people, problems: &problems)
            guard problems.isEmpty else {
                throw PeopleImportRejected(problems: problems.sorted { ($0.line, $0.field) < ($1.line, $1.field) })
            }

            var result = PeopleImportResult(rows: rows.count, created: 0, updated: 0, unchanged: 0)
            var changes: [AuditLog.Change] = []
            var pending: [Person] = []
            // New people go in a few hundred per statement, in managers-first order; a pending
            // batch is written before any update that may point at someone in it.
            func flush() async throws {
                for start in stride(from: 0, to: pending.count, by: 100) {
                    try await sql.insert(into: Person.table).models(
                        Array(pending[start..<min(start + 100, pending.count)]),
                        keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil
                    ).run()
                }
                pending.removeAll()
            }
            for (_, incoming) in ordered {
                if let current = byExternal[incoming.externalId ?? ""] {
                    var updated = incoming
                    updated.revision = current.revision
                    updated.createdAt = current.createdAt
                    updated.updatedAt = current.updatedAt
                    if updated == current {
                        result.unchanged += 1
                        continue
                    }
                    updated.revision = current.revision + 1
                    updated.updatedAt = stamp
                    try await flush()
                    try await sql.update(Person.table)
                        .set(model: updated, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                        .where("id", .equal, updated.id).where("revision", .equal, current.revision).run()
                    changes.append(
                        .init(
                            action: "update", entity: Person.entity, entityId: updated.id,
                            before: try AuditJSON.encode(current), after: try AuditJSON.encode(updated)))
                    result.updated += 1
                } else {
                    var created = incoming
                    created.revision = 1
                    created.createdAt = stamp
                    created.updatedAt = stamp
                    pending.append(created)
                    changes.append(
                        .init(
                            action: "create", entity: Person.entity, entityId: created.id,
                            before: nil, after: try AuditJSON.encode(created)))
                    result.created += 1
                }
            }
            try await flush()
            changes.append(
                .init(
                    action: "import", entity: "people-import", entityId: source, before: nil,
                    after: try AuditJSON.encode(result)))
            try await AuditLog.appendBatch(sql, at: stamp, actor: principal, changes)
            return result
        }
    }

    /// A readable id from the HRIS id where it is free, else a random one.
    static func newId(_ external: String, taken: (String) -> Bool) -> String {
        let slug = String(external.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(80))
        let readable = "person-\(slug)"
        return taken(readable) ? "person-\(UUID().uuidString.lowercased())" : readable
    }

    /// Rows ordered so a manager is written before the people they manage (the foreign key is
    /// checked per statement); a management loop is reported on every row in it.
    static func managersFirst(_ people: [(line: Int, person: Person)], problems: inout [PeopleImportRejected.Problem])
        -> [(line: Int, person: Person)]
    {
        let index = Dictionary(people.enumerated().map { ($1.person.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state = [UInt8](repeating: 0, count: people.count)  // 0 new, 1 on the path, 2 done
        var ordered: [(line: Int, person: Person)] = []
        ordered.reserveCapacity(people.count)
        for start in people.indices where state[start] == 0 {
            // Walk up the management chain, then write it from the top down.
            var chain: [Int] = []
            var cursor: Int? = start
            while let current = cursor, state[current] == 0 {
                state[current] = 1
                chain.append(current)
                cursor = people[current].person.managerId.flatMap { index[$0] }
            }
            if let current = cursor, state[current] == 1 {
                let loop = chain.drop { $0 != current }
                let lines = loop.map { String(people[$0].line) }.joined(separator: ", ")
                for member in loop {
                    problems.append(
                        .init(
                            line: people[member].line, field: "managerId",
                            message: "management loop through lines \(lines)"))
                }
            }
            for member in chain.reversed() {
                state[member] = 2
                ordered.append(people[member])
            }
        }
        return ordered
    }
}
