import Foundation
import ReferenceData
import Signal
import Testing
import WorkModel

@testable import DecisionFiles
@testable import Portfolio

/// A small organisation worked on paper: every figure below was computed by hand from the
/// inputs in the comments, before the code was asked.
///
/// Acme's evaluation wage file has a band of 40 / 50 / 60 USD/h. Three people do the work, on
/// 40 hours a week (2,080 a year): Ana, tenured since 2020 at 41.60 USD/h; Ben, hired in June
/// 2026 at 47.00; Mia, their manager since 2019, at 50.00 (Ben reports to her). Two contractors
/// on the same wage file, in California on 30 hours a week since 2024, bill 60 and 64 USD/h.
/// A third contractor on another wage file in the same layer, of no shared job category, bills
/// 200 USD/h: not the market for this work.
@Suite struct HandWorkedOrganizationTests {
    static let asOf = CalendarDate(year: 2026, month: 12, day: 1)

    static func range(_ min: Double, _ mid: Double, _ max: Double) -> DecisionFile.Range {
        .init(min: min, mid: mid, max: max)
    }

    /// A real wage file with Acme's figures put in: the band, the layer, the headcount and the
    /// effective pay, so every input is on the page.
    static func file(
        _ template: String, id: String, layer: String, band: DecisionFile.Range = range(40, 50, 60), headcount: Int?,
        status: String = "employee", kind: String = "role", owner: String, nominal: Double? = nil,
        paidHours: Double = 0,
        shiftedPerMonth: Double = 0
    ) throws -> DecisionFile {
        var file = try #require(try WageFiles.all()[template])
        file.spec.id = id
        file.spec.kind = kind
        file.spec.workerStatus = status
        file.spec.headcount = headcount
        file.layer = layer
        file.budgetOwner = owner
        file.band.currency = "USD"
        file.band.hourly = band
        file.band.hoursPerYear = 2080
        file.category = nil
        file.grade = nil
        file.pathUpward.nextLayers = []
        if let nominal, var pay = try WageFiles.all().values.compactMap({ $0.compliance.effectivePay }).first {
            pay.nominalHourly = nominal
            pay.paidHoursPerWeek = paidHours
            pay.shiftedCostPerWorkerMonth = shiftedPerMonth
            pay.shiftedCostForHeadcountPerMonth = headcount.map { Double($0) * shiftedPerMonth }
            file.compliance.effectivePay = pay
        } else {
            file.compliance.effectivePay = nil
        }
        return file
    }

    static func person(
        _ id: String, _ employment: String, pay: Double, basis: String, spec: String?, hired: String,
        hours: Double = 40,
        location: String = "New York, US-NY", manager: String? = nil, owner: String = "headcount",
        reviewer: String? = nil
    ) -> Person {
        Person(
            id: id, externalId: id, name: id, employment: employment, payMinor: Int64((pay * 100).rounded()),
            currency: "USD", payBasis: basis,
            location: location, hireDate: hired, managerId: manager, specId: spec, budgetOwner: owner,
            hoursPerWeek: hours, reviewerId: reviewer)
    }

    static func compressionSnapshot(contractorRates: (Double, Double)) throws -> PortfolioSnapshot {
        let eval = try file(
            "internal-evaluation-lead", id: "acme-eval", layer: "evaluation-lead", headcount: 3, owner: "headcount")
        let other = try file(
            "prompt-engineer-gold-sets", id: "acme-other", layer: "evaluation-lead", headcount: 1, owner: "consulting")
        return PortfolioSnapshot(
            asOf: asOf,
            people: [
                person(
                    "ana", "employee", pay: 41.60, basis: "hourly", spec: "acme-eval", hired: "2020-03-01",
                    manager: "mia"),
                person(
                    "ben", "employee", pay: 47.00, basis: "hourly", spec: "acme-eval", hired: "2026-06-15",
                    manager: "mia"),
                person("mia", "employee", pay: 50.00, basis: "hourly", spec: "acme-eval", hired: "2019-01-07"),
                person(
                    "cal", "contractor", pay: contractorRates.0, basis: "hourly", spec: "acme-eval",
                    hired: "2024-01-08", hours: 30, location: "Remote, US-CA"),
                person(
                    "cy", "contractor", pay: contractorRates.1, basis: "hourly", spec: "acme-eval", hired: "2024-02-05",
                    hours: 30, location: "Remote, US-CA"),
                person(
                    "dee", "contractor", pay: 200, basis: "hourly", spec: "acme-other", hired: "2024-01-08", hours: 30,
                    location: "Remote, US-CA"),
            ],
            wageFiles: ["acme-eval": eval, "acme-other": other], currencies: try WageFiles.currencies(),
            onCosts: try ReferenceLoader.load().onCosts)
    }

