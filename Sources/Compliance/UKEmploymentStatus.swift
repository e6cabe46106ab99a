import WorkModel

/// UK employment status: employee, worker or self-employed. Personal service (no right of
/// substitution) with control and mutuality of obligation points to an employee; personal
/// service without mutuality to a worker, who is still owed the minimum wage and holiday pay
/// (Uber v Aslam, 2021); a right of substitution and real financial risk to self-employment.
public struct UKEmploymentStatus: ClassificationTest {
    public let id = "uk-status"
    public let name = "UK employment status (employee, worker, self-employed)"
    public let citation = "Employment Rights Act 1996 s.230; Uber BV v Aslam [2021] UKSC 5"

    public init() {}

    public func applies(to context: ClassificationContext) -> Bool { context.country == "GB" }

    public func assess(_ context: ClassificationContext) -> ClassificationAssessment {
        let (risk, conclusion, factors) = Self.analyse(context.readings)
        return assessment(
            standing: .inForce, note: "Status decides minimum wage, holiday pay and employment rights.", risk: risk,
            conclusion: conclusion, factors: factors)
    }

    static func analyse(_ r: EngagementReadings) -> (ClassificationRisk, String, [FactorReading]) {
        let control = FactorReading.composite("control", [r.control, r.schedule, r.instructions, r.monitoring])
        let financialRisk = FLSACore.profitOrLoss(r).named("financial-risk")
        let organisation = r.integral.named("part-of-organisation")
        let factors = [r.substitution, control, r.mutuality, financialRisk, organisation]
        switch r.substitution.leaning {
        case .employee:
            if control.leaning == .employee && r.mutuality.leaning == .employee {
                return (.high, "Personal service, control and mutuality of obligation: likely an employee.", factors)
            }
            if financialRisk.leaning == .contractor && organisation.leaning == .contractor {
                return (
                    .medium,
                    "Personal service, but the worker runs a business and is not part of the organisation: status is finely balanced.",
                    factors
                )
            }
            return (
                .high,
                "Personal service without full employment indicators: likely a worker, owed the minimum wage and holiday pay.",
                factors
            )
        case .contractor:
            if control.leaning == .employee && r.mutuality.leaning == .employee {
                return (
                    .medium,
                    "A right of substitution weighs against employment, but control and mutuality point to it; check the right is genuine.",
                    factors
                )
            }
            return (.low, "A genuine right of substitution: likely self-employed.", factors)
        case .neutral, .unknown:
            if control.leaning == .employee && r.mutuality.leaning == .employee {
                return (
                    .medium,
                    "Control and mutuality point to employment; whether the worker may send a substitute is not stated.",
                    factors
                )
            }
            return (
                .undetermined,
                "Whether the worker must do the work personally is not stated; it decides worker status.", factors
            )
        }
    }
}

/// The UK off-payroll working rules (IR35): a worker supplying services through their own
/// company is taxed as an employee when, without the company, they would be one. Medium and
/// large clients have decided this themselves and issued a Status Determination Statement
/// since 2021-04-06; for small clients the worker's company decides.
public struct UKOffPayrollIR35: ClassificationTest {
    public let id = "uk-ir35"
    public let name = "UK off-payroll working rules (IR35)"
    public let citation = "Income Tax (Earnings and Pensions) Act 2003, Part 2 Chapters 8 and 10"

    public init() {}

    public func applies(to context: ClassificationContext) -> Bool {
        context.country == "GB" && context.spec.engagement.throughIntermediary != false
            && [.contractor, .consultant].contains(context.spec.worker.status)
    }

    public func assess(_ context: ClassificationContext) -> ClassificationAssessment {
        let (statusRisk, _, factors) = UKEmploymentStatus.analyse(context.readings)
        var all = factors
        let engagement = context.spec.engagement
        switch engagement.throughIntermediary {
        case true?:
            all.insert(
                FactorReading(
                    factor: "intermediary", leaning: .neutral,
                    reasoning: "services are supplied through the worker's own company"), at: 0)
        default:
            all.insert(
                FactorReading(
                    factor: "intermediary", leaning: .unknown,
                    reasoning: "not stated whether the worker uses their own company; IR35 applies only if so",
                    missing: ["engagement.through_intermediary"]), at: 0)
        }
        let decider: String
        switch engagement.clientSize {
        case .medium?, .large?:
            decider =
                "As a \(engagement.clientSize?.rawValue ?? "") client you must issue a Status Determination Statement with reasons."
        case .small?: decider = "As a small client, the worker's company decides its status."
        case nil:
            decider = "Client size is not stated; medium and large clients must issue a Status Determination Statement."
            all.append(
                FactorReading(
                    factor: "client-size", leaning: .unknown, reasoning: "not stated",
                    missing: ["engagement.client_size"]))
        }
        let verdict: String
        switch statusRisk {
        case .high: verdict = "The engagement looks inside IR35 (employment-like). "
        case .medium: verdict = "The engagement could fall either side of IR35. "
        case .low: verdict = "The engagement looks outside IR35. "
        case .undetermined: verdict = "Inside or outside IR35 cannot be told from the spec. "
        }
        let conclusion = verdict + decider
        return assessment(
            standing: .inForce, note: "Off-payroll rules for the private sector since 2021-04-06.", risk: statusRisk,
            conclusion: conclusion, factors: all)
    }
}
