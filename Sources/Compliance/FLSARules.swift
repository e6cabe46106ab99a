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
        let control = FLSACore.control(r, monitoring: false)
        let profit = FLSACore.profitOrLoss(r)
        let guideposts = [r.skill, r.permanence, FLSACore.integratedUnit(r)]
        let (risk, conclusion) = FLSACore.coreAnalysis(
            control: control, profit: profit, secondary: guideposts, secondaryName: "guideposts")
        return assessment(
            standing: .enforcementPractice,
            note:
                "Replaced by the 2024 rule on 2024-03-11; the Wage and Hour Division has applied this analysis in enforcement since 2025-05-01.",
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
            FLSACore.managerialProfit(r).named("profit-or-loss", prefix: "1 profit or loss from managerial skill: "),
            r.investment.named("investment", prefix: "2 investment by the worker compared with the hirer's: "),
            FLSACore.permanence2024(r).named("permanence", prefix: "3 permanence: "),
            FLSACore.control(r, monitoring: true).named(
                "control", prefix: "4 control, technology monitoring included: "),
            r.integral.named("integral", prefix: "5 integral to the hirer's business: "),
            FLSACore.skillAndInitiative(r).named("skill", prefix: "6 skill and initiative: "),
        ]
        let tally = Tally(factors)
        let risk: ClassificationRisk
        let conclusion: String
        if tally.employee >= 4 || (tally.known >= 4 && Double(tally.employee) / Double(tally.known) >= 2.0 / 3.0) {
            risk = .high
            conclusion =
                "\(tally.employee) of 6 factors point to economic dependence: likely an employee under the FLSA."
        } else if tally.known < 4 {
            risk = .undetermined
            conclusion = "Only \(tally.known) of 6 factors can be read from the spec; the totality cannot be weighed."
        } else if Double(tally.employee) / Double(tally.known) >= 1.0 / 3.0 {
            risk = .medium
            conclusion =
                "The factors are mixed (\(tally.employee) toward employment, \(tally.contractor) toward independent business)."
        } else {
            risk = .low
            conclusion = "\(tally.contractor) of 6 factors point to a business of the worker's own."
        }
        return assessment(
            standing: .inForce,
            note:
                "In force for private lawsuits; the Wage and Hour Division stopped applying it in enforcement on 2025-05-01.",
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
        let control = FLSACore.control(r, monitoring: false)
        // The proposal drops the investment comparison: profit or loss is read from managerial
        // skill, which an established practice of one's own shows.
        let profit = FLSACore.managerialProfit(r)
        let secondary = [r.skill, r.permanence, FLSACore.integratedUnit(r)]
        let (risk, conclusion) = FLSACore.coreAnalysis(
            control: control, profit: profit, secondary: secondary, secondaryName: "secondary factors")
        return assessment(
            standing: .proposed,
            note:
                "Proposed, not final: comments closed 2026-04-28. It drops the 2024 investment comparison and the 'integral' factor.",
            risk: risk, conclusion: conclusion, factors: [control, profit] + secondary)
    }
}

/// The factor readings the FLSA rules share, and the core-factor logic of the 2021 rule and the
/// 2026 proposal. They read the facts an independent professional has (an established practice,
/// other clients, own tools, own hours) so that a physician with her own practice can reach low
/// risk while a captive annotator does not.
enum FLSACore {
    /// Control. The hirer deciding how the work is done, or setting the hours, is control.
    /// Detailed task guidelines and technology monitoring alone are not, for a worker who runs a
    /// business of their own or serves other clients: the 2021 rule says requiring compliance
    /// with quality-control standards, deadlines and other terms "typical of contractual
    /// relationships between businesses" does not constitute control (29 CFR 795.105(d)(1)(i)),
    /// and the 2024 rule asks whether the hirer limits the worker's ability to work for others
    /// (795.110(b)(4)). Without those facts the guidelines count, as before.
    static func control(_ r: EngagementReadings, monitoring: Bool) -> FactorReading {
        let direct = [r.control, r.schedule]
        let quality = monitoring ? [r.instructions, r.monitoring] : [r.instructions]
        let independent = r.ownBusiness.leaning == .contractor || r.worksForOthers.leaning == .contractor
        if direct.allSatisfy({ $0.leaning == .contractor }) && independent {
            var reasons = direct.map(\.reasoning)
            reasons.append(
                contentsOf: [r.ownBusiness, r.worksForOthers].filter { $0.leaning == .contractor }.map(\.reasoning))
            if quality.contains(where: { $0.leaning == .employee }) {
                reasons.append(
                    "task guidelines and monitoring read as quality standards agreed between businesses, not control (29 CFR 795.105(d)(1)(i))"
                )
            }
            return FactorReading(factor: "control", leaning: .contractor, reasoning: reasons.joined(separator: "; "))
        }
        return FactorReading.composite("control", direct + quality)
    }