    // MARK: Compression

    @Test func parityWithContractorsDoingTheSameWorkIsOnTheEmployeeEquivalentBasisWithEachRuleAndItsCost() throws {
        let report = CompressionReport.build(try Self.compressionSnapshot(contractorRates: (60, 64)))
        func line(_ id: String) throws -> CompressionReport.PersonLine {
            try #require(report.people.first { $0.personId == id })
        }
        func flag(_ id: String, _ kind: String) throws -> CompressionReport.Flag {
            try #require(try line(id).flags.first { $0.kind == kind })
        }
        // US employer on-costs at these rates (93,600 and 99,840 a year, under the Social Security
        // cap): 6.2% + 1.45% = 1.0765. Employee-equivalent pay 60 / 1.0765 = 55.7362 and
        // 64 / 1.0765 = 59.4519 USD/h; compa-ratios on the 50.00 midpoint 1.1147 and 1.1890,
        // median 1.1519. Dee's 200 USD/h is other work and stays out of it.
        // Parity = 50 x 1.1519 / 1.05 = 54.85 USD/h, inside the band (max 60).
        let parity = 54.8515
        // Ana: compa 0.832, 38% below: (54.8515 - 41.60) x 2,080 = 27,563 a year.
        #expect(try flag("ana", "below-external").rule == "compression.below-external")
        #expect(abs(try flag("ana", "below-external").annualCostToFix - 27_563) <= 1)
        #expect(abs((try flag("ana", "below-external").targetHourly ?? 0) - parity) < 0.01)
        // Ana is also inverted against Ben, the only new hire (compa 0.94): 0.832 / 0.94 - 1 = -11.5%.
        // Fix: 50 x 0.94 x 1.05 = 49.35, (49.35 - 41.60) x 2,080 = 16,120.
        #expect(try flag("ana", "inversion").rule == "compression.inversion")
        #expect(abs(try flag("ana", "inversion").annualCostToFix - 16_120) <= 1)
        // One raise to the highest target closes both: her cost to parity is 27,563, not the sum.
        #expect(abs(try line("ana").annualCostToParity - 27_563) <= 1)
        // Ben: (54.8515 - 47.00) x 2,080 = 16,331.
        #expect(abs(try flag("ben", "below-external").annualCostToFix - 16_331) <= 1)
        // Mia: 50 / 47 - 1 = 6.4% over Ben, under the 10% premium: 47 x 1.10 = 51.70, cost 1.70 x 2,080 = 3,536;
        // below external too: (54.8515 - 50) x 2,080 = 10,091, the higher target, so her parity cost.
        #expect(try flag("mia", "supervisor-premium").rule == "compression.supervisor-premium")
        #expect(abs(try flag("mia", "supervisor-premium").annualCostToFix - 3_536) <= 1)
        #expect(abs(try line("mia").annualCostToParity - 10_091) <= 1)
        // Totals: 27,563 + 16,331 + 10,091 = 53,985 to parity; by rule below-external 3 people 53,985,
        // inversion 1 person 16,120, supervisor premium 1 person 3,536.
        #expect(abs(report.totals.annualCostToParity - 53_985) <= 2)
        let byRule = Dictionary(uniqueKeysWithValues: report.costByRule.map { ($0.rule, $0) })
        #expect(byRule["compression.below-external"]?.people == 3)
        #expect(abs((byRule["compression.below-external"]?.annualCostToFix ?? 0) - 53_985) <= 2)
        #expect(byRule["compression.inversion"]?.people == 1)
        #expect(byRule["compression.supervisor-premium"].map { abs($0.annualCostToFix - 3_536) <= 1 } == true)
        #expect(report.rules.map(\.id).contains("compression.band-below-market"))
        // The layer's external median still shows everyone external in it: 1.1147, 1.1890, and
        // Dee's 200 / 1.0765 / 50 = 3.7157; the median is 1.1890.
        #expect(report.layers.first.flatMap(\.medianCompaExternal).map { abs($0 - 1.189) < 0.001 } == true)
    }

