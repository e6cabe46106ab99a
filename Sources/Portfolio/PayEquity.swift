import DecisionFiles
import Foundation
import WorkModel

/// Pay equity as the EU Pay Transparency Directive (2023/970) defines it, for the employees who
/// carry a sex label (`gender=F` or `sex=M` on import):
/// - the organisation's gaps (Art. 9(1)(a)-(f)): mean and median gap in basic pay and in
///   complementary or variable pay, the share of women and of men receiving variable pay, and
///   each pay quartile's women and men;
/// - the gap per category of workers of equal value (Art. 9(1)(g), Art. 3(1)(h)): people whose
///   wage files sit in the same grade of the job evaluation, which scores skills, effort,
///   responsibility and working conditions (Art. 4(4));
/// - the 5 % rule (Art. 10(1)): a joint pay assessment is due in a category whose mean pay gap is
///   5 % or more, unless objective, gender-neutral factors explain it (or it is remedied within
///   six months). The part the factors explain is kept apart from the part they do not.
/// Gaps are the Directive's: (men − women) / men, so a positive gap is women paid less.
/// Other group labels (ethnicity, say) keep the adjusted comparison against their largest group.
public struct PayEquityReport: Sendable, Codable {
    /// The report's schema id, `wagefile.pay-equity/v2`.
    public var schema = "wagefile.pay-equity/v2"
    /// The snapshot date.
    public var asOf: String
    /// The gap (0-1) at or above which a category needs a joint pay assessment (0.05: Art. 10(1)).
    public var threshold: Double
    /// The smallest group a gap is estimated for in the other labels' analyses.
    public var minimumGroupSize: Int
    /// The label key read as sex (`gender` or `sex`); nil when no one carries one.
    public var sexKey: String?
    /// The organisation-wide Art. 9 figures; nil when no one carries a sex label.
    public var organisation: OrganisationGaps?
    /// The gap per category of workers of equal value.
    public var categories: [Category]
    /// Categories where a joint pay assessment is due (Art. 10(1)).
    public var jointPayAssessment: [String]
    /// The objective, gender-neutral factors a gap may be explained by, and how each is measured.
    public var objectiveFactors: [String]
    /// Adjusted gaps for the other labels supplied, against each label's largest group.
    public var analyses: [Analysis]
    /// How the figures were made, in words.
    public var notes: [String]
    /// Decision support, not legal advice.
    public var disclaimer: String

    /// Mean and median of one pay measure for women and men, and the two gaps.
    public struct PayGap: Sendable, Codable, Hashable {
        /// Women's mean, in USD (per hour for basic and total pay, per year for variable pay).
        public var meanWomen: Double
        /// Men's mean, in the same unit.
        public var meanMen: Double
        /// Women's median, in the same unit.
        public var medianWomen: Double
        /// Men's median, in the same unit.
        public var medianMen: Double
        /// (mean men − mean women) / mean men (Art. 3(1)(c)); nil when men's mean is 0.
        public var meanGap: Double?
        /// (median men − median women) / median men (Art. 3(1)(e)).
        public var medianGap: Double?
    }

    /// Women and men in one quarter of the total-hourly-pay distribution.
    public struct Quartile: Sendable, Codable, Hashable {
        /// 1 is the lowest-paid quarter.
        public var quartile: Int
        /// Women in the quarter.
        public var women: Int
        /// Men in the quarter.
        public var men: Int
    }

