import Foundation
public import Logging
import PostgresKit
public import PostgresNIO
public import SQLKit

/// PostgreSQL through PostgresNIO's connection pool.
///
/// The pool must be running (`run()`) for queries to be served; the server adds it to its
/// service group so it starts and stops with the application.
public final class PostgresStore: Database {
    public let dialect = SQLDialectKind.postgres
    public let displayName: String
    public let client: PostgresClient
    private let logger: Logger

    public init(url: DatabaseURL.Postgres, logger: Logger) {
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
    public func run() async {
        await client.run()
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await PostgresStore.mapErrors {
            try await client.withConnection { connection in
                try await body(connection.sql())
            }
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await PostgresStore.mapErrors {
            try await client.withTransaction(logger: logger) { connection in
                try await body(connection.sql())
            }
        }
    }

    public func close() async {}

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
