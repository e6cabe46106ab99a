import Foundation
import Logging
import SQLKit
import Storage
import Testing
import WorkModel

/// The databases every storage test runs on.
///
/// SQLite always, twice: a temporary file (WAL mode, reads on their own connection) and
/// in-memory (reads share the writer). PostgreSQL when `WAGEFILE_TEST_POSTGRES_URL` names a
/// server a superuser can create databases on; each test then gets a fresh database of its own.
/// If the variable is set and the server cannot be reached, the PostgreSQL cases fail.
enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqliteFile = "sqlite-file"
    case sqliteMemory = "sqlite-memory"
    case postgres

    static let postgresURLVariable = "WAGEFILE_TEST_POSTGRES_URL"

    /// The PostgreSQL admin URL, when configured.
    static var postgresURL: String? {
        guard let text = ProcessInfo.processInfo.environment[postgresURLVariable], !text.isEmpty else { return nil }
        return text
    }

    /// Every backend this run can use: SQLite always, PostgreSQL when configured.
    static var available: [Backend] {
        postgresURL == nil ? [.sqliteFile, .sqliteMemory] : [.sqliteFile, .sqliteMemory, .postgres]
    }

    var testDescription: String { rawValue }
}

/// A clock that only moves when read or told to: every read returns the current instant and
/// then steps one second, so each change gets its own, predictable timestamp.
final class TestClock: @unchecked Sendable {
    /// 2026-03-01T09:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_772_355_600)

    private let lock = NSLock()
    private var current: Date
    private let step: TimeInterval

    init(start: Date = TestClock.start, step: TimeInterval = 1) {
        current = start
        self.step = step
    }

    /// The time now; the next read is one step later.
    func now() -> Date {
        lock.withLock {
            let value = current
            current = current.addingTimeInterval(step)
            return value
        }
    }

    /// What the next read will return, without moving the clock.
    func peek() -> Date { lock.withLock { current } }

    /// The timestamp text the next change will carry.
    func nextStamp() -> String { Timestamp.string(peek()) }

    func advance(by interval: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(interval) }
    }
}

enum TestLogger {
    static let logger: Logger = {
        var logger = Logger(label: "wagefile.storage-tests")
        logger.logLevel = .critical
        return logger
    }()
}

/// Limits how many PostgreSQL test databases exist at once, so the parallel test run stays
/// well inside the server's connection limit.
actor AsyncSemaphore {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { available = count }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var description: String
}

/// Remembers that the PostgreSQL server did not answer, so the remaining PostgreSQL cases fail
/// at once with the same message instead of each waiting out the timeout.
actor PostgresReachability {
    static let shared = PostgresReachability()
    private(set) var failure: String?
    func recordFailure(_ message: String) { failure = failure ?? message }
}

/// Runs `body`, failing with `message` if it has not finished after `seconds`.
func withTimeout<T: Sendable>(
    seconds: Int, _ message: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TimedOut(description: message) }
        return value
    }
}

/// One open test database and everything needed to throw it away afterwards.
struct TestDatabase: Sendable {
    static let postgresSlots = AsyncSemaphore(6)

    let backend: Backend
    let store: Store
    let clock: TestClock
    private let cleanup: @Sendable () async -> Void

    private init(backend: Backend, store: Store, clock: TestClock, cleanup: @escaping @Sendable () async -> Void) {
        self.backend = backend
        self.store = store
        self.clock = clock
        self.cleanup = cleanup
    }

    static func open(_ backend: Backend, clock: TestClock) async throws -> TestDatabase {
        let logger = TestLogger.logger
        switch backend {
        case .sqliteMemory:
            let database = try await SQLiteStore.open(path: nil, logger: logger)
            return TestDatabase(backend: backend, store: Store(database: database, now: clock.now), clock: clock) {
                await database.close()
            }
        case .sqliteFile:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("wagefile-storage-tests-\(UUID().uuidString)")
            let path = directory.appendingPathComponent("wagefile.sqlite").path
            let database = try await SQLiteStore.open(path: path, logger: logger)
            return TestDatabase(backend: backend, store: Store(database: database, now: clock.now), clock: clock) {
                await database.close()
                try? FileManager.default.removeItem(at: directory)
            }
        case .postgres:
            return try await openPostgres(clock: clock, logger: logger)
        }
    }

