import DecisionFiles
import Foundation
import Testing
import WorkModel

@testable import Portfolio

/// The EU Pay Transparency Directive (2023/970) worked by hand: gaps are (men − women) / men
/// (Art. 3(1)(c), (e)); a category of workers of equal value with a mean gap of 5 % or more that
/// objective, gender-neutral factors do not explain needs a joint pay assessment (Art. 10(1)).
/// Every person here is an employee on the Berlin data-quality analyst's wage file, paid by the
/// hour in EUR for 40 hours a week, so their hourly pay is exactly the figure written (the
/// report converts to USD; the gaps are ratios and do not move).
@Suite("Pay equity as the Directive measures it")
struct PayEquityDirectiveTests {

    struct Hire {
        var id: String
        var sex: String
        var hourly: Double
        var hired = "2024-01-01"
        var variable: Double? = nil
    }

    static func report(
        _ hires: [Hire], spec: String = "data-quality-analyst-de", currency: String = "EUR",
        threshold: Double = 0.05
    ) throws -> PayEquityReport {
        let people = hires.map { hire in
            Person(
                id: hire.id, externalId: hire.id, name: hire.id, employment: "employee",
                payMinor: Int64((hire.hourly * 100).rounded()),
                currency: currency, payBasis: "hourly", hireDate: hire.hired, specId: spec, hoursPerWeek: 40,
                equityGroups: "gender=\(hire.sex)", variablePayMinor: hire.variable.map { Int64(($0 * 100).rounded()) })
        }
        let snapshot = PortfolioSnapshot(
            asOf: WageFiles.asOf, people: people, wageFiles: try WageFiles.all(), currencies: try WageFiles.currencies()
        )
        return PayEquityReport.build(snapshot, threshold: threshold)
    }

    static func analysts(women hourly: Double, count: Int = 6) -> [Hire] {
        (0..<count).map { Hire(id: "m\($0)", sex: "M", hourly: 50) }
            + (0..<count).map { Hire(id: "f\($0)", sex: "F", hourly: hourly) }
    }

    @Test(
        "Art. 10(1): twelve Berlin analysts on one job, women paid 15% less (42.50 against 50.00 EUR/h), need a joint pay assessment"
    )
    func twelveAnalystsWithAFifteenPercentGap() throws {
        let report = try Self.report(Self.analysts(women: 42.50))
        let category = try #require(report.categories.only)
        #expect(category.women == 6 && category.men == 6)
        // (50 − 42.50) / 50 = 0.15, mean and median alike.
        #expect(category.total?.meanGap == 0.15 && category.total?.medianGap == 0.15)
        #expect(category.basic?.meanGap == 0.15)
        // Same wage file, same hire date: no factor varies, nothing explains it. 1 − 42.5/50 = 0.15.
        #expect(category.factorsUsed.isEmpty)
        #expect(abs((category.unexplainedGap ?? 0) - 0.15) < 1e-4)
        #expect(abs(category.explainedGap ?? 1) < 1e-4)
        #expect(category.status == "joint-pay-assessment")
        #expect(category.note.contains("Art. 10(1)"), "\(category.note)")
        #expect(report.jointPayAssessment == [category.id])
        #expect(category.id.hasPrefix("DE/") && category.roles == ["data-quality-analyst-de"])
    }

