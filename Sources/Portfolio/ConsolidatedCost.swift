import DecisionFiles
import WorkModel

/// The whole cost of AI training work in one view: people's pay annualized, vendor spend, and
/// the shifted cost (unpaid time the workers carry, from the wage files' effective-pay figures),
/// by work layer, by budget owner and by employment model.
public struct CostReport: Sendable, Codable {
    /// The report's schema id, `wagefile.cost/v1`.
    public var schema = "wagefile.cost/v1"
    /// The snapshot date.
    public var asOf: String
    /// The report currency: every cost is a year's, in it.
    public var currency: String
    /// One row per layer, budget owner and employment model (and grade, when grouped by grade).
    public var lines: [Line]
    /// Totals per work layer, largest first.
    public var byLayer: [Total]
    /// Present when the report is grouped by grade (`--by grade`): the wage file's grade in the job architecture.
    public var byGrade: [Total]?
    /// Totals per budget owner (``standardOwners`` or the organization's own name), largest first.
    public var byBudgetOwner: [Total]
    /// Totals per employment model (`employee`, `contractor`, `vendor`), largest first.
    public var byEmploymentModel: [Total]
    /// The grand total over the lines shown.
    public var total: Total
    /// People and vendor records left out of the cost, each with the reason.
    public var excluded: [Excluded]
    /// The checks that the figures add up: lines to the total, and the total to the records.
    public var reconciliation: Reconciliation
    /// Present when people's cost in small groups is withheld from the reader (see `withholdingSmallGroups`).
    public var withheld: Withheld?
    /// How the figures were made, in words.
    public var notes: [String]
    /// Decision support, not legal advice.
    public var disclaimer: String

    /// One group's spend for a year in the report currency: a work layer, budget owner, employment
    /// model and source (and grade, when grouped by grade).
    public struct Line: Sendable, Codable, Hashable {
        /// The work layer.
        public var layer: String
        /// The budget owner (``CostReport/standardOwners`` or the organization's own name; `unassigned` when none).
        public var budgetOwner: String
        /// `employee` (employees, fellows, data-byproduct work), `contractor` or `vendor`.
        public var employmentModel: String
        /// People records counted, or vendor contracts for the vendor model; 0 on a wage-file line.
        public var count: Int
        /// The workers this line pays for: the people counted, the vendor contract's wage-file
        /// headcount, or the wage file's workers not on any record.
        public var headcount: Int
        /// Where the spend comes from: `people` (records), `vendors` (vendor records) or
        /// `wage-file` (rate x paid hours x 52 x the workers no record pays for).
        public var source: String
        /// Nil when withheld: a group of fewer people than the reader may see pay for.
        public var annualCost: Double?
        /// The same cost on one basis: employees' gross plus employer contributions and
        /// statutory extras (their employer cost); contract rates and vendor spend as they are,
        /// since they already are the whole cost. Nil when withheld.
        public var annualLoadedCost: Double?
        /// Employees in this line whose country has no on-cost data: their gross is in
        /// `annualLoadedCost` unloaded, and counted here so the reader knows.
        public var peopleWithoutOnCosts: Int?
        /// Unpaid hours the line's workers carry, at their nominal rate, for a year: not spend, the cost
        /// the price leaves with the workers (the wage files' effective pay x 12).
        public var annualShiftedCost: Double
        /// The grade of the wage file, when the report is grouped by grade; `ungraded` without one.
        public var grade: String?
    }

    /// Lines added up for one value of a grouping (a layer, owner, model or grade), or for all.
    public struct Total: Sendable, Codable, Hashable {
        /// The value grouped by (`total` for the grand total).
        public var key: String
        /// People records or vendor contracts counted.
        public var count: Int
        /// Workers paid for.
        public var headcount: Int
        /// Cost a year as paid, over the lines shown.
        public var annualCost: Double
        /// Cost a year on one basis (employees' employer cost), over the lines shown.
        public var annualLoadedCost: Double
        /// Shifted cost a year, over the lines.
        public var annualShiftedCost: Double
        /// Share (0-1) of the grand total's cost as paid.
        public var share: Double
        /// People whose pay is in this group but withheld from this total (never set in the full view).
        public var withheldPeople: Int?
    }

