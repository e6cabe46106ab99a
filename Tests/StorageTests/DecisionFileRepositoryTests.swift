import Foundation
import Storage
import Testing
import WorkModel

@Suite("Decision files and review")
struct DecisionFileRepositoryTests {
    static let document =
        #"{"schema":"wagefile.decision/v1","band":{"currency":"USD","hourly":{"min":40.31,"mid":48.37,"max":56.43}}}"#

    static func file(_ id: String, spec: String = "rlhf", version: Int = 1, layer: String = "evaluation")
        -> StoredDecisionFile
    {
        StoredDecisionFile(
            id: id, specId: spec, specVersion: version, evaluatedOn: "2026-11-21", layer: layer, currency: "USD",
            bandMinMinor: 4_031, bandMidMinor: 4_837, bandMaxMinor: 5_643, blocking: false, document: document)
    }

    /// A spec with two versions, which decision files must refer to.
    static func seedSpec(_ store: Store, id: String = "rlhf") async throws {
        _ = try await store.specs.create(
            id: id, kind: "role", title: "RLHF", body: "v1", comment: nil, by: Principals.alice)
        _ = try await store.specs.addVersion(
            id: id, expectedVersion: 1, kind: "role", title: "RLHF", body: "v2", comment: nil,
            by: Principals.alice)
    }

