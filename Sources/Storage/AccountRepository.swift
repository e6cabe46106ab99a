package import Foundation
import SQLKit

/// What a user may do. Individual pay is visible to admin and compensation only.
package enum UserRole: String, Sendable, Codable, CaseIterable {
    case admin
    case compensation
    case procurement
    case finance
    case viewer
}

/// A person who signs in. The password hash never leaves Storage and WebApp's sign-in.
package struct User: Sendable, Codable, Equatable {
    package var id: String
    package var email: String
    package var name: String
    package var role: String
    package var passwordHash: String
    package var disabled: Bool
    package var revision: Int
    package var createdAt: String
    package var updatedAt: String

    package init(id: String, email: String, name: String, role: UserRole, passwordHash: String) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role.rawValue
        self.passwordHash = passwordHash
        self.disabled = false
        self.revision = 1
        self.createdAt = ""
        self.updatedAt = ""
    }

    package var userRole: UserRole { UserRole(rawValue: role) ?? .viewer }
    package var principal: Principal { Principal(userId: id, email: email) }

    /// What the audit log records of a user: everything but the password hash.
    struct Audited: Codable {
        var id, email, name, role: String
        var disabled: Bool
        var passwordChanged: Bool
        init(_ user: User, passwordChanged: Bool = false) {
            id = user.id
            email = user.email
            name = user.name
            role = user.role
            disabled = user.disabled
            self.passwordChanged = passwordChanged
        }
    }
}

/// An API token as listed: never the token itself, only its first characters to recognise it.
package struct APIToken: Sendable, Codable, Equatable {
    package var id: String
    package var userId: String
    package var name: String
    package var tokenHash: String
    package var prefix: String
    package var createdAt: String
    package var lastUsedAt: String?
    package var revokedAt: String?

    package init(id: String, userId: String, name: String, tokenHash: String, prefix: String) {
        self.id = id
        self.userId = userId
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
        self.createdAt = ""
    }
}

