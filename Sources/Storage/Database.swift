package import SQLKit

/// Which SQL the migrations and the few dialect-specific queries speak.
package enum SQLDialectKind: String, Sendable {
    case sqlite
    case postgres
}

/// A database the repositories run against: reads, and writes that are all-or-nothing.
///
/// Every write goes through `transaction`, so a change and its audit entry land together
/// or not at all.
package protocol Database: Sendable {
    var dialect: SQLDialectKind { get }
    /// A short description for logs and `/health`, never containing a password.
    var displayName: String { get }
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func close() async
}

/// Errors a repository reports in terms a user can act on.
package enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such record.
    case notFound(entity: String, id: String)
    /// The record changed since the caller read it; `current` is its revision now.
    case conflict(entity: String, id: String, current: Int)
    /// A unique key (an id, an email) is already taken.
    case duplicate(entity: String, key: String)
    /// A reference to another record that does not exist, or a value the store cannot hold.
    case invalid(String)
    /// The database could not be reached or refused the operation.
    case unavailable(String)

    package var description: String {
        switch self {
        case .notFound(let entity, let id): "no \(entity) with id '\(id)'"
        case .conflict(let entity, let id, let current):
            "\(entity) '\(id)' was changed by someone else (now revision \(current)); reload and apply your edit again"
        case .duplicate(let entity, let key): "a \(entity) with '\(key)' already exists"
        case .invalid(let message): message
        case .unavailable(let message): "database unavailable: \(message)"
        }
    }
}
