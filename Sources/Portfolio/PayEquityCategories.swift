import DecisionFiles
import Foundation
import WorkModel

/// One employee as the pay-equity figures read them: basic and variable pay on one hourly
/// footing in USD, sex as the Directive counts it, and the facts a gap may be explained by.
struct PayEquityEarner {
    enum Sex { case woman, man }

    var position: PayPosition
    var sex: Sex?
    /// Complementary or variable pay for the year, in USD (0 when none is recorded).
    var variableAnnual: Double

    init(position: PayPosition, sex: Sex?, currencies: CurrencyTable) {
        self.position = position
        self.sex = sex
        let person = position.person
        if let minor = person.variablePayMinor, let code = person.currency {
            variableAnnual =
                currencies.convert(Money(minorUnits: minor, currency: code).amount, from: code, to: "USD") ?? 0
        } else {
            variableAnnual = 0
        }
    }

    var basicHourly: Double { position.hourly }
    var variableHourly: Double { position.annualHours > 0 ? variableAnnual / position.annualHours : 0 }
    /// Basic plus variable pay an hour: the pay level the 5 % rule reads (Art. 3(1)(a), (b)).
    var totalHourly: Double { basicHourly + variableHourly }
    var tenureYears: Double { Double(position.tenureMonths ?? 0) / 12 }

    /// The country the person works in: equal pay is compared within one country's workforce,
    /// as the Directive is transposed and enforced per member state.
    var country: String {
        guard let code = position.jurisdiction else { return "unknown" }
        return String(code.prefix { $0 != "-" })
    }

    /// The category of workers of equal value: the country and the wage file's grade, else its
    /// points in steps of 50.
    var category: (id: String, name: String, basis: String, country: String) {
        guard let file = position.wageFile else {
            return ("\(country)/unevaluated", "no wage file (\(country))", "no job evaluation", country)
        }
        if let grade = file.grade {
            return (
                "\(country)/\(grade.id)", "\(grade.id) \(grade.name) (\(country))",
                "grade \(grade.id) of the job architecture (US midpoint \(Format.money(grade.usdHourly.mid)) USD/h), people working in \(country)",
                country
            )
        }
        let from = Int(file.scores.total / 50) * 50
        return (
            "\(country)/points:\(from)-\(from + 49)", "\(from)-\(from + 49) points (\(country))",
            "evaluation points \(from)-\(from + 49) (no grade table), people working in \(country)", country
        )
    }
}

extension PayEquityReport.PayGap {
    /// The two means and medians and their gaps; nil when either side is empty.
    static func of(women: [Double], men: [Double]) -> Self? {
        guard !women.isEmpty, !men.isEmpty, let medianWomen = Statistics.median(women),
            let medianMen = Statistics.median(men)
        else { return nil }
        let meanWomen = PayEquityReport.mean(women), meanMen = PayEquityReport.mean(men)
        return Self(
            meanWomen: Statistics.round(meanWomen, 4), meanMen: Statistics.round(meanMen, 4),
            medianWomen: Statistics.round(medianWomen, 4), medianMen: Statistics.round(medianMen, 4),
            meanGap: meanMen > 0 ? Statistics.round((meanMen - meanWomen) / meanMen, 4) : nil,
            medianGap: medianMen > 0 ? Statistics.round((medianMen - medianWomen) / medianMen, 4) : nil)
    }
}

extension PayEquityReport.OrganisationGaps {
    static func build(_ earners: [PayEquityEarner]) -> Self? {
        let women = earners.filter { $0.sex == .woman }, men = earners.filter { $0.sex == .man }
        let zero = PayEquityReport.PayGap(
            meanWomen: 0, meanMen: 0, medianWomen: 0, medianMen: 0, meanGap: nil, medianGap: nil)
        let basic = PayEquityReport.PayGap.of(women: women.map(\.basicHourly), men: men.map(\.basicHourly))
        let total = PayEquityReport.PayGap.of(women: women.map(\.totalHourly), men: men.map(\.totalHourly))
        // Art. 9(1)(b), (d): the variable-pay gap among those who receive it, beside the shares who do (e).
        let variable = PayEquityReport.PayGap.of(
            women: women.map(\.variableAnnual).filter { $0 > 0 }, men: men.map(\.variableAnnual).filter { $0 > 0 })
        func share(_ group: [PayEquityEarner]) -> Double {
            group.isEmpty
                ? 0 : Statistics.round(Double(group.filter { $0.variableAnnual > 0 }.count) / Double(group.count), 4)
        }
        // Art. 9(1)(f): four bands of equal size by total hourly pay, lowest first.
        let ranked = (women + men).sorted { $0.totalHourly < $1.totalHourly }
        var quartiles: [PayEquityReport.Quartile] = []
        if ranked.count >= 4 {
            for quarter in 0..<4 {
                let slice = ranked[(quarter * ranked.count / 4)..<((quarter + 1) * ranked.count / 4)]
                quartiles.append(
                    .init(
                        quartile: quarter + 1, women: slice.filter { $0.sex == .woman }.count,
                        men: slice.filter { $0.sex == .man }.count))
            }
        }
        guard !(women.isEmpty && men.isEmpty) else { return nil }
        return Self(
            women: women.count, men: men.count, otherOrUnstated: earners.count - women.count - men.count,
            basic: basic ?? zero, variable: variable ?? zero, total: total ?? zero,
            womenReceivingVariable: share(women), menReceivingVariable: share(men), quartiles: quartiles)
    }
}

