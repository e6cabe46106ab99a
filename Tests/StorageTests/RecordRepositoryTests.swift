import Foundation
import SQLKit
import Storage
import Testing
import WorkModel

@Suite("Records: people, vendors, datasets, market points")
struct RecordRepositoryTests {
    // MARK: Create and read

    @Test(arguments: Backend.available)
    func aCreatedPersonReadsBackFieldForFieldAtRevisionOne(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let stamp = clock.nextStamp()
            let created = try await store.people.create(Samples.person(), by: Principals.alice)
            #expect(created.revision == 1)
            #expect(created.createdAt == stamp)
            #expect(created.updatedAt == stamp)
            // Eight migrations took the first eight seconds of the test clock.
            #expect(stamp == "2026-03-01T09:00:08.000Z")

            let read = try await store.people.get("p-ada")
            #expect(read == created)
            #expect(read.payMinor == 123_456_789_012)
            #expect(read.currency == "USD")
            #expect(read.hireDate == "2024-02-01")
            #expect(read.externalId == "HR-p-ada")
        }
    }

    @Test(arguments: Backend.available)
    func eachRecordKindRoundTripsEveryField(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let vendor = try await store.vendors.create(Samples.vendor(), by: Principals.alice)
            #expect(try await store.vendors.get(vendor.id) == vendor)
            #expect(try await store.vendors.get(vendor.id).notes == "Audited on site.\nNo findings.")

            let dataset = try await store.datasets.create(Samples.dataset(vendorId: vendor.id), by: Principals.alice)
            let readDataset = try await store.datasets.get(dataset.id)
            #expect(readDataset == dataset)
            #expect(readDataset.recordedWork == true)
            #expect(readDataset.vendorId == "v-acme")

            var quiet = Samples.dataset("d-text", name: "Plain text")
            quiet.recordedWork = false
            quiet.consentRecord = nil
            #expect(
                try await store.datasets.get(try await store.datasets.create(quiet, by: Principals.alice).id)
                    .recordedWork == false)

            let point = try await store.marketPoints.create(Samples.marketPoint(), by: Principals.alice)
            let readPoint = try await store.marketPoints.get(point.id)
            #expect(readPoint == point)
            #expect(readPoint.p25Minor == 3_500 && readPoint.p50Minor == 4_250 && readPoint.p75Minor == 5_100)
        }
    }

    @Test(arguments: Backend.available)
    func moneyIsStoredAsExactIntegerMinorUnitsWithItsCurrency(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            // Pay at its cap (1e13 minor units a year), and a vendor's spend past 2^53, where a
            // floating-point column would round the last digits.
            let huge: Int64 = 10_000_000_000_000
            var kwd = Samples.person("p-kwd", name: "Kuwait payroll")
            kwd.payMinor = 123_456_789_012
            kwd.currency = "KWD"
            var jpy = Samples.person("p-jpy", name: "Tokyo payroll")
            jpy.payMinor = huge
            jpy.currency = "JPY"
            var maxVendor = Samples.vendor("v-max", name: "Largest spend")
            maxVendor.annualSpendMinor = Int64.max
            maxVendor.currency = "USD"
            _ = try await store.people.create(kwd, by: Principals.alice)
            _ = try await store.people.create(jpy, by: Principals.alice)
            _ = try await store.vendors.create(maxVendor, by: Principals.alice)

            let readKwd = try await store.people.get("p-kwd")
            #expect(readKwd.payMinor == 123_456_789_012)
            #expect(readKwd.currency == "KWD")
            let readJpy = try await store.people.get("p-jpy")
            #expect(readJpy.payMinor == huge)
            #expect(readJpy.currency == "JPY")
            #expect(try await store.vendors.get("v-max").annualSpendMinor == Int64.max)

            // The column holds an integer, not text or a float.
            let raw = try await store.database.read { sql in
                try await sql.raw("SELECT pay_minor FROM people WHERE id = \(bind: "p-jpy")").first()?
                    .decode(column: "pay_minor", as: Int64.self)
            }
            #expect(raw == huge)
        }
    }

    @Test(arguments: Backend.available)
    func gettingAnUnknownRecordIsNotFound(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let error = await storageError { try await store.vendors.get("v-nobody") }
            #expect(error == .notFound(entity: "vendor", id: "v-nobody"))
            #expect(error?.description == "no vendor with id 'v-nobody'")
        }
    }

    @Test(arguments: Backend.available)
    func aDuplicateIdIsRefusedAndTheFirstRecordIsKept(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let first = try await store.people.create(Samples.person(), by: Principals.alice)
            var second = Samples.person(name: "Someone Else")
            second.externalId = "HR-other"
            let error = await storageError { try await store.people.create(second, by: Principals.bob) }
            #expect(error == .duplicate(entity: "person", key: "p-ada"))
            #expect(try await store.people.get("p-ada") == first)
            #expect(try await store.audit.list().total == 1)
        }
    }

    @Test(arguments: Backend.available)
    func aTakenExternalIdIsRefusedAndNothingIsStored(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await store.people.create(Samples.person(), by: Principals.alice)
            var copy = Samples.person("p-copy", name: "Imported twice")
            copy.externalId = "HR-p-ada"
            let error = await storageError { try await store.people.create(copy, by: Principals.alice) }
            #expect(invalidMessage(error) != nil)
            await #expect(throws: StorageError.notFound(entity: "person", id: "p-copy")) {
                try await store.people.get("p-copy")
            }
            #expect(try await store.audit.list().total == 1)
        }
    }

    @Test(arguments: Backend.available)
    func aReferenceToAMissingRecordIsRefusedAndNothingIsStored(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            var person = Samples.person()
            person.managerId = "p-ghost"
            let error = await storageError { try await store.people.create(person, by: Principals.alice) }
            #expect(error == .invalid("a referenced record does not exist"))
            let dataset = Samples.dataset(vendorId: "v-ghost")
            #expect(
                await storageError { try await store.datasets.create(dataset, by: Principals.alice) }
                    == .invalid("a referenced record does not exist"))
            #expect(try await count(store, "people") == 0)
            #expect(try await count(store, "datasets") == 0)
            #expect(try await store.audit.list().total == 0)
        }
    }

    // MARK: Validation

    @Test(arguments: Backend.available)
    func invalidValuesAreReportedFieldByFieldAndNothingIsStored(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            var person = Samples.person()
            person.name = "   "
            person.employment = "intern"
            person.currency = "usd"
            person.payBasis = "fortnightly"
            person.workLayer = "management"
            person.hireDate = "01/02/2024"
            person.managerId = "p-ada"
            let problems = try #require(
                await #expect(throws: RecordProblems.self) {
                    try await store.people.create(person, by: Principals.alice)
                })
            #expect(problems.entity == "person")
            #expect(
                problems.problems.map(\.field) == [
                    "name", "employment", "currency", "payBasis", "workLayer", "hireDate", "managerId",
                ])
            #expect(problems.problems.first == FieldProblem("name", "is required"))
            #expect(
                problems.description.hasPrefix(
                    "invalid person: name: is required; employment: must be one of employee, contractor, vendor-worker (got 'intern')"
                ))
            #expect(try await count(store, "people") == 0)
            #expect(try await store.audit.list().total == 0)
        }
    }

    @Test(arguments: Backend.available)
    func moneyNeedsItsCurrencyAndBasisAndCannotBeNegative(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            var person = Samples.person()
            person.payMinor = -1
            person.variablePayMinor = -5
            person.currency = nil
            person.payBasis = nil
            let problems = try #require(
                await #expect(throws: RecordProblems.self) {
                    try await store.people.create(person, by: Principals.alice)
                })
            #expect(
                problems.problems == [
                    FieldProblem("payMinor", "must not be negative"),
                    FieldProblem("currency", "is required when payMinor is given"),
                    FieldProblem("variablePayMinor", "must be 0 or more (got -5)"),
                    FieldProblem("currency", "is required when variablePayMinor is given"),
                    FieldProblem("payBasis", "is required when payMinor is given"),
                ])

            var point = Samples.marketPoint()
            point.p25Minor = 5_000
            point.p75Minor = 4_000
            point.period = "weekly"
            point.asOf = "soon"
            let pointProblems = try #require(
                await #expect(throws: RecordProblems.self) {
                    try await store.marketPoints.create(point, by: Principals.alice)
                })
            #expect(pointProblems.entity == "market-point")
            #expect(pointProblems.problems.map(\.field) == ["period", "asOf", "p25Minor", "p75Minor"])

            var vendor = Samples.vendor()
            vendor.id = ""
            vendor.notes = String(repeating: "x", count: 4001)
            let vendorProblems = try #require(
                await #expect(throws: RecordProblems.self) {
                    try await store.vendors.create(vendor, by: Principals.alice)
                })
            #expect(vendorProblems.problems.map(\.field) == ["notes", "id"])
            #expect(try await count(store, "vendors") == 0)
            #expect(try await count(store, "market_points") == 0)
        }
    }

    @Test(arguments: Backend.available)
    func anInvalidUpdateChangesNothing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let created = try await store.vendors.create(Samples.vendor(), by: Principals.alice)
            var edit = created
            edit.currency = "EURO"
            let problems = try #require(
                await #expect(throws: RecordProblems.self) {
                    try await store.vendors.update(edit, expectedRevision: 1, by: Principals.alice)
                })
            #expect(problems.problems.map(\.field) == ["currency"])
            #expect(try await store.vendors.get(created.id) == created)
            #expect(try await store.audit.list().total == 1)
        }
    }

    // MARK: Update

    @Test(arguments: Backend.available)
    func anUpdateBumpsTheRevisionAndKeepsTheCreationTime(backend: Backend) async throws {
        try await withStore(backend) { store, clock async throws in
            let created = try await store.people.create(Samples.person(), by: Principals.alice)
            var edit = created
            edit.title = "Principal evaluator"
            edit.payMinor = 150_000_00
            edit.revision = 99  // Ignored: the store sets the revision.
            edit.createdAt = "1999-01-01T00:00:00.000Z"  // Ignored too.
            let stamp = clock.nextStamp()
            let updated = try await store.people.update(edit, expectedRevision: 1, by: Principals.bob)
            #expect(updated.revision == 2)
            #expect(updated.createdAt == created.createdAt)
            #expect(updated.updatedAt == stamp)
            #expect(updated.updatedAt > created.updatedAt)
            let read = try await store.people.get(created.id)
            #expect(read == updated)
            #expect(read.title == "Principal evaluator")
            #expect(read.payMinor == 150_000_00)
        }
    }

    @Test(arguments: Backend.available)
    func optionalFieldsClearedOnUpdateBecomeNull(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let created = try await store.people.create(Samples.person(), by: Principals.alice)
            var edit = created
            edit.externalId = nil
            edit.title = nil
            edit.payMinor = nil
            edit.variablePayMinor = nil
            edit.currency = nil
            edit.payBasis = nil
            edit.band = nil
            edit.legacyBand = nil
            edit.workLayer = nil
            edit.location = nil
            edit.hireDate = nil
            edit.specId = nil
            edit.budgetOwner = nil
            let updated = try await store.people.update(edit, expectedRevision: 1, by: Principals.alice)
            let read = try await store.people.get(created.id)
            #expect(read == updated)
            #expect(read.payMinor == nil)
            #expect(read.variablePayMinor == nil)
            #expect(read.currency == nil)
            #expect(read.title == nil)
            #expect(read.externalId == nil)
            // NULL in the database, not an empty string or zero.
            let nulls = try await store.database.read { sql in
                try await sql.raw(
                    """
                    SELECT COUNT(*) AS n FROM people WHERE id = \(bind: created.id) AND pay_minor IS NULL AND currency IS NULL
                    AND title IS NULL AND external_id IS NULL AND hire_date IS NULL AND work_layer IS NULL
                    """
                ).first()?.decode(column: "n", as: Int.self)
            }
            #expect(nulls == 1)

            let vendor = try await store.vendors.create(Samples.vendor(), by: Principals.alice)
            var vendorEdit = vendor
            vendorEdit.annualSpendMinor = nil
            vendorEdit.currency = nil
            vendorEdit.notes = nil
            _ = try await store.vendors.update(vendorEdit, expectedRevision: 1, by: Principals.alice)
            let readVendor = try await store.vendors.get(vendor.id)
            #expect(readVendor.annualSpendMinor == nil)
            #expect(readVendor.notes == nil)
            #expect(readVendor.name == "Acme Annotation")
        }
    }

    @Test(arguments: Backend.available)
    func aConflictingEditLosesNothing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await store.people.create(Samples.person(), by: Principals.alice)
            // Two editors open the same record at revision 1.
            var aliceEdit = try await store.people.get("p-ada")
            var bobEdit = try await store.people.get("p-ada")
            aliceEdit.band = "B5"
            aliceEdit.payMinor = 140_000_00
            bobEdit.title = "Evaluation lead"
            bobEdit.payMinor = 90_000_00

            let saved = try await store.people.update(aliceEdit, expectedRevision: 1, by: Principals.alice)
            #expect(saved.revision == 2)
            let error = await storageError {
                try await store.people.update(bobEdit, expectedRevision: 1, by: Principals.bob)
            }
            #expect(error == .conflict(entity: "person", id: "p-ada", current: 2))
            #expect(error?.description.contains("now revision 2") == true)

            // Alice's edit is intact and Bob's touched nothing.
            let stored = try await store.people.get("p-ada")
            #expect(stored == saved)
            #expect(stored.band == "B5")
            #expect(stored.payMinor == 140_000_00)
            #expect(stored.title == "Staff evaluator")
            #expect(try await store.audit.list(.init(entity: "person", entityId: "p-ada")).total == 2)

            // Bob reloads, reapplies and succeeds on top of Alice's change.
            var retry = stored
            retry.title = "Evaluation lead"
            let merged = try await store.people.update(retry, expectedRevision: 2, by: Principals.bob)
            #expect(merged.revision == 3)
            #expect(merged.band == "B5" && merged.title == "Evaluation lead")
        }
    }

    @Test(arguments: Backend.available)
    func updatingAnUnknownRecordIsNotFound(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let error = await storageError {
                try await store.marketPoints.update(
                    Samples.marketPoint("m-x"), expectedRevision: 1, by: Principals.alice)
            }
            #expect(error == .notFound(entity: "market-point", id: "m-x"))
            #expect(try await count(store, "market_points") == 0)
        }
    }

    // MARK: Delete

    @Test(arguments: Backend.available)
    func deleteNeedsTheCurrentRevision(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let created = try await store.vendors.create(Samples.vendor(), by: Principals.alice)
            var edit = created
            edit.notes = "Second audit pending."
            _ = try await store.vendors.update(edit, expectedRevision: 1, by: Principals.alice)

            let stale = await storageError {
                try await store.vendors.delete(created.id, expectedRevision: 1, by: Principals.bob)
            }
            #expect(stale == .conflict(entity: "vendor", id: "v-acme", current: 2))
            #expect(try await store.vendors.get(created.id).notes == "Second audit pending.")

            try await store.vendors.delete(created.id, expectedRevision: 2, by: Principals.bob)
            #expect(
                await storageError { try await store.vendors.get(created.id) }
                    == .notFound(entity: "vendor", id: "v-acme"))
            #expect(
                await storageError {
                    try await store.vendors.delete(created.id, expectedRevision: 2, by: Principals.bob)
                }
                    == .notFound(entity: "vendor", id: "v-acme"))
            #expect(try await store.vendors.list().total == 0)
        }
    }

    @Test(arguments: Backend.available)
    func deletingAManagerOrVendorUnlinksWhatReferredToIt(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let manager = try await store.people.create(
                Samples.person("p-boss", name: "Grace Hopper"), by: Principals.alice)
            var report = Samples.person("p-report", name: "Alan Turing")
            report.managerId = manager.id
            _ = try await store.people.create(report, by: Principals.alice)
            let vendor = try await store.vendors.create(Samples.vendor(), by: Principals.alice)
            _ = try await store.datasets.create(Samples.dataset(vendorId: vendor.id), by: Principals.alice)

            try await store.people.delete(manager.id, expectedRevision: 1, by: Principals.alice)
            try await store.vendors.delete(vendor.id, expectedRevision: 1, by: Principals.alice)
            #expect(try await store.people.get("p-report").managerId == nil)
            #expect(try await store.datasets.get("d-voices").vendorId == nil)
        }
    }

    // MARK: Lists

    @Test(arguments: Backend.available)
    func listsArePagedByNameWithTheTotal(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            // Created out of order; listed by name, then id.
            for (index, name) in ["Eve", "Bob", "Dan", "Alice", "Carol", "Bob"].enumerated() {
                var person = Samples.person("p-\(index)", name: name)
                person.externalId = nil
                _ = try await store.people.create(person, by: Principals.alice)
            }
            let first = try await store.people.list(page: PageRequest(limit: 4, offset: 0))
            #expect(first.total == 6)
            #expect(first.limit == 4 && first.offset == 0)
            #expect(first.items.map(\.name) == ["Alice", "Bob", "Bob", "Carol"])
            #expect(first.items.map(\.id) == ["p-3", "p-1", "p-5", "p-4"])
            let second = try await store.people.list(page: PageRequest(limit: 4, offset: 4))
            #expect(second.total == 6)
            #expect(second.items.map(\.name) == ["Dan", "Eve"])
            let beyond = try await store.people.list(page: PageRequest(limit: 4, offset: 40))
            #expect(beyond.items.isEmpty)
            #expect(beyond.total == 6)
        }
    }

    @Test func pageRequestsAreClamped() {
        #expect(PageRequest(limit: 0, offset: -5) == PageRequest(limit: 1, offset: 0))
        #expect(PageRequest(limit: 10_000).limit == 500)
        #expect(PageRequest().limit == 50)
    }

    @Test(arguments: Backend.available)
    func listsFilterByEqualityAndCombineFilters(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let layers = ["annotation", "evaluation", "evaluation", "expert-review"]
            let employment = ["contractor", "employee", "contractor", "employee"]
            for index in 0..<4 {
                var person = Samples.person("p-\(index)", name: "Person \(index)")
                person.externalId = nil
                person.workLayer = layers[index]
                person.employment = employment[index]
                _ = try await store.people.create(person, by: Principals.alice)
            }
            let evaluation = try await store.people.list(filters: ["workLayer": "evaluation"])
            #expect(evaluation.total == 2)
            #expect(evaluation.items.map(\.id) == ["p-1", "p-2"])
            let both = try await store.people.list(filters: ["workLayer": "evaluation", "employment": "contractor"])
            #expect(both.items.map(\.id) == ["p-2"])
            #expect(both.total == 1)
            #expect(try await store.people.list(filters: ["workLayer": "physical-data"]).total == 0)

            _ = try await store.marketPoints.create(Samples.marketPoint("m-1"), by: Principals.alice)
            var berlin = Samples.marketPoint("m-2")
            berlin.location = "DE-BE"
            berlin.currency = "EUR"
            _ = try await store.marketPoints.create(berlin, by: Principals.alice)
            #expect(try await store.marketPoints.list(filters: ["currency": "EUR"]).items.map(\.id) == ["m-2"])
        }
    }

    @Test(arguments: Backend.available)
    func anUnknownFilterIsRefusedNamingTheAllowedOnes(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let error = await storageError { try await store.vendors.list(filters: ["payMinor": "1"]) }
            #expect(
                error == .invalid("cannot filter vendor by 'payMinor'; filters: budgetOwner, contractSpecId, country"))
            // A column that exists but is not a filter is refused too: filters are not raw SQL.
            #expect(
                invalidMessage(await storageError { try await store.people.list(filters: ["pay_minor": "1"]) }) != nil)
        }
    }

    @Test(arguments: Backend.available)
    func searchIsACaseInsensitiveSubstringOfTheName(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            for (id, name) in [
                ("v-1", "Acme Annotation"), ("v-2", "Scale Partners"), ("v-3", "Big ACME Labs"),
                ("v-4", "100% Data_Co"),
            ] {
                _ = try await store.vendors.create(Samples.vendor(id, name: name), by: Principals.alice)
            }
            #expect(try await store.vendors.list(search: "acme").items.map(\.id) == ["v-1", "v-3"])
            #expect(try await store.vendors.list(search: "PARTNERS").items.map(\.id) == ["v-2"])
            #expect(try await store.vendors.list(search: "nothing like it").total == 0)
            #expect(try await store.vendors.list(search: "").total == 4)
            // % and _ typed by a user are themselves, not LIKE wildcards.
            #expect(try await store.vendors.list(search: "%").items.map(\.id) == ["v-4"])
            #expect(try await store.vendors.list(search: "data_co").items.map(\.id) == ["v-4"])
            #expect(try await store.vendors.list(search: "100% d").items.map(\.id) == ["v-4"])
            #expect(try await store.vendors.list(search: "a_m").total == 0)
            #expect(try await store.vendors.list(search: "e%a").total == 0)
            // Search and filters combine, and the total counts the matches only.
            let combined = try await store.vendors.list(
                filters: ["country": "KE"], search: "acme", page: PageRequest(limit: 1))
            #expect(combined.total == 2)
            #expect(combined.items.map(\.id) == ["v-1"])

            _ = try await store.marketPoints.create(
                Samples.marketPoint("m-1", role: "Response evaluator"), by: Principals.alice)
            _ = try await store.marketPoints.create(
                Samples.marketPoint("m-2", role: "Red teamer"), by: Principals.alice)
            #expect(try await store.marketPoints.list(search: "EVAL").items.map(\.id) == ["m-1"])
        }
    }
}
