import DecisionFiles
import Foundation
import Portfolio
package import Storage
import WorkModel

/// What a first start on an empty database loads, so the product can be looked at before any
/// real data is entered: the example specs with a decision file each, and a small portfolio
/// around them. Every demo record says it is demo data.
package enum DemoData {
    package struct Result: Sendable {
        package var specs: Int
        package var decisionFiles: Int
        package var rejected: [String]
    }

    /// Loads the specs (name, text) and the portfolio; skips specs that do not parse. `people`
    /// is an HRIS export and its mapping (examples/portfolio); without it a few demo people stand in.
    package static func load(
        specs documents: [(name: String, text: String)], people export: (csv: String, mapping: String)? = nil,
        environment: ServerEnvironment
    ) async throws -> Result {
        let store = environment.store
        let by = Principal.system
        var loaded = 0
        var files = 0
        var rejected: [String] = []
        for document in documents.sorted(by: { $0.name < $1.name }) {
            let file: DecisionFile
            do {
                file = try SpecController.price(document.text, file: document.name, environment: environment)
            } catch {
                rejected.append(document.name)
                continue
            }
            _ = try await store.specs.create(
                id: file.spec.id, kind: file.spec.kind, title: file.spec.title, body: document.text,
                comment: "demo data: \(document.name)", by: by)
            loaded += 1
            _ = try await store.decisionFiles.create(
                try StoredDecisionFile(file, id: "demo-\(file.spec.id)", specVersion: 1), by: by)
            files += 1
        }
        if let export {
            let mapping = try PeopleMapping.read(export.mapping, file: "people-mapping.yaml")
            let read = try PeopleImport.read(export.csv, file: "people.csv", mapping: mapping)
            if !read.errors.isEmpty { throw InputError(read.errors) }
            _ = try await store.people.importBatch(read.rows, source: "demo data: people.csv", by: by)
        } else {
            for person in people { _ = try await store.people.create(person, by: by) }
        }
        _ = try await store.vendors.create(
            Vendor(
                id: "demo-vendor-swahili", name: "Demo: Swahili transcription vendor", country: "KE",
                contractSpecId: "vendor-swahili-transcription", annualSpendMinor: 18_000_000, currency: "USD",
                budgetOwner: "procurement", lastAudit: "2025-09", notes: "Demo data."),
            by: by)
        _ = try await store.datasets.create(
            Dataset(
                id: "demo-dataset-garment-motion", name: "Demo: garment-line egocentric video",
                sourceSpecId: "gurugram-garment-egocentric",
                description: "Demo data: recorded work from a sewing line.",
                recordedWork: true, consentRecord: nil, retention: "24 months"),
            by: by)
        _ = try await store.datasets.create(
            Dataset(
                id: "demo-dataset-swahili-audio", name: "Demo: Swahili transcripts", vendorId: "demo-vendor-swahili",
                sourceSpecId: "vendor-swahili-transcription", description: "Demo data.", recordedWork: false),
            by: by)
        return Result(specs: loaded, decisionFiles: files, rejected: rejected)
    }

    /// A support lead doing evaluation-lead work in a legacy band, and the external hire beside her:
    /// the compression the portfolio views are built to show.
    static let people: [Person] = [
        Person(
            id: "demo-person-1", externalId: "DEMO-001", name: "Demo: Amara Osei", employment: "employee",
            title: "Support Team Lead", payMinor: 7_800_000, currency: "USD", payBasis: "annual", band: "S3",
            legacyBand: "S3", workLayer: "evaluation-lead", location: "Austin, US-TX", hireDate: "2019-04-01",
            specId: "internal-evaluation-lead", budgetOwner: "headcount"),
        Person(
            id: "demo-person-2", externalId: "DEMO-002", name: "Demo: Jordan Reyes", employment: "employee",
            title: "AI Evaluation Lead", payMinor: 16_500_000, currency: "USD", payBasis: "annual", band: "E5",
            workLayer: "evaluation-lead", location: "Austin, US-TX", hireDate: "2026-02-15",
            specId: "internal-evaluation-lead", budgetOwner: "headcount"),
        Person(
            id: "demo-person-3", externalId: "DEMO-003", name: "Demo: Priya Nair", employment: "contractor",
            title: "RLHF Specialist", payMinor: 6_000, currency: "USD", payBasis: "hourly", workLayer: "evaluation",
            location: "Remote, US", hireDate: "2025-08-01", specId: "rlhf-specialist-us", budgetOwner: "consulting"),
    ]
}

extension DemoData {
    /// The demo's sign-ins: an admin, and a compensation reviewer, so a file the admin sends for
    /// review can still be approved in the demo (no one decides on what they sent, admins included).
    package static let accounts: [(email: String, name: String, role: UserRole)] = [
        ("admin@demo.wagefile", "Demo admin", .admin),
        ("reviewer@demo.wagefile", "Demo reviewer", .compensation),
    ]

    /// A fresh random password for a demo account.
    package static func password() -> String { Secrets.random(prefix: "demo-") }
}
