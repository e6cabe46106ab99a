public import Foundation
public import Logging
public import WorkModel

/// Every repository over one database: what the application and the CLI hold.
public struct Store: Sendable {
    public let database: any Database
    public let specs: SpecRepository
    public let decisionFiles: DecisionFileRepository
    public let people: RecordRepository<Person>
    public let vendors: RecordRepository<Vendor>
    public let datasets: RecordRepository<Dataset>
    public let marketPoints: RecordRepository<MarketPoint>
    public let accounts: AccountRepository
    public let audit: AuditLog
    public let judgments: JudgmentRepository
    public let migrations: MigrationRunner

    public init(database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
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
    public static func open(_ url: DatabaseURL, logger: Logger, now: @escaping @Sendable () -> Date = { Date() })
        async throws -> Store
    {
        switch url {
        case .sqlite(let path): Store(database: try await SQLiteStore.open(path: path, logger: logger), now: now)
        case .postgres(let settings): Store(database: PostgresStore(url: settings, logger: logger), now: now)
        }
    }
}
