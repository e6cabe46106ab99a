import ArgumentParser
import Logging
import Storage

/// `wagefile migrate`: applies pending schema migrations and says which.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Logger(label: "wagefile.migrate")
        let applied = try await database.withStore(logger: logger) { store in
            try await StoreErrors.mapped { try await store.migrations.run() }
        }
        print(applied.isEmpty ? "Schema is up to date." : "Applied: \(applied.joined(separator: ", "))")
    }
}

/// Database failures at the command line: a message and exit 2, never a stack trace.
enum StoreErrors {
    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StorageError {
            Diagnostics.print([error.description])
            throw Outcome.badInput
        } catch let error as RecordProblems {
            Diagnostics.print([error.description])
            throw Outcome.badInput
        }
    }
}
