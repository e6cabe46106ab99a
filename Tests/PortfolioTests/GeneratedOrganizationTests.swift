import DecisionFiles
import Foundation
import Portfolio
import Testing
import WorkModel

/// The reports over a generated organization of about 2,000 people: everything planted is
/// found, and nothing else is flagged.
@Suite struct GeneratedOrganizationTests {
    static let organization = Result { try GeneratedOrganization() }

    func org() throws -> GeneratedOrganization { try Self.organization.get() }

    @Test func theOrganizationIsTheSizeTheIssueAsksFor() throws {
        let org = try org()
        #expect(org.snapshot.people.count >= 2_000)
        #expect(org.snapshot.vendors.count == 40)
        #expect(org.snapshot.datasets.count == 31)
    }

    @Test func compressionFindsWhatWasPlantedAndNothingElse() throws {
        let org = try org()
        let report = CompressionReport.build(org.snapshot)
        let flagged = report.people.filter { $0.flags.contains { $0.severity != .info } }
        let kinds = Dictionary(uniqueKeysWithValues: report.people.map { ($0.personId, Set($0.flags.map(\.kind))) })
        let unexpected = flagged.filter { !org.planted.everyone.contains($0.personId) }
        #expect(
            unexpected.isEmpty,
            "flagged but fine: \(unexpected.prefix(3).map { "\($0.personId) \($0.compaRatio) \($0.tenureMonths ?? -1) \($0.flags.map(\.message))" })"
        )
        #expect(Set(flagged.map(\.personId)) == org.planted.everyone)
        for id in org.planted.inversions { #expect(kinds[id]?.contains("inversion") == true, "\(id)") }
        for id in org.planted.compressed { #expect(kinds[id] == ["compression"], "\(id): \(kinds[id] ?? [])") }
        for id in org.planted.greenCircles { #expect(kinds[id] == ["green-circle"], "\(id): \(kinds[id] ?? [])") }
        for id in org.planted.supervisorPremiums {
            #expect(kinds[id]?.contains("supervisor-premium") == true, "\(id): \(kinds[id] ?? [])")
            #expect(kinds[id]?.contains("inversion") == true && kinds[id]?.contains("green-circle") == true)
        }
        #expect(report.people.allSatisfy { $0.circle != "red" })
        for layer in report.layers where layer.internalPeople > 0 {
            #expect(layer.status == "ok", "\(layer.layer): \(layer.status)")
        }
        // Linked to no wage file: listed with the reason, never silently dropped.
        let unpriced = report.unpriced.filter { $0.personId.hasPrefix("unpriced-") }
        #expect(unpriced.count == 20)
        #expect(unpriced.allSatisfy { $0.reason.contains("without a wage file") })
        #expect(report.totals.flaggedPeople == org.planted.everyone.count)
    }

    @Test func costToMinimumIsTheGapTimesTheHours() throws {
        let org = try org()
        let report = CompressionReport.build(org.snapshot)
        for id in org.planted.greenCircles {
            let line = try #require(report.people.first { $0.personId == id })
            let person = try #require(org.snapshot.people.first { $0.id == id })
            let hours = (person.hoursPerWeek ?? 40) * 52
            #expect(abs(line.annualCostToMinimum - (line.band.min - line.hourly) * hours) < hours * 0.01)
            #expect(line.annualCostToParity >= line.annualCostToMinimum)
        }
        #expect(
            report.people.filter { $0.flags.isEmpty }.allSatisfy {
                $0.annualCostToMinimum == 0 && $0.annualCostToParity == 0
            })
        #expect(abs(report.totals.annualCostToMinimum - report.layers.reduce(0) { $0 + $1.annualCostToMinimum }) < 1)
    }

    @Test func theNewHireThresholdIsConfigurable() throws {
        let org = try org()
        var strict = CompressionPolicy()
        strict.newHireThreshold = 0.20
        let report = CompressionReport.build(org.snapshot, policy: strict)
        let compressed = report.people.filter { $0.flags.contains { $0.kind == "compression" } }
        // Tenured pay leads new hires by about 15% to 23%: at 20% many more count as compressed.
        #expect(compressed.count > org.planted.compressed.count * 5)
    }

    @Test func consolidatedCostAddsUpEverySource() throws {
        let org = try org()
        let report = CostReport.build(org.snapshot)
        let currencies = org.snapshot.currencies
        var expected = 0.0
        for person in org.snapshot.people where person.employment != "vendor-worker" && person.specId != nil {
            guard let minor = person.payMinor, let code = person.currency, let basis = person.payBasis else { continue }
            let amount = Double(minor) / 100
            let annual = basis == "hourly" ? amount * (person.hoursPerWeek ?? 40) * 52 : amount
            expected += try #require(currencies.convert(annual, from: code, to: "USD"))
        }
        // The unpriced annotators are AI work too: their HRIS layer places them.
        expected += 20 * 60_000
        expected += org.snapshot.vendors.reduce(0) { $0 + Double($1.annualSpendMinor ?? 0) / 100 }
        let recorded = report.lines.filter { $0.source != "wage-file" }
        #expect(abs(recorded.reduce(0) { $0 + ($1.annualCost ?? 0) } - expected) < Double(report.lines.count))
        // The rest of each wage file's stated headcount, which no people or vendor record pays
        // for: rate x paid hours x 52 x the workers left.
        let paidByVendor = Set(org.snapshot.vendors.filter { $0.annualSpendMinor != nil }.compactMap(\.contractSpecId))
        var fromWageFiles = 0.0
        for (id, file) in org.snapshot.wageFiles where !paidByVendor.contains(id) {
            guard let pay = file.compliance.effectivePay, let headcount = file.spec.headcount else { continue }
            let onRecord = org.snapshot.people.filter { $0.specId == id && $0.employment != "vendor-worker" }.count
            fromWageFiles += try #require(
                currencies.convert(
                    pay.nominalHourly * pay.paidHoursPerWeek * 52 * Double(max(0, headcount - onRecord)),
                    from: file.band.currency, to: "USD"))
        }
        #expect(fromWageFiles > 0)
        #expect(abs(report.total.annualCost - expected - fromWageFiles) < Double(report.lines.count))
        #expect(
            report.reconciliation.linesAddUp && report.reconciliation.peopleAddUp && report.reconciliation.vendorsAddUp)
        let owners = Set(recorded.map(\.budgetOwner))
        #expect(owners == ["headcount", "consulting", "procurement"])
        #expect(Set(report.byEmploymentModel.map(\.key)).isSuperset(of: ["employee", "contractor", "vendor"]))
        #expect(report.excluded.filter { $0.kind == "person" && $0.reason.hasPrefix("vendor worker") }.count == 100)
        #expect(report.total.annualShiftedCost > 0)
        #expect(abs(report.byLayer.reduce(0) { $0 + $1.share } - 1) < 0.001)
        let csv = report.csv().split(separator: "\n")
        #expect(
            csv.first
                == "layer,budget_owner,employment_model,count,annual_cost_usd,annual_loaded_cost_usd,annual_shifted_cost_usd,headcount,source"
        )
        #expect(csv.count == report.lines.count + 1)
    }

    @Test func theLoadedCostAddsEmployerOnCostsToEmployeesOnly() throws {
        let org = try org()
        let report = CostReport.build(org.snapshot)
        let currencies = org.snapshot.currencies
        var expected = 0.0
        for person in org.snapshot.people where person.employment != "vendor-worker" && person.specId != nil {
            guard let minor = person.payMinor, let code = person.currency, let basis = person.payBasis else { continue }
            let amount = Double(minor) / 100
            let annual = try #require(
                currencies.convert(
                    basis == "hourly" ? amount * (person.hoursPerWeek ?? 40) * 52 : amount, from: code, to: "USD"))
            switch (person.employment, person.location) {
            case ("employee", "New York, US-NY"):
                // Social Security 6.2% up to USD 184,500 a year, Medicare 1.45% uncapped; no statutory extras.
                expected += annual + 0.062 * min(annual, 184_500) + 0.0145 * annual
            case ("employee", "Berlin, DE"):
                // The headline employer rate, 20.645% (low confidence); no statutory extras.
                expected += annual * 1.20645
            default:
                // A contract rate is already the whole cost.
                expected += annual
            }
        }
        // The unpriced annotators have no location and no wage file: no on-cost row, so their
        // gross is in the loaded total unloaded, and counted.
        expected += 20 * 60_000
        expected += org.snapshot.vendors.reduce(0) { $0 + Double($1.annualSpendMinor ?? 0) / 100 }
        // People and vendor records; the wage files' own lines are worked by hand in HandWorkedOrganizationTests.
        let recorded = report.lines.filter { $0.source != "wage-file" }
        #expect(abs(recorded.reduce(0) { $0 + ($1.annualLoadedCost ?? 0) } - expected) < Double(report.lines.count))
        #expect(recorded.reduce(0) { $0 + ($1.peopleWithoutOnCosts ?? 0) } == 20)
        let contractors = try #require(report.byEmploymentModel.first { $0.key == "contractor" })
        #expect(contractors.annualLoadedCost == contractors.annualCost)
        let employees = try #require(report.byEmploymentModel.first { $0.key == "employee" })
        #expect(employees.annualLoadedCost > employees.annualCost * 1.07)
    }

    @Test func groupingByGradeSplitsLinesAndTotalsByTheWageFilesGrade() throws {
        let org = try org()
        let plain = CostReport.build(org.snapshot)
        let graded = CostReport.build(org.snapshot, byGrade: true)
        #expect(plain.byGrade == nil && plain.lines.allSatisfy { $0.grade == nil })
        let byGrade = try #require(graded.byGrade)
        // The same money, cut another way.
        #expect(abs(byGrade.reduce(0) { $0 + $1.annualCost } - plain.total.annualCost) < 1)
        #expect(abs(byGrade.reduce(0) { $0 + $1.annualLoadedCost } - plain.total.annualLoadedCost) < 1)
        for line in graded.lines {
            let file = org.snapshot.wageFiles.values.first { $0.layer == line.layer && $0.grade?.id == line.grade }
            #expect(file != nil || line.grade == "ungraded", "\(line.layer) \(line.grade ?? "")")
        }
        #expect(byGrade.contains { $0.key == "ungraded" }, "the unpriced annotators have no wage file")
        #expect(graded.csv().hasPrefix("layer,grade,budget_owner,"))
    }

    @Test func payEquityFlagsOnlyThePlantedGap() throws {
        let org = try org()
        let report = PayEquityReport.build(org.snapshot)
        let due = report.flaggedCategories
        #expect(
            due.count == 1,
            "\(report.categories.map { "\($0.id) \($0.roles) \($0.total?.meanGap ?? 0) \($0.unexplainedGap ?? 0) \($0.status)" })"
        )
        let category = try #require(due.first)
        // Their grade also holds the US prompt engineers; the category is per country, so the
        // 800 in New York do not dilute the Berlin gap.
        #expect(category.id.hasPrefix("DE/") && category.roles == ["data-quality-analyst-de"], "\(category.id)")
        // Women paid 8% less, against men: the unexplained gap is close to 0.08.
        let unexplained = try #require(category.unexplainedGap)
        #expect(unexplained > 0.05 && unexplained < 0.11, "\(unexplained)")
        #expect(
            category.factorsUsed == ["tenure in years"], "one wage file in the category: the band does not vary there")
        #expect(
            report.sexKey == "gender" && report.analyses.isEmpty, "gender is read as sex; no other labels were supplied"
        )
        #expect(
            report.categories.filter { $0.status != "joint-pay-assessment" }.allSatisfy {
                abs($0.unexplainedGap ?? 0) < 0.05
            })
        #expect(!report.categories.contains { $0.status == "unexplained-gap" })
    }

    @Test func vendorsWithOpenBlockingFindingsStandOut() throws {
        let org = try org()
        let register = VendorRegister.build(org.snapshot, includeSpend: true)
        let blocking = register.vendors.filter(\.openBlocking)
        #expect(Set(blocking.map(\.id)) == org.planted.blockingVendors)
        #expect(register.vendors.prefix(blocking.count).allSatisfy { $0.openBlocking })
        let unpaid = try #require(register.vendors.first { $0.id == "vendor-unpaid-0" })
        #expect(unpaid.blockingReasons.contains { $0.hasPrefix("vendor.supply-chain.unpaid-labor") })
        #expect(!unpaid.checklist.isEmpty && !unpaid.supplyChain.isEmpty)
        #expect(register.vendors.first { $0.id == "vendor-overdue-0" }?.auditOverdue == true)
        #expect(
            register.vendors.first { $0.id == "vendor-no-wage-file" }?.blockingReasons.first?.contains(
                "no vendor contract spec") == true)
        #expect(VendorRegister.build(org.snapshot, includeSpend: false).vendors.allSatisfy { $0.annualSpend == nil })
    }

    @Test func everyDatasetWithoutACompleteWageFileIsFlagged() throws {
        let org = try org()
        let register = DatasetRegister.build(org.snapshot)
        #expect(Set(register.datasets.filter { !$0.complete }.map(\.id)) == org.planted.incompleteDatasets)
        let noRecord = try #require(register.datasets.first { $0.id == "ds-video-no-record" })
        #expect(noRecord.elements.first { $0.element == "consent record" }?.met == false)
        #expect(noRecord.elements.dropFirst().allSatisfy { $0.met == true })
        let gurugram = try #require(register.datasets.first { $0.id == "ds-gurugram-1" })
        #expect(gurugram.elements.filter { $0.met != true }.count == 5)
        // Everything shown but the proof that the payment reached the workers.
        let unpaid = try #require(register.datasets.first { $0.id == "ds-video-unpaid" })
        #expect(unpaid.elements.filter { $0.met != true }.map(\.element) == ["proof of payment to the workers"])
        #expect(unpaid.problems.contains { $0.contains("no payroll or transfer record on file") })
        #expect(register.datasets.first { $0.id == "ds-3" }?.people == 100)
    }

    @Test func thePathUpwardUsesCalibrationEvidence() throws {
        let org = try org()
        let report = PathUpwardReport.build(org.snapshot)
        let ready = Set(report.people.filter { $0.readiness == "ready" }.map(\.personId))
        #expect(ready == org.planted.readyReviewers)
        let notYet = Dictionary(
            uniqueKeysWithValues: report.people.filter { $0.readiness == "not-yet" }.map { ($0.personId, $0.reasons) })
        #expect(Set(notYet.keys) == ["rlhf-5", "rlhf-6", "rlhf-7", "rlhf-8"])
        #expect(notYet["rlhf-8"]?.contains { $0.contains("drift") } == true)
        let contractor = try #require(report.people.first { $0.personId == "rlhf-0" })
        let next = try #require(contractor.next.first)
        #expect(next.layer == "evaluation-lead")
        #expect(abs(next.gapHourly - (next.band.mid - contractor.hourly)) < 0.01)
        // The top layer has no layer above it; its way up is the next grade, so nobody there is offered a lateral move as a step.
        #expect(
            report.people.filter { $0.layer == "evaluation-lead" }.allSatisfy {
                $0.next.allSatisfy { $0.kind == "grade" && $0.payChange > 0 }
            })
    }

    @Test func theSameSeedGivesTheSameReports() throws {
        let again = try GeneratedOrganization()
        let first = try PortfolioRendering.json(CompressionReport.build(try org().snapshot))
        #expect(try PortfolioRendering.json(CompressionReport.build(again.snapshot)) == first)
    }
}
