import Foundation
import SQLKit
import Storage
import Testing
import WorkModel

@Suite("Migrations")
struct MigrationTests {
    static let expectedIds = [
        "0001-accounts", "0002-specs", "0003-portfolio", "0004-audit", "0005-signal", "0006-portfolio-views",
        "0007-pay-components", "0008-dataset-payment-evidence",
    ]

    @Test(arguments: Backend.available)
    func aFreshDatabaseGetsEveryMigrationOnceInOrder(backend: Backend) async throws {
        try await withStore(backend, migrate: false) { store, clock async throws in
            #expect(try await store.migrations.applied().isEmpty)
            let firstStamp = clock.nextStamp()
            let applied = try await store.migrations.run()
            #expect(applied == Self.expectedIds)
            #expect(try await store.migrations.applied() == Self.expectedIds)
            // Each migration is recorded with the time it was applied.
            let stamps = try await store.database.read { sql in
                try await sql.raw("SELECT applied_at FROM schema_migrations ORDER BY id").all(
                    decodingColumn: "applied_at", as: String.self)
            }
            #expect(stamps.count == Schema.migrations.count)
            #expect(stamps.first == firstStamp)
            #expect(firstStamp == "2026-03-01T09:00:00.000Z")
        }
    }

    @Test(arguments: Backend.available)
    func runningMigrationsAgainAppliesNothingAndKeepsTheData(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await store.people.create(Samples.person(), by: Principals.alice)
            #expect(try await store.migrations.run().isEmpty)
            #expect(try await store.migrations.run().isEmpty)
            #expect(try await store.migrations.applied() == Self.expectedIds)
            #expect(try await store.people.get("p-ada").name == "Ada Lovelace")
            // The audit head was seeded once, not reset by the second run.
            #expect(try await store.audit.verify().entries == 1)
            #expect(try await store.audit.verify().intact)
        }
    }

    @Test(arguments: Backend.available)
    func onlyPendingMigrationsRun(backend: Backend) async throws {
        try await withStore(backend, migrate: false) { store, clock async throws in
            let firstTwo = MigrationRunner(
                database: store.database, migrations: Array(Schema.migrations.prefix(2)), now: clock.now)
            #expect(try await firstTwo.run() == ["0001-accounts", "0002-specs"])
            #expect(
                try await store.migrations.run() == [
                    "0003-portfolio", "0004-audit", "0005-signal", "0006-portfolio-views", "0007-pay-components",
                    "0008-dataset-payment-evidence",
                ])
            #expect(try await store.migrations.run().isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func aFailingMigrationIsRolledBackWholeAndRetried(backend: Backend) async throws {
        try await withStore(backend, migrate: false) { store, _ async throws in
            // A table in the way makes 0003 fail on its second table, after it created `people`.
            try await execute(store, "CREATE TABLE vendors (id TEXT PRIMARY KEY)")
            await #expect(throws: (any Error).self) { try await store.migrations.run() }
            #expect(try await store.migrations.applied() == ["0001-accounts", "0002-specs"])
            // `people` went with the failed migration: nothing half-done is left behind.
            await #expect(throws: (any Error).self) { try await count(store, "people") }

            try await execute(store, "DROP TABLE vendors")
            #expect(
                try await store.migrations.run() == [
                    "0003-portfolio", "0004-audit", "0005-signal", "0006-portfolio-views", "0007-pay-components",
                    "0008-dataset-payment-evidence",
                ])
            #expect(try await count(store, "people") == 0)
            #expect(try await store.migrations.applied() == Self.expectedIds)
        }
    }
}
