import ArgumentParser
import Foundation
import Logging
import Storage

/// `--database-url`: where Wagefile keeps its data. Defaults to an embedded SQLite file.
struct DatabaseOptions: ParsableArguments {
    static let defaultURL = "sqlite:.wagefile/wagefile.sqlite"

    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "sqlite:PATH or postgres://user:password@host:port/database (default: $WAGEFILE_DATABASE_URL, else \(defaultURL)).",
            valueName: "url"))
    var databaseURL: String?

    var resolved: String {
        databaseURL ?? ProcessInfo.processInfo.environment["WAGEFILE_DATABASE_URL"] ?? Self.defaultURL
    }
    var isDefault: Bool { databaseURL == nil && ProcessInfo.processInfo.environment["WAGEFILE_DATABASE_URL"] == nil }

    func url() throws -> DatabaseURL {
        do {
            return try DatabaseURL.parse(resolved)
        } catch {
            Diagnostics.print(["--database-url: \(error.description)"])
            throw Outcome.badInput
        }
    }

    /// Opens the store and, for PostgreSQL, runs its pool for as long as `body` runs.
    /// Opens the store the options name; a bad URL or an unopenable file is bad input (exit 2).
    func open(logger: Logger) async throws -> Store {
        let url = try url()
        do {
            return try await Store.open(url, logger: logger)
        } catch {
            Diagnostics.print(["\(DatabaseURL.redacted(resolved)): \(error)"])
            throw Outcome.badInput
        }
    }

    func withStore<T: Sendable>(logger: Logger, _ body: @Sendable (Store) async throws -> T) async throws -> T {
        let store = try await open(logger: logger)
        let pool = (store.database as? PostgresStore).map { postgres in Task { await postgres.run() } }
        defer { pool?.cancel() }
        do {
            let value = try await body(store)
            await store.database.close()
            return value
        } catch {
            await store.database.close()
            throw error
        }
    }
}