    @Test func parityPastTheBandMaximumStopsAtTheMaximumAndSaysWhatTheRestWouldCost() throws {
        let report = CompressionReport.build(try Self.compressionSnapshot(contractorRates: (70, 74)))
        let ana = try #require(report.people.first { $0.personId == "ana" })
        // 70 / 1.0765 = 65.0255 and 74 / 1.0765 = 68.7413: compa 1.3005 and 1.3748, median 1.3377;
        // parity 50 x 1.3377 / 1.05 = 63.70 USD/h, past the 60.00 maximum.
        // Below external is fixed at the maximum: (60 - 41.60) x 2,080 = 38,272.
        let below = try #require(ana.flags.first { $0.kind == "below-external" })
        #expect(below.targetHourly == 60)
        #expect(abs(below.annualCostToFix - 38_272) <= 1)
        // Band below market names the rest, (63.70 - 60) x 2,080 = 7,693, outside the cost to parity.
        let band = try #require(ana.flags.first { $0.kind == "band-below-market" })
        #expect(band.rule == "compression.band-below-market")
        #expect(abs(band.annualCostToFix - 7_693) <= 1)
        #expect(ana.parityHourly == 60)
        #expect(abs(ana.annualCostToParity - 38_272) <= 1)
    }

    // MARK: Consolidated cost

    /// Acme's cost: Ana and Ben (employees, 41.60 and 47.00 USD/h on 2,080 hours) on the
    /// evaluation file; Cal, a labelling contractor at 25 USD/h on 30 hours, one of the 10
    /// workers the labelling file states (rate 20 USD/h, 30 paid hours a week, 100 USD a month
    /// of unpaid time each); a vendor at 100,000 USD a year for a contract file of 5 workers
    /// (50 USD a month of unpaid time each), whose worker Fay is on record; a second vendor with
    /// no spend on record; a file of 4 workers that states no pay; and Eve, in no AI work.
    static func costSnapshot() throws -> PortfolioSnapshot {
        let files = [
            try file(
                "internal-evaluation-lead", id: "acme-eval", layer: "evaluation-lead", headcount: 2, owner: "headcount"),
            try file(
                "california-labelling-contractor", id: "acme-label", layer: "annotation", headcount: 10,
                status: "contractor",
                owner: "procurement", nominal: 20, paidHours: 30, shiftedPerMonth: 100),
            try file(
                "vendor-swahili-transcription", id: "acme-vendor", layer: "annotation", headcount: 5,
                status: "vendor-employee",
                kind: "vendor-contract", owner: "procurement", nominal: 15, paidHours: 40, shiftedPerMonth: 50),
            try file(
                "california-labelling-contractor", id: "acme-nopay", layer: "annotation", headcount: 4,
                status: "contractor", owner: "procurement"),
        ]
        return PortfolioSnapshot(
            asOf: asOf,
            people: [
                person("ana", "employee", pay: 86_528, basis: "annual", spec: "acme-eval", hired: "2020-03-01"),
                person("ben", "employee", pay: 97_760, basis: "annual", spec: "acme-eval", hired: "2026-06-15"),
                person(
                    "cal", "contractor", pay: 25, basis: "hourly", spec: "acme-label", hired: "2024-01-08", hours: 30,
                    owner: "procurement"),
                person("eve", "employee", pay: 70_000, basis: "annual", spec: nil, hired: "2021-01-04"),
                person(
                    "fay", "vendor-worker", pay: 15, basis: "hourly", spec: "acme-vendor", hired: "2025-01-06",
                    owner: "procurement"),
            ],
            vendors: [
                Vendor(
                    id: "v-audio", name: "Audio vendor", country: "KE", contractSpecId: "acme-vendor",
                    annualSpendMinor: 10_000_000, currency: "USD",
                    budgetOwner: "procurement"),
                Vendor(
                    id: "v-new", name: "New vendor", country: "KE", contractSpecId: nil, annualSpendMinor: nil,
                    currency: nil),
            ],
            wageFiles: Dictionary(uniqueKeysWithValues: files.map { ($0.spec.id, $0) }),
            currencies: try WageFiles.currencies(),
            onCosts: try ReferenceLoader.load().onCosts)
    }

