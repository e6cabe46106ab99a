import WorkModel

/// The IRS common-law control test (Publication 15-A): behavioural control, financial control
/// and the type of relationship, all evidence weighed. Each category leans the way most of its
/// known facts do.
public struct IRSCommonLaw: ClassificationTest {
    public let id = "irs-common-law"
    public let name = "IRS common-law control test"
    public let citation = "IRS Publication 15-A"

    public init() {}

    public func applies(to context: ClassificationContext) -> Bool { context.country == "US" }

    public func assess(_ context: ClassificationContext) -> ClassificationAssessment {
        let r = context.readings
        let groups: [(String, [FactorReading])] = [
            ("behavioral", [r.instructions, r.training, r.monitoring]),
            ("financial", [r.expenses, r.investment, r.worksForOthers, r.paidBy, r.profitOrLoss]),
            ("relationship", [r.contract, r.benefits, r.permanence, r.integral]),
        ]
        let categories = groups.map { name, parts -> FactorReading in
            let tally = Tally(parts)
            let missing = parts.flatMap(\.missing)
            let leaning: Leaning =
                tally.known == 0
                ? .unknown
                : tally.employee > tally.contractor
                    ? .employee : tally.contractor > tally.employee ? .contractor : .neutral
            let stated = parts.filter { $0.leaning != .unknown }.map(\.reasoning)
            return FactorReading(
                factor: name, leaning: leaning,
                reasoning: (stated.isEmpty ? ["no facts stated"] : stated).joined(separator: "; ")
                    + " (\(tally.employee) toward employment, \(tally.contractor) toward independence)",
                missing: missing)
        }
        let tally = Tally(categories)
        let risk: ClassificationRisk
        let conclusion: String
        if tally.employee >= 2 {
            risk = .high
            conclusion =
                "\(tally.employee) of 3 categories point to employment: the hirer likely controls the work as an employer does."
        } else if tally.unknown >= 2 {
            risk = .undetermined
            conclusion = "Two or more categories have no stated facts."
        } else if tally.employee == 1 {
            risk = .medium
            conclusion = "The categories are mixed."
        } else {
            risk = .low
            conclusion = "The categories point to an independent contractor."
        }
        return assessment(
            standing: .inForce, note: "Applies to federal employment taxes.", risk: risk, conclusion: conclusion,
            factors: categories)
    }
}
