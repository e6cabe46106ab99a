package import Foundation
import SQLKit

/// A stored set of judgments (an import of one or more annotation exports).
package struct JudgmentSetRecord: Sendable, Codable, Equatable {
    package var id: String
    package var name: String
    package var source: String
    package var judgments: Int
    package var createdBy: String
    package var createdAt: String
}

/// One judgment as stored: the value is its canonical text (numbers in shortest form), or nil.
package struct StoredJudgment: Sendable, Equatable {
    package var item: String
    package var reviewer: String
    package var value: String?

    package init(item: String, reviewer: String, value: String?) {
        self.item = item
        self.reviewer = reviewer
        self.value = value
    }
}

/// Judgment sets in the database, and Krippendorff's coincidence matrix counted by the
/// database itself: the per-item value counts and their pairings are grouped in SQL, so only
/// a V x V table leaves the server, however many judgments it holds. The same statement runs
/// on SQLite and PostgreSQL.
package struct JudgmentRepository: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    package init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// Stores a whole set in one transaction (all or nothing), with one audit entry.
    package func importSet(
        id: String, name: String, source: String, judgments: [StoredJudgment], by principal: Principal
    ) async throws -> JudgmentSetRecord {
        let stamp = Timestamp.string(now())
        let record = JudgmentSetRecord(
            id: id, name: name, source: source, judgments: judgments.count, createdBy: principal.email, createdAt: stamp
        )
        return try await database.transaction { sql in
            let inserted = try await sql.insert(into: "judgment_sets").model(
                record, keyEncodingStrategy: .convertToSnakeCase
            )
            .ignoringConflicts(with: "id").returning("id").all()
            guard !inserted.isEmpty else { throw StorageError.duplicate(entity: "judgment set", key: id) }
            var seq = 0
            for batch in stride(from: 0, to: judgments.count, by: 400) {
                let rows = judgments[batch..<min(batch + 400, judgments.count)]
                var insert = sql.insert(into: "judgments").columns("set_id", "seq", "item", "reviewer", "value")
                for judgment in rows {
                    insert = insert.values([
                        SQLBind(id), SQLBind(seq), SQLBind(judgment.item), SQLBind(judgment.reviewer),
                        SQLBind(judgment.value),
                    ])
                    seq += 1
                }
                try await insert.run()
            }
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "import", entity: "judgment set", entityId: id,
                before: nil, after: try AuditJSON.encode(record))
            return record
        }
    }

    package func get(_ id: String) async throws -> JudgmentSetRecord {
        try await database.read { sql in
            guard
                let record = try await sql.select().column("*").from("judgment_sets").where("id", .equal, id)
                    .first(decoding: JudgmentSetRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
            else { throw StorageError.notFound(entity: "judgment set", id: id) }
            return record
        }
    }

    /// The coincidence matrix of a stored set: (value c, value k, o_ck) for every non-zero cell,
    /// where each item with m >= 2 values adds n_c * (n_k - [c = k]) / (m - 1).
    package func coincidences(setId: String) async throws -> [(c: String, k: String, weight: Double)] {
        try await database.read { sql in
            let rows = try await sql.raw(
                """
                WITH counts AS (
                    SELECT item, value, COUNT(*) AS n FROM judgments
                    WHERE set_id = \(bind: setId) AND value IS NOT NULL
                    GROUP BY item, value
                ), totals AS (
                    SELECT item, SUM(n) AS m FROM counts GROUP BY item HAVING SUM(n) >= 2
                )
                SELECT a.value AS c, b.value AS k,
                       SUM(CAST(a.n AS DOUBLE PRECISION) * (b.n - CASE WHEN a.value = b.value THEN 1 ELSE 0 END) / (t.m - 1)) AS o
                FROM counts a
                JOIN counts b ON b.item = a.item
                JOIN totals t ON t.item = a.item
                GROUP BY a.value, b.value
                ORDER BY a.value, b.value
                """
            ).all()
            return try rows.map { row in
                (
                    try row.decode(column: "c", as: String.self), try row.decode(column: "k", as: String.self),
                    try row.decode(column: "o", as: Double.self)
                )
            }.filter { $0.2 != 0 }
        }
    }
}
