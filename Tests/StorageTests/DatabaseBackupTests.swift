import Foundation
import SQLKit
import Storage
import Synchronization
import Testing
import WorkModel

@Suite("Backup and restore")
struct DatabaseBackupTests {
    /// Lines a backup writes, collected in memory.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    static func backup(_ store: Store) async throws -> (BackupSummary, [String]) {
        let sink = Lines()
        let summary = try await DatabaseBackup.write(store.database) { sink.append($0) }
        return (summary, sink.all)
    }

    @Test(arguments: Backend.available)
    func aBackupRestoresIntoAnEmptyDatabaseRowForRowWithItsAuditChain(backend: Backend) async throws {
        var lines: [String] = []
        try await withStore(backend) { store, _ async throws in
            var manager = Samples.person("p-boss", name: "Boss")
            manager.managerId = nil
            _ = try await store.people.create(manager, by: Principals.alice)
            var report = Samples.person("p-report", name: "Report")
            report.externalId = "HR-2"
            report.managerId = "p-boss"
            _ = try await store.people.create(report, by: Principals.alice)
            _ = try await store.vendors.create(Samples.vendor(), by: Principals.bob)
            _ = try await store.datasets.create(Samples.dataset(vendorId: "v-acme"), by: Principals.bob)
            _ = try await store.specs.create(
                id: "s-1", kind: "role", title: "Role", body: "id: s-1\n", comment: "first", by: Principals.alice)
            let judgments = [
                StoredJudgment(item: "i1", reviewer: "r1", value: "a"),
                StoredJudgment(item: "i1", reviewer: "r2", value: nil),
            ]
            _ = try await store.judgments.importSet(
                id: "set-1", name: "set", source: "test", judgments: judgments, by: Principals.alice)
            let (summary, written) = try await Self.backup(store)
            #expect(summary.rows["people"] == 2 && summary.rows["vendors"] == 1 && summary.rows["judgments"] == 2)
            #expect(summary.migrations == Schema.migrations.map(\.id))
            lines = written
        }
        try await withStore(backend) { store, _ async throws in
            let restored = try await DatabaseBackup.restore(store.database, lines: lines.map { Substring($0) })
            #expect(restored.rows["people"] == 2)
            #expect(try await store.people.get("p-report").managerId == "p-boss")
            let vendor = try await store.vendors.get("v-acme")
            #expect(vendor.name == Samples.vendor().name && vendor.auditBlocking && vendor.nextAudit == "2026-11-30")
            let verification = try await store.audit.verify()
            #expect(verification.intact && verification.entries == 6)
            // A second backup of the restored database is the same, row for row.
            let (_, again) = try await Self.backup(store)
            #expect(Array(again.dropFirst()) == Array(lines.dropFirst()))
            // Restoring twice is refused: nothing is merged into existing data.
            await #expect(throws: StorageError.self) {
                try await DatabaseBackup.restore(store.database, lines: lines.map { Substring($0) })
            }
        }
    }

    @Test(arguments: Backend.available)
    func aDamagedBackupWritesNothing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let header = #"{"format":"wagefile.backup/v1","migrations":["0001-accounts"]}"#
            let good =
                #"{"table":"vendors","row":{"id":"v-1","name":"A","revision":1,"created_at":"x","updated_at":"x","audit_blocking":false}}"#
            for broken in [
                #"{"table":"nowhere","row":{}}"#, #"{"table":"vendors","row":{"id":"v-2","colour":"red"}}"#, "not json",
                #"{"table":"vendors","row":{"id":"v-3","name":"B","revision":"one","created_at":"x","updated_at":"x","audit_blocking":false}}"#,
            ] {
                await #expect(throws: StorageError.self) {
                    try await DatabaseBackup.restore(
                        store.database, lines: [header, good, broken].map { Substring($0) })
                }
                #expect(try await count(store, "vendors") == 0)
            }
            await #expect(throws: StorageError.self) { try await DatabaseBackup.restore(store.database, lines: ["{}"]) }
        }
    }
}
