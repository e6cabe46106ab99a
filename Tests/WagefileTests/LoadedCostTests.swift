import DecisionFiles
import Foundation
import Pricing
import ReferenceData
import Specs
import Testing
import WagefileTestSupport
import WorkModel

/// Employer on-costs and the loaded basis, with load factors worked out by hand.
struct LoadedCostTests {
    let reference: ReferenceSet

    init() throws { reference = try Shipped.get().reference }

    func row(_ code: String) throws -> OnCostRow { try #require(reference.onCosts.row(for: code)) }

    // MARK: Load factors by hand

    @Test func aBrazilianEmployeesLoadFactor() throws {
        // Contributions: INSS 20% + RAT 1% + third parties 5.8% + FGTS 8% = 34.8%.
        // Extras: 13th salary 8.33% + one-third vacation bonus 2.78% = 11.11%.
        // Leave: 30 calendar days x 5/7 = 21.4286 working days; 260 / (260 - 21.4286) = 1.089820.
        // Load factor = 1.348 x 1.1111 x 1.089820 = 1.632292.
        let load = try row("BR").load(annualGross: 60_000)
        #expect(abs(load.contributionRate - 0.348) < 1e-9)
        #expect(abs(load.extrasRate - 0.1111) < 1e-9)
        #expect(abs(load.leaveDays - 21.4286) < 0.0001)
        #expect(abs(load.factor - 1.632292) < 0.000001)
    }

    @Test func aUSSalaryAboveTheSocialSecurityCap() throws {
        // 250,000 a year: Social Security 6.2% of 184,500 = 11,439, Medicare 1.45% of 250,000 = 3,625;
        // (11,439 + 3,625) / 250,000 = 6.0256%, no extras, no statutory leave: 1.060256.
        #expect(abs(try row("US").load(annualGross: 250_000).factor - 1.060256) < 1e-9)
        // Under the cap both apply in full: 1.0765.
        #expect(abs(try row("US").load(annualGross: 100_000).factor - 1.0765) < 1e-9)
    }

    @Test func aUKSalaryBetweenTheThresholds() throws {
        // 40,000 a year: NIC 15% of (40,000 - 5,000) = 5,250; pension 3% of (40,000 - 6,240) = 1,012.80;
        // 6,262.80 / 40,000 = 15.657%; leave 28 days: 260 / 232 = 1.120690; 1.15657 x 1.120690 = 1.296156.
        #expect(abs(try row("GB").load(annualGross: 40_000).factor - 1.296156) < 0.000001)
    }

    @Test func thresholdsAndFixedAmountsMakeTheFactorDependOnPay() throws {
        // India at INR 20,000 a month: ESI (to 21,000) and the statutory bonus apply.
        // (1 + 12% + 0.5% + 0.5% + 3.25%) x (1 + 4.81% + 8.33%) = 1.1625 x 1.1314 = 1.315253 (no leave figure: a gap).
        #expect(abs(try row("IN").load(annualGross: 240_000).factor - 1.315253) < 0.000001)
        // At 22,000 a month neither does: 1.13 x 1.0481 = 1.184353.
        #expect(abs(try row("IN").load(annualGross: 264_000).factor - 1.184353) < 0.000001)
        // The Philippines at PHP 30,000 a month: SSS 3,000 + EC 30 + PhilHealth 750 + Pag-IBIG 200 (capped)
        // = 3,980 / 30,000 = 13.267%; 13th month 8.33%: 1.132667 x 1.0833 = 1.227018.
        #expect(abs(try row("PH").load(annualGross: 360_000).factor - 1.227018) < 0.000001)
        // Mexico: IMSS 0.7 + 1.05 + 1.75 + 2 + 3.15 + 1 + Infonavit 5 = 14.65%; aguinaldo 15/365 = 4.11%;
        // 12 leave days: 260 / 248. 1.1465 x 1.0411 x 1.048387 = 1.251377.
        #expect(abs(try row("MX").load(annualGross: 200_000).factor - 1.251377) < 0.000001)
        // Kenya: housing levy 1.5%, 21 leave days: 1.015 x 260 / 239 = 1.104184.
        #expect(abs(try row("KE").load(annualGross: 300_000).factor - 1.104184) < 0.000001)
    }

    @Test func aContractRateBecomesTheGrossThatCostsTheSame() throws {
        // 60 USD an hour for 2,080 hours in Washington: under the Social Security cap the load is
        // 1.0765, so the employee-equivalent gross is 60 / 1.0765 = 55.736 USD an hour.
        let load = try #require(reference.onCosts.grossEquivalent("US-WA", annualLoaded: 60 * 2_080, currency: "USD"))
        #expect(abs(load.annualGross / 2_080 - 55.736) < 0.001)
        #expect(abs(load.annualLoaded - 60 * 2_080) < 0.01)
        // Above the cap the solution still loads back to the rate.
        let high = try #require(reference.onCosts.grossEquivalent("US", annualLoaded: 500 * 2_080, currency: "USD"))
        #expect(abs(high.annualLoaded - 500 * 2_080) < 0.01)
        // In another currency the caps are applied in the row's own: 60 EUR is 69.77 USD, under the cap.
        let euro = try #require(reference.onCosts.grossEquivalent("US", annualLoaded: 60 * 2_080, currency: "EUR"))
        #expect(abs(euro.factor - 1.0765) < 1e-9)
    }

    // MARK: The shipped rows

    @Test func everyShippedJurisdictionHasARowOrItsCountrys() throws {
        for jurisdiction in reference.jurisdictions {
            let row = try #require(reference.onCosts.row(for: jurisdiction.code), "\(jurisdiction.code)")
            #expect(
                row.jurisdiction == ReferenceSet.country(of: jurisdiction.code),
                "\(jurisdiction.code) uses \(row.jurisdiction)")
            // Something is counted, or the row names what is missing: never an unexplained zero.
            #expect(!(row.contributions.isEmpty && row.extras.isEmpty && row.paidLeave == nil), "\(row.jurisdiction)")
            #expect(
                !row.contributions.isEmpty || !row.gaps.isEmpty,
                "\(row.jurisdiction) counts no contribution and says nothing")
        }
        #expect(reference.onCosts.row(for: "US-CA")?.jurisdiction == "US")
        #expect(reference.onCosts.row(for: "IN-HR")?.jurisdiction == "IN")
        #expect(reference.onCosts.row(for: "PH-00")?.jurisdiction == "PH")
    }

    @Test func lowConfidenceFiguresShipAsLow() throws {
        // FACTS marks the eurodev headline rates low, and India's practitioner source medium-low.
        for code in ["DE", "FR", "IT", "ES", "SE"] {
            #expect(try row(code).contributions.allSatisfy { $0.ref.confidence == .low }, "\(code)")
        }
        #expect(try row("IN").contributions.allSatisfy { $0.ref.confidence == .low })
        #expect(try row("CO").contributions.allSatisfy { $0.ref.confidence == .low })
        #expect(try row("US").contributions.allSatisfy { $0.ref.confidence == .high })
        // Every component names a source in the ledger and a date.
        let ledger = Set(reference.sources.map(\.key))
        for row in reference.onCosts.rows.values {
            for component in row.contributions + row.extras {
                #expect(
                    ledger.contains(component.ref.source) && CalendarDate(component.ref.asOf) != nil,
                    "\(row.jurisdiction) \(component.id)")
            }
        }
    }

    // MARK: The decision file

    @Test func anEmployeeRoleShowsTheLoadedCostOfItsMidpointAndOffer() throws {
        let shipped = try Shipped.get()
        let text = BaseSpec.edit([
            19: "worker: {status: employee, jurisdiction: BR, hours_per_week: 40}", 20: "currency: BRL",
            21: "offered: {amount: 120, basis: hourly}",
        ])
        let file = shipped.builder.build(try readSpec(text))
        let section = try #require(file.loadedCost)
        #expect(section.basis == "employee-pay" && section.onCostJurisdiction == "BR" && section.noData == nil)
        let offer = try #require(section.offered)
        // 120 BRL an hour is 249,600 a year: no caps in Brazil's row, so 1.632292 as worked out above.
        #expect(offer.employeeGrossHourly == 120)
        #expect(offer.loadFactor == 1.6323)
        #expect(offer.loadedHourly == Format.round(120 * 1.632292, places: 2))
        let mid = try #require(section.bandMid)
        #expect(mid.stated == file.band.hourly.mid && mid.loadFactor == 1.6323)
        // Every component used is in the provenance list, with the load factor's derivation.
        for line in section.components {
            let entry = try #require(file.provenance.first { $0.figure == "loadedCost.components.\(line.id)" })
            #expect(entry.source == line.source && entry.asOf == line.asOf && entry.confidence == line.confidence)
        }
        #expect(
            file.provenance.contains {
                $0.figure == "loadedCost.offered.loadFactor" && $0.derivation.contains("= 1.6323")
            })
        #expect(file.provenance.contains { $0.figure == "loadedCost.offered.loadedHourly" })
        #expect(MarkdownRendering.render(file).contains("## Loaded cost"))
        #expect(HTMLRendering.body(file).contains("<h2>Loaded cost</h2>"))
    }

    @Test func aContractorRateShowsTheEmployeeEquivalentGross() throws {
        let shipped = try Shipped.get()
        let text = BaseSpec.edit([
            19: "worker: {status: contractor, jurisdiction: US-WA, hours_per_week: 40}",
            21: "offered: {amount: 60, basis: hourly}",
        ])
        let file = shipped.builder.build(try readSpec(text))
        let section = try #require(file.loadedCost)
        #expect(section.basis == "contractor-rate" && section.onCostJurisdiction == "US")
        let offer = try #require(section.offered)
        // 60 / 1.0765 = 55.74.
        #expect(
            offer.stated == 60 && offer.loadedHourly == 60 && offer.employeeGrossHourly == 55.74
                && offer.loadFactor == 1.0765)
        #expect(section.gaps.contains { $0.hasPrefix("FUTA") })
        #expect(!file.findings.contains { $0.rule == "on-cost-low-confidence" }, "US figures are high and medium")
    }

    @Test func lowConfidenceOnCostsAreNamedInAFinding() throws {
        let shipped = try Shipped.get()
        let text = BaseSpec.edit([
            19: "worker: {status: employee, jurisdiction: DE, hours_per_week: 40}", 20: "currency: EUR",
        ])
        let file = shipped.builder.build(try readSpec(text))
        let finding = try #require(file.findings.first { $0.rule == "on-cost-low-confidence" })
        #expect(finding.severity == .info)
        #expect(finding.evidence == ["Employer social security (headline) (oncost-eurodev-2023, 2023)"])
    }

    @Test func aJurisdictionWithoutARowSaysSoInsteadOfZero() throws {
        var parser = try ReferenceDataTests.shippedParser()
        parser.add(
            "jurisdictions:\n  - {code: CA, name: Canada, hours_per_day: 8, hours_per_week: 40, source: statutory-hours, as_of: 2026-06, confidence: medium}\n",
            file: "user.yaml")
        let set = try parser.build()
        let builder = DecisionFileBuilder(pricer: try Pricer(reference: set), asOf: Shipped.asOf)
        let spec = try RoleSpecReader(vocabulary: set.vocabulary).read(
            BaseSpec.with(line: 19, "worker: {status: employee, jurisdiction: CA, hours_per_week: 40}"), file: "x.yaml"
        ).get()
        let file = builder.build(spec)
        let section = try #require(file.loadedCost)
        #expect(
            section.noData
                == "no on-cost data for CA: loaded cost not computed (not zero); add an on_costs row under --reference")
        #expect(section.bandMid == nil && section.offered == nil && section.components.isEmpty)
        #expect(MarkdownRendering.render(file).contains("no on-cost data for CA"))
        let header = CSVRendering.headerLine().split(separator: ",").map(String.init)
        let row = CSVRendering.row(file).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(row[try #require(header.firstIndex(of: "load_factor"))] == "", "empty, not 0")
    }

    @Test func internalCandidatesPayNeverReachesTheLoadedCost() throws {
        // The section is built from the band and the role's offer only, so withholding the
        // candidates leaves it whole and it carries none of their pay.
        let shipped = try Shipped.get()
        let candidate =
            "internal_candidates:\n  - {name: Ada Lovelace, title: Support Lead, layer: evaluation, pay: {amount: 61357.91, basis: annual}, evidence: [Built the gold set]}"
        let with = shipped.builder.build(
            try readSpec(
                BaseSpec.appending(candidate).replacingOccurrences(of: "status: contractor", with: "status: employee")))
        let without = shipped.builder.build(
            try readSpec(BaseSpec.text.replacingOccurrences(of: "status: contractor", with: "status: employee")))
        #expect(with.loadedCost == without.loadedCost)
        #expect(with.withholdingIndividualPay().loadedCost == with.loadedCost)
        let text = try JSONRendering.pretty(with.loadedCost)
        #expect(!text.contains("61357") && !text.contains("Ada"))
    }

    // MARK: Broken on-cost rows

    @Test func aComponentWithARateAndAnAmountOrMoneyWithoutAPeriodIsRejected() throws {
        let found = try ReferenceDataTests.problems(
            """
            on_costs:
              - jurisdiction: US
                name: United States
                contributions:
                  - {id: both, name: Both, rate: 0.05, amount: 30, per: month, source: oncost-us-ssa, as_of: 2026, confidence: high}
                  - {id: capped, name: Capped, rate: 0.05, earnings_to: 1000, source: oncost-us-ssa, as_of: 2026, confidence: high}
                  - {id: none, name: Neither, source: oncost-us-ssa, as_of: 2026, confidence: high}
                paid_leave: {days: 300, source: oncost-us-ssa, as_of: 2026, confidence: high}
                source: oncost-us-ssa
                as_of: 2026
                confidence: high

            """)
        #expect(
            found.map(prefix) == [
                "user.yaml:5:52: on_costs[0].contributions[0].amount",
                "user.yaml:5:9: on_costs[0].contributions[0].currency",
                "user.yaml:6:9: on_costs[0].contributions[1].per",
                "user.yaml:6:9: on_costs[0].contributions[1].currency",
                "user.yaml:7:9: on_costs[0].contributions[2].rate",
                "user.yaml:8:24: on_costs[0].paid_leave.days",
            ])
        #expect(
            found.map(\.message) == [
                "give a rate or an amount, not both",
                "money figures need the row's currency: add currency (ISO 4217) to the row",
                "money figures need a period: per: month or per: year",
                "money figures need the row's currency: add currency (ISO 4217) to the row",
                "give a rate (a share of pay, 0.062 for 6.2%) or a fixed amount per month or year",
                "300 leave days leave no working days out of 260",
            ])
    }

    @Test func aRowForAnUnknownJurisdictionOrCurrencyIsRejected() throws {
        let found = try ReferenceDataTests.problems(
            "on_costs:\n  - {jurisdiction: ZZ, name: Nowhere, currency: XTS, contributions: [{id: tax, name: Tax, rate: 0.1, earnings_to: 10, per: year, source: oncost-us-ssa, as_of: 2026, confidence: high}], source: oncost-us-ssa, as_of: 2026, confidence: high}\n"
        )
        #expect(
            found.map(\.description) == [
                "user.yaml:2:5: on_costs.ZZ.jurisdiction: no jurisdiction 'ZZ' in the jurisdictions table; add it (code, name, hours basis)",
                "user.yaml:2:5: on_costs.ZZ.currency: no exchange rate for XTS; add one to exchange_rates",
            ])
    }
}