/// The gap per category of workers of equal value and the Art. 10(1) test on it.
enum PayEquityCategories {
    /// The objective, gender-neutral factors a gap may be explained by, as measured here.
    static let factorNames = [
        "the wage file's band midpoint (job evaluation points for skills, effort, responsibility and working conditions, and the labour market priced)",
        "tenure in years",
    ]

    static func build(_ earners: [PayEquityEarner], threshold: Double) -> [PayEquityReport.Category] {
        let grouped = Dictionary(grouping: earners, by: { $0.category.id })
        return grouped.keys.sorted().compactMap { id in
            guard let members = grouped[id], let first = members.first else { return nil }
            return category(first.category, members: members, threshold: threshold)
        }
    }

    /// The member states whose workforces the Directive covers (Art. 2(1)): the EU 27.
    static let memberStates: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL",
        "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ]

    static func category(
        _ named: (id: String, name: String, basis: String, country: String), members: [PayEquityEarner],
        threshold: Double
    ) -> PayEquityReport.Category {
        let women = members.filter { $0.sex == .woman }, men = members.filter { $0.sex == .man }
        let roles = Set(members.compactMap { $0.position.wageFile?.spec.id }).sorted()
        var category = PayEquityReport.Category(
            id: named.id, name: named.name, basis: named.basis, roles: roles, women: women.count, men: men.count,
            basic: .of(women: women.map(\.basicHourly), men: men.map(\.basicHourly)),
            variable: .of(
                women: women.map(\.variableAnnual).filter { $0 > 0 }, men: men.map(\.variableAnnual).filter { $0 > 0 }),
            total: .of(women: women.map(\.totalHourly), men: men.map(\.totalHourly)),
            unexplainedGap: nil, explainedGap: nil, factorsUsed: [], status: "one-sex", note: "")
        guard let total = category.total, let raw = total.meanGap else {
            category.note =
                women.isEmpty
                ? "only men in this category: no gap to measure" : "only women in this category: no gap to measure"
            return category
        }
        let (unexplained, used) = unexplainedGap(women: women, men: men)
        category.unexplainedGap = unexplained.map { Statistics.round($0, 4) }
        category.explainedGap = unexplained.map { Statistics.round(raw - $0, 4) }
        category.factorsUsed = used
        let means = "women \(Format.money(total.meanWomen)), men \(Format.money(total.meanMen)) USD/h"
        if abs(raw) < threshold {
            category.status = "under-threshold"
            category.note =
                "mean pay gap \(Format.percent(raw)) (\(means)), under \(Format.percent(threshold, places: 0))"
            if let unexplained, abs(unexplained) >= threshold {
                category.note +=
                    "; like for like on the objective factors it is \(Format.percent(unexplained)): review it before it grows"
            }
        } else if let unexplained, abs(unexplained) < threshold {
            category.status = "explained"
            category.note =
                "mean pay gap \(Format.percent(raw)) (\(means)); \(used.isEmpty ? "no factor" : used.joined(separator: " and ")) explain all but \(Format.percent(unexplained)): keep the justification on file (Art. 10(1)(b))"
        } else {
            let split =
                unexplained.map {
                    "; \(Format.percent($0)) is not explained by \(used.isEmpty ? "any objective factor" : used.joined(separator: " or "))"
                }
                ?? "; too few women or men to separate objective factors, so the whole gap stands unexplained"
            if memberStates.contains(named.country) {
                category.status = "joint-pay-assessment"
                category.note =
                    "mean pay gap \(Format.percent(raw)) (\(means))\(split): a joint pay assessment with workers' representatives is due unless it is remedied within six months of the report (Art. 10(1))"
            } else {
                // Outside the EU the Directive's assessment does not apply; the gap on equal work
                // is still what local equal pay law asks the employer to justify.
                category.status = "unexplained-gap"
                category.note =
                    "mean pay gap \(Format.percent(raw)) (\(means))\(split). Outside the EU the Directive's joint pay assessment does not apply; justify or remedy it under the local equal pay law (in the US, the Equal Pay Act, 29 U.S.C. 206(d))"
            }
        }
        return category
    }

    /// 1 − e^δ from ln(total hourly pay) on the objective factors and a women indicator; nil
    /// when there are too few of either sex or the factors leave nothing to separate.
    static func unexplainedGap(women: [PayEquityEarner], men: [PayEquityEarner]) -> (Double?, [String]) {
        guard women.count >= 2, men.count >= 2 else { return (nil, []) }
        let sample = women + men
        let columns: [[Double]] = [
            [Double](repeating: 1, count: sample.count),
            sample.map { log(max($0.position.band?.mid ?? 1, 1e-9)) },
            sample.map(\.tenureYears),
            sample.map { $0.sex == .woman ? 1 : 0 },
        ]
        guard let fit = LeastSquares.fit(columns: columns, response: sample.map { log($0.totalHourly) }),
            let delta = fit.coefficients[3]
        else { return (nil, []) }
        let used = [1, 2].filter { !fit.dropped.contains($0) }.map { factorNames[$0 - 1] }
        return (1 - exp(delta), used)
    }
}