    private static func openPostgres(clock: TestClock, logger: Logger) async throws -> TestDatabase {
        let text = try #require(Backend.postgresURL, "\(Backend.postgresURLVariable) is not set")
        guard case .postgres(let adminSettings) = try DatabaseURL.parse(text) else {
            Issue.record("\(Backend.postgresURLVariable) must be a postgres:// URL")
            throw TimedOut(description: "not a postgres URL")
        }
        await postgresSlots.acquire()
        if let failure = await PostgresReachability.shared.failure {
            await postgresSlots.release()
            throw TimedOut(description: failure)
        }
        let admin = PostgresStore(url: adminSettings, logger: logger)
        let adminRun = Task { await admin.run() }
        let name = "wagefile_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        do {
            try await withTimeout(seconds: 10, "PostgreSQL at \(DatabaseURL.redacted(text)) did not answer within 10 s")
            {
                try await admin.read { sql in try await sql.raw("CREATE DATABASE \(ident: name)").run() }
            }
        } catch {
            if let timeout = error as? TimedOut { await PostgresReachability.shared.recordFailure(timeout.description) }
            adminRun.cancel()
            await adminRun.value
            await postgresSlots.release()
            throw error
        }
        var settings = adminSettings
        settings.database = name
        settings.maximumConnections = 6
        let database = PostgresStore(url: settings, logger: logger)
        let run = Task { await database.run() }
        return TestDatabase(backend: .postgres, store: Store(database: database, now: clock.now), clock: clock) {
            run.cancel()
            await run.value
            do {
                try await withTimeout(seconds: 15, "dropping \(name) did not finish") {
                    try await admin.read { sql in
                        try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
                    }
                }
            } catch {
                Issue.record("could not drop test database \(name): \(error)")
            }
            adminRun.cancel()
            await adminRun.value
            await postgresSlots.release()
        }
    }

    func close() async { await cleanup() }
}

/// Opens a fresh, migrated database on `backend`, runs `body` and throws the database away,
/// whether or not `body` succeeded.
func withStore(
    _ backend: Backend, clock: TestClock = TestClock(), migrate: Bool = true,
    _ body: (Store, TestClock) async throws -> Void
) async throws {
    let test = try await TestDatabase.open(backend, clock: clock)
    do {
        if migrate { try await test.store.migrations.run() }
        try await body(test.store, clock)
    } catch {
        await test.close()
        throw error
    }
    await test.close()
}

/// Runs raw SQL in a transaction, for reading and tampering with what the repositories hide.
func execute(_ store: Store, _ query: SQLQueryString) async throws {
    try await store.database.transaction { sql in try await sql.raw(query).run() }
}

/// Counts rows with raw SQL.
func count(_ store: Store, _ table: String) async throws -> Int {
    try await store.database.read { sql in
        try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? -1
    }
}

/// The error `body` threw as a `StorageError`, recording an issue if it threw nothing or something else.
func storageError<T>(
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async -> StorageError? {
    do {
        _ = try await body()
        Issue.record("expected a StorageError, but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as StorageError {
        return error
    } catch {
        Issue.record("expected a StorageError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The message of an `.invalid` error, or nil for any other outcome.
func invalidMessage(_ error: StorageError?) -> String? {
    if case .invalid(let message) = error { return message }
    return nil
}

enum Principals {
    static let alice = Principal(userId: "u-alice", email: "alice@example.com")
    static let bob = Principal(userId: "u-bob", email: "bob@example.com")
}

/// Records with every field set, so round trips check every column.
enum Samples {
    static func person(_ id: String = "p-ada", name: String = "Ada Lovelace") -> Person {
        Person(
            id: id, externalId: "HR-\(id)", name: name, employment: "employee", title: "Staff evaluator",
            payMinor: 123_456_789_012, currency: "USD", payBasis: "annual", band: "B4", legacyBand: "B3",
            workLayer: "evaluation", location: "GB-LND", hireDate: "2024-02-01", managerId: nil,
            specId: "rlhf-specialist", budgetOwner: "product-quality", hoursPerWeek: 37.5, reviewerId: "r-ada",
            equityGroups: "gender=F; age=40-49", variablePayMinor: 1_250_000)
    }

    static func vendor(_ id: String = "v-acme", name: String = "Acme Annotation") -> Vendor {
        Vendor(
            id: id, name: name, country: "KE", contractSpecId: "acme-contract", annualSpendMinor: 98_765_432_100,
            currency: "EUR", budgetOwner: "data-ops", lastAudit: "2025-11", nextAudit: "2026-11-30",
            auditFindings: "Rejected tasks unpaid", auditBlocking: true, notes: "Audited on site.\nNo findings.")
    }

    static func dataset(_ id: String = "d-voices", name: String = "Voice prompts", vendorId: String? = nil) -> Dataset {
        Dataset(
            id: id, name: name, vendorId: vendorId, sourceSpecId: "voice-actor", description: "Read prompts, 40 h",
            recordedWork: true, consentRecord: "consent/2025/voices.pdf", retention: "5 years")
    }

    static func marketPoint(_ id: String = "m-1", role: String = "Response evaluator") -> MarketPoint {
        MarketPoint(
            id: id, role: role, location: "US-CA", currency: "USD", period: "hourly", p25Minor: 3_500,
            p50Minor: 4_250, p75Minor: 5_100, source: "Survey 2026", asOf: "2026-01")
    }
}

extension LineDiff.Line {
    /// "kind old:N new:M text", with "-" for a line number the line does not have.
    var summary: String {
        "\(kind.rawValue) old:\(oldLine.map(String.init) ?? "-") new:\(newLine.map(String.init) ?? "-") \(text)"
    }
}
