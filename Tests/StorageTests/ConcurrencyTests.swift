import Foundation
import Storage
import Testing
import WorkModel

/// Many writers at once: nothing is lost, nothing is written twice, and the audit chain never forks.
@Suite("Concurrent writers")
struct ConcurrencyTests {
    enum Outcome: Sendable, Equatable {
        case succeeded
        case refused(StorageError)
        case failed(String)
    }

    /// Runs `count` copies of `body` at once and collects how each ended.
    static func race(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async -> [Outcome] {
        await withTaskGroup(of: Outcome.self) { group in
            for index in 0..<count {
                group.addTask {
                    do {
                        try await body(index)
                        return .succeeded
                    } catch let error as StorageError {
                        return .refused(error)
                    } catch {
                        return .failed(String(describing: error))
                    }
                }
            }
            var outcomes: [Outcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }

    /// Checks the chain entry by entry: consecutive numbers, each linked to the one before.
    static func expectLinearChain(
        _ store: Store, entries: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let verification = try await store.audit.verify()
        #expect(verification.breaks == [], sourceLocation: sourceLocation)
        #expect(verification.entries == entries, sourceLocation: sourceLocation)
        let log = Array(try await store.audit.list(page: PageRequest(limit: 500)).items.reversed())
        #expect(log.map(\.seq) == Array(0..<entries).map { $0 + 1 }, sourceLocation: sourceLocation)
        #expect(
            Set(log.map(\.prevHash)).count == entries, "two entries claim the same predecessor: the chain forked",
            sourceLocation: sourceLocation)
        for (previous, entry) in zip(log, log.dropFirst()) {
            #expect(entry.prevHash == previous.hash, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: Backend.available)
    func twentyConcurrentCreatesAllLandOnOneChain(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let outcomes = await Self.race(20) { index in
                switch index % 4 {
                case 0:
                    _ = try await store.people.create(
                        Samples.person("p-\(index)", name: "Person \(index)"), by: Principals.alice)
                case 1:
                    _ = try await store.vendors.create(
                        Samples.vendor("v-\(index)", name: "Vendor \(index)"), by: Principals.bob)
                case 2: _ = try await store.marketPoints.create(Samples.marketPoint("m-\(index)"), by: Principals.alice)
                default:
                    _ = try await store.specs.create(
                        id: "s-\(index)", kind: "role", title: "Spec \(index)", body: "id: \(index)",
                        comment: nil, by: Principals.bob)
                }
                // Reads interleaved with the writes (on their own connection where there is one) never fail.
                _ = try await store.people.list()
            }
            #expect(outcomes == Array(repeating: .succeeded, count: 20))
            #expect(try await store.people.list().total == 5)
            #expect(try await store.vendors.list().total == 5)
            #expect(try await store.marketPoints.list().total == 5)
            #expect(try await store.specs.list().total == 5)
            try await Self.expectLinearChain(store, entries: 20)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentEditsOfOneRecordAtTheSameRevisionLetExactlyOneWin(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let original = try await store.people.create(Samples.person(), by: Principals.alice)
            let outcomes = await Self.race(10) { index in
                var edit = original
                edit.band = "B\(index)"
                _ = try await store.people.update(edit, expectedRevision: 1, by: Principals.bob)
            }
            #expect(outcomes.filter { $0 == .succeeded }.count == 1)
            #expect(outcomes.filter { $0 == .refused(.conflict(entity: "person", id: "p-ada", current: 2)) }.count == 9)
            let stored = try await store.people.get("p-ada")
            #expect(stored.revision == 2)
            let updates = try await store.audit.list(.init(entity: "person")).items.filter { $0.action == "update" }
            #expect(updates.count == 1)
            // What is stored is exactly what the winning edit's audit entry says it wrote.
            #expect(try AuditLogTests.decode(Person.self, updates.first?.after) == stored)
            try await Self.expectLinearChain(store, entries: 2)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentDeletesOfOneRecordDeleteItOnce(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await store.vendors.create(Samples.vendor(), by: Principals.alice)
            let outcomes = await Self.race(8) { _ in
                try await store.vendors.delete("v-acme", expectedRevision: 1, by: Principals.bob)
            }
            #expect(outcomes.filter { $0 == .succeeded }.count == 1)
            #expect(outcomes.filter { $0 == .refused(.notFound(entity: "vendor", id: "v-acme")) }.count == 7)
            #expect(try await store.audit.list(.init(entity: "vendor")).items.map(\.action) == ["delete", "create"])
            try await Self.expectLinearChain(store, entries: 2)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentCreatesOfOneIdStoreOneAndReportDuplicates(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let outcomes = await Self.race(8) { index in
                var person = Samples.person(name: "Writer \(index)")
                person.externalId = nil
                _ = try await store.people.create(person, by: Principals.alice)
            }
            #expect(outcomes.filter { $0 == .succeeded }.count == 1)
            #expect(outcomes.filter { $0 == .refused(.duplicate(entity: "person", key: "p-ada")) }.count == 7)
            #expect(try await store.people.list().total == 1)
            try await Self.expectLinearChain(store, entries: 1)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentSignUpsWithOneEmailCreateOneUser(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let outcomes = await Self.race(6) { index in
                _ = try await store.accounts.createUser(
                    User(id: "u-\(index)", email: "Same@Example.com", name: "N", role: .viewer, passwordHash: "h"),
                    by: .system)
            }
            #expect(outcomes.filter { $0 == .succeeded }.count == 1)
            #expect(outcomes.filter { $0 == .refused(.duplicate(entity: "user", key: "same@example.com")) }.count == 5)
            let users = try await store.accounts.userCount()
            #expect(users == 1)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentNewSpecVersionsFromOneVersionLetOneWin(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await store.specs.create(
                id: "s", kind: "role", title: "Spec", body: "v1", comment: nil, by: Principals.alice)
            let outcomes = await Self.race(8) { index in
                _ = try await store.specs.addVersion(
                    id: "s", expectedVersion: 1, kind: "role", title: "Spec", body: "edit \(index)",
                    comment: nil, by: Principals.bob)
            }
            #expect(outcomes.filter { $0 == .succeeded }.count == 1)
            #expect(outcomes.filter { $0 == .refused(.conflict(entity: "spec", id: "s", current: 2)) }.count == 7)
            let versions = try await store.specs.versions("s")
            #expect(versions.map(\.version) == [1, 2])
            #expect(try await store.specs.get("s").currentVersion == 2)
            try await Self.expectLinearChain(store, entries: 2)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentReviewDecisionsLetOneWin(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await DecisionFileRepositoryTests.seedSpec(store)
            _ = try await store.decisionFiles.create(DecisionFileRepositoryTests.file("df-1"), by: Principals.alice)
            _ = try await store.decisionFiles.transition(
                "df-1", to: .inReview, comment: nil, expectedRevision: 1, by: Principals.alice)
            let outcomes = await Self.race(6) { index in
                _ = try await store.decisionFiles.transition(
                    "df-1", to: index.isMultiple(of: 2) ? .approved : .rejected,
                    comment: "reviewer \(index)", expectedRevision: 2, by: Principals.bob)
            }
            #expect(outcomes.filter { $0 == .succeeded }.count == 1)
            #expect(
                outcomes.filter { $0 == .refused(.conflict(entity: "decision file", id: "df-1", current: 3)) }.count
                    == 5)
            #expect(try await store.decisionFiles.get("df-1").revision == 3)
            try await Self.expectLinearChain(store, entries: 5)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentUserEditsAtTheSameRevisionLetOneWin(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let user = try await store.accounts.createUser(
                User(id: "u-1", email: "ada@example.com", name: "Ada", role: .viewer, passwordHash: "h"), by: .system)
            let roles: [UserRole] = [.admin, .finance, .procurement, .compensation, .admin, .finance]
            let outcomes = await Self.race(roles.count) { index in
                var edit = user
                edit.role = roles[index].rawValue
                edit.name = "Edit \(index)"
                _ = try await store.accounts.updateUser(edit, expectedRevision: 1, by: Principals.alice)
            }
            #expect(outcomes.filter { $0 == .succeeded }.count == 1)
            #expect(
                outcomes.filter { $0 == .refused(.conflict(entity: "user", id: "u-1", current: 2)) }.count == roles
                    .count - 1)
            let stored = try await store.accounts.user(id: "u-1")
            #expect(stored.revision == 2)
            let updates = try await store.audit.list(.init(entity: "user")).items.filter { $0.action == "update" }
            #expect(updates.count == 1)
            #expect(updates.first?.after?.contains(stored.name) == true)
        }
    }
}
