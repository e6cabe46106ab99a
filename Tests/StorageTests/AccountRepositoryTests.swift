import Foundation
import SQLKit
import Storage
import Testing
import WorkModel

@Suite("Accounts: users, sessions, API tokens")
struct AccountRepositoryTests {
    static func user(_ id: String, _ email: String, role: UserRole = .compensation) -> User {
        User(id: id, email: email, name: "User \(id)", role: role, passwordHash: "$2b$12$hash-of-\(id)")
    }

    @Test(arguments: Backend.available)
    func emailsAreStoredLowercasedAndFoundInAnyCase(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let stamp = clock.nextStamp()
            let created = try await store.accounts.createUser(
                Self.user("u-ada", "Ada.Lovelace@Example.COM"), by: .system)
            #expect(created.email == "ada.lovelace@example.com")
            #expect(created.revision == 1)
            #expect(created.createdAt == stamp)
            #expect(created.userRole == .compensation)
            #expect(try await store.accounts.user(id: "u-ada") == created)
            #expect(try await store.accounts.user(email: "ADA.LOVELACE@example.com") == created)
            #expect(try await store.accounts.user(email: "nobody@example.com") == nil)
            #expect(
                await storageError { try await store.accounts.user(id: "u-none") }
                    == .notFound(entity: "user", id: "u-none"))
            #expect(try await store.accounts.userCount() == 1)
        }
    }

    @Test(arguments: Backend.available)
    func aSecondAccountForTheSameEmailIsRefused(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await store.accounts.createUser(Self.user("u-1", "ada@example.com"), by: .system)
            let error = await storageError {
                try await store.accounts.createUser(Self.user("u-2", "ADA@Example.com"), by: .system)
            }
            #expect(error == .duplicate(entity: "user", key: "ada@example.com"))
            #expect(try await store.accounts.userCount() == 1)
            #expect(try await store.accounts.user(email: "ada@example.com")?.id == "u-1")
        }
    }

    @Test(arguments: Backend.available)
    func usersAreListedByEmailAndPaged(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            for (id, email) in [("u-1", "carol@example.com"), ("u-2", "alice@example.com"), ("u-3", "bob@example.com")]
            {
                _ = try await store.accounts.createUser(Self.user(id, email), by: .system)
            }
            let first = try await store.accounts.users(page: PageRequest(limit: 2))
            #expect(first.total == 3)
            #expect(first.items.map(\.email) == ["alice@example.com", "bob@example.com"])
            #expect(try await store.accounts.users(page: PageRequest(limit: 2, offset: 2)).items.map(\.id) == ["u-1"])
        }
    }

    @Test(arguments: Backend.available)
    func updatingAUserNeedsTheCurrentRevision(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let created = try await store.accounts.createUser(
                Self.user("u-1", "ada@example.com", role: .viewer), by: .system)
            var edit = created
            edit.role = UserRole.admin.rawValue
            edit.name = "Ada L."
            edit.email = "changed@example.com"  // Not something an update changes.
            let updated = try await store.accounts.updateUser(edit, expectedRevision: 1, by: Principals.alice)
            #expect(updated.revision == 2)
            #expect(updated.userRole == .admin)
            #expect(updated.email == "ada@example.com")
            #expect(try await store.accounts.user(id: "u-1") == updated)

            var stale = created
            stale.role = UserRole.finance.rawValue
            let error = await storageError {
                try await store.accounts.updateUser(stale, expectedRevision: 1, by: Principals.bob)
            }
            #expect(error == .conflict(entity: "user", id: "u-1", current: 2))
            #expect(try await store.accounts.user(id: "u-1").userRole == .admin)
        }
    }

    // MARK: Sessions

    @Test(arguments: Backend.available)
    func aSessionSignsItsUserInUntilItExpires(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let user = try await store.accounts.createUser(Self.user("u-1", "ada@example.com"), by: .system)
            try await store.accounts.createSession(
                tokenHash: "session-1", userId: user.id, expiresAt: clock.peek().addingTimeInterval(3600))
            #expect(try await store.accounts.sessionUser(tokenHash: "session-1") == user)
            #expect(try await store.accounts.sessionUser(tokenHash: "session-unknown") == nil)

            clock.advance(by: 3600)
            #expect(try await store.accounts.sessionUser(tokenHash: "session-1") == nil)
            // The next sign-in clears the expired session out of the table.
            try await store.accounts.createSession(
                tokenHash: "session-2", userId: user.id, expiresAt: clock.peek().addingTimeInterval(3600))
            #expect(try await count(store, "sessions") == 1)
            #expect(try await store.accounts.sessionUser(tokenHash: "session-2") == user)

            try await store.accounts.deleteSession(tokenHash: "session-2")
            #expect(try await store.accounts.sessionUser(tokenHash: "session-2") == nil)
        }
    }

    @Test(arguments: Backend.available)
    func aSessionForAnUnknownUserIsRefused(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let error = await storageError {
                try await store.accounts.createSession(
                    tokenHash: "s", userId: "u-ghost", expiresAt: clock.peek().addingTimeInterval(60))
            }
            #expect(error == .invalid("a referenced record does not exist"))
            let sessions = try await count(store, "sessions")
            #expect(sessions == 0)
        }
    }

    @Test(arguments: Backend.available)
    func disablingAUserEndsTheirSessionsAndTokens(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let user = try await store.accounts.createUser(Self.user("u-1", "ada@example.com"), by: .system)
            let other = try await store.accounts.createUser(Self.user("u-2", "bob@example.com"), by: .system)
            let expiry = clock.peek().addingTimeInterval(86_400)
            try await store.accounts.createSession(tokenHash: "s-ada", userId: user.id, expiresAt: expiry)
            try await store.accounts.createSession(tokenHash: "s-bob", userId: other.id, expiresAt: expiry)
            _ = try await store.accounts.createToken(
                APIToken(id: "t-1", userId: user.id, name: "ci", tokenHash: "tok-ada", prefix: "wf_ab"),
                by: user.principal)
            #expect(try await store.accounts.tokenUser(tokenHash: "tok-ada")?.id == "u-1")

            var disabled = user
            disabled.disabled = true
            _ = try await store.accounts.updateUser(disabled, expectedRevision: 1, by: Principals.alice)
            #expect(try await store.accounts.sessionUser(tokenHash: "s-ada") == nil)
            #expect(try await store.accounts.tokenUser(tokenHash: "tok-ada") == nil)
            #expect(try await store.accounts.sessionUser(tokenHash: "s-bob")?.id == "u-2")
        }
    }

    @Test(arguments: Backend.available)
    func aSessionOfADisabledUserIsRefusedEvenIfItSurvived(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let user = try await store.accounts.createUser(Self.user("u-1", "ada@example.com"), by: .system)
            try await store.accounts.createSession(
                tokenHash: "s-ada", userId: user.id, expiresAt: clock.peek().addingTimeInterval(3600))
            // Disabled behind the repository's back, so the session row is still there.
            try await execute(store, "UPDATE users SET disabled = \(bind: true) WHERE id = \(bind: "u-1")")
            #expect(try await count(store, "sessions") == 1)
            #expect(try await store.accounts.sessionUser(tokenHash: "s-ada") == nil)
        }
    }

    @Test(arguments: Backend.available)
    func aPasswordChangeEndsEverySessionOfThatUserOnly(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let user = try await store.accounts.createUser(Self.user("u-1", "ada@example.com"), by: .system)
            _ = try await store.accounts.createUser(Self.user("u-2", "bob@example.com"), by: .system)
            let expiry = clock.peek().addingTimeInterval(86_400)
            try await store.accounts.createSession(tokenHash: "laptop", userId: "u-1", expiresAt: expiry)
            try await store.accounts.createSession(tokenHash: "phone", userId: "u-1", expiresAt: expiry)
            try await store.accounts.createSession(tokenHash: "bobs", userId: "u-2", expiresAt: expiry)

            // A name change keeps the sessions.
            var renamed = user
            renamed.name = "Ada"
            let afterRename = try await store.accounts.updateUser(renamed, expectedRevision: 1, by: user.principal)
            #expect(try await store.accounts.sessionUser(tokenHash: "laptop")?.name == "Ada")

            var changed = afterRename
            changed.passwordHash = "$2b$12$new-hash"
            _ = try await store.accounts.updateUser(changed, expectedRevision: 2, by: user.principal)
            #expect(try await store.accounts.sessionUser(tokenHash: "laptop") == nil)
            #expect(try await store.accounts.sessionUser(tokenHash: "phone") == nil)
            #expect(try await store.accounts.sessionUser(tokenHash: "bobs")?.id == "u-2")
            #expect(try await store.accounts.user(id: "u-1").passwordHash == "$2b$12$new-hash")

            let entry = try #require(try await store.audit.list(.init(entity: "user", entityId: "u-1")).items.first)
            #expect(entry.after?.contains(#""passwordChanged":true"#) == true)
            #expect(entry.after?.contains("new-hash") == false)
            #expect(entry.before?.contains("hash-of") == false)
        }
    }

    @Test(arguments: Backend.available)
    func aPasswordChangeRevokesThatUsersTokensOnly(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let user = try await store.accounts.createUser(Self.user("u-1", "ada@example.com"), by: .system)
            _ = try await store.accounts.createUser(Self.user("u-2", "bob@example.com"), by: .system)
            for (id, owner) in [("t-laptop", "u-1"), ("t-ci", "u-1"), ("t-bob", "u-2")] {
                _ = try await store.accounts.createToken(
                    APIToken(id: id, userId: owner, name: id, tokenHash: "hash-\(id)", prefix: "wf_\(id)"), by: .system)
            }
            // A name change keeps the tokens.
            var renamed = user
            renamed.name = "Ada"
            let afterRename = try await store.accounts.updateUser(renamed, expectedRevision: 1, by: user.principal)
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-t-laptop")?.id == "u-1")

            var changed = afterRename
            changed.passwordHash = "$2b$12$new-hash"
            _ = try await store.accounts.updateUser(changed, expectedRevision: 2, by: user.principal)
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-t-laptop") == nil)
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-t-ci") == nil)
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-t-bob")?.id == "u-2")
            #expect(try await store.accounts.tokens(userId: "u-1").allSatisfy { $0.revokedAt != nil })
            // Each revocation is in the audit log, in the same chain.
            let revocations = try await store.audit.list(.init(entity: "api-token")).items.filter {
                $0.action == "revoke"
            }
            #expect(Set(revocations.map(\.entityId)) == ["t-laptop", "t-ci"])
            #expect(try await store.audit.verify().intact)
        }
    }

    // MARK: API tokens

    @Test(arguments: Backend.available)
    func aTokenFindsItsUserByHashAndRecordsItsUse(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let user = try await store.accounts.createUser(Self.user("u-1", "ada@example.com"), by: .system)
            let created = try await store.accounts.createToken(
                APIToken(id: "t-1", userId: "u-1", name: "ci", tokenHash: "hash-1", prefix: "wf_12"), by: user.principal
            )
            #expect(created.revokedAt == nil && created.lastUsedAt == nil)
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-unknown") == nil)

            let useStamp = clock.nextStamp()
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-1") == user)
            #expect(try await store.accounts.tokens(userId: "u-1").first?.lastUsedAt == useStamp)
            // Within the hour the last use is not rewritten.
            clock.advance(by: 600)
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-1") == user)
            #expect(try await store.accounts.tokens(userId: "u-1").first?.lastUsedAt == useStamp)
            clock.advance(by: 3600)
            let laterStamp = clock.nextStamp()
            _ = try await store.accounts.tokenUser(tokenHash: "hash-1")
            #expect(try await store.accounts.tokens(userId: "u-1").first?.lastUsedAt == laterStamp)

            // The audit entry names the token but never carries its hash.
            let entry = try #require(
                try await store.audit.list(.init(entity: "api-token", entityId: "t-1")).items.first)
            #expect(entry.action == "create")
            #expect(entry.after?.contains("wf_12") == true)
            #expect(entry.after?.contains("hash-1") == false)
        }
    }

    @Test(arguments: Backend.available)
    func aRevokedTokenNoLongerSignsIn(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let user = try await store.accounts.createUser(Self.user("u-1", "ada@example.com"), by: .system)
            _ = try await store.accounts.createToken(
                APIToken(id: "t-1", userId: "u-1", name: "ci", tokenHash: "hash-1", prefix: "wf_1"),
                by: user.principal)
            _ = try await store.accounts.createToken(
                APIToken(id: "t-2", userId: "u-1", name: "cli", tokenHash: "hash-2", prefix: "wf_2"),
                by: user.principal)
            let stamp = clock.nextStamp()
            try await store.accounts.revokeToken(id: "t-1", userId: "u-1", by: user.principal)
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-1") == nil)
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-2")?.id == "u-1")
            let tokens = try await store.accounts.tokens(userId: "u-1")
            #expect(tokens.map(\.id) == ["t-1", "t-2"])
            #expect(tokens.first?.revokedAt == stamp)

            // Revoking again changes nothing and logs nothing.
            try await store.accounts.revokeToken(id: "t-1", userId: nil, by: Principals.alice)
            #expect(try await store.accounts.tokens(userId: "u-1").first?.revokedAt == stamp)
            #expect(
                try await store.audit.list(.init(entity: "api-token", entityId: "t-1")).items.map(\.action) == [
                    "revoke", "create",
                ])
        }
    }

    @Test(arguments: Backend.available)
    func nobodyRevokesSomeoneElsesToken(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let ada = try await store.accounts.createUser(Self.user("u-1", "ada@example.com"), by: .system)
            let bob = try await store.accounts.createUser(Self.user("u-2", "bob@example.com"), by: .system)
            _ = try await store.accounts.createToken(
                APIToken(id: "t-ada", userId: ada.id, name: "ci", tokenHash: "hash-ada", prefix: "wf_a"),
                by: ada.principal)
            let error = await storageError {
                try await store.accounts.revokeToken(id: "t-ada", userId: bob.id, by: bob.principal)
            }
            #expect(error == .notFound(entity: "api token", id: "t-ada"))
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-ada")?.id == "u-1")
            #expect(try await store.accounts.tokens(userId: "u-2").isEmpty)
            #expect(
                await storageError { try await store.accounts.revokeToken(id: "t-none", userId: nil, by: .system) }
                    == .notFound(entity: "api token", id: "t-none"))
            // An admin (no user filter) may revoke it.
            try await store.accounts.revokeToken(id: "t-ada", userId: nil, by: Principals.alice)
            #expect(try await store.accounts.tokenUser(tokenHash: "hash-ada") == nil)
        }
    }
}
