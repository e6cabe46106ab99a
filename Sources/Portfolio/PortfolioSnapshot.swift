public import WorkModel
public import DecisionFiles
public import ReferenceData
public import Signal

/// Everything the portfolio views read, as values: the people, vendors and datasets, the
/// latest wage file of each spec, reviewer evidence from agreement reports, and the rates to
/// bring every currency to one. The database or files fill it; the reports only read it.
public struct PortfolioSnapshot: Sendable {
    public var asOf: CalendarDate
    public var people: [Person]
    public var vendors: [Vendor]
    public var datasets: [Dataset]
    /// The latest decision file per spec id.
    public var wageFiles: [String: DecisionFile]
    /// Reviewer quality by reviewer id, from `wagefile agree` reports.
    public var reviewerEvidence: [String: AgreementReport.ReviewerQuality]
    public var currencies: CurrencyTable
    /// Employer on-costs per jurisdiction, to compare pay and contract rates on a loaded basis.
    public var onCosts: OnCostTable

    public init(asOf: CalendarDate, people: [Person] = [], vendors: [Vendor] = [], datasets: [Dataset] = [],
                wageFiles: [String: DecisionFile] = [:], reviewerEvidence: [String: AgreementReport.ReviewerQuality] = [:],
                currencies: CurrencyTable, onCosts: OnCostTable = OnCostTable()) {
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
                   (current.goldJudgments, current.judgments) >= (reviewer.goldJudgments, reviewer.judgments) { continue }
                evidence[reviewer.id] = reviewer
            }
        }
        return evidence
    }
}

/// Units of each currency per US dollar, from the shipped exchange-rate table.
public struct CurrencyTable: Sendable {
    public var perUSD: [String: Double]
    /// Where the rates come from, for the reports' notes.
    public var source: String

    public init(perUSD: [String: Double], source: String) {
        self.perUSD = perUSD
        self.source = source
    }

    public init(reference: ReferenceSet) {
        var rates: [String: Double] = ["USD": 1]
        for rate in reference.exchangeRates { rates[rate.currency] = rate.perUSD }
        let sources = Set(reference.exchangeRates.map { "\($0.ref.source) (\($0.ref.asOf))" }).sorted()
        self.init(perUSD: rates, source: sources.isEmpty ? "none" : sources.joined(separator: "; "))
    }

    public func convert(_ amount: Double, from: String, to: String) -> Double? {
        if from == to { return amount }
        guard let source = perUSD[from], let target = perUSD[to], source > 0 else { return nil }
        return amount / source * target
    }
}
