public import DecisionFiles
public import ReferenceData
public import Signal
public import WorkModel

/// Everything the portfolio views read, as values: the people, vendors and datasets, the
/// latest wage file of each spec, reviewer evidence from agreement reports, and the rates to
/// bring every currency to one. The database or files fill it; the reports only read it.
public struct PortfolioSnapshot: Sendable {
    /// The date tenure, audit ages and the reports are dated to.
    public var asOf: CalendarDate
    /// People records (HRIS import or the database).
    public var people: [Person]
    /// Vendor records: spend, contract spec, audits.
    public var vendors: [Vendor]
    /// Dataset records, each linked to the spec of the work that made it.
    public var datasets: [Dataset]
    /// The latest decision file per spec id.
    public var wageFiles: [String: DecisionFile]
    /// Reviewer quality by reviewer id, from `wagefile agree` reports.
    public var reviewerEvidence: [String: AgreementReport.ReviewerQuality]
    /// The rates every figure is converted at.
    public var currencies: CurrencyTable
    /// Employer on-costs per jurisdiction, to compare pay and contract rates on a loaded basis.
    public var onCosts: OnCostTable

    /// A snapshot of the given records on `asOf`; everything but the rates may be empty.
    public init(
        asOf: CalendarDate, people: [Person] = [], vendors: [Vendor] = [], datasets: [Dataset] = [],
        wageFiles: [String: DecisionFile] = [:], reviewerEvidence: [String: AgreementReport.ReviewerQuality] = [:],
        currencies: CurrencyTable, onCosts: OnCostTable = OnCostTable()
    ) {
        self.asOf = asOf
        self.people = people
        self.vendors = vendors
        self.datasets = datasets
        self.wageFiles = wageFiles
        self.reviewerEvidence = reviewerEvidence
        self.currencies = currencies
        self.onCosts = onCosts
    }

    /// Evidence from several agreement reports: a reviewer seen in more than one keeps the report
    /// with the most gold judgments, then the most judgments, so one thin sample never hides a
    /// thorough one.
    public static func evidence(from reports: [AgreementReport]) -> [String: AgreementReport.ReviewerQuality] {
        var evidence: [String: AgreementReport.ReviewerQuality] = [:]
        for report in reports {
            for reviewer in report.reviewers {
                if let current = evidence[reviewer.id],
                    (current.goldJudgments, current.judgments) >= (reviewer.goldJudgments, reviewer.judgments)
                {
                    continue
                }
                evidence[reviewer.id] = reviewer
            }
        }
        return evidence
    }
}

/// Units of each currency per US dollar, from the shipped exchange-rate table.
public struct CurrencyTable: Sendable {
    /// Currency code to units per US dollar (USD is 1).
    public var perUSD: [String: Double]
    /// Where the rates come from, for the reports' notes.
    public var source: String

    /// A table from explicit rates.
    public init(perUSD: [String: Double], source: String) {
        self.perUSD = perUSD
        self.source = source
    }

    /// The reference data's exchange rates (table `exchange_rates`), with USD at 1, sourced.
    public init(reference: ReferenceSet) {
        var rates: [String: Double] = ["USD": 1]
        for rate in reference.exchangeRates { rates[rate.currency] = rate.perUSD }
        let sources = Set(reference.exchangeRates.map { "\($0.ref.source) (\($0.ref.asOf))" }).sorted()
        self.init(perUSD: rates, source: sources.isEmpty ? "none" : sources.joined(separator: "; "))
    }

    /// `amount` in `from` converted to `to` through the US dollar; nil when either rate is missing.
    public func convert(_ amount: Double, from: String, to: String) -> Double? {
        if from == to { return amount }
        guard let source = perUSD[from], let target = perUSD[to], source > 0 else { return nil }
        return amount / source * target
    }
}