    @Test(arguments: Backend.available)
    func aComputedFileIsStoredAsADraftWithItsDocument(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            try await Self.seedSpec(store)
            var incoming = Self.file("df-1")
            incoming.status = "approved"  // Ignored: new files are drafts.
            incoming.blocking = true
            let stamp = clock.nextStamp()
            let created = try await store.decisionFiles.create(incoming, by: Principals.alice)
            #expect(created.reviewStatus == .draft)
            #expect(created.revision == 1)
            #expect(created.createdBy == "alice@example.com")
            #expect(created.createdAt == stamp)
            let read = try await store.decisionFiles.get("df-1")
            #expect(read == created)
            #expect(read.document == Self.document)
            #expect(read.blocking == true)
            #expect(read.bandMidMinor == 4_837)
            #expect(read.submittedBy == nil && read.statusBy == nil && read.statusAt == nil)
        }
    }

    @Test(arguments: Backend.available)
    func aFileMustBelongToAStoredSpecVersion(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.seedSpec(store)
            let error = await storageError {
                try await store.decisionFiles.create(Self.file("df-x", version: 3), by: Principals.alice)
            }
            #expect(error == .invalid("a referenced record does not exist"))
            #expect(
                await storageError { try await store.decisionFiles.get("df-x") }
                    == .notFound(entity: "decision file", id: "df-x"))
            #expect(try await store.audit.list(.init(entity: "decision-file")).total == 0)
        }
    }

    @Test(arguments: Backend.available)
    func aTakenIdIsADuplicate(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.seedSpec(store)
            let first = try await store.decisionFiles.create(Self.file("df-1"), by: Principals.alice)
            let error = await storageError {
                try await store.decisionFiles.create(Self.file("df-1", version: 2), by: Principals.bob)
            }
            #expect(error == .duplicate(entity: "decision file", key: "df-1"))
            #expect(try await store.decisionFiles.get("df-1") == first)
        }
    }

    @Test(arguments: Backend.available)
    func listsAreNewestFirstFilteredAndLeaveOutTheDocument(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.seedSpec(store)
            try await Self.seedSpec(store, id: "voice")
            _ = try await store.decisionFiles.create(Self.file("df-a"), by: Principals.alice)
            _ = try await store.decisionFiles.create(Self.file("df-b", version: 2), by: Principals.alice)
            _ = try await store.decisionFiles.create(
                Self.file("df-c", spec: "voice", layer: "physical-data"), by: Principals.alice)
            _ = try await store.decisionFiles.transition(
                "df-a", to: .inReview, comment: nil, expectedRevision: 1, by: Principals.alice)

            let all = try await store.decisionFiles.list()
            #expect(all.total == 3)
            #expect(all.items.map(\.id) == ["df-c", "df-b", "df-a"])
            #expect(all.items.last?.status == "in-review")
            #expect(all.items.first?.bandMaxMinor == 5_643)
            // What a list client receives has no document in it.
            let json = String(decoding: try JSONEncoder().encode(all), as: UTF8.self)
            #expect(!json.contains("document"))
            #expect(!json.contains("wagefile.decision/v1"))

            #expect(try await store.decisionFiles.list(specId: "rlhf").items.map(\.id) == ["df-b", "df-a"])
            #expect(try await store.decisionFiles.list(status: "draft").items.map(\.id) == ["df-c", "df-b"])
            #expect(try await store.decisionFiles.list(status: "in-review").items.map(\.id) == ["df-a"])
            #expect(try await store.decisionFiles.list(layer: "physical-data").items.map(\.id) == ["df-c"])
            #expect(try await store.decisionFiles.list(specId: "rlhf", status: "draft").items.map(\.id) == ["df-b"])
            let paged = try await store.decisionFiles.list(page: PageRequest(limit: 2, offset: 2))
            #expect(paged.total == 3)
            #expect(paged.items.map(\.id) == ["df-a"])
        }
    }

    @Test(arguments: Backend.available)
    func aFileMovesFromDraftToReviewToApproved(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            try await Self.seedSpec(store)
            _ = try await store.decisionFiles.create(Self.file("df-1"), by: Principals.alice)

            let submitStamp = clock.nextStamp()
            let submitted = try await store.decisionFiles.transition(
                "df-1", to: .inReview, comment: "ready", expectedRevision: 1, by: Principals.alice)
            #expect(submitted.reviewStatus == .inReview)
            #expect(submitted.revision == 2)
            #expect(submitted.submittedBy == "alice@example.com")
            #expect(submitted.statusBy == "alice@example.com")
            #expect(submitted.statusAt == submitStamp)
            #expect(submitted.statusComment == "ready")

            let approveStamp = clock.nextStamp()
            let approved = try await store.decisionFiles.transition(
                "df-1", to: .approved, comment: nil, expectedRevision: 2, by: Principals.bob)
            #expect(approved.reviewStatus == .approved)
            #expect(approved.revision == 3)
            #expect(approved.submittedBy == "alice@example.com")
            #expect(approved.statusBy == "bob@example.com")
            #expect(approved.statusAt == approveStamp)
            #expect(approved.statusComment == nil)
            #expect(try await store.decisionFiles.get("df-1") == approved)

            let actions = try await store.audit.list(.init(entity: "decision-file", entityId: "df-1")).items.map(
                \.action)
            #expect(actions == ["approved", "submit", "compute"])
        }
    }

    @Test(arguments: Backend.available)
    func aRejectedFileCanBeResubmitted(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.seedSpec(store)
            _ = try await store.decisionFiles.create(Self.file("df-1"), by: Principals.alice)
            _ = try await store.decisionFiles.transition(
                "df-1", to: .inReview, comment: nil, expectedRevision: 1, by: Principals.alice)
            let rejected = try await store.decisionFiles.transition(
                "df-1", to: .rejected, comment: "band too low", expectedRevision: 2, by: Principals.bob)
            #expect(rejected.reviewStatus == .rejected)
            #expect(rejected.statusComment == "band too low")
            let again = try await store.decisionFiles.transition(
                "df-1", to: .inReview, comment: nil, expectedRevision: 3, by: Principals.bob)
            #expect(again.reviewStatus == .inReview)
            #expect(again.submittedBy == "bob@example.com")
            #expect(again.revision == 4)
        }
    }

    @Test(arguments: Backend.available)
    func illegalMovesAreRefusedAndChangeNothing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.seedSpec(store)
            _ = try await store.decisionFiles.create(Self.file("df-1"), by: Principals.alice)
            let skip = await storageError {
                try await store.decisionFiles.transition(
                    "df-1", to: .approved, comment: nil, expectedRevision: 1, by: Principals.bob)
            }
            #expect(skip == .invalid("a decision file that is draft cannot become approved"))
            #expect(try await store.decisionFiles.get("df-1").reviewStatus == .draft)
            #expect(try await store.decisionFiles.get("df-1").revision == 1)

            _ = try await store.decisionFiles.transition(
                "df-1", to: .inReview, comment: nil, expectedRevision: 1, by: Principals.alice)
            _ = try await store.decisionFiles.transition(
                "df-1", to: .approved, comment: nil, expectedRevision: 2, by: Principals.bob)
            let reopen = await storageError {
                try await store.decisionFiles.transition(
                    "df-1", to: .inReview, comment: nil, expectedRevision: 3, by: Principals.alice)
            }
            #expect(reopen == .invalid("a decision file that is approved cannot become in-review"))
            let backToDraft = await storageError {
                try await store.decisionFiles.transition(
                    "df-1", to: .draft, comment: nil, expectedRevision: 3, by: Principals.alice)
            }
            #expect(backToDraft == .invalid("a decision file that is approved cannot become draft"))
            let stored = try await store.decisionFiles.get("df-1")
            #expect(stored.reviewStatus == .approved)
            #expect(stored.revision == 3)
            #expect(try await store.audit.list(.init(entity: "decision-file")).total == 3)
        }
    }

    @Test(arguments: Backend.available)
    func aStaleReviewerGetsAConflict(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await Self.seedSpec(store)
            _ = try await store.decisionFiles.create(Self.file("df-1"), by: Principals.alice)
            _ = try await store.decisionFiles.transition(
                "df-1", to: .inReview, comment: nil, expectedRevision: 1, by: Principals.alice)
            let approved = try await store.decisionFiles.transition(
                "df-1", to: .approved, comment: "ok", expectedRevision: 2, by: Principals.alice)
            // Bob still sees revision 2 and rejects.
            let error = await storageError {
                try await store.decisionFiles.transition(
                    "df-1", to: .rejected, comment: "no", expectedRevision: 2, by: Principals.bob)
            }
            #expect(error == .conflict(entity: "decision file", id: "df-1", current: 3))
            #expect(try await store.decisionFiles.get("df-1") == approved)
            #expect(
                await storageError {
                    try await store.decisionFiles.transition(
                        "df-x", to: .inReview, comment: nil, expectedRevision: 1, by: Principals.bob)
                } == .notFound(entity: "decision file", id: "df-x"))
        }
    }

    @Test func reviewAllowsExactlyFourMoves() {
        var allowed: [String] = []
        for from in ReviewStatus.allCases {
            for to in ReviewStatus.allCases where from.canMove(to: to) {
                allowed.append("\(from.rawValue)->\(to.rawValue)")
            }
        }
        #expect(allowed == ["draft->in-review", "in-review->approved", "in-review->rejected", "rejected->in-review"])
    }
}
