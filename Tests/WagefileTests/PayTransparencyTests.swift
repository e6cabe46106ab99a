import Compliance
import DecisionFiles
import Foundation
import Specs
import Testing
import WagefileTestSupport
import WorkModel

/// The pay-range posting laws on both sides of their thresholds. The base spec is priced on
/// Shipped.asOf; each case changes where the work is, who employs, and what the posting says.
@Suite("Pay transparency: posting laws")
struct PayTransparencyTests {
    static func file(worker: String, offered: String = "offered: {amount: 30, basis: hourly}", posting: String?) throws
        -> DecisionFile
    {
        var text = BaseSpec.edit([19: worker, 21: offered])
        if let posting { text += posting + "\n" }
        return try Shipped.get().builder.build(try readSpec(text))
    }

    static let californiaEmployee = "worker: {status: employee, jurisdiction: US-CA, hours_per_week: 40}"

    @Test("Cal. Lab. Code 432.3(c)(3): 15 employees must post a pay scale, 14 need not")
    func californiaThreshold() throws {
        let advertised = { (employees: Int) in "posting: {advertised: true, employer_employees: \(employees)}" }
        let fifteen = try Self.file(worker: Self.californiaEmployee, posting: advertised(15))
        let section = try #require(fifteen.payTransparency)
        #expect(section.rangeRequired == "yes")
        #expect(section.laws.map(\.id) == ["ca-lab-code-432-3"] && section.laws.first?.covered == "yes")
        let missing = try #require(fifteen.findings.first { $0.rule == "pay-range-missing" })
        #expect(missing.severity == .blocking)
        // The range to post is the band, hourly like the offer.
        #expect(
            section.rangeToPost.min == Format.round(fifteen.band.hourly.min, places: 2)
                && section.rangeToPost.basis == "hourly")
        #expect(missing.fix?.contains(Format.money(fifteen.band.hourly.min)) == true, "\(missing.fix ?? "")")

        let fourteen = try Self.file(worker: Self.californiaEmployee, posting: advertised(14))
        #expect(fourteen.payTransparency?.rangeRequired == "no")
        #expect(fourteen.payTransparency?.laws.first?.covered == "no")
        #expect(!fourteen.findings.contains { $0.rule == "pay-range-missing" })
    }

    @Test("Cal. Lab. Code 432.3: an unknown headcount is a warning that names the threshold")
    func unknownHeadcount() throws {
        let file = try Self.file(worker: Self.californiaEmployee, posting: "posting: {advertised: true}")
        #expect(file.payTransparency?.rangeRequired == "if the employer has 15 or more employees")
        let missing = try #require(file.findings.first { $0.rule == "pay-range-missing" })
        #expect(missing.severity == .warning && missing.message.contains("15 or more employees"))
    }

    @Test("a posted range inside the band passes; one wholly below it is not a good-faith range")
    func postedRangeAgainstTheBand() throws {
        let band = try Self.file(worker: Self.californiaEmployee, posting: nil).band.hourly
        let inside =
            "posting: {advertised: true, employer_employees: 50, range: {min: \(Format.fixed(band.min, places: 2)), max: \(Format.fixed(band.max, places: 2)), basis: hourly}}"
        let good = try Self.file(worker: Self.californiaEmployee, posting: inside)
        #expect(!good.findings.contains { $0.rule.hasPrefix("pay-range") })
        #expect(good.payTransparency?.postedRange?.min == Format.round(band.min, places: 2))
        // 1 cent under the band minimum at the top of the range is outside it.
        let below =
            "posting: {advertised: true, employer_employees: 50, range: {min: \(Format.fixed(band.min - 5, places: 2)), max: \(Format.fixed(band.min - 0.01, places: 2)), basis: hourly}}"
        let low = try Self.file(worker: Self.californiaEmployee, posting: below)
        #expect(low.findings.first { $0.rule == "pay-range-outside-band" }?.severity == .warning)
        // An annual range is read on the role's hours: the band's annual minimum and maximum sit inside.
        let annual =
            "posting: {advertised: true, employer_employees: 50, range: {min: \(Format.fixed(band.min * 2080, places: 0)), max: \(Format.fixed(band.max * 2080 - 1, places: 0)), basis: annual}}"
        #expect(
            !(try Self.file(worker: Self.californiaEmployee, posting: annual)).findings.contains {
                $0.rule.hasPrefix("pay-range")
            })
    }

    @Test("NYC Admin. Code 8-107(32) reaches work in a borough; N.Y. Labor Law 194-b the whole state")
    func newYork() throws {
        let city = try Self.file(
            worker: "worker: {status: employee, jurisdiction: US-NY, location: Brooklyn, hours_per_week: 40}",
            posting: nil)
        #expect(city.payTransparency?.laws.map(\.id) == ["nyc-local-law-32-2022", "ny-labor-law-194-b"])
        let upstate = try Self.file(
            worker: "worker: {status: employee, jurisdiction: US-NY, location: Albany, hours_per_week: 40}",
            posting: nil)
        #expect(upstate.payTransparency?.laws.map(\.id) == ["ny-labor-law-194-b"])
        // 4 employees are covered, 3 are not.
        let four = try Self.file(
            worker: "worker: {status: employee, jurisdiction: US-NY, hours_per_week: 40}",
            posting: "posting: {advertised: true, employer_employees: 4}")
        #expect(four.findings.first { $0.rule == "pay-range-missing" }?.severity == .blocking)
        let three = try Self.file(
            worker: "worker: {status: employee, jurisdiction: US-NY, hours_per_week: 40}",
            posting: "posting: {advertised: true, employer_employees: 3}")
        #expect(!three.findings.contains { $0.rule == "pay-range-missing" })
    }

    @Test(
        "Directive 2023/970 Art. 5: not transposed in Germany, so no duty yet and a note says why; transposed in Italy, a warning"
    )
    func europeanUnion() throws {
        let germany = try Self.file(
            worker: "worker: {status: employee, jurisdiction: DE, hours_per_week: 40}",
            offered: "offered: {amount: 4000, basis: month}", posting: "posting: {advertised: true}")
        let section = try #require(germany.payTransparency)
        #expect(section.laws.isEmpty && section.rangeRequired == "no")
        #expect(section.notes.first?.contains("no horizontal direct effect") == true)
        #expect(section.rangeToPost.basis == "month")
        #expect(!germany.findings.contains { $0.rule == "pay-range-missing" })
        let row = try #require(PayTransparencyRules.transposition("IT"))
        #expect(row.status == .transposed)
        // Every member state has a row, and only member states do.
        #expect(PayRangePostingLaws.transpositions.count == 27)
    }

    @Test("Colorado's Equal Pay for Equal Work Act covers an employer of one")
    func colorado() throws {
        let laws = PayTransparencyRules.applicable(
            try readSpec(
                BaseSpec.edit([19: "worker: {status: employee, jurisdiction: US-CO, hours_per_week: 40}"])
                    + "posting: {employer_employees: 1}\n"), asOf: Shipped.asOf)
        #expect(laws.map(\.law.id) == ["co-epewa"] && laws.first?.covered == "yes")
    }

    @Test("a posting range is read with located errors")
    func postingErrors() throws {
        let found = try diagnostics(
            BaseSpec.appending("posting: {advertised: true, range: {min: 40, max: 30, basis: per-task}}"))
        #expect(found.contains { prefix($0).hasPrefix("x.yaml:23:") && $0.field == "posting.range.basis" }, "\(found)")
        #expect(
            found.contains { $0.field == "posting.range.max" && $0.message.contains("at or above the minimum 40") },
            "\(found)")
    }
}
