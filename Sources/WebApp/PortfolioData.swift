import DecisionFiles
import Foundation
package import Portfolio
package import ReferenceData
package import Signal
package import Storage
package import WorkModel

/// Loads the portfolio views' input from the database: every person, vendor and dataset, and
/// the newest decision file of each spec.
package enum PortfolioData {
    package static func snapshot(
        store: Store, reference: ReferenceSet, asOf: CalendarDate,
        evidence: [String: AgreementReport.ReviewerQuality] = [:]
    ) async throws -> PortfolioSnapshot {
        async let people = store.people.all()
        async let vendors = store.vendors.all()
        async let datasets = store.datasets.all()
        async let files = store.decisionFiles.latestPerSpec()
        var wageFiles: [String: DecisionFile] = [:]
        let decoder = JSONDecoder()
        for stored in try await files {
            // A document an older version wrote and this one cannot read is left out, not fatal.
            if let file = try? decoder.decode(DecisionFile.self, from: Data(stored.document.utf8)) {
                wageFiles[stored.specId] = file
            }
        }
        return PortfolioSnapshot(
            asOf: asOf, people: try await people, vendors: try await vendors, datasets: try await datasets,
            wageFiles: wageFiles,
            reviewerEvidence: evidence, currencies: CurrencyTable(reference: reference),
            onCosts: reference.onCosts)
    }
}
