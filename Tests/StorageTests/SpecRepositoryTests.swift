import Foundation
import Storage
import Testing
import WorkModel

@Suite("Specs and their versions")
struct SpecRepositoryTests {
    static let v1 = """
        spec: wagefile.role/v1
        id: rlhf-specialist
        title: RLHF Specialist
        expertise: trained
        offered: {amount: 30, basis: hourly}
        """
    static let v2 = """
        spec: wagefile.role/v1
        id: rlhf-specialist
        title: RLHF Specialist
        expertise: expert
        offered: {amount: 30, basis: hourly}
        budget_owner: product-quality
        """

    @Test(arguments: Backend.available)
    func aSpecStartsAtVersionOneWithItsText(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let stamp = clock.nextStamp()
            let spec = try await store.specs.create(
                id: "rlhf-specialist", kind: "role", title: "RLHF Specialist", body: Self.v1, comment: "first draft",
                by: Principals.alice)
            #expect(spec.currentVersion == 1)
            #expect(spec.createdBy == "alice@example.com")
            #expect(spec.createdAt == stamp && spec.updatedAt == stamp)
            #expect(try await store.specs.get("rlhf-specialist") == spec)

            let first = try await store.specs.version("rlhf-specialist", 1)
            #expect(first.body == Self.v1)
            #expect(first.comment == "first draft")
            #expect(first.createdBy == "alice@example.com")
            #expect(first.createdAt == stamp)
        }
    }

    @Test(arguments: Backend.available)
    func newVersionsKeepEveryEarlierOne(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let created = try await store.specs.create(
                id: "rlhf-specialist", kind: "role", title: "RLHF Specialist", body: Self.v1, comment: nil,
                by: Principals.alice)
            let stamp = clock.nextStamp()
            let (spec, version) = try await store.specs.addVersion(
                id: "rlhf-specialist", expectedVersion: 1, kind: "role", title: "RLHF Specialist (expert)",
                body: Self.v2,
                comment: "expert tier", by: Principals.bob)
            #expect(spec.currentVersion == 2)
            #expect(spec.title == "RLHF Specialist (expert)")
            #expect(spec.createdAt == created.createdAt)
            #expect(spec.updatedAt == stamp)
            #expect(version.specId == "rlhf-specialist")
            #expect(version.version == 2)
            #expect(version.body == Self.v2)
            #expect(version.comment == "expert tier")
            #expect(version.createdBy == "bob@example.com")
            #expect(version.createdAt == stamp)
            #expect(try await store.specs.get("rlhf-specialist") == spec)

            let versions = try await store.specs.versions("rlhf-specialist")
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions.map(\.body) == [Self.v1, Self.v2])
            #expect(versions[0].comment == nil)
            #expect(try await store.specs.version("rlhf-specialist", 1).body == Self.v1)
        }
    }

    @Test(arguments: Backend.available)
    func aStaleEditorGetsAConflictAndTheirTextIsNotStored(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await store.specs.create(
                id: "s", kind: "role", title: "Spec", body: Self.v1, comment: nil, by: Principals.alice)
            _ = try await store.specs.addVersion(
                id: "s", expectedVersion: 1, kind: "role", title: "Spec", body: Self.v2, comment: nil,
                by: Principals.alice)
            let error = await storageError {
                try await store.specs.addVersion(
                    id: "s", expectedVersion: 1, kind: "role", title: "Bob's title", body: "bob's text", comment: nil,
                    by: Principals.bob)
            }
            #expect(error == .conflict(entity: "spec", id: "s", current: 2))
            let spec = try await store.specs.get("s")
            #expect(spec.currentVersion == 2)
            #expect(spec.title == "Spec")
            #expect(try await store.specs.versions("s").map(\.body) == [Self.v1, Self.v2])
        }
    }

    @Test(arguments: Backend.available)
    func missingSpecsAndVersionsAreNotFoundAndIdsAreUnique(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            #expect(await storageError { try await store.specs.get("nope") } == .notFound(entity: "spec", id: "nope"))
            #expect(
                await storageError { try await store.specs.versions("nope") } == .notFound(entity: "spec", id: "nope"))
            #expect(
                await storageError {
                    try await store.specs.addVersion(
                        id: "nope", expectedVersion: 1, kind: "role", title: "t", body: "b", comment: nil,
                        by: Principals.alice)
                } == .notFound(entity: "spec", id: "nope"))
            _ = try await store.specs.create(
                id: "s", kind: "role", title: "Spec", body: Self.v1, comment: nil, by: Principals.alice)
            #expect(
                await storageError { try await store.specs.version("s", 2) }
                    == .notFound(entity: "spec version", id: "s v2"))
            #expect(
                await storageError {
                    try await store.specs.create(
                        id: "s", kind: "contract", title: "Other", body: "x", comment: nil, by: Principals.bob)
                } == .duplicate(entity: "spec", key: "s"))
            #expect(try await store.specs.get("s").title == "Spec")
            #expect(try await store.specs.versions("s").count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func theDiffBetweenTwoStoredVersionsShowsWhatChanged(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await store.specs.create(
                id: "s", kind: "role", title: "Spec", body: Self.v1, comment: nil, by: Principals.alice)
            _ = try await store.specs.addVersion(
                id: "s", expectedVersion: 1, kind: "role", title: "Spec", body: Self.v2, comment: nil,
                by: Principals.alice)
            let versions = try await store.specs.versions("s")
            let diff = LineDiff(old: versions[0].body, new: versions[1].body)
            #expect(diff.removed == 1)
            #expect(diff.added == 2)
            #expect(
                diff.lines.filter { $0.kind != .same }.map(\.summary) == [
                    "removed old:4 new:- expertise: trained",
                    "added old:- new:4 expertise: expert",
                    "added old:- new:6 budget_owner: product-quality",
                ])
            #expect(diff.lines.filter { $0.kind == .same }.map(\.text).first == "spec: wagefile.role/v1")
        }
    }

    @Test(arguments: Backend.available)
    func specListsFilterByKindSearchTitlesAndPage(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            for (id, kind, title) in [
                ("c-acme", "contract", "Acme annotation contract"), ("r-eval", "role", "Response Evaluator"),
                ("r-lead", "role", "Evaluation Lead"), ("r-voice", "role", "Voice actor"),
            ] {
                _ = try await store.specs.create(
                    id: id, kind: kind, title: title, body: "id: \(id)", comment: nil, by: Principals.alice)
            }
            let roles = try await store.specs.list(kind: "role", page: PageRequest(limit: 2))
            #expect(roles.total == 3)
            #expect(roles.items.map(\.id) == ["r-eval", "r-lead"])
            #expect(
                try await store.specs.list(kind: "role", page: PageRequest(limit: 2, offset: 2)).items.map(\.id) == [
                    "r-voice"
                ])
            #expect(try await store.specs.list(search: "EVALUAT").items.map(\.id) == ["r-eval", "r-lead"])
            #expect(try await store.specs.list(kind: "contract", search: "acme").items.map(\.id) == ["c-acme"])
            #expect(try await store.specs.list().total == 4)
        }
    }
}
