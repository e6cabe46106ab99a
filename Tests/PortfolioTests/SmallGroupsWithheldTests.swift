import Testing

@testable import Portfolio

/// The cost report as finance receives it, worked out by hand: no figure shown may be the pay
/// of fewer than five people, alone or by subtraction from a total.
@Suite struct SmallGroupsWithheldTests {
    /// Employees' loaded cost is their gross x 1.25 here; contract rates and vendor spend are already loaded.
    static func line(
        _ layer: String, _ owner: String, _ model: String, _ count: Int, _ cost: Double, shifted: Double = 0
    ) -> CostReport.Line {
        CostReport.Line(
            layer: layer, budgetOwner: owner, employmentModel: model, count: count, headcount: count,
            source: model == "vendor" ? "vendors" : "people", annualCost: cost,
            annualLoadedCost: model == "employee" ? cost * 1.25 : cost, annualShiftedCost: shifted)
    }

    static func report(_ lines: [CostReport.Line]) -> CostReport {
        let grand = lines.reduce(0) { $0 + ($1.annualCost ?? 0) }
        return CostReport(
            asOf: "2026-12-01", currency: "USD", lines: lines,
            byLayer: CostReport.totals(lines, by: \.layer, grand: grand),
            byBudgetOwner: CostReport.totals(lines, by: \.budgetOwner, grand: grand),
            byEmploymentModel: CostReport.totals(lines, by: \.employmentModel, grand: grand),
            total: CostReport.Total(
                key: "total", count: lines.reduce(0) { $0 + $1.count },
                headcount: lines.reduce(0) { $0 + $1.headcount }, annualCost: grand,
                annualLoadedCost: lines.reduce(0) { $0 + ($1.annualLoadedCost ?? 0) },
                annualShiftedCost: lines.reduce(0) { $0 + $1.annualShiftedCost }, share: 1),
            excluded: [],
            reconciliation: CostReport.Reconciliation(
                sumOfLines: grand, total: grand, linesAddUp: true, peopleRecords: 0, peopleCosted: 0,
                peopleInVendorSpend: 0,
                peopleInWageFileSpend: 0, peopleLeftOut: 0, peopleOutsideAIWork: 0, peopleAddUp: true, vendorRecords: 0,
                vendorsCosted: 0, vendorsLeftOut: 0, vendorSpendOnRecords: 0, vendorSpendInLines: 0, vendorsAddUp: true,
                wageFileWorkers: 0, wageFileSpend: 0),
            notes: [], disclaimer: "")
    }

    @Test func aOnePersonLineIsWithheldFromItsLineItsTotalsAndTheGrandTotal() {
        let full = Self.report([
            Self.line("annotation", "headcount", "employee", 1, 61_000),
            Self.line("annotation", "procurement", "vendor", 1, 200_000, shifted: 5_000),
            Self.line("evaluation", "headcount", "employee", 6, 540_000),
        ])
        let shown = full.withholdingSmallGroups(minimum: 5)
        #expect(shown.lines[0].annualCost == nil && shown.lines[0].count == 1)
        #expect(shown.lines[1].annualCost == 200_000, "vendor spend is not a person's pay")
        #expect(shown.lines[2].annualCost == 540_000, "six people may be shown")
        // Annotation's total is the vendor alone; 61,000 is in no total, so no subtraction gives it back.
        #expect(shown.byLayer.first { $0.key == "annotation" }?.annualCost == 200_000)
        #expect(shown.byLayer.first { $0.key == "annotation" }?.withheldPeople == 1)
        #expect(shown.byBudgetOwner.first { $0.key == "headcount" }?.annualCost == 540_000)
        #expect(shown.byEmploymentModel.first { $0.key == "employee" }?.annualCost == 540_000)
        #expect(shown.total.annualCost == 740_000 && shown.total.withheldPeople == 1)
        #expect(shown.total.annualShiftedCost == 5_000)
        #expect(shown.withheld == CostReport.Withheld(minimumGroupSize: 5, people: 1, lines: 1, inTotal: false))
        // The loaded cost is the same pay times a factor: withheld with it, from the line and every total.
        #expect(shown.lines[0].annualLoadedCost == nil)
        #expect(shown.byLayer.first { $0.key == "annotation" }?.annualLoadedCost == 200_000)
        #expect(shown.total.annualLoadedCost == 200_000 + 540_000 * 1.25)
        #expect(shown.csv().contains("annotation,headcount,employee,1,,,0,1,people\n"))
    }

    @Test func smallGroupsThatTogetherReachTheMinimumCountInTheGrandTotalOnly() {
        let full = Self.report([
            Self.line("annotation", "headcount", "employee", 2, 120_000),
            Self.line("evaluation", "headcount", "contractor", 3, 300_000),
            Self.line("evaluation", "headcount", "employee", 5, 450_000),
        ])
        let shown = full.withholdingSmallGroups(minimum: 5)
        #expect(shown.lines.map(\.annualCost) == [nil, nil, 450_000])
        // The grand total less the lines shown is the pool of five: 420,000, never one group.
        #expect(shown.total.annualCost == 870_000 && shown.total.withheldPeople == nil)
        // The pooled loaded cost joins the grand total with the pooled pay: 120,000 x 1.25 + 300,000 + 450,000 x 1.25.
        #expect(shown.total.annualLoadedCost == 150_000 + 300_000 + 562_500)
        #expect(shown.byLayer.first { $0.key == "evaluation" }?.annualCost == 450_000)
        #expect(shown.withheld?.inTotal == true && shown.withheld?.people == 5)
    }

    @Test func nothingSmallLeavesTheReportAsItWas() {
        let full = Self.report([
            Self.line("evaluation", "headcount", "employee", 5, 450_000),
            Self.line("annotation", "procurement", "vendor", 1, 9_000),
        ])
        let shown = full.withholdingSmallGroups(minimum: 5)
        #expect(shown.lines == full.lines && shown.withheld == nil && shown.total == full.total)
    }
}