    @Test func everySpendLineHasItsHeadcountAndShiftedCostAndTheTotalsReconcileWithTheRecords() throws {
        let report = CostReport.build(try Self.costSnapshot())
        func line(_ model: String, _ source: String) throws -> CostReport.Line {
            try #require(report.lines.first { $0.employmentModel == model && $0.source == source })
        }
        // Employees: 86,528 + 97,760 = 184,288, 2 people; the evaluation file shifts nothing.
        let employees = try line("employee", "people")
        #expect(
            employees.count == 2 && employees.headcount == 2 && employees.annualCost == 184_288
                && employees.annualShiftedCost == 0)
        // Cal: 25 x 30 x 52 = 39,000, with his own unpaid time, 100 x 12 = 1,200.
        let cal = try line("contractor", "people")
        #expect(cal.headcount == 1 && cal.annualCost == 39_000 && cal.annualShiftedCost == 1_200)
        // The other 9 labelling workers, costed from the file: 20 x 30 x 52 x 9 = 280,800; shifted 100 x 12 x 9 = 10,800.
        let labelling = try line("contractor", "wage-file")
        #expect(
            labelling.count == 0 && labelling.headcount == 9 && labelling.annualCost == 280_800
                && labelling.annualShiftedCost == 10_800)
        // The vendor: 100,000 for 5 workers, their unpaid time 50 x 12 x 5 = 3,000 beside it; Fay is in it.
        let vendor = try line("vendor", "vendors")
        #expect(
            vendor.count == 1 && vendor.headcount == 5 && vendor.annualCost == 100_000
                && vendor.annualShiftedCost == 3_000)
        // Total: 184,288 + 39,000 + 280,800 + 100,000 = 604,088 as paid; shifted 1,200 + 10,800 + 3,000 = 15,000.
        #expect(report.total.annualCost == 604_088)
        #expect(report.total.annualShiftedCost == 15_000)
        #expect(report.total.headcount == 2 + 1 + 9 + 5)
        // Left out, each with its reason: the vendor with no spend, the file with no pay for its 4 workers, Fay (in the vendor's spend).
        let left = Dictionary(uniqueKeysWithValues: report.excluded.map { ($0.id, $0.reason) })
        #expect(left["v-new"] == "no annual spend on record")
        #expect(left["acme-nopay"]?.hasPrefix("4 workers on its headcount are in no people or vendor record") == true)
        #expect(left["fay"] == "vendor worker: counted in the vendor's spend")
        #expect(left["eve"] == nil)
        // Reconciliation: 5 people records = 3 costed + 1 in vendor spend + 0 + 0 left out + 1 (Eve) outside AI work;
        // 2 vendor records = 1 costed + 1 left out, 100,000 in lines = 100,000 on record.
        let check = report.reconciliation
        #expect(check.sumOfLines == 604_088 && check.linesAddUp)
        #expect(
            check.peopleRecords == 5 && check.peopleCosted == 3 && check.peopleInVendorSpend == 1
                && check.peopleOutsideAIWork == 1 && check.peopleAddUp)
        #expect(
            check.vendorRecords == 2 && check.vendorsCosted == 1 && check.vendorsLeftOut == 1
                && check.vendorSpendInLines == 100_000 && check.vendorsAddUp)
        #expect(check.wageFileWorkers == 9 && check.wageFileSpend == 280_800)
        let markdown = PortfolioRendering.markdown(report)
        #expect(markdown.contains("## Left out") && !markdown.contains("Nothing:"))
        #expect(markdown.contains("## Reconciliation"))
        #expect(
            report.csv().hasPrefix(
                "layer,budget_owner,employment_model,count,annual_cost_usd,annual_loaded_cost_usd,annual_shifted_cost_usd,headcount,source\n"
            ))
    }

    @Test func shiftedCostIsNeverShownWithoutTheSpendOfTheSameWorkers() throws {
        let report = CostReport.build(try Self.costSnapshot())
        // Every line carrying shifted cost also carries spend for its workers.
        #expect(
            report.lines.filter { $0.annualShiftedCost > 0 }.allSatisfy { ($0.annualCost ?? 0) > 0 && $0.headcount > 0 }
        )
    }

    @Test func aVendorContractNoVendorRecordPaysForIsCostedFromItsWageFileOnce() throws {
        var snapshot = try Self.costSnapshot()
        snapshot.vendors = []
        let report = CostReport.build(snapshot)
        // No vendor record: the contract file's 5 workers (Fay among them) are costed from it,
        // 15 USD/h x 40 paid hours x 52 x 5 = 156,000, with their unpaid time, 50 x 12 x 5 = 3,000.
        let line = try #require(report.lines.first { $0.employmentModel == "vendor" && $0.source == "wage-file" })
        #expect(line.headcount == 5 && line.annualCost == 156_000 && line.annualShiftedCost == 3_000)
        #expect(
            report.excluded.first { $0.id == "fay" }?.reason
                == "vendor worker: counted in wage file acme-vendor's spend (no vendor record pays for it)")
        // 5 records = 3 costed + 0 in vendor spend + 1 (Fay) in wage-file spend + 0 left out + 1 outside AI work.
        #expect(report.reconciliation.peopleInWageFileSpend == 1 && report.reconciliation.peopleAddUp)
        // 604,088 - 100,000 (the vendor) + 156,000 = 660,088.
        #expect(report.total.annualCost == 660_088)
    }

    // MARK: The path upward

    static func pathSnapshot(nextLayers: [(String, Double)], grade: Bool) throws -> PortfolioSnapshot {
        var eval = try file(
            "internal-evaluation-lead", id: "acme-eval", layer: "evaluation", headcount: 2, owner: "headcount")
        let template = try #require(try WageFiles.all().values.lazy.flatMap { $0.pathUpward.nextLayers }.first)
        eval.pathUpward.nextLayers = nextLayers.map { layer, mid in
            var step = template
            step.layer = layer
            step.name = layer
            step.hourly = range(mid * 0.8, mid, mid * 1.2)
            step.evidence = ["what \(layer) asks for"]
            return step
        }
        if grade, var section = try WageFiles.all().values.compactMap(\.grade).first(where: { $0.upper != nil }),
            var upper = section.upper
        {
            // The person's grade: 50 USD/h in the US market, 50 here (no location differential);
            // the grade above: a 57.50 midpoint and a 40% spread.
            section.usdHourly = range(41.67, 50, 58.33)
            section.hourly = range(41.67, 50, 58.33)
            upper.id = "G10"
            upper.name = "Lead specialist"
            upper.midUSD = 57.5
            upper.rangeSpread = 0.4
            section.upper = upper
            eval.grade = section
        }
        let quality = try JSONDecoder().decode(
            AgreementReport.ReviewerQuality.self,
            from: Data(
                #"""
                {"id":"r-ben","judgments":400,"goldJudgments":30,"goldAccuracy":0.95,"agreementWithOthers":0.85,
                 "calibration":[{"start":"2026-10-01","judged":40,"correct":38,"accuracy":0.95,"against":"gold"}]}
                """#.utf8))
        return PortfolioSnapshot(
            asOf: asOf,
            people: [
                person("ana", "employee", pay: 41.60, basis: "hourly", spec: "acme-eval", hired: "2020-03-01"),
                person(
                    "ben", "employee", pay: 47.00, basis: "hourly", spec: "acme-eval", hired: "2026-06-15",
                    reviewer: "r-ben"),
            ],
            wageFiles: ["acme-eval": eval], reviewerEvidence: ["r-ben": quality], currencies: try WageFiles.currencies()
        )
    }

    @Test func theStepUpPaysMoreAndALowerPayingLayerIsLateralWithItsPayChange() throws {
        // Ana's band midpoint is 50. Model risk pays a 60 midpoint: +20%, the step up; data
        // quality pays 45: -10%, lateral. Her gap from 41.60 to 60 is 44.2%, 18.40 x 2,080 =
        // 38,272 a year. Tenured since 2020 but with no calibration record: 3 months to go.
        let report = PathUpwardReport.build(
            try Self.pathSnapshot(nextLayers: [("data-quality-ops", 45), ("model-risk", 60)], grade: false))
        let ana = try #require(report.people.first { $0.personId == "ana" })
        let up = try #require(ana.next.first)
        #expect(ana.next.count == 1 && up.layer == "model-risk" && up.direction == "up" && up.kind == "layer")
        #expect(up.payChange == 0.2)
        #expect(up.gapPercent == 0.4423 && up.annualGap == 38_272)
        #expect(up.months == 3)
        #expect(up.evidenceNeeded.contains("agreement with other reviewers of 80% or more"))
        #expect(up.evidenceNeeded.contains("gold accuracy of 90% or more on at least 20 gold judgments"))
        #expect(up.evidenceNeeded.contains("3 months of calibration history without drift"))
        #expect(up.evidenceNeeded.contains("what model-risk asks for"))
        #expect(ana.lateral.map(\.layer) == ["data-quality-ops"])
        #expect(ana.lateral.first?.payChange == -0.1 && ana.lateral.first?.direction == "lateral")
        #expect(ana.readiness == "no-evidence")
    }

    @Test func whenNoLayerPaysMoreTheStepUpIsTheNextGrade() throws {
        // Only data quality (45, -10%) lies ahead: lateral. The grade above, 57.50 with a 40%
        // spread, is 47.92 / 57.50 / 67.08 here: +15% on the 50 midpoint, the step up.
        // Ben (47.00, hired 15 June 2026, 5 months in) has gold accuracy 95% on 30 items,
        // agreement 85%, calibration since 1 October (2 months): ready on quality; months to
        // the step max(12 - 5, 3 - 2) = 7.
        let report = PathUpwardReport.build(try Self.pathSnapshot(nextLayers: [("data-quality-ops", 45)], grade: true))
        let ben = try #require(report.people.first { $0.personId == "ben" })
        let up = try #require(ben.next.first)
        #expect(up.kind == "grade" && up.name == "G10 Lead specialist" && up.direction == "up")
        #expect(up.payChange == 0.15)
        #expect(abs(up.band.min - 47.92) < 0.01 && abs(up.band.max - 67.08) < 0.01)
        #expect(up.months == 7)
        #expect(ben.readiness == "ready")
        #expect(ben.evidence?.calibrationMonths == 2)
        #expect(ben.lateral.map(\.layer) == ["data-quality-ops"])
        // Nothing that pays less is ever offered as the way up.
        #expect(report.people.allSatisfy { $0.next.allSatisfy { $0.payChange > 0 } })
    }

    @Test func withNothingAboveThatPaysMoreThePersonIsAtTheTopAndTheMovesAreLateral() throws {
        let report = PathUpwardReport.build(try Self.pathSnapshot(nextLayers: [("data-quality-ops", 50)], grade: false))
        let ana = try #require(report.people.first { $0.personId == "ana" })
        // The same midpoint, 50: a pay change of 0 is lateral, not up.
        #expect(ana.next.isEmpty && ana.readiness == "top-of-ladder")
        #expect(ana.lateral.first?.payChange == 0)
        #expect(ana.reasons.contains("no next layer or grade pays more than this band; the moves listed are lateral"))
    }
}
