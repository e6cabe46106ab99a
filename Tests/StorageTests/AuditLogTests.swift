import Foundation
import SQLKit
import Storage
import Testing
import WorkModel

@Suite("Audit log and hash chain")
struct AuditLogTests {
    /// A handful of changes of every kind; returns how many audit entries they wrote.
    @discardableResult
    static func makeChanges(_ store: Store) async throws -> Int {
        let person = try await store.people.create(Samples.person(), by: Principals.alice)
        var edit = person
        edit.band = "B5"
        _ = try await store.people.update(edit, expectedRevision: 1, by: Principals.bob)
        _ = try await store.vendors.create(Samples.vendor(), by: Principals.alice)
        try await store.vendors.delete("v-acme", expectedRevision: 1, by: Principals.alice)
        _ = try await store.specs.create(
            id: "s", kind: "role", title: "Spec", body: "a", comment: nil, by: Principals.alice)
        _ = try await store.specs.addVersion(
            id: "s", expectedVersion: 1, kind: "role", title: "Spec", body: "b", comment: nil,
            by: Principals.bob)
        return 6
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String?) throws -> T {
        try JSONDecoder().decode(type, from: Data(try #require(json).utf8))
    }

    @Test(arguments: Backend.available)
    func everyChangeIsRecordedWithWhoWhatAndBeforeAndAfter(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let createStamp = clock.nextStamp()
            let person = try await store.people.create(Samples.person(), by: Principals.alice)
            var edit = person
            edit.band = "B5"
            edit.payMinor = 130_000_00
            let updateStamp = clock.nextStamp()
            let updated = try await store.people.update(edit, expectedRevision: 1, by: Principals.bob)
            try await store.people.delete("p-ada", expectedRevision: 2, by: Principals.alice)

            let entries = try await store.audit.list().items
            #expect(entries.map(\.seq) == [3, 2, 1])
            #expect(entries.map(\.action) == ["delete", "update", "create"])
            #expect(entries.map(\.actor) == ["alice@example.com", "bob@example.com", "alice@example.com"])
            #expect(entries.allSatisfy { $0.entity == "person" && $0.entityId == "p-ada" })

            let create = entries[2]
            #expect(create.at == createStamp)
            #expect(create.before == nil)
            #expect(try Self.decode(Person.self, create.after) == person)
            #expect(create.prevHash == AuditChain.genesis)

            let update = entries[1]
            #expect(update.at == updateStamp)
            #expect(try Self.decode(Person.self, update.before) == person)
            #expect(try Self.decode(Person.self, update.after) == updated)
            #expect(try Self.decode(Person.self, update.after).payMinor == 130_000_00)
            #expect(update.prevHash == create.hash)

            let delete = entries[0]
            #expect(try Self.decode(Person.self, delete.before) == updated)
            #expect(delete.after == nil)
            #expect(delete.prevHash == update.hash)
            // Each hash is the chain's hash of the entry as stored.
            #expect(entries.allSatisfy { AuditChain.hash(of: $0) == $0.hash })
        }
    }

    @Test(arguments: Backend.available)
    func everyRepositoryWritesItsChangesToTheLog(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            try await Self.makeChanges(store)
            _ = try await store.datasets.create(Samples.dataset(), by: Principals.alice)
            _ = try await store.marketPoints.create(Samples.marketPoint(), by: Principals.alice)
            let user = try await store.accounts.createUser(
                User(id: "u-1", email: "c@example.com", name: "C", role: .viewer, passwordHash: "secret-hash"),
                by: .system)
            _ = try await store.accounts.createToken(
                APIToken(id: "t-1", userId: "u-1", name: "ci", tokenHash: "th", prefix: "wf"),
                by: user.principal)
            try await store.accounts.revokeToken(id: "t-1", userId: nil, by: user.principal)
            _ = try await store.decisionFiles.create(
                DecisionFileRepositoryTests.file("df-1", spec: "s"), by: Principals.alice)
            // Sessions and token use are not changes to audit.
            try await store.accounts.createSession(
                tokenHash: "sess", userId: "u-1", expiresAt: clock.peek().addingTimeInterval(60))
            _ = try await store.accounts.tokenUser(tokenHash: "th")

            let log = try await store.audit.list()
            #expect(log.total == 12)
            #expect(
                log.items.map { "\($0.entity) \($0.action)" } == [
                    "decision-file compute", "api-token revoke", "api-token create", "user create",
                    "market-point create",
                    "dataset create", "spec new-version", "spec create", "vendor delete", "vendor create",
                    "person update",
                    "person create",
                ])
            let newVersion = try #require(log.items.first { $0.action == "new-version" })
            #expect(newVersion.before?.contains(#""body":"a""#) == true)
            #expect(newVersion.after?.contains(#""body":"b""#) == true)
            let userEntry = try #require(log.items.first { $0.entity == "user" })
            #expect(userEntry.actor == "system")
            #expect(userEntry.after?.contains("secret-hash") == false)
            #expect(try await store.audit.verify().intact)
        }
    }

    @Test(arguments: Backend.available)
    func theLogIsListedNewestFirstAndFiltered(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.makeChanges(store)
            let all = try await store.audit.list()
            #expect(all.total == 6)
            #expect(all.items.map(\.seq) == [6, 5, 4, 3, 2, 1])

            let people = try await store.audit.list(.init(entity: "person"))
            #expect(people.items.map(\.action) == ["update", "create"])
            #expect(people.total == 2)
            let vendor = try await store.audit.list(.init(entity: "vendor", entityId: "v-acme"))
            #expect(vendor.items.map(\.action) == ["delete", "create"])
            #expect(try await store.audit.list(.init(entity: "vendor", entityId: "v-other")).total == 0)
            let bob = try await store.audit.list(.init(actor: "bob@example.com"))
            #expect(bob.items.map(\.seq) == [6, 2])
            #expect(bob.items.map(\.entity) == ["spec", "person"])

            let page = try await store.audit.list(page: PageRequest(limit: 2, offset: 2))
            #expect(page.total == 6)
            #expect(page.items.map(\.seq) == [4, 3])
        }
    }

    @Test(arguments: Backend.available)
    func anEmptyLogVerifies(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let result = try await store.audit.verify()
            #expect(result.intact)
            #expect(result.entries == 0)
            #expect(result.lastSeq == 0)
            #expect(result.lastHash == AuditChain.genesis)
        }
    }

    @Test(arguments: Backend.available)
    func theChainIsIntactAfterManyChanges(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.makeChanges(store)
            for index in 0..<40 {
                let vendor = try await store.vendors.create(
                    Samples.vendor("v-\(index)", name: "Vendor \(index)"), by: Principals.alice)
                if index.isMultiple(of: 2) {
                    var edit = vendor
                    edit.notes = "note \(index)"
                    _ = try await store.vendors.update(edit, expectedRevision: 1, by: Principals.bob)
                }
                if index.isMultiple(of: 5) {
                    try await store.vendors.delete(
                        vendor.id, expectedRevision: index.isMultiple(of: 2) ? 2 : 1, by: Principals.alice)
                }
            }
            // Refused changes write nothing.
            _ = await storageError {
                try await store.vendors.update(Samples.vendor("v-1"), expectedRevision: 7, by: Principals.bob)
            }

            let expected = 6 + 40 + 20 + 8
            let result = try await store.audit.verify()
            #expect(result.breaks == [])
            #expect(result.intact)
            #expect(result.entries == expected)
            #expect(result.lastSeq == expected)
            #expect(result.lastHash == (try await store.audit.list(page: PageRequest(limit: 1))).items.first?.hash)
        }
    }

    // MARK: Append-only and tampering

    /// Removes the triggers that make the log append-only, as someone with database access could.
    static func dropAppendOnlyTriggers(_ store: Store) async throws {
        switch store.database.dialect {
        case .sqlite:
            try await execute(store, "DROP TRIGGER audit_log_no_update")
            try await execute(store, "DROP TRIGGER audit_log_no_delete")
        case .postgres:
            try await execute(store, "DROP TRIGGER audit_log_no_change ON audit_log")
        }
    }

    @Test(arguments: Backend.available)
    func theDatabaseRefusesToChangeOrDeleteEntries(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.makeChanges(store)
            let before = try await store.audit.list().items

            let update = await storageError {
                try await execute(store, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
            }
            #expect(invalidMessage(update)?.contains("the audit log is append-only") == true)
            let delete = await storageError { try await execute(store, "DELETE FROM audit_log WHERE seq = 6") }
            #expect(invalidMessage(delete)?.contains("the audit log is append-only") == true)
            let deleteAll = await storageError { try await execute(store, "DELETE FROM audit_log") }
            #expect(invalidMessage(deleteAll)?.contains("the audit log is append-only") == true)

            #expect(try await store.audit.list().items == before)
            #expect(try await store.audit.verify().intact)
        }
    }

    @Test(arguments: Backend.available)
    func aChangedEntryIsDetected(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.makeChanges(store)
            try await Self.dropAppendOnlyTriggers(store)
            // Someone lowers the pay recorded in the update's "after".
            let original = try #require(try await store.audit.list(.init(entity: "person")).items.first)
            #expect(original.seq == 2)
            let forged = try #require(original.after?.replacingOccurrences(of: "123456789012", with: "1"))
            #expect(forged != original.after)
            try await execute(store, "UPDATE audit_log SET after = \(bind: forged) WHERE seq = 2")

            let result = try await store.audit.verify()
            #expect(!result.intact)
            #expect(result.breaks == ["entry 2: content does not match its hash (the entry was changed)"])
            #expect(result.entries == 6)
        }
    }

    @Test(arguments: Backend.available)
    func aChangedActorIsDetectedEvenWithARecomputedHash(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.makeChanges(store)
            try await Self.dropAppendOnlyTriggers(store)
            // A careful forger also rewrites the entry's own hash; the next entry's link breaks.
            var entry = try #require(try await store.audit.list(.init(actor: "bob@example.com")).items.last)
            #expect(entry.seq == 2)
            entry.actor = "alice@example.com"
            entry.hash = AuditChain.hash(of: entry)
            try await execute(
                store, "UPDATE audit_log SET actor = \(bind: entry.actor), hash = \(bind: entry.hash) WHERE seq = 2")

            let result = try await store.audit.verify()
            #expect(result.breaks == ["entry 3: does not link to the entry before it (previous hash differs)"])
        }
    }

    @Test(arguments: Backend.available)
    func aDeletedMiddleEntryIsReportedMissing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.makeChanges(store)
            try await Self.dropAppendOnlyTriggers(store)
            try await execute(store, "DELETE FROM audit_log WHERE seq = 3")

            let result = try await store.audit.verify()
            #expect(!result.intact)
            #expect(result.entries == 5)
            #expect(
                result.breaks == [
                    "entry 4: expected entry 3 next; entries 3...3 are missing",
                    "entry 4: does not link to the entry before it (previous hash differs)",
                ])
        }
    }

    @Test(arguments: Backend.available)
    func aDeletedTailIsReportedMissing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.makeChanges(store)
            try await Self.dropAppendOnlyTriggers(store)
            try await execute(store, "DELETE FROM audit_log WHERE seq >= 5")

            let result = try await store.audit.verify()
            #expect(!result.intact)
            #expect(result.entries == 4)
            #expect(result.lastSeq == 4)
            #expect(
                result.breaks == ["the log ends at entry 4 but 6 entries were written; entries after 4 are missing"])
        }
    }

    @Test(arguments: Backend.available)
    func aReplacedHeadHashIsDetected(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.makeChanges(store)
            try await execute(store, "UPDATE audit_head SET hash = \(bind: AuditChain.genesis) WHERE id = 1")
            #expect(try await store.audit.verify().breaks == ["the last entry's hash does not match the recorded head"])
        }
    }

    // MARK: The chain itself

    @Test func theHashCoversEveryFieldAndTellsNilFromText() {
        let entry = AuditEntry(
            seq: 1, at: "2026-03-01T09:00:00.000Z", actor: "a@example.com", action: "create", entity: "person",
            entityId: "p-1", before: nil, after: "{}", prevHash: AuditChain.genesis, hash: "")
        let hash = AuditChain.hash(of: entry)
        #expect(hash.count == 64)
        #expect(hash.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(AuditChain.hash(of: entry) == hash)
        let changes: [(inout AuditEntry) -> Void] = [
            { $0.seq = 2 }, { $0.at = "2026-03-01T09:00:01.000Z" }, { $0.actor = "b@example.com" },
            { $0.action = "update" },
            { $0.entity = "vendor" }, { $0.entityId = "p-2" }, { $0.before = "null" }, { $0.before = "" },
            { $0.after = nil },
            { $0.prevHash = String(repeating: "1", count: 64) },
        ]
        let variants = changes.map { change in
            var changed = entry
            change(&changed)
            return changed
        }
        let hashes = variants.map(AuditChain.hash(of:))
        #expect(Set(hashes + [hash]).count == variants.count + 1)
        // The stored hash itself is not part of what is hashed.
        var changed = entry
        changed.hash = "anything"
        #expect(AuditChain.hash(of: changed) == hash)
    }

    @Test func fieldBoundariesCannotBeShifted() {
        let one = AuditEntry(
            seq: 1, at: "t", actor: "ab", action: "c", entity: "e", entityId: "i", before: nil, after: nil,
            prevHash: AuditChain.genesis, hash: "")
        let two = AuditEntry(
            seq: 1, at: "t", actor: "a", action: "bc", entity: "e", entityId: "i", before: nil, after: nil,
            prevHash: AuditChain.genesis, hash: "")
        #expect(AuditChain.hash(of: one) != AuditChain.hash(of: two))
    }

    @Test func theVerifierFollowsTheChainInMemory() {
        var previous = AuditChain.genesis
        var entries: [AuditEntry] = []
        for seq in 1...3 {
            var entry = AuditEntry(
                seq: seq, at: "t\(seq)", actor: "a", action: "create", entity: "e", entityId: "\(seq)",
                before: nil, after: "{}", prevHash: previous, hash: "")
            entry.hash = AuditChain.hash(of: entry)
            previous = entry.hash
            entries.append(entry)
        }
        var verifier = AuditChain.Verifier()
        for entry in entries { verifier.check(entry) }
        let intact = verifier.finish(headSeq: 3, headHash: previous)
        #expect(intact.intact)
        #expect(intact.entries == 3)

        var reordered = AuditChain.Verifier()
        for entry in [entries[1], entries[0], entries[2]] { reordered.check(entry) }
        #expect(!reordered.finish(headSeq: 3, headHash: previous).intact)
    }
}
