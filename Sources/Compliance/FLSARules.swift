import WorkModel

/// The FLSA independent-contractor analysis of 2021 (29 CFR 795.105): two core factors,
/// control and the opportunity for profit or loss, weigh most; when both point the same way
/// there is a "substantial likelihood" that is the right status. Skill, permanence and being
/// part of an integrated unit are guideposts. Practice beats what the contract says.
public struct FLSA2021Rule: ClassificationTest {
    public let id = "flsa-2021"
    public let name = "FLSA independent-contractor rule (2021)"
    public let citation = "29 CFR 795.105 (2021 rule)"

    public init() {}

    public func applies(to context: ClassificationContext) -> Bool { context.country == "US" }

    public func assess(_ context: ClassificationContext) -> ClassificationAssessment {
        let r = context.readings
        let control = FactorReading.composite("control", [r.control, r.schedule, r.instructions])
        let profit = FLSACore.profitOrLoss(r)
        let guideposts = [r.skill, r.permanence, FLSACore.integratedUnit(r)]
        let (risk, conclusion) = FLSACore.coreAnalysis(control: control, profit: profit, secondary: guideposts, secondaryName: "guideposts")
        return assessment(
            standing: .enforcementPractice,
            note: "Replaced by the 2024 rule on 2024-03-11; the Wage and Hour Division has applied this analysis in enforcement since 2025-05-01.",
            risk: risk, conclusion: conclusion, factors: [control, profit] + guideposts)
    }
}

/// The 2024 rule (29 CFR 795.110): six factors weighed in the totality of the circumstances,
/// none decisive, asking whether the worker is economically dependent on the hirer or in
/// business for themselves. Technology monitoring counts as control.
public struct FLSA2024Rule: ClassificationTest {
    public let id = "flsa-2024"
    public let name = "FLSA economic-reality test (2024 rule)"
    public let citation = "29 CFR 795.110 (2024 rule)"

    public init() {}

    public func applies(to context: ClassificationContext) -> Bool { context.country == "US" }

    public func assess(_ context: ClassificationContext) -> ClassificationAssessment {
        let r = context.readings
        let factors = [
            r.profitOrLoss.named("profit-or-loss", prefix: "1 profit or loss from managerial skill: "),
            r.investment.named("investment", prefix: "2 investment by the worker compared with the hirer's: "),
            r.permanence.named("permanence", prefix: "3 permanence: "),
            FactorReading.composite("control", [r.control, r.schedule, r.instructions, r.monitoring]).named("control", prefix: "4 control, technology monitoring included: "),
            r.integral.named("integral", prefix: "5 integral to the hirer's business: "),
            r.skill.named("skill", prefix: "6 skill and initiative: "),
        ]
        let tally = Tally(factors)
        let risk: ClassificationRisk
        let conclusion: String
        if tally.employee >= 4 || (tally.known >= 4 && Double(tally.employee) / Double(tally.known) >= 2.0 / 3.0) {
            risk = .high
            conclusion = "\(tally.employee) of 6 factors point to economic dependence: likely an employee under the FLSA."
        } else if tally.known < 4 {
            risk = .undetermined
            conclusion = "Only \(tally.known) of 6 factors can be read from the spec; the totality cannot be weighed."
        } else if Double(tally.employee) / Double(tally.known) >= 1.0 / 3.0 {
            risk = .medium
            conclusion = "The factors are mixed (\(tally.employee) toward employment, \(tally.contractor) toward independent business)."
        } else {
            risk = .low
            conclusion = "\(tally.contractor) of 6 factors point to a business of the worker's own."
        }
        return assessment(
            standing: .inForce,
            note: "In force for private lawsuits; the Wage and Hour Division stopped applying it in enforcement on 2025-05-01.",
            risk: risk, conclusion: conclusion, factors: factors)
    }
}

/// The Department of Labor's proposal announced 2026-02-26: the 2021 analysis restored with
/// changes. The two core factors decide when they agree; skill, permanence and the integrated
/// unit are secondary and "highly unlikely" to override them. Not final.
public struct DOL2026Proposal: ClassificationTest {
    public let id = "dol-2026-proposal"
    public let name = "DOL proposed independent-contractor rule (2026)"
    public let citation = "US Department of Labor proposed rule, announced 2026-02-26 (dol-2026)"

    public init() {}

    public func applies(to context: ClassificationContext) -> Bool { context.country == "US" }

    public func assess(_ context: ClassificationContext) -> ClassificationAssessment {
        let r = context.readings
        let control = FactorReading.composite("control", [r.control, r.schedule, r.instructions])
        let profit = r.profitOrLoss
        let secondary = [r.skill, r.permanence, FLSACore.integratedUnit(r)]
        let (risk, conclusion) = FLSACore.coreAnalysis(control: control, profit: profit, secondary: secondary, secondaryName: "secondary factors")
        return assessment(
            standing: .proposed,
            note: "Proposed, not final: comments closed 2026-04-28. It drops the 2024 investment comparison and the 'integral' factor.",
            risk: risk, conclusion: conclusion, factors: [control, profit] + secondary)
    }
}

/// The core-factor logic the 2021 rule and the 2026 proposal share.
enum FLSACore {
    static func profitOrLoss(_ r: EngagementReadings) -> FactorReading {
        // Either a real chance of profit or loss or a capital investment shows a business.
        if r.profitOrLoss.leaning == .contractor || r.investment.leaning == .contractor {
            return FactorReading.composite("profit-or-loss", [r.profitOrLoss, r.investment].filter { $0.leaning == .contractor })
        }
        return FactorReading.composite("profit-or-loss", [r.profitOrLoss, r.investment])
    }

    static func integratedUnit(_ r: EngagementReadings) -> FactorReading {
        r.integral.named("integrated-unit")
    }

    static func coreAnalysis(control: FactorReading, profit: FactorReading, secondary: [FactorReading], secondaryName: String) -> (ClassificationRisk, String) {
        let tally = Tally(secondary)
        switch (control.leaning, profit.leaning) {
        case (.employee, .employee):
            return (.high, "Both core factors point to employment: a substantial likelihood the worker is an employee.")
        case (.contractor, .contractor):
            return (.low, "Both core factors point to an independent business: a substantial likelihood the worker is a contractor.")
        case (.employee, .contractor), (.contractor, .employee):
            if tally.employee > tally.contractor && tally.unknown == 0 {
                return (.high, "The core factors disagree and the \(secondaryName) point to employment.")
            }
            return (.medium, "The core factors disagree; the \(secondaryName) decide (\(tally.employee) toward employment, \(tally.contractor) toward independence).")
        default:
            if control.leaning == .employee || profit.leaning == .employee {
                return (.medium, "One core factor points to employment and the other cannot be read from the spec.")
            }
            return (.undetermined, "The core factors (control; opportunity for profit or loss) cannot both be read from the spec.")
        }
    }
}
