import Foundation

/// Where the data lives: `sqlite:PATH` (or a bare path), `sqlite::memory:`, or
/// `postgres://user:password@host:port/database?sslmode=require&pool=N`.
package enum DatabaseURL: Sendable, Equatable {
    case sqlite(path: String?)
    case postgres(Postgres)

    package struct Postgres: Sendable, Equatable {
        package var host: String
        package var port: Int
        package var username: String
        package var password: String?
        package var database: String?
        package var requireTLS: Bool
        package var maximumConnections: Int
    }

    package static func parse(_ text: String) throws(StorageError) -> DatabaseURL {
        if text == "sqlite::memory:" || text == ":memory:" { return .sqlite(path: nil) }
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else {
                throw .invalid("database URL 'sqlite:' needs a file path, e.g. sqlite:wagefile.sqlite")
            }
            return .sqlite(path: path)
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            if !text.contains("://") { return .sqlite(path: text) }
            throw .invalid("database URL must start with postgres:// or sqlite: (got '\(redacted(text))')")
        }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw .invalid(
                "database URL '\(redacted(text))' is not a valid postgres:// URL; expected postgres://user:password@host:port/database"
            )
        }
        guard let user = components.user, !user.isEmpty else {
            throw .invalid("database URL '\(redacted(text))' names no user; expected postgres://user@host/database")
        }
        let items = components.queryItems ?? []
        let sslmode = items.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "prefer", "require", "verify-full"].contains(sslmode) else {
            throw .invalid("database URL: sslmode '\(sslmode)' is not one of disable, prefer, require, verify-full")
        }
        var pool = 10
        if let value = items.first(where: { $0.name == "pool" })?.value {
            guard let number = Int(value), (1...200).contains(number) else {
                throw .invalid("database URL: pool must be a whole number from 1 to 200 (got '\(value)')")
            }
            pool = number
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        return .postgres(
            Postgres(
                host: host, port: components.port ?? 5432, username: user,
                // `password` is already percent-decoded; decoding again would turn "%2541" into "A".
                password: components.password,
                database: path.isEmpty ? nil : path,
                requireTLS: sslmode == "require" || sslmode == "verify-full", maximumConnections: pool))
    }

    /// The URL with any password replaced, safe for logs and error messages.
    package static func redacted(_ text: String) -> String {
        if var components = URLComponents(string: text) {
            guard components.password != nil else { return text }
            components.password = "***"
            return components.string ?? "(unprintable URL)"
        }
        // Not a URL Foundation parses (a password with "#" or "?" in it, say): hide whatever
        // sits between "user:" and the last "@" of the authority by hand.
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<rest.index(after: colon)]) + "***" + String(rest[at...])
    }
}