/// Users, browser sessions and API tokens. Secrets arrive already hashed.
package struct AccountRepository: Sendable {
    let database: any Database
    let now: @Sendable () -> Date

    package init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    package func userCount() async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    package func users(page: PageRequest = PageRequest()) async throws -> Page<User> {
        try await database.read { sql in
            let total =
                try await sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
            let items = try await sql.select().column("*").from("users").orderBy("email").limit(page.limit).offset(
                page.offset
            )
            .all(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
            return Page(items: items, total: total, limit: page.limit, offset: page.offset)
        }
    }

    package func user(id: String) async throws -> User {
        try await database.read { sql in
            guard let user = try await AccountRepository.fetchUser("id", id, sql) else {
                throw StorageError.notFound(entity: "user", id: id)
            }
            return user
        }
    }

    package func user(email: String) async throws -> User? {
        try await database.read { sql in try await AccountRepository.fetchUser("email", email.lowercased(), sql) }
    }

    package func createUser(_ user: User, by principal: Principal) async throws -> User {
        let stamp = Timestamp.string(now())
        var stored = user
        stored.email = user.email.lowercased()
        stored.revision = 1
        stored.createdAt = stamp
        stored.updatedAt = stamp
        let created = stored
        return try await database.transaction { sql in
            if try await AccountRepository.fetchUser("email", created.email, sql) != nil {
                throw StorageError.duplicate(entity: "user", key: created.email)
            }
            // A concurrent sign-up with the same email commits between the check and the insert.
            let inserted = try await sql.insert(into: "users").model(created, keyEncodingStrategy: .convertToSnakeCase)
                .ignoringConflicts(with: "email").returning("id").all()
            guard !inserted.isEmpty else { throw StorageError.duplicate(entity: "user", key: created.email) }
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "create", entity: "user", entityId: created.id,
                before: nil, after: try AuditJSON.encode(User.Audited(created, passwordChanged: true)))
            return created
        }
    }

    /// Changes name, role, disabled or password; a password change ends the user's sessions and
    /// revokes their API tokens.
    package func updateUser(_ user: User, expectedRevision: Int, by principal: Principal) async throws -> User {
        let stamp = Timestamp.string(now())
        let incoming = user
        return try await database.transaction { sql in
            guard let current = try await AccountRepository.fetchUser("id", incoming.id, sql) else {
                throw StorageError.notFound(entity: "user", id: incoming.id)
            }
            guard current.revision == expectedRevision else {
                throw StorageError.conflict(entity: "user", id: incoming.id, current: current.revision)
            }
            var updated = current
            updated.name = incoming.name
            updated.role = incoming.role
            updated.disabled = incoming.disabled
            updated.passwordHash = incoming.passwordHash
            updated.revision += 1
            updated.updatedAt = stamp
            // The revision in the WHERE clause makes the check and the write one step, so of two
            // concurrent edits from the same revision only one lands.
            let changed = try await sql.update("users").set("name", to: updated.name).set("role", to: updated.role)
                .set("disabled", to: updated.disabled).set("password_hash", to: updated.passwordHash)
                .set("revision", to: updated.revision).set("updated_at", to: stamp)
                .where("id", .equal, updated.id).where("revision", .equal, expectedRevision).returning("id").all()
            guard !changed.isEmpty else {
                guard let now = try await AccountRepository.fetchUser("id", updated.id, sql) else {
                    throw StorageError.notFound(entity: "user", id: updated.id)
                }
                throw StorageError.conflict(entity: "user", id: updated.id, current: now.revision)
            }
            let passwordChanged = current.passwordHash != updated.passwordHash
            if passwordChanged || updated.disabled {
                try await sql.delete(from: "sessions").where("user_id", .equal, updated.id).run()
            }
            // A new password is how a leaked credential is shut out; a token made with the old one
            // must not outlive it. Revoked in the same transaction, each with its audit entry.
            if passwordChanged {
                try await AccountRepository.revokeTokens(userId: updated.id, at: stamp, by: principal, sql)
            }
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "update", entity: "user", entityId: updated.id,
                before: try AuditJSON.encode(User.Audited(current)),
                after: try AuditJSON.encode(User.Audited(updated, passwordChanged: passwordChanged)))
            return updated
        }
    }

    // MARK: Sessions

    package func createSession(tokenHash: String, userId: String, expiresAt: Date) async throws {
        let stamp = Timestamp.string(now())
        try await database.transaction { sql in
            // Sign-in is a good moment to drop sessions that ran out.
            try await sql.delete(from: "sessions").where("expires_at", .lessThan, stamp).run()
            try await sql.insert(into: "sessions").columns("token_hash", "user_id", "created_at", "expires_at")
                .values(SQLBind(tokenHash), SQLBind(userId), SQLBind(stamp), SQLBind(Timestamp.string(expiresAt))).run()
        }
    }

    /// The signed-in user for a session, if it exists, has not expired and the user is enabled.
    package func sessionUser(tokenHash: String) async throws -> User? {
        let stamp = Timestamp.string(now())
        return try await database.read { sql in
            try await sql.raw(
                """
                SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id
                WHERE sessions.token_hash = \(bind: tokenHash) AND sessions.expires_at > \(bind: stamp)
                """
            ).first(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
        }.flatMap { $0.disabled ? nil : $0 }
    }

    package func deleteSession(tokenHash: String) async throws {
        try await database.transaction { sql in
            try await sql.delete(from: "sessions").where("token_hash", .equal, tokenHash).run()
        }
    }

    // MARK: API tokens

    package func createToken(_ token: APIToken, by principal: Principal) async throws -> APIToken {
        let stamp = Timestamp.string(now())
        var stored = token
        stored.createdAt = stamp
        let created = stored
        return try await database.transaction { sql in
            try await sql.insert(into: "api_tokens").model(created, keyEncodingStrategy: .convertToSnakeCase).run()
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "create", entity: "api-token", entityId: created.id,
                before: nil, after: try AuditJSON.encode(TokenAudit(created)))
            return created
        }
    }

    package func tokens(userId: String) async throws -> [APIToken] {
        try await database.read { sql in
            try await sql.select().column("*").from("api_tokens").where("user_id", .equal, userId).orderBy("created_at")
                .all(decoding: APIToken.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    /// The user behind a live token. Last use is recorded at most hourly, so reads stay reads.
    package func tokenUser(tokenHash: String) async throws -> User? {
        let now = now()
        // One query per authenticated request: the token and its user together.
        let found = try await database.read { sql -> (User, String, String?)? in
            guard
                let row = try await sql.raw(
                    """
                    SELECT users.*, api_tokens.id AS token_id, api_tokens.last_used_at AS token_last_used_at
                    FROM api_tokens JOIN users ON users.id = api_tokens.user_id
                    WHERE api_tokens.token_hash = \(bind: tokenHash) AND api_tokens.revoked_at IS NULL
                    """
                ).first()
            else { return nil }
            let user = try row.decode(model: User.self, keyDecodingStrategy: .convertFromSnakeCase)
            guard !user.disabled else { return nil }
            return (
                user, try row.decode(column: "token_id", as: String.self),
                try row.decode(column: "token_last_used_at", as: String?.self)
            )
        }
        guard let (user, tokenId, lastUsedAt) = found else { return nil }
        let hourAgo = Timestamp.string(now.addingTimeInterval(-3600))
        if lastUsedAt.map({ $0 < hourAgo }) ?? true {
            let stamp = Timestamp.string(now)
            try? await database.transaction { sql in
                try await sql.update("api_tokens").set("last_used_at", to: stamp).where("id", .equal, tokenId).run()
            }
        }
        return user
    }

    package func revokeToken(id: String, userId: String?, by principal: Principal) async throws {
        let stamp = Timestamp.string(now())
        try await database.transaction { sql in
            var query = sql.select().column("*").from("api_tokens").where("id", .equal, id)
            if let userId { query = query.where("user_id", .equal, userId) }
            guard var token = try await query.first(decoding: APIToken.self, keyDecodingStrategy: .convertFromSnakeCase)
            else {
                throw StorageError.notFound(entity: "api token", id: id)
            }
            guard token.revokedAt == nil else { return }
            let before = TokenAudit(token)
            token.revokedAt = stamp
            try await sql.update("api_tokens").set("revoked_at", to: stamp).where("id", .equal, id).run()
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "revoke", entity: "api-token", entityId: id,
                before: try AuditJSON.encode(before), after: try AuditJSON.encode(TokenAudit(token)))
        }
    }

    /// Revokes every live token of a user inside the caller's transaction.
    static func revokeTokens(userId: String, at stamp: String, by principal: Principal, _ sql: any SQLDatabase)
        async throws
    {
        let live = try await sql.select().column("*").from("api_tokens").where("user_id", .equal, userId).where(
            "revoked_at", .is, SQLLiteral.null
        )
        .orderBy("created_at").all(decoding: APIToken.self, keyDecodingStrategy: .convertFromSnakeCase)
        for token in live {
            var revoked = token
            revoked.revokedAt = stamp
            try await sql.update("api_tokens").set("revoked_at", to: stamp).where("id", .equal, token.id).run()
            try await AuditLog.append(
                sql, at: stamp, actor: principal, action: "revoke", entity: "api-token", entityId: token.id,
                before: try AuditJSON.encode(TokenAudit(token)), after: try AuditJSON.encode(TokenAudit(revoked)))
        }
    }

    static func fetchUser(_ column: String, _ value: String, _ sql: any SQLDatabase) async throws -> User? {
        try await sql.select().column("*").from("users").where(SQLIdentifier(column), .equal, SQLBind(value))
            .first(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// A token as audited: no hash.
    struct TokenAudit: Codable {
        var id, userId, name, prefix: String
        var revokedAt: String?
        init(_ token: APIToken) {
            id = token.id
            userId = token.userId
            name = token.name
            prefix = token.prefix
            revokedAt = token.revokedAt
        }
    }
}
