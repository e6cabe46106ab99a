package import Foundation
package import Logging
package import WorkModel

/// Every repository over one database: what the application and the CLI hold.
package struct Store: Sendable {
    package let database: any Database
    package let specs: SpecRepository
    package let decisionFiles: DecisionFileRepository
    package let people: RecordRepository<Person>
    package let vendors: RecordRepository<Vendor>
    package let datasets: RecordRepository<Dataset>
    package let marketPoints: RecordRepository<MarketPoint>
    package let accounts: AccountRepository
    package let audit: AuditLog
    package let judgments: JudgmentRepository
    package let migrations: MigrationRunner

    package init(database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        specs = SpecRepository(database: database, now: now)
        decisionFiles = DecisionFileRepository(database: database, now: now)
        people = RecordRepository(database: database, now: now)
        vendors = RecordRepository(database: database, now: now)
        datasets = RecordRepository(database: database, now: now)
        marketPoints = RecordRepository(database: database, now: now)
        accounts = AccountRepository(database: database, now: now)
        audit = AuditLog(database: database, now: now)
        judgments = JudgmentRepository(database: database, now: now)
        migrations = MigrationRunner(database: database, now: now)
    }

    /// Opens the database a URL names. PostgreSQL's pool must then be run (see `PostgresStore.run`).
    package static func open(_ url: DatabaseURL, logger: Logger, now: @escaping @Sendable () -> Date = { Date() })
        async throws -> Store
    {
        switch url {
        case .sqlite(let path): Store(database: try await SQLiteStore.open(path: path, logger: logger), now: now)
        case .postgres(let settings): Store(database: PostgresStore(url: settings, logger: logger), now: now)
        }
    }
}