    /// The organisation's figures under Art. 9(1)(a)-(f).
    public struct OrganisationGaps: Sendable, Codable, Hashable {
        /// Employees labelled women.
        public var women: Int
        /// Employees labelled men.
        public var men: Int
        /// Labelled with another value or none: outside the Directive's women/men figures, counted here.
        public var otherOrUnstated: Int
        /// Basic hourly pay (Art. 9(1)(a), (c)).
        public var basic: PayGap
        /// Complementary or variable pay for the year, everyone counted (0 for those without) (Art. 9(1)(b), (d)).
        public var variable: PayGap
        /// Basic plus variable, hourly: the pay level the 5 % rule is applied to.
        public var total: PayGap
        /// Share of women and of men receiving any variable pay (Art. 9(1)(e)).
        public var womenReceivingVariable: Double
        /// Share (0-1) of men receiving any variable pay.
        public var menReceivingVariable: Double
        /// Women and men in each quarter of total hourly pay (Art. 9(1)(f)).
        public var quartiles: [Quartile]
    }

    /// A category of workers of equal value (country and grade), its gaps and the Art. 10(1) test.
    public struct Category: Sendable, Codable, Hashable {
        /// Country and grade (`DE/G09`), or country and `points:<from>-<to>` where a wage file has no grade.
        public var id: String
        /// The category's name, for the reader.
        public var name: String
        /// How the category was formed, for the reader.
        public var basis: String
        /// The roles (wage files) in the category.
        public var roles: [String]
        /// Women in the category.
        public var women: Int
        /// Men in the category.
        public var men: Int
        /// Basic hourly pay gap; nil when one sex is absent.
        public var basic: PayGap?
        /// Variable pay gap; nil when one sex is absent.
        public var variable: PayGap?
        /// Basic plus variable, hourly: the gap the 5 % rule reads.
        public var total: PayGap?
        /// The part of the mean total gap the objective factors do not explain: 1 − e^δ, with δ the
        /// women coefficient of ln(total hourly pay) on the factors; nil when it cannot be estimated.
        public var unexplainedGap: Double?
        /// Mean total gap minus the unexplained part.
        public var explainedGap: Double?
        /// The factors that varied in the category and entered the comparison.
        public var factorsUsed: [String]
        /// `one-sex`, `under-threshold`, `explained`, `joint-pay-assessment` (an EU member state) or
        /// `unexplained-gap` (the same test outside the EU).
        public var status: String
        /// The category's result in words.
        public var note: String
    }

    /// An adjusted comparison for a label other than sex: ln(hourly pay) regressed on complexity and
    /// consequence points, tenure and the label's groups, against its largest group.
    public struct Analysis: Sendable, Codable, Hashable {
        /// The label key compared (as stored, e.g. `ethnicity`).
        public var group: String
        /// `all` or a work layer: the category of workers compared.
        public var category: String
        /// People in the comparison.
        public var people: Int
        /// The group every other is compared with: the largest.
        public var reference: String
        /// The fit's R² (0-1); nil when it could not be fitted.
        public var rSquared: Double?
        /// One gap per other group.
        public var gaps: [Gap]
        /// Factors left out because they did not vary or repeated others.
        public var droppedFactors: [String]
    }

    /// One group's pay against the reference group.
    public struct Gap: Sendable, Codable, Hashable {
        /// The group (the label's value).
        public var value: String
        /// People in the group.
        public var people: Int
        /// exp(mean ln pay of the group - mean ln pay of the reference) - 1.
        public var rawGap: Double?
        /// e^δ - 1, δ the group's coefficient once points and tenure are held equal; nil when not estimable.
        public var adjustedGap: Double?
        /// The standard error of δ.
        public var standardError: Double?
        /// |delta| over its standard error above 1.96.
        public var significant: Bool?
        /// True when the adjusted gap's size is over the report's threshold.
        public var flagged: Bool
        /// Why the gap is flagged or not estimated.
        public var note: String?
    }

    /// Categories due a joint pay assessment, then the other labels' flagged gaps.
    public var flaggedCategories: [Category] { categories.filter { $0.status == "joint-pay-assessment" } }

    /// The other labels' flagged gaps, each with its analysis.
    public var flagged: [(analysis: Analysis, gap: Gap)] {
        analyses.flatMap { analysis in analysis.gaps.filter(\.flagged).map { (analysis, $0) } }
    }
}

