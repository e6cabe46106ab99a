import Foundation
package import Logging
import NIOPosix
package import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// The embedded default: one SQLite file in WAL mode with foreign keys on.
///
/// Writes share one connection behind a FIFO lock (SQLite has a single writer anyway);
/// reads take turns over a few reader connections, which WAL lets run beside each other and
/// beside a write in progress. An in-memory database cannot be opened twice, so there reads
/// share the writer and its lock.
package final class SQLiteStore: Database {
    package let dialect = SQLDialectKind.sqlite
    package let displayName: String
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let nextReader = Atomic<UInt>(0)
    private let writeLock = AsyncLock()
    /// Each connection runs one statement at a time on NIO's thread pool; a few of them let
    /// concurrent requests read at once without opening a connection per request.
    static let readerCount = 4

    private init(displayName: String, writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.displayName = displayName
        self.writer = writer
        self.readers = readers
    }

    /// Opens (creating if needed) the database at `path`, or an in-memory one for `nil`.
    /// A write waits up to `busyTimeout` milliseconds for another process's write to finish.
    package static func open(path: String?, logger: Logger, busyTimeout: Int = 5_000) async throws -> SQLiteStore {
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        do {
            // Private before SQLite touches them: the file holds pay and password hashes.
            if let path { try DataFiles.prepare(databasePath: path, logger: logger) }
            let writer = try await SQLiteConnection.open(storage: storage, logger: logger)
            let store: SQLiteStore
            if path != nil {
                try await configure(writer, wal: true, busyTimeout: busyTimeout)
                var readers: [SQLiteConnection] = []
                for _ in 0..<readerCount {
                    let reader = try await SQLiteConnection.open(storage: storage, logger: logger)
                    try await configure(reader, wal: false, busyTimeout: busyTimeout)
                    readers.append(reader)
                }
                store = SQLiteStore(displayName: "sqlite:\(path ?? "")", writer: writer, readers: readers)
            } else {
                try await configure(writer, wal: false, busyTimeout: busyTimeout)
                store = SQLiteStore(displayName: "sqlite::memory:", writer: writer, readers: [])
            }
            return store
        } catch let error as SQLiteError {
            throw StorageError.unavailable("cannot open SQLite database \(path ?? ":memory:"): \(error.message)")
        }
    }

    private static func configure(_ connection: SQLiteConnection, wal: Bool, busyTimeout: Int) async throws {
        let sql = connection.sql()
        if wal { try await sql.raw("PRAGMA journal_mode = WAL").run() }
        try await sql.raw("PRAGMA foreign_keys = ON").run()
        // Wait for a concurrent writer (another process, a backup) rather than fail at once.
        try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(max(0, busyTimeout)))").run()
        try await sql.raw("PRAGMA synchronous = NORMAL").run()
    }

    package func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if !readers.isEmpty {
            let turn = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
            let reader = readers[Int(turn % UInt(readers.count))]
            return try await SQLiteStore.mapErrors { try await body(reader.sql()) }
        }
        let writer = self.writer
        return try await writeLock.withLock { try await SQLiteStore.mapErrors { try await body(writer.sql()) } }
    }

    package func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let writer = self.writer
        return try await writeLock.withLock {
            try await SQLiteStore.mapErrors {
                let sql = writer.sql()
                // IMMEDIATE takes the write lock up front, so a busy database fails here and
                // not halfway through the change.
                try await sql.raw("BEGIN IMMEDIATE").run()
                do {
                    let value = try await body(sql)
                    try await sql.raw("COMMIT").run()
                    return value
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
    }

    package func close() async {
        for reader in readers { try? await reader.close() }
        try? await writer.close()
    }

    /// SQLite's own errors become messages a user can act on; busy and full disks above all.
    static func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SQLiteError {
            throw StorageError.translate(error)
        }
    }
}

extension StorageError {
    static func translate(_ error: SQLiteError) -> StorageError {
        switch error.reason {
        case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot:
            .unavailable("the SQLite database is locked by another writer; try again")
        case .full:
            .unavailable("the disk holding the SQLite database is full; nothing was written")
        case .readOnly, .readonlyCantLock, .readonlyDirectory:
            .unavailable("the SQLite database is read-only")
        case .constraintForeignKeyFailed:
            .invalid("a referenced record does not exist")
        case .constraint, .constraintUniqueFailed, .constraintPrimaryKeyFailed, .constraintNotNullFailed,
            .constraintTriggerFailed, .constraintCheckFailed:
            .invalid("constraint violated: \(error.message)")
        default:
            .unavailable(error.message)
        }
    }
}
