import Foundation
import DecisionFiles
import WorkModel

/// The adjusted pay gap per group the organization chose to supply (gender, for example):
/// ln(hourly pay) regressed on the evaluation factors (the two axes' points of each person's wage
/// file) and tenure, plus one indicator per group value; the gap is e^delta - 1 against the
/// largest group. Over 5% in a category of workers is where the EU Pay Transparency Directive
/// (2023/970, Art. 10) asks for a joint pay assessment.
public struct PayEquityReport: Sendable, Codable {
    public var schema = "wagefile.pay-equity/v1"
    public var asOf: String
    public var threshold: Double
    public var minimumGroupSize: Int
    public var factors: [String]
    public var analyses: [Analysis]
    public var notes: [String]
    public var disclaimer: String

    public struct Analysis: Sendable, Codable, Hashable {
        public var group: String
        /// `all` or a work layer: the category of workers compared.
        public var category: String
        public var people: Int
        public var reference: String
        public var rSquared: Double?
        public var gaps: [Gap]
        public var droppedFactors: [String]
    }

    public struct Gap: Sendable, Codable, Hashable {
        public var value: String
        public var people: Int
        /// Median-free raw gap: exp(mean ln pay of the group - mean ln pay of the reference) - 1.
        public var rawGap: Double?
        public var adjustedGap: Double?
        public var standardError: Double?
        /// |delta| over its standard error above 1.96.
        public var significant: Bool?
        public var flagged: Bool
        public var note: String?
    }

    public var flagged: [(analysis: Analysis, gap: Gap)] {
        analyses.flatMap { analysis in analysis.gaps.filter(\.flagged).map { (analysis, $0) } }
    }
}

extension PayEquityReport {
    public static func build(_ snapshot: PortfolioSnapshot, threshold: Double = 0.05, minimumGroupSize: Int = 5,
                             minimumCategorySize: Int = 20) -> PayEquityReport {
        let (positions, _) = PayPositions.build(snapshot, currency: "USD", requireBand: true)
        let people = positions.filter { $0.isInternal && $0.hourly > 0 && $0.wageFile != nil }
        let labelled = people.compactMap { position in position.person.groupLabels.map { (position, $0) } }
        let keys = Set(labelled.flatMap { $0.1.keys }).sorted()
        var analyses: [Analysis] = []
        for key in keys {
            let members = labelled.compactMap { position, labels in labels[key].map { (position, $0) } }
            var categories: [(String, [(PayPosition, String)])] = [("all", members)]
            for (layer, group) in Dictionary(grouping: members, by: { $0.0.layer }).sorted(by: { $0.key < $1.key })
            where group.count >= minimumCategorySize {
                categories.append((layer, group))
            }
            for (category, group) in categories {
                if let analysis = analyse(group: key, category: category, members: group, threshold: threshold, minimumGroupSize: minimumGroupSize) {
                    analyses.append(analysis)
                }
            }
        }
        return PayEquityReport(
            asOf: snapshot.asOf.description, threshold: threshold, minimumGroupSize: minimumGroupSize,
            factors: ["complexity points", "consequence points", "tenure in years"], analyses: analyses,
            notes: [
                "Internal employees with a wage file and a group label; contractors and vendor workers are outside the directive's pay comparison.",
                "Categories of workers: everyone, then each work layer with at least \(minimumCategorySize) labelled people.",
                "Values with fewer than \(minimumGroupSize) people are not estimated, to protect individuals and because such gaps are noise.",
                "A dropped factor is constant within the category or a combination of others (one wage file for everyone, for example).",
            ],
            disclaimer: Disclaimer.text)
    }

    static func analyse(group key: String, category: String, members: [(PayPosition, String)], threshold: Double,
                        minimumGroupSize: Int) -> Analysis? {
        let counts = Dictionary(grouping: members, by: \.1).mapValues(\.count)
        guard let reference = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return nil }
        let estimable = counts.filter { $0.value >= minimumGroupSize }.keys.filter { $0 != reference }.sorted()
        let small = counts.filter { $0.value < minimumGroupSize }.keys.sorted()
        let sample = members.filter { $0.1 == reference || estimable.contains($0.1) }
        guard !estimable.isEmpty else {
            return Analysis(group: key, category: category, people: members.count, reference: reference, rSquared: nil,
                            gaps: small.map { Gap(value: $0, people: counts[$0] ?? 0, flagged: false, note: "fewer than \(minimumGroupSize) people: not estimated") },
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
                gaps.append(Gap(value: value, people: counts[value] ?? 0, rawGap: Statistics.round(raw, 4), flagged: false,
                                note: "cannot be separated from the evaluation factors in this category"))
                continue
            }
            let gap = exp(delta) - 1
            let error = fit.standardErrors[index]
            gaps.append(Gap(value: value, people: counts[value] ?? 0, rawGap: Statistics.round(raw, 4), adjustedGap: Statistics.round(gap, 4),
                            standardError: error.map { Statistics.round($0, 4) }, significant: error.map { $0 > 0 && abs(delta / $0) > 1.96 },
                            flagged: abs(gap) > threshold,
                            note: abs(gap) > threshold ? "over the \(Format.percent(threshold, places: 0)) threshold: a joint pay assessment is due unless objective, gender-neutral factors explain it" : nil))
        }
        gaps += small.map { Gap(value: $0, people: counts[$0] ?? 0, flagged: false, note: "fewer than \(minimumGroupSize) people: not estimated") }
        return Analysis(group: key, category: category, people: sample.count, reference: reference,
                        rSquared: fit.map { Statistics.round($0.rSquared, 4) }, gaps: gaps,
                        droppedFactors: (fit?.dropped ?? []).filter { $0 < factorNames.count }.map { factorNames[$0] })
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
}