extension PayEquityReport {
    /// Label keys read as sex, and the values read as women and as men (lower-cased).
    static let sexKeys = ["gender", "sex"]
    static let womenValues: Set<String> = ["f", "female", "woman", "women", "w"]
    static let menValues: Set<String> = ["m", "male", "man", "men"]

    /// Pay equity over the snapshot's employees with a wage file, in USD.
    /// - Parameters:
    ///   - snapshot: the employees, their wage files and the exchange rates.
    ///   - threshold: the gap that triggers a joint pay assessment (Art. 10(1): 5 %).
    ///   - minimumGroupSize: the smallest group estimated in the other labels' analyses.
    ///   - minimumCategorySize: the smallest category the explained and unexplained gap is estimated for.
    public static func build(
        _ snapshot: PortfolioSnapshot, threshold: Double = 0.05, minimumGroupSize: Int = 5,
        minimumCategorySize: Int = 20
    ) -> PayEquityReport {
        let (positions, _) = PayPositions.build(snapshot, currency: "USD", requireBand: true)
        let people = positions.filter { $0.isInternal && $0.hourly > 0 && $0.wageFile != nil }
        let labelled = people.compactMap { position in position.person.groupLabels.map { (position, $0) } }
        let keys = Set(labelled.flatMap { $0.1.keys })
        let sexKey = keys.sorted().first { sexKeys.contains($0.lowercased()) }

        var organisation: OrganisationGaps?
        var categories: [Category] = []
        if let sexKey {
            let earners = labelled.compactMap { position, labels in
                labels[sexKey].map {
                    PayEquityEarner(position: position, sex: Self.sex(of: $0), currencies: snapshot.currencies)
                }
            }
            organisation = OrganisationGaps.build(earners)
            categories = PayEquityCategories.build(earners.filter { $0.sex != nil }, threshold: threshold)
        }
        var analyses: [Analysis] = []
        for key in keys.sorted() where key != sexKey {
            let members = labelled.compactMap { position, labels in labels[key].map { (position, $0) } }
            var groups: [(String, [(PayPosition, String)])] = [("all", members)]
            for (layer, group) in Dictionary(grouping: members, by: { $0.0.layer }).sorted(by: { $0.key < $1.key })
            where group.count >= minimumCategorySize {
                groups.append((layer, group))
            }
            for (category, group) in groups {
                if let analysis = analyse(
                    group: key, category: category, members: group, threshold: threshold,
                    minimumGroupSize: minimumGroupSize)
                {
                    analyses.append(analysis)
                }
            }
        }
        return PayEquityReport(
            asOf: snapshot.asOf.description, threshold: threshold, minimumGroupSize: minimumGroupSize, sexKey: sexKey,
            organisation: organisation, categories: categories,
            jointPayAssessment: categories.filter { $0.status == "joint-pay-assessment" }.map(\.id),
            objectiveFactors: PayEquityCategories.factorNames,
            analyses: analyses,
            notes: [
                "Employees with a wage file and a sex label (`\(sexKey ?? "gender")`); contractors and vendor workers are outside the Directive's pay comparison, and values other than women and men are counted but outside its gap figures.",
                "Pay is basic pay on an hourly footing plus complementary or variable pay for the year over the same hours (Art. 3(1)(a)); gaps are (men − women) / men (Art. 3(1)(c), (e)).",
                "Categories of workers of equal value: people working in one country whose wage files sit in the same grade, placed by points for skills, effort, responsibility and working conditions (Art. 3(1)(h), Art. 4(4)); a wage file without a grade is grouped by its points in steps of 50. The joint pay assessment applies in EU member states; elsewhere the same test marks an unexplained gap for review.",
                "A joint pay assessment is due where a category's mean gap is \(Format.percent(threshold, places: 0)) or more and the objective factors do not explain it, unless it is remedied within six months of the report (Art. 10(1)). The factors must be applied the same way to women and men; performance ratings and negotiated pay are not among them here.",
                "Other labels: the adjusted gap from ln(hourly pay) on complexity and consequence points and tenure, against the label's largest group; values with fewer than \(minimumGroupSize) people are not estimated.",
            ],
            disclaimer: Disclaimer.text)
    }

