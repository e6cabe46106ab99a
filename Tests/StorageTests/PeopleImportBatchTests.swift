import Foundation
import SQLKit
import Storage
import Testing
import WorkModel

@Suite("People import: all rows or none, matched on the HRIS id")
struct PeopleImportBatchTests {
    static func row(
        _ line: Int, _ external: String, manager: String? = nil, pay: Int64 = 9_000_000, name: String? = nil
    ) -> ImportedPerson {
        ImportedPerson(
            line: line,
            person: Person(
                id: "", externalId: external, name: name ?? "Person \(external)", employment: "employee", payMinor: pay,
                currency: "USD", payBasis: "annual", workLayer: "evaluation", hireDate: "2024-01-01"),
            managerExternalId: manager)
    }

    /// 2,000 people in a management tree, written to the file bottom-up (reports before managers).
    static func organization() -> [ImportedPerson] {
        (0..<2_000).reversed().enumerated().map { line, index in
            row(line + 2, "E\(index)", manager: index == 0 ? nil : "E\((index - 1) / 10)")
        }
    }

    @Test(arguments: Backend.available)
    func twoThousandPeopleArriveInOneTransactionWithManagersResolved(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let result = try await store.people.importBatch(
                Self.organization(), source: "hris.csv", by: Principals.alice)
            #expect(result == PeopleImportResult(rows: 2_000, created: 2_000, updated: 0, unchanged: 0))
            #expect(try await count(store, "people") == 2_000)
            let report = try await store.people.get("person-e1999")
            #expect(report.managerId == "person-e199")
            #expect(try await store.people.get("person-e0").managerId == nil)
            // One entry per person and one for the import, on an intact chain.
            let verification = try await store.audit.verify()
            #expect(verification.intact)
            #expect(verification.entries == 2_001)
        }
    }

    @Test(arguments: Backend.available)
    func aReimportUpdatesWhatChangedAndLeavesTheRest(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            _ = try await store.people.importBatch(
                [Self.row(2, "E1"), Self.row(3, "E2", manager: "E1")], source: "a.csv", by: Principals.alice)
            let again = try await store.people.importBatch(
                [
                    Self.row(2, "E1"), Self.row(3, "E2", manager: "E1", pay: 9_500_000),
                    Self.row(4, "E3", manager: "E2"),
                ],
                source: "b.csv", by: Principals.bob)
            #expect(again == PeopleImportResult(rows: 3, created: 1, updated: 1, unchanged: 1))
            let raised = try await store.people.get("person-e2")
            #expect(raised.payMinor == 9_500_000)
            #expect(raised.revision == 2)
            #expect(try await store.people.get("person-e1").revision == 1)
            #expect(try await store.people.get("person-e3").managerId == "person-e2")
            #expect(try await count(store, "people") == 3)
        }
    }

    @Test(arguments: Backend.available)
    func oneBadRowRejectsTheWholeFileAndWritesNothing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            var rows = Self.organization()
            rows[1_500].managerExternalId = "NOBODY"
            rows[1_700].person.name = " "
            let before = try await store.audit.verify().entries
            do {
                _ = try await store.people.importBatch(rows, source: "bad.csv", by: Principals.alice)
                Issue.record("a file with bad rows was imported")
            } catch let rejected as PeopleImportRejected {
                #expect(rejected.problems.map(\.line) == [1_502, 1_702])
                #expect(rejected.problems.first?.message.contains("'NOBODY'") == true)
                #expect(rejected.problems.last?.field == "name")
            }
            #expect(try await count(store, "people") == 0)
            #expect(try await store.audit.verify().entries == before)
        }
    }

    @Test(arguments: Backend.available)
    func aManagementLoopIsRefusedOnEveryRowInIt(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let rows = [
                Self.row(2, "A", manager: "C"), Self.row(3, "B", manager: "A"), Self.row(4, "C", manager: "B"),
                Self.row(5, "D", manager: "A"),
            ]
            do {
                _ = try await store.people.importBatch(rows, source: "loop.csv", by: Principals.alice)
                Issue.record("a management loop was imported")
            } catch let rejected as PeopleImportRejected {
                #expect(rejected.problems.map(\.line) == [2, 3, 4])
                #expect(rejected.problems.allSatisfy { $0.message.contains("management loop") })
            }
            #expect(try await count(store, "people") == 0)
        }
    }

    @Test(arguments: Backend.available)
    func aRowWithoutAnHRISIdIsRefused(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            var row = Self.row(2, "X")
            row.person.externalId = nil
            await #expect(throws: PeopleImportRejected.self) {
                try await store.people.importBatch([row], source: "x.csv", by: Principals.alice)
            }
        }
    }

    @Test(arguments: Backend.available)
    func payPastTheCapIsRefusedOnItsRow(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            // 9.2e18 once made another person's cost to parity 5.3 trillion; the cap is 1e13 a year.
            let rows = [
                Self.row(2, "A"), Self.row(3, "B", pay: 9_200_000_000_000_000_000),
                Self.row(4, "C", pay: 10_000_000_000_000),
            ]
            do {
                _ = try await store.people.importBatch(rows, source: "pay.csv", by: Principals.alice)
                Issue.record("pay past the cap was imported")
            } catch let rejected as PeopleImportRejected {
                #expect(rejected.problems.map(\.line) == [3])
                #expect(rejected.problems.first?.field == "payMinor")
            }
            #expect(try await count(store, "people") == 0)
        }
    }
}
