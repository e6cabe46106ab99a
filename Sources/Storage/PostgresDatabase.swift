import Foundation
package import Logging
import PostgresKit
package import PostgresNIO
package import SQLKit
import Synchronization

/// PostgreSQL through PostgresNIO's connection pool.
///
/// The pool must be running (`run()`) for queries to be served; the server adds it to its
/// service group so it starts and stops with the application.
package final class PostgresStore: Database {
    package let dialect = SQLDialectKind.postgres
    package let displayName: String
    package let client: PostgresClient
    private let logger: Logger

    package init(url: DatabaseURL.Postgres, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password,
            database: url.database, tls: url.requireTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = url.maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.displayName = "postgres://\(url.username)@\(url.host):\(url.port)/\(url.database ?? url.username)"
        self.logger = logger
    }

    /// Runs the connection pool until the task is cancelled; queries wait for it.
    package func run() async {
        await client.run()
    }

    /// How long a request waits for a connection before it is told the database is unavailable.
    /// Without a bound, a request made while PostgreSQL is down waits for the pool's retries
    /// (over a minute); work that has its connection is never cut short.
    package let leaseTimeout: Duration = .seconds(5)

    package func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // The task group ends before this returns, so `body` never outlives the call.
        try await withoutActuallyEscaping(body) { body in
            try await PostgresStore.mapErrors {
                try await PostgresStore.boundedLease(leaseTimeout, displayName) { started in
                    try await self.client.withConnection { connection in
                        started.mark()
                        return try await body(connection.sql())
                    }
                }
            }
        }
    }

    package func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            try await PostgresStore.mapErrors {
                try await PostgresStore.boundedLease(leaseTimeout, displayName) { started in
                    try await self.client.withTransaction(logger: self.logger) { connection in
                        started.mark()
                        return try await body(connection.sql())
                    }
                }
            }
        }
    }

    /// Runs `work`; if it has not got its connection (`started.mark()`) within `timeout`, it is
    /// cancelled and the caller gets `StorageError.unavailable`.
    static func boundedLease<T: Sendable>(
        _ timeout: Duration, _ name: String,
        _ work: @escaping @Sendable (LeaseStarted) async throws -> T
    ) async throws -> T {
        let started = LeaseStarted()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work(started) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                if started.hasStarted { return nil }
                throw StorageError.unavailable(
                    "PostgreSQL at \(name) gave no connection within \(timeout.components.seconds) s")
            }
            while let next = try await group.next() {
                if let value = next {
                    group.cancelAll()
                    return value
                }
            }
            throw StorageError.unavailable("PostgreSQL at \(name): the request ended without an answer")
        }
    }

    package func close() async {}

    static func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StorageError {
            throw error
        } catch let error as PostgresTransactionError {
            // The closure's own error (a conflict, a not-found) is what the caller needs.
            if let closureError = error.closureError as? StorageError { throw closureError }
            if let closureError = error.closureError as? PSQLError { throw StorageError.translate(closureError) }
            if let closureError = error.closureError { throw closureError }
            throw StorageError.unavailable(String(describing: error))
        } catch let error as PSQLError {
            throw StorageError.translate(error)
        }
    }
}

/// Set once the pool has handed over a connection.
final class LeaseStarted: Sendable {
    private let flag = Mutex(false)
    func mark() { flag.withLock { $0 = true } }
    var hasStarted: Bool { flag.withLock { $0 } }
}

extension StorageError {
    static func translate(_ error: PSQLError) -> StorageError {
        if let sqlState = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? sqlState
            switch sqlState {
            case "23505": return .invalid("a record with that key already exists: \(message)")
            case "23503": return .invalid("a referenced record does not exist")
            case let state where state.hasPrefix("23"): return .invalid("constraint violated: \(message)")
            case "P0001": return .invalid(message)
            default: return .unavailable(message)
            }
        }
        return .unavailable("PostgreSQL: \(error.code)")
    }
}
