import Foundation
import Logging
import SQLKit
import Storage
import Testing
import WorkModel

/// What a user sees when SQLite cannot write: another process holds the write lock, or the disk
/// (here: the page limit, which SQLite reports exactly as a full disk) runs out halfway through
/// a large import. Both must be a message to act on and leave the database as it was.
@Suite("SQLite faults: busy and full")
struct SQLiteFaultTests {
    static func temporaryPath() -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wagefile-sqlite-faults-\(UUID().uuidString)")
        return (folder, folder.appendingPathComponent("wagefile.sqlite").path)
    }

    static func integrity(_ store: Store) async throws -> String {
        try await store.database.read { sql in
            try await sql.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self)
                ?? "?"
        }
    }

    @Test("A write while another process holds the lock fails with 'locked by another writer', then succeeds")
    func busyDatabaseSaysSoAndRecovers() async throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let holder = Store(database: try await SQLiteStore.open(path: path, logger: TestLogger.logger))
        try await holder.migrations.run()
        // A second store on the same file is what a second process (an import beside `serve`) is.
        let other = Store(database: try await SQLiteStore.open(path: path, logger: TestLogger.logger, busyTimeout: 100))

        let locked = AsyncSemaphore(0)
        let release = AsyncSemaphore(0)
        // Hold the write lock (BEGIN IMMEDIATE) until the other store has tried.
        let held = Task {
            try await holder.database.transaction { sql in
                try await sql.raw("UPDATE people SET name = name WHERE 0").run()
                await locked.release()
                await release.acquire()
            }
        }
        await locked.acquire()
        let rows = [PeopleImportBatchTests.row(2, "E1")]
        let error = await storageError {
            try await other.people.importBatch(rows, source: "busy.csv", by: Principals.alice)
        }
        #expect(error == .unavailable("the SQLite database is locked by another writer; try again"))
        await release.release()
        try await held.value

        #expect(try await other.people.importBatch(rows, source: "busy.csv", by: Principals.alice).created == 1)
        #expect(try await Self.integrity(other) == "ok")
        #expect(try await other.audit.verify().intact)
        await other.database.close()
        await holder.database.close()
    }

    @Test("A disk that fills during a 2,000-person import says so, writes nothing and leaves the file intact")
    func fullDiskSaysSoAndWritesNothing() async throws {
        let (folder, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = Store(database: try await SQLiteStore.open(path: path, logger: TestLogger.logger))
        try await store.migrations.run()
        _ = try await store.people.importBatch(
            [PeopleImportBatchTests.row(2, "E-before")], source: "first.csv", by: Principals.alice)
        let pages = try await store.database.read { sql in
            try await sql.raw("PRAGMA page_count").first()?.decode(column: "page_count", as: Int.self) ?? 0
        }
        // Room for a few more pages only: the import runs out of space partway through.
        try await store.database.transaction { sql in
            try await sql.raw("PRAGMA max_page_count = \(unsafeRaw: String(pages + 8))").run()
        }

        let error = await storageError {
            try await store.people.importBatch(
                PeopleImportBatchTests.organization(), source: "big.csv", by: Principals.alice)
        }
        #expect(error == .unavailable("the disk holding the SQLite database is full; nothing was written"))
        #expect(try await count(store, "people") == 1)
        #expect(try await Self.integrity(store) == "ok")
        let verification = try await store.audit.verify()
        #expect(verification.intact)
        #expect(verification.entries == 2)

        // With space again the same import goes through whole.
        try await store.database.transaction { sql in try await sql.raw("PRAGMA max_page_count = 1073741823").run() }
        #expect(
            try await store.people.importBatch(
                PeopleImportBatchTests.organization(), source: "big.csv", by: Principals.alice
            ).created == 2_000)
        await store.database.close()
    }
}