    static func sex(of value: String) -> PayEquityEarner.Sex? {
        let lowered = value.lowercased()
        if womenValues.contains(lowered) { return .woman }
        if menValues.contains(lowered) { return .man }
        return nil
    }

    static func analyse(
        group key: String, category: String, members: [(PayPosition, String)], threshold: Double,
        minimumGroupSize: Int
    ) -> Analysis? {
        let counts = Dictionary(grouping: members, by: \.1).mapValues(\.count)
        guard let reference = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return nil }
        let estimable = counts.filter { $0.value >= minimumGroupSize }.keys.filter { $0 != reference }.sorted()
        let small = counts.filter { $0.value < minimumGroupSize }.keys.sorted()
        let sample = members.filter { $0.1 == reference || estimable.contains($0.1) }
        guard !estimable.isEmpty else {
            return Analysis(
                group: key, category: category, people: members.count, reference: reference, rSquared: nil,
                gaps: small.map {
                    Gap(
                        value: $0, people: counts[$0] ?? 0, flagged: false,
                        note: "fewer than \(minimumGroupSize) people: not estimated")
                },
                droppedFactors: [])
        }
        let y = sample.map { log($0.0.hourly) }
        var columns: [[Double]] = [
            [Double](repeating: 1, count: sample.count),
            sample.map { $0.0.wageFile?.scores.complexity ?? 0 },
            sample.map { $0.0.wageFile?.scores.consequence ?? 0 },
            sample.map { Double($0.0.tenureMonths ?? 0) / 12 },
        ]
        let factorNames = ["intercept", "complexity points", "consequence points", "tenure in years"]
        for value in estimable { columns.append(sample.map { $0.1 == value ? 1 : 0 }) }
        let fit = LeastSquares.fit(columns: columns, response: y)
        let referenceMean = mean(sample.filter { $0.1 == reference }.map { log($0.0.hourly) })
        var gaps: [Gap] = []
        for (offset, value) in estimable.enumerated() {
            let index = factorNames.count + offset
            let raw = exp(mean(sample.filter { $0.1 == value }.map { log($0.0.hourly) }) - referenceMean) - 1
            guard let fit, let delta = fit.coefficients[index] else {
                gaps.append(
                    Gap(
                        value: value, people: counts[value] ?? 0, rawGap: Statistics.round(raw, 4), flagged: false,
                        note: "cannot be separated from the evaluation factors in this category"))
                continue
            }
            let gap = exp(delta) - 1
            let error = fit.standardErrors[index]
            gaps.append(
                Gap(
                    value: value, people: counts[value] ?? 0, rawGap: Statistics.round(raw, 4),
                    adjustedGap: Statistics.round(gap, 4),
                    standardError: error.map { Statistics.round($0, 4) },
                    significant: error.map { $0 > 0 && abs(delta / $0) > 1.96 },
                    flagged: abs(gap) > threshold,
                    note: abs(gap) > threshold
                        ? "over the \(Format.percent(threshold, places: 0)) threshold: review whether objective factors explain it"
                        : nil))
        }
        gaps += small.map {
            Gap(
                value: $0, people: counts[$0] ?? 0, flagged: false,
                note: "fewer than \(minimumGroupSize) people: not estimated")
        }
        return Analysis(
            group: key, category: category, people: sample.count, reference: reference,
            rSquared: fit.map { Statistics.round($0.rSquared, 4) }, gaps: gaps,
            droppedFactors: (fit?.dropped ?? []).filter { $0 < factorNames.count }.map { factorNames[$0] })
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
}