    @Test("Art. 2(1): outside the EU the same gap is an unexplained gap to justify, not a joint pay assessment")
    func outsideTheUnion() throws {
        let category = try #require(
            try Self.report(Self.analysts(women: 42.50), spec: "internal-evaluation-lead", currency: "USD").categories
                .only)
        #expect(category.id.hasPrefix("US/"))
        #expect(category.total?.meanGap == 0.15 && category.status == "unexplained-gap")
        #expect(category.note.contains("Equal Pay Act"), "\(category.note)")
    }

    @Test("categories are per country: one grade in Berlin and in New York is two categories")
    func categoriesArePerCountry() throws {
        let berlin = Self.analysts(women: 50, count: 2)
        let people =
            berlin.map { hire in
                Person(
                    id: hire.id, externalId: hire.id, name: hire.id, employment: "employee", payMinor: 5000,
                    currency: "EUR", payBasis: "hourly",
                    location: "Berlin, DE", specId: "data-quality-analyst-de", hoursPerWeek: 40,
                    equityGroups: "gender=\(hire.sex)")
            }
            + berlin.map { hire in
                Person(
                    id: "ny-" + hire.id, externalId: "ny-" + hire.id, name: hire.id, employment: "employee",
                    payMinor: 5000, currency: "EUR",
                    payBasis: "hourly", location: "New York, US-NY", specId: "data-quality-analyst-de",
                    hoursPerWeek: 40, equityGroups: "gender=\(hire.sex)")
            }
        let snapshot = PortfolioSnapshot(
            asOf: WageFiles.asOf, people: people, wageFiles: try WageFiles.all(), currencies: try WageFiles.currencies()
        )
        let ids = PayEquityReport.build(snapshot).categories.map(\.id)
        #expect(
            ids.count == 2 && ids.contains { $0.hasPrefix("DE/") } && ids.contains { $0.hasPrefix("US/") }, "\(ids)")
    }

    @Test("Art. 10(1)(a): a mean gap of 4.9% is under the rule, 5.0% is at it")
    func bothSidesOfFivePercent() throws {
        // (50 − 47.55) / 50 = 0.049; (50 − 47.50) / 50 = 0.05.
        let under = try #require(try Self.report(Self.analysts(women: 47.55)).categories.only)
        #expect(under.total?.meanGap == 0.049 && under.status == "under-threshold")
        let at = try #require(try Self.report(Self.analysts(women: 47.50)).categories.only)
        #expect(at.total?.meanGap == 0.05 && at.status == "joint-pay-assessment")
    }

    @Test("Art. 3(1)(c): the gap is measured against men's pay, even where women are the larger group")
    func menAreTheReference() throws {
        // 8 women at 40, 4 men at 50: (50 − 40) / 50 = 20%, not (50 − 40) / 40 = 25%.
        let hires =
            (0..<8).map { Hire(id: "f\($0)", sex: "female", hourly: 40) }
            + (0..<4).map { Hire(id: "m\($0)", sex: "male", hourly: 50) }
        let report = try Self.report(hires)
        #expect(report.categories.only?.total?.meanGap == 0.2)
        #expect(report.organisation?.total.meanGap == 0.2)
        #expect(report.organisation?.women == 8 && report.organisation?.men == 4)
    }

    @Test("Art. 10(1)(b): a gap that tenure explains is not an unexplained gap")
    func tenureExplainsTheGap() throws {
        // Pay rises 3% a year of tenure, the same for everyone: 40 × e^(0.03 × years). The men
        // were hired 6-8 years ago, the women 0-2: a raw gap near 17%, all of it tenure.
        var hires: [Hire] = []
        for (index, years) in [0, 1, 2, 0, 1, 2].enumerated() {
            hires.append(Self.hire("f\(index)", "F", yearsAgo: years))
        }
        for (index, years) in [6, 7, 8, 6, 7, 8].enumerated() {
            hires.append(Self.hire("m\(index)", "M", yearsAgo: years))
        }
        let category = try #require(try Self.report(hires).categories.only)
        let raw = try #require(category.total?.meanGap)
        #expect(raw > 0.15 && raw < 0.19, "\(raw)")
        #expect(abs(category.unexplainedGap ?? 1) < 0.005, "\(category.unexplainedGap ?? -1)")
        #expect(category.factorsUsed == ["tenure in years"])
        #expect(category.status == "explained")
        #expect(category.note.contains("keep the justification on file"))
    }

    static func hire(_ id: String, _ sex: String, yearsAgo years: Int) -> Hire {
        let hired = CalendarDate(year: WageFiles.asOf.year - years, month: WageFiles.asOf.month, day: 1)
        let tenure = Double(hired.months(until: WageFiles.asOf)) / 12
        return Hire(id: id, sex: sex, hourly: (40 * exp(0.03 * tenure) * 100).rounded() / 100, hired: hired.description)
    }

    @Test("Art. 3(1)(a): variable pay is pay; a bonus only men receive opens a gap basic pay does not show")
    func variablePayCounts() throws {
        // Basic 50 USD/h for all. A 6,240 USD bonus over 2,080 h is 3 USD/h: men 53, women 50,
        // (53 − 50) / 53 = 5.66%. A 5,200 USD bonus is 2.5 USD/h: 2.5 / 52.5 = 4.76%.
        func hires(bonus: Double) -> [Hire] {
            (0..<5).map { Hire(id: "m\($0)", sex: "M", hourly: 50, variable: bonus) }
                + (0..<5).map { Hire(id: "f\($0)", sex: "F", hourly: 50) }
        }
        let over = try Self.report(hires(bonus: 6240))
        let category = try #require(over.categories.only)
        #expect(category.basic?.meanGap == 0)
        #expect(category.total?.meanGap == 0.0566)
        #expect(category.status == "joint-pay-assessment")
        // Art. 9(1)(e): the shares receiving variable pay; (b) its gap needs recipients of both sexes.
        let organisation = try #require(over.organisation)
        #expect(organisation.womenReceivingVariable == 0 && organisation.menReceivingVariable == 1)
        #expect(organisation.variable.meanGap == nil)
        let under = try #require(try Self.report(hires(bonus: 5200)).categories.only)
        #expect(under.total?.meanGap == 0.0476 && under.status == "under-threshold")
    }

    @Test("Art. 9(1)(f): four pay quartiles of equal size, lowest first")
    func quartiles() throws {
        let hires = [
            Hire(id: "a", sex: "F", hourly: 30), Hire(id: "b", sex: "F", hourly: 31),
            Hire(id: "c", sex: "M", hourly: 40),
            Hire(id: "d", sex: "F", hourly: 41), Hire(id: "e", sex: "M", hourly: 50),
            Hire(id: "f", sex: "F", hourly: 51),
            Hire(id: "g", sex: "M", hourly: 60), Hire(id: "h", sex: "M", hourly: 61),
        ]
        let quartiles = try #require(try Self.report(hires).organisation?.quartiles)
        #expect(quartiles.map(\.women) == [2, 1, 1, 0])
        #expect(quartiles.map(\.men) == [0, 1, 1, 2])
    }

    @Test("one sex only: no gap to measure, and it says so")
    func oneSexOnly() throws {
        let category = try #require(
            try Self.report((0..<4).map { Hire(id: "f\($0)", sex: "F", hourly: 40) }).categories.only)
        #expect(category.status == "one-sex" && category.note == "only women in this category: no gap to measure")
        #expect(category.total == nil)
    }

    @Test("values other than women and men are counted, outside the gap figures")
    func otherValues() throws {
        let hires = Self.analysts(women: 50, count: 3) + [Hire(id: "x", sex: "non-binary", hourly: 10)]
        let organisation = try #require(try Self.report(hires).organisation)
        #expect(organisation.otherOrUnstated == 1 && organisation.total.meanGap == 0)
    }
}

extension Array {
    /// The one element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
