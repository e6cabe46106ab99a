package import Foundation
import SQLKit

/// One schema change, in the SQL both databases accept, plus any statements only one needs.
package struct Migration: Sendable {
    package var id: String
    package var statements: [String]
    package var sqliteOnly: [String] = []
    package var postgresOnly: [String] = []

    func statements(for dialect: SQLDialectKind) -> [String] {
        statements + (dialect == .sqlite ? sqliteOnly : postgresOnly)
    }
}

/// Applies pending migrations in order, each in its own transaction with its bookkeeping row,
/// so an interrupted run leaves the schema at a known migration.
package struct MigrationRunner: Sendable {
    let database: any Database
    let migrations: [Migration]
    let now: @Sendable () -> Date

    package init(
        database: any Database, migrations: [Migration] = Schema.migrations, now: @escaping @Sendable () -> Date
    ) {
        self.database = database
        self.migrations = migrations
        self.now = now
    }

    /// The ids of migrations already applied.
    package func applied() async throws -> [String] {
        try await database.transaction { sql in
            try await sql.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            ).run()
            return try await sql.raw("SELECT id FROM schema_migrations ORDER BY id").all(
                decodingColumn: "id", as: String.self)
        }
    }

    /// Applies what is pending and returns the ids applied now.
    @discardableResult
    package func run() async throws -> [String] {
        let done = Set(try await applied())
        var appliedNow: [String] = []
        for migration in migrations where !done.contains(migration.id) {
            let stamp = Timestamp.string(now())
            let dialect = database.dialect
            try await database.transaction { sql in
                for statement in migration.statements(for: dialect) {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                try await sql.raw(
                    "INSERT INTO schema_migrations (id, applied_at) VALUES (\(bind: migration.id), \(bind: stamp))"
                ).run()
            }
            appliedNow.append(migration.id)
        }
        return appliedNow
    }
}