    /// Opportunity for profit or loss from initiative or investment (2021 rule and 2026
    /// proposal): a real chance of profit or loss, a capital investment or an established
    /// practice of one's own shows a business.
    static func profitOrLoss(_ r: EngagementReadings) -> FactorReading {
        let business = [r.profitOrLoss, r.investment, r.ownBusiness]
        if business.contains(where: { $0.leaning == .contractor }) {
            return FactorReading.composite("profit-or-loss", business.filter { $0.leaning == .contractor })
        }
        return FactorReading.composite("profit-or-loss", [r.profitOrLoss, r.investment])
    }

    /// The 2024 rule's first factor, managerial skill: stated directly, or shown by running a
    /// practice of one's own (setting prices, winning clients, hiring help: 795.110(b)(1)).
    static func managerialProfit(_ r: EngagementReadings) -> FactorReading {
        if r.profitOrLoss.leaning == .unknown && r.ownBusiness.leaning == .contractor {
            return FactorReading(
                factor: "profit-or-loss", leaning: .contractor,
                reasoning: r.ownBusiness.reasoning + ", taking the profit or loss of it")
        }
        return r.profitOrLoss
    }

    /// The 2024 rule's permanence (795.110(b)(3)): a continuing relationship points to
    /// employment when it is exclusive; a worker who markets the services to others as a
    /// business is not made an employee by a long engagement, so the factor is neutral.
    static func permanence2024(_ r: EngagementReadings) -> FactorReading {
        if r.permanence.leaning == .employee && r.worksForOthers.leaning == .contractor {
            return FactorReading(
                factor: "permanence", leaning: .neutral,
                reasoning: "\(r.permanence.reasoning), but not exclusive: \(r.worksForOthers.reasoning)")
        }
        return r.permanence
    }

    /// Skill and initiative (795.110(b)(6)): specialised skill used in connection with
    /// business-like initiative; an established practice is that initiative.
    static func skillAndInitiative(_ r: EngagementReadings) -> FactorReading {
        if r.skill.leaning == .unknown && r.ownBusiness.leaning == .contractor {
            return FactorReading(
                factor: "skill", leaning: .unknown,
                reasoning:
                    "business-like initiative shown (\(r.ownBusiness.reasoning)); whether the work needs specialised skill is not stated",
                missing: r.skill.missing)
        }
        return r.skill
    }

    static func integratedUnit(_ r: EngagementReadings) -> FactorReading {
        r.integral.named("integrated-unit")
    }

    static func coreAnalysis(
        control: FactorReading, profit: FactorReading, secondary: [FactorReading], secondaryName: String
    ) -> (ClassificationRisk, String) {
        let tally = Tally(secondary)
        switch (control.leaning, profit.leaning) {
        case (.employee, .employee):
            return (.high, "Both core factors point to employment: a substantial likelihood the worker is an employee.")
        case (.contractor, .contractor):
            return (
                .low,
                "Both core factors point to an independent business: a substantial likelihood the worker is a contractor."
            )
        case (.employee, .contractor), (.contractor, .employee):
            if tally.employee > tally.contractor && tally.unknown == 0 {
                return (.high, "The core factors disagree and the \(secondaryName) point to employment.")
            }
            return (
                .medium,
                "The core factors disagree; the \(secondaryName) decide (\(tally.employee) toward employment, \(tally.contractor) toward independence)."
            )
        default:
            if control.leaning == .employee || profit.leaning == .employee {
                return (.medium, "One core factor points to employment and the other cannot be read from the spec.")
            }
            return (
                .undetermined,
                "The core factors (control; opportunity for profit or loss) cannot both be read from the spec."
            )
        }
    }
}
