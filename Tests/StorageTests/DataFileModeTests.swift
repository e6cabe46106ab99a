import Foundation
import Logging
import Storage
import Testing
import WorkModel

#if canImport(Glibc)
    import Glibc
#endif

/// The database holds names, pay and bcrypt hashes: another local user must not read it. Under
/// the usual umask (022) SQLite alone makes the file 0644 and Foundation the directory 0755.
@Suite("SQLite files at rest", .serialized)
struct DataFileModeTests {
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    /// Runs `body` with umask 022, the common default that let the files be world-readable.
    static func withUmask022(_ body: () async throws -> Void) async rethrows {
        let previous = umask(0o022)
        defer { umask(previous) }
        try await body()
    }

    /// Writes one person, so SQLite has made its -wal and -shm files.
    static func write(_ store: Store) async throws {
        try await store.migrations.run()
        _ = try await store.people.importBatch(
            [PeopleImportBatchTests.row(2, "E-mode")], source: "mode.csv", by: Principals.alice)
    }

    @Test("A new data directory is 0700 and the database, -wal and -shm 0600 under umask 022")
    func newFilesArePrivate() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wagefile-modes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = folder.appendingPathComponent("data")
        let path = directory.appendingPathComponent("wagefile.sqlite").path
        try await Self.withUmask022 {
            let store = Store(database: try await SQLiteStore.open(path: path, logger: TestLogger.logger))
            try await Self.write(store)
            #expect(Self.mode(directory.path) == 0o700)
            #expect(Self.mode(path) == 0o600)
            #expect(Self.mode(path + "-wal") == 0o600)
            #expect(Self.mode(path + "-shm") == 0o600)
            await store.database.close()
        }
    }

    @Test("An existing .wagefile 0755 with a database 0644 (and its -wal) is tightened at open")
    func existingWideFilesAreTightened() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wagefile-modes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = folder.appendingPathComponent(".wagefile")
        let path = directory.appendingPathComponent("wagefile.sqlite").path
        try await Self.withUmask022 {
            let first = Store(database: try await SQLiteStore.open(path: path, logger: TestLogger.logger))
            try await Self.write(first)
            // What an earlier version left: everything readable by everyone.
            for file in [path, path + "-wal", path + "-shm"] { chmod(file, 0o644) }
            chmod(directory.path, 0o755)
            let second = Store(database: try await SQLiteStore.open(path: path, logger: TestLogger.logger))
            #expect(Self.mode(directory.path) == 0o700)
            #expect(Self.mode(path) == 0o600)
            #expect(Self.mode(path + "-wal") == 0o600)
            #expect(Self.mode(path + "-shm") == 0o600)
            #expect(try await second.people.list().total == 1)
            await second.database.close()
            await first.database.close()
        }
    }

    @Test("A directory the operator chose is left as it is; the database in it is still 0600")
    func operatorDirectoryIsLeftAlone() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wagefile-modes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        chmod(folder.path, 0o755)
        let path = folder.appendingPathComponent("pay.sqlite").path
        try await Self.withUmask022 {
            let store = Store(database: try await SQLiteStore.open(path: path, logger: TestLogger.logger))
            try await Self.write(store)
            #expect(Self.mode(folder.path) == 0o755)
            #expect(Self.mode(path) == 0o600)
            await store.database.close()
        }
    }
}