    /// What a reader who may not see individual pay does not see (``withholdingSmallGroups(minimum:)``).
    public struct Withheld: Sendable, Codable, Hashable {
        /// The smallest group whose cost is shown.
        public var minimumGroupSize: Int
        /// People whose cost is withheld.
        public var people: Int
        /// Lines whose cost is withheld.
        public var lines: Int
        /// Whether their pooled cost is in the grand total (only when the pool itself is large enough).
        public var inTotal: Bool
    }

    /// A record left out of the cost, and why.
    public struct Excluded: Sendable, Codable, Hashable {
        /// `person` or `vendor`.
        public var kind: String
        /// The record's id.
        public var id: String
        /// Why it was left out (counted in a vendor's spend, no spend on record, no exchange rate, ...).
        public var reason: String
    }

    /// The budget owners the market scatters this work over; anything else is the organization's own name.
    public static let standardOwners = [
        "procurement", "consulting", "headcount", "data-acquisition", "product-quality",
    ]

    static func owner(_ text: String?) -> String {
        guard let text = text?.trimmedSpaces, !text.isEmpty else { return "unassigned" }
        let slug = String(text.lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 })
        return standardOwners.contains(slug) ? slug : text
    }
}

extension CostReport {
    /// The report; `byGrade` adds the grade of each wage file to every line and a total per grade.
    ///
    /// Every worker is costed once, from the record that pays them: people records (employees
    /// and contractors), vendor records (their vendor's workers), or, for the rest of a wage
    /// file's stated headcount, the wage file itself (rate x paid hours x 52 x workers). The
    /// shifted cost of a wage file's workers sits on the same lines as their spend, so a reader
    /// never sees what workers carry without what they are paid.
    public static func build(_ snapshot: PortfolioSnapshot, currency: String = "USD", byGrade: Bool = false)
        -> CostReport
    {
        var ledger = CostLedger(snapshot: snapshot, currency: currency, byGrade: byGrade)
        ledger.run()
        let grand = ledger.sums.values.reduce(0) { $0 + $1.cost }
        let lines = ledger.sums.map { key, value in
            Line(
                layer: key.layer, budgetOwner: key.owner, employmentModel: key.model, count: value.count,
                headcount: value.headcount,
                source: key.source, annualCost: Statistics.round(value.cost, 0),
                annualLoadedCost: Statistics.round(value.loaded, 0),
                peopleWithoutOnCosts: value.unloaded > 0 ? value.unloaded : nil,
                annualShiftedCost: Statistics.round(value.shifted, 0), grade: key.grade)
        }.sorted {
            ($0.layer, $0.grade ?? "", $0.budgetOwner, $0.employmentModel, $0.source) < (
                $1.layer, $1.grade ?? "", $1.budgetOwner, $1.employmentModel, $1.source
            )
        }
        let unloaded = lines.reduce(0) { $0 + ($1.peopleWithoutOnCosts ?? 0) }
        let total = Total(
            key: "total", count: lines.reduce(0) { $0 + $1.count }, headcount: lines.reduce(0) { $0 + $1.headcount },
            annualCost: lines.reduce(0) { $0 + ($1.annualCost ?? 0) },
            annualLoadedCost: lines.reduce(0) { $0 + ($1.annualLoadedCost ?? 0) },
            annualShiftedCost: lines.reduce(0) { $0 + $1.annualShiftedCost }, share: grand > 0 ? 1 : 0)
        let reconciliation = ledger.reconciliation(lines: lines, total: total)
        return CostReport(
            asOf: snapshot.asOf.description, currency: currency, lines: lines,
            byLayer: totals(lines, by: \.layer, grand: grand),
            byGrade: byGrade ? totals(lines, by: { $0.grade ?? "ungraded" }, grand: grand) : nil,
            byBudgetOwner: totals(lines, by: \.budgetOwner, grand: grand),
            byEmploymentModel: totals(lines, by: \.employmentModel, grand: grand), total: total,
            excluded: ledger.excluded.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }, reconciliation: reconciliation,
            notes: [
                "People: pay on record annualized over their hours (see the compression report for each derivation). Annual cost is pay and spend as paid: employees' gross salaries, contractors' rates, vendors' spend.",
                "Loaded cost puts them on one basis: employees' gross x (1 + employer contributions) x (1 + statutory extras) from their country's on-costs (reference table on_costs; paid leave is already inside an annual salary), contract rates and vendor spend as they are, since they carry no employer on-costs. Voluntary benefits are not included."
                    + (unloaded > 0
                        ? " \(unloaded) employees have no on-cost data for their country: their gross is in the loaded cost unloaded (peopleWithoutOnCosts)."
                        : ""),
                "Vendors: the annual spend on the vendor record; the layer is that of the vendor contract's wage file, and the headcount is that wage file's.",
                "Wage files: the workers a wage file states (worker.headcount) beyond the people on record for it, when no vendor record pays for them, are costed from the wage file: nominal rate x paid hours a week x 52 x workers (source wage-file). A vendor contract costed this way is at the workers' pay, without the vendor's margin. Like the shifted cost (x 12 months), it is a full year whatever the engagement's length.",
                "Shifted cost: unpaid hours the workers carry (search, qualification, rework, rejected work) at their nominal rate, from each wage file's effective pay, x 12; it is not spend but the cost the price leaves with the workers. It sits on the line that pays the same workers: a person's own line, the vendor's, or the wage file's.",
                "Reconciliation: the lines add up to the total; every people record is costed, counted in a vendor's or a wage file's spend, left out with its reason, or not in AI work; every vendor record is costed or left out, and the vendor lines hold exactly the vendor records' spend.",
                "Exchange rates: \(snapshot.currencies.source).",
            ],
            disclaimer: Disclaimer.text)
    }

    /// One total per value of `key`: cost shown, shifted cost, share of `grand`, and the people
    /// whose cost is withheld from it (lines with no cost; none in the full view).
    static func totals(_ lines: [Line], by key: (Line) -> String, grand: Double) -> [Total] {
        Dictionary(grouping: lines, by: key).map { name, rows in
            let cost = rows.reduce(0) { $0 + ($1.annualCost ?? 0) }
            let withheld = rows.filter { $0.annualCost == nil }.reduce(0) { $0 + $1.count }
            return Total(
                key: name, count: rows.reduce(0) { $0 + $1.count }, headcount: rows.reduce(0) { $0 + $1.headcount },
                annualCost: cost,
                annualLoadedCost: rows.reduce(0) { $0 + ($1.annualLoadedCost ?? 0) },
                annualShiftedCost: rows.reduce(0) { $0 + $1.annualShiftedCost },
                share: grand > 0 ? Statistics.round(cost / grand, 4) : 0, withheldPeople: withheld > 0 ? withheld : nil)
        }.sorted { ($0.annualCost, $1.key) > ($1.annualCost, $0.key) }
    }

    static func employmentModel(_ status: String) -> String {
        switch status {
        case WorkerStatus.employee.rawValue, WorkerStatus.fellow.rawValue, WorkerStatus.dataByproduct.rawValue:
            "employee"
        case WorkerStatus.vendorEmployee.rawValue: "vendor"
        default: "contractor"
        }
    }

    /// One row per layer, owner and model (and grade when grouped by it): aggregates only, so
    /// the file can go to finance.
    public func csv() -> String {
        let code = currency.lowercased()
        let graded = byGrade != nil
        // New columns go at the end: scripts read the first ones by position.
        var out =
            "layer," + (graded ? "grade," : "")
            + "budget_owner,employment_model,count,annual_cost_\(code),annual_loaded_cost_\(code),annual_shifted_cost_\(code),headcount,source\n"
        for line in lines {
            out +=
                ([line.layer] + (graded ? [line.grade ?? "ungraded"] : []) + [
                    line.budgetOwner, line.employmentModel, String(line.count),
                    line.annualCost.map { Format.fixed($0, places: 0) } ?? "",
                    line.annualLoadedCost.map { Format.fixed($0, places: 0) } ?? "",
                    Format.fixed(line.annualShiftedCost, places: 0),
                    String(line.headcount), line.source,
                ]).map(CSVRendering.quote).joined(separator: ",") + "\n"
        }
        return out
    }
}
