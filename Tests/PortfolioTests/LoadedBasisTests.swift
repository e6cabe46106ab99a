import DecisionFiles
import Foundation
@testable import Portfolio
import ReferenceData
import Testing
import WorkModel

/// Pay and contract rates compared like for like, worked out by hand on the demo portfolio.
@Suite struct LoadedBasisTests {
    /// The demo's prompt engineers (examples/portfolio/people.csv) beside its RLHF contractor.
    static func people(contractorRate: Double) -> [Person] {
        func salaried(_ id: String, _ annual: Double, hired: String) -> Person {
            Person(id: id, externalId: id, name: id, employment: "employee", payMinor: Int64(annual * 100), currency: "USD", payBasis: "annual",
                   location: "Seattle, US-WA", hireDate: hired, specId: "prompt-engineer-gold-sets", budgetOwner: "headcount", hoursPerWeek: 40)
        }
        return [
            salaried("lena", 112_000, hired: "2021-02-01"), salaried("omar", 118_000, hired: "2020-05-18"), salaried("kim", 104_000, hired: "2026-03-02"),
            Person(id: "priya", externalId: "priya", name: "priya", employment: "contractor", payMinor: Int64(contractorRate * 100), currency: "USD",
                   payBasis: "hourly", location: "Remote, US-CA", hireDate: "2025-08-01", specId: "rlhf-specialist-us", budgetOwner: "consulting", hoursPerWeek: 30),
        ]
    }

    static func snapshot(contractorRate: Double) throws -> PortfolioSnapshot {
        PortfolioSnapshot(asOf: WageFiles.asOf, people: people(contractorRate: contractorRate), wageFiles: try WageFiles.all(),
                          currencies: try WageFiles.currencies(), onCosts: try ReferenceLoader.load().onCosts)
    }

    @Test func theContractorsRateIsComparedAsEmployeeEquivalentPayAndParityStaysInTheBand() throws {
        let files = try WageFiles.all()
        let band = try #require(files["prompt-engineer-gold-sets"]).band.hourly
        let rlhfMid = try #require(files["rlhf-specialist-us"]).band.hourly.mid
        let report = CompressionReport.build(try Self.snapshot(contractorRate: 60))
        let lena = try #require(report.people.first { $0.personId == "lena" })
        // Before: 60 USD/h over the old RLHF midpoint 48.37 was a compa of 1.2404, and parity at
        // 51.88 x 1.2404 / 1.05 = 61.29 USD/h, above the band maximum 60.52.
        // Now the rate is employee-equivalent pay first: 60 / 1.0765 (6.2% Social Security +
        // 1.45% Medicare, 93,600 a year being under the cap) = 55.736, a compa of 55.736 / 57.01
        // (the RLHF benchmark's P50) = 0.9777; Lena's 112,000 / 2,080 = 53.85 against her band's
        // 58.10 midpoint is 0.9268: 5.2% below, so still flagged, with parity at
        // 58.10 x 0.9777 / 1.05 = 54.10 USD/h, inside the band (max 67.78).
        let external = 60 / 1.0765 / rlhfMid
        #expect(lena.flags.map(\.kind) == ["below-external"])
        #expect(abs(lena.parityHourly - band.mid * external / 1.05) < 0.01)
        #expect(abs(lena.parityHourly - 54.10) < 0.02)
        #expect(lena.parityHourly <= band.max)
        #expect(report.layers.first { $0.layer == "evaluation" }.flatMap(\.medianCompaExternal).map { abs($0 - external) < 0.001 } == true)
        #expect(report.people.allSatisfy { $0.parityHourly <= $0.band.max || $0.flags.contains { $0.kind == "band-below-market" } })
        #expect(report.notes.contains { $0.hasPrefix("Like for like") })
    }

    @Test func parityPastTheBandMaximumIsAFindingAboutTheBandNotAPayProposal() throws {
        let band = try #require(try WageFiles.all()["prompt-engineer-gold-sets"]).band.hourly
        // At 80 USD/h the employee equivalent, 80 / 1.0765 = 74.31, over 48.37 is a compa of 1.5364;
        // parity would be 51.88 x 1.5364 / 1.05 = 75.91, past the band maximum.
        let report = CompressionReport.build(try Self.snapshot(contractorRate: 80))
        for id in ["lena", "omar", "kim"] {
            let line = try #require(report.people.first { $0.personId == id })
            #expect(line.flags.map(\.kind).contains("band-below-market"), "\(id)")
            #expect(line.parityHourly == Statistics.round(max(line.hourly, band.max)), "\(id): \(line.parityHourly)")
            let message = try #require(line.flags.first { $0.kind == "band-below-market" }?.message)
            #expect(message.contains("the band itself is below the market"))
        }
    }

    @Test func aContractorWithoutOnCostDataIsLeftOutOfTheComparisonAndCounted() throws {
        var snapshot = try Self.snapshot(contractorRate: 60)
        snapshot.onCosts = OnCostTable()
        let report = CompressionReport.build(snapshot)
        #expect(report.people.allSatisfy { !$0.flags.contains { $0.kind == "below-external" } })
        #expect(report.notes.contains { $0.hasSuffix("with no on-cost data for their country: 1 contractor.") })
    }
}
