import DecisionFiles
import Foundation
import ReferenceData
import Testing
import WorkModel

@testable import Portfolio

/// Pay and contract rates compared like for like, worked out by hand on the demo portfolio.
@Suite struct LoadedBasisTests {
    /// The demo's prompt engineers (examples/portfolio/people.csv) beside its RLHF contractor.
    static func people(contractorRate: Double, contractorSpec: String = "rlhf-specialist-us") -> [Person] {
        func salaried(_ id: String, _ annual: Double, hired: String) -> Person {
            Person(
                id: id, externalId: id, name: id, employment: "employee", payMinor: Int64(annual * 100),
                currency: "USD", payBasis: "annual",
                location: "Seattle, US-WA", hireDate: hired, specId: "prompt-engineer-gold-sets",
                budgetOwner: "headcount", hoursPerWeek: 40)
        }
        return [
            salaried("lena", 112_000, hired: "2021-02-01"), salaried("omar", 118_000, hired: "2020-05-18"),
            salaried("kim", 104_000, hired: "2026-03-02"),
            Person(
                id: "priya", externalId: "priya", name: "priya", employment: "contractor",
                payMinor: Int64(contractorRate * 100), currency: "USD",
                payBasis: "hourly", location: "Remote, US-CA", hireDate: "2025-08-01", specId: contractorSpec,
                budgetOwner: "consulting", hoursPerWeek: 30),
        ]
    }

    static func snapshot(contractorRate: Double, contractorSpec: String = "rlhf-specialist-us") throws
        -> PortfolioSnapshot
    {
        PortfolioSnapshot(
            asOf: WageFiles.asOf, people: people(contractorRate: contractorRate, contractorSpec: contractorSpec),
            wageFiles: try WageFiles.all(),
            currencies: try WageFiles.currencies(), onCosts: try ReferenceLoader.load().onCosts)
    }

    @Test func anRLHFContractorIsNotTheMarketForPromptEngineersInTheSameLayer() throws {
        let files = try WageFiles.all()
        let rlhfMid = try #require(files["rlhf-specialist-us"]).band.hourly.mid
        let report = CompressionReport.build(try Self.snapshot(contractorRate: 60))
        // Before: 60 USD/h over the old RLHF midpoint 48.37 was a compa of 1.2404, and parity at
        // 51.88 x 1.2404 / 1.05 = 61.29 USD/h, above the band maximum 60.52. The rate is now
        // employee-equivalent pay, 60 / 1.0765 (6.2% Social Security + 1.45% Medicare) = 55.736,
        // a compa of 55.736 / 57.01 = 0.9777 in the layer's summary; but an RLHF specialist does
        // other work than a prompt engineer building gold sets (another wage file, another job
        // category), so nobody is flagged below external against her.
        let external = 60 / 1.0765 / rlhfMid
        #expect(report.people.allSatisfy { !$0.flags.contains { $0.kind == "below-external" } })
        #expect(
            report.layers.first { $0.layer == "evaluation" }.flatMap(\.medianCompaExternal).map {
                abs($0 - external) < 0.001
            } == true)
        #expect(report.notes.contains { $0.hasPrefix("Like for like") })
    }

    @Test func aContractorOnTheSameWageFileIsComparedAsEmployeeEquivalentPay() throws {
        let band = try #require(try WageFiles.all()["prompt-engineer-gold-sets"]).band.hourly
        // On the prompt engineers' own wage file, 60 / 1.0765 = 55.736 over their 58.10 midpoint
        // is a compa of 0.9593; Lena's 112,000 / 2,080 = 53.85 is 0.9268: 3.5% below, inside the
        // 5% gap, so no flag. As a raw rate, 60 / 58.10 = 1.0327 would have been 11.4% above her.
        let report = CompressionReport.build(
            try Self.snapshot(contractorRate: 60, contractorSpec: "prompt-engineer-gold-sets"))
        let lena = try #require(report.people.first { $0.personId == "lena" })
        #expect(!lena.flags.contains { $0.kind == "below-external" })
        #expect(abs(lena.compaRatio - 112_000 / 2_080 / band.mid) < 0.01)
    }

    @Test func parityPastTheBandMaximumIsAFindingAboutTheBandNotAPayProposal() throws {
        let band = try #require(try WageFiles.all()["prompt-engineer-gold-sets"]).band.hourly
        // A contractor on the same wage file at 80 USD/h: employee equivalent 80 / 1.0765 = 74.31,
        // over the 58.10 midpoint a compa of 1.279; parity would be 58.10 x 1.279 / 1.05 = 70.77,
        // past the band maximum 67.78.
        let report = CompressionReport.build(
            try Self.snapshot(contractorRate: 80, contractorSpec: "prompt-engineer-gold-sets"))
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
