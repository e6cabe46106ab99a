import WorkModel

/// The cost report for a reader who may not see individual pay (finance, say): a line that
/// sums the pay of fewer than `minimum` people would let the reader recover one person's pay
/// (a line of one employee in a layer, beside the people list of that layer), so its cost is
/// withheld.
///
/// Withheld cost is left out of every layer, budget-owner and model total as well: a total
/// that still held it, less the lines shown, would give it back (the complementary cells).
/// The grand total keeps the pooled withheld cost only when the pool itself covers at least
/// `minimum` people; the total less every line shown then gives that pool, never one group.
/// Vendor lines are commercial spend, not a person's pay, and stay whole, as do wage-file lines
/// (a wage file's stated rate times its headcount, not anyone's pay on record); shifted cost is
/// derived from the wage file, not from anyone's pay, and stays too.
extension CostReport {
    /// The smallest group whose pay is shown to a reader who may not see individual pay.
    public static let defaultMinimumGroupSize = 5

    /// This report with the cost of people lines under `minimum` people withheld (see above), and
    /// ``withheld`` saying how much.
    public func withholdingSmallGroups(minimum: Int) -> CostReport {
        var pooledPeople = 0
        var pooledCost = 0.0
        var pooledLoaded = 0.0
        var withheldLines = 0
        let visible = lines.map { line -> Line in
            guard line.employmentModel != "vendor", line.count > 0, line.count < minimum, let cost = line.annualCost
            else { return line }
            pooledPeople += line.count
            pooledCost += cost
            pooledLoaded += line.annualLoadedCost ?? cost
            withheldLines += 1
            // The loaded cost is the same pay times a published factor: it goes with the pay.
            var withheld = line
            withheld.annualCost = nil
            withheld.annualLoadedCost = nil
            return withheld
        }
        guard withheldLines > 0 else { return self }
        let poolShown = pooledPeople >= minimum
        let shownCost = visible.reduce(0) { $0 + ($1.annualCost ?? 0) }
        let grand = shownCost + (poolShown ? pooledCost : 0)
        let grandLoaded = visible.reduce(0) { $0 + ($1.annualLoadedCost ?? 0) } + (poolShown ? pooledLoaded : 0)
        var report = self
        report.lines = visible
        report.byLayer = Self.totals(visible, by: \.layer, grand: grand)
        report.byGrade = byGrade == nil ? nil : Self.totals(visible, by: { $0.grade ?? "ungraded" }, grand: grand)
        report.byBudgetOwner = Self.totals(visible, by: \.budgetOwner, grand: grand)
        report.byEmploymentModel = Self.totals(visible, by: \.employmentModel, grand: grand)
        report.total = Total(
            key: "total", count: total.count, headcount: total.headcount, annualCost: grand,
            annualLoadedCost: grandLoaded, annualShiftedCost: total.annualShiftedCost,
            share: grand > 0 ? 1 : 0, withheldPeople: poolShown ? nil : pooledPeople)
        // The reconciliation over what this reader sees: the lines shown, plus the pooled cost
        // when the grand total holds it (the total less the lines gives that pool anyway).
        report.reconciliation.sumOfLines = shownCost
        report.reconciliation.total = grand
        report.reconciliation.linesAddUp = abs(shownCost + (poolShown ? pooledCost : 0) - grand) < 1
        report.withheld = Withheld(
            minimumGroupSize: minimum, people: pooledPeople, lines: withheldLines, inTotal: poolShown)
        report.notes.append(
            "Withheld: the pay and loaded cost of \(pooledPeople) people in \(withheldLines) lines of fewer than \(minimum) people, and from the layer, grade, budget-owner and model totals; "
                + (poolShown
                    ? "their pooled cost is in the grand total."
                    : "the grand total leaves it out too, since the pool is also under \(minimum) people.")
                + " Individual pay is shown to the admin and compensation roles only.")
        return report
    }
}
