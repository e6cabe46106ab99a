import ReferenceData
public import WorkModel

/// The EU Platform Work Directive 2024/2831, Art. 5: platform work is presumed to be employment
/// when facts indicating control and direction are found, the facts set by national law; the
/// platform carries the burden of proving otherwise (Art. 5(1)-(2)). Member states transpose by
/// 2026-12-02. The presumption binds a platform only where its member state has transposed it
/// (PlatformWorkTransposition); elsewhere the result is shown as information and the national
/// rule applies.
///
/// How the facts are weighed, not counted:
/// - Trigger. Strong indicators of control and direction are the hirer deciding how the work is
///   done and setting the hours; weaker ones are detailed task instructions, technology
///   monitoring and automated suspension. The presumption is triggered by one strong indicator
///   or by two weaker ones together; one weak indicator alone does not trigger it.
/// - Rebuttal. The burden is on the platform, so rebuttal evidence must show a genuine business
///   of the worker's own: an established business or a real chance of profit or loss, AND
///   freedom to work for others, AND freedom to organise the work (own hours, or a right to send
///   a substitute). Evidence that strong turns a triggered presumption into a medium risk (the
///   national court weighs it); anything less leaves it high. Four contrary facts do not
///   outnumber one strong indicator; they are weighed against it.
public struct EUPlatformWorkPresumption: ClassificationTest {
    public let id = "eu-platform-work"
    public let name = "EU Platform Work Directive presumption of employment"
    public let citation = "Directive (EU) 2024/2831, Art. 5"
    public static let transpositionDeadline = CalendarDate(year: 2026, month: 12, day: 2)

    public init() {}

    public func applies(to context: ClassificationContext) -> Bool {
        context.reference.jurisdiction(context.jurisdiction, isIn: "eu") && Self.isPlatformWork(context.spec)
    }

    static func isPlatformWork(_ spec: RoleSpec) -> Bool {
        spec.engagement.throughPlatform ?? (spec.worker.status == .platformWorker)
    }

    public func assess(_ context: ClassificationContext) -> ClassificationAssessment {
        let r = context.readings
        let deactivation: FactorReading
        switch context.spec.engagement.automatedDeactivation {
        case true?:
            deactivation = FactorReading(
                factor: "automated-management", leaning: .employee,
                reasoning:
                    "accounts can be suspended by an automated system; the directive requires a human decision with written reasons"
            )
        case false?:
            deactivation = FactorReading(
                factor: "automated-management", leaning: .contractor, reasoning: "suspensions are human decisions")
        case nil:
            deactivation = FactorReading(
                factor: "automated-management", leaning: .unknown, reasoning: "not stated",
                missing: ["engagement.automated_deactivation"])
        }
        let strong = [
            r.control.named("control", prefix: "strong indicator: "),
            r.schedule.named("schedule", prefix: "strong indicator: "),
        ]
        let weak = [
            r.instructions.named("instructions", prefix: "weaker indicator: "),
            r.monitoring.named("monitoring", prefix: "weaker indicator: "),
            deactivation.named("automated-management", prefix: "weaker indicator: "),
        ]
        let business = CaliforniaBorelloTest.anyContractor("rebuttal-business", [r.ownBusiness, r.profitOrLoss])
            .named("rebuttal-business", prefix: "rebuttal, a business of one's own: ")
        let others = r.worksForOthers.named("rebuttal-others", prefix: "rebuttal, free to work for others: ")
        let organise = CaliforniaBorelloTest.anyContractor("rebuttal-organisation", [r.schedule, r.substitution])
            .named("rebuttal-organisation", prefix: "rebuttal, free to organise the work: ")
        let rebuttal = [business, others, organise]

        let strongHits = strong.filter { $0.leaning == .employee }.count
        let weakHits = weak.filter { $0.leaning == .employee }.count
        let triggered = strongHits >= 1 || weakHits >= 2
        let couldTrigger =
            strong.contains { $0.leaning == .unknown } || weakHits + weak.filter { $0.leaning == .unknown }.count >= 2
        let rebutted = rebuttal.allSatisfy { $0.leaning == .contractor }
        let trigger =
            strongHits >= 1
            ? "\(strongHits) strong indicator\(strongHits == 1 ? "" : "s") of control and direction"
            : "\(weakHits) weaker indicators of control and direction together"
        let risk: ClassificationRisk
        var conclusion: String
        if triggered && rebutted {
            risk = .medium
            conclusion =
                "Employment is presumed (\(trigger)); the platform's rebuttal evidence is strong (a business of the worker's own, other clients, freedom to organise the work), so the outcome turns on the national test."
        } else if triggered {
            risk = .high
            let gaps = rebuttal.filter { $0.leaning != .contractor }.map(\.factor)
            conclusion =
                "Employment is presumed (\(trigger)) and the platform must rebut it; the rebuttal evidence falls short (\(gaps.joined(separator: ", ")) not shown)."
        } else if couldTrigger {
            risk = .undetermined
            conclusion = "The facts that would trigger the presumption are not all stated."
        } else {
            risk = .low
            conclusion =
                weakHits == 1
                ? "A single weaker indicator does not trigger the presumption on its own; no strong indicator of control and direction is stated."
                : "No stated fact indicates control and direction."
        }
        let (standing, note) = Self.standing(context)
        if standing == .notTransposed {
            conclusion = "Not binding here: " + note + " If the directive applied: " + conclusion
        }
        return assessment(
            standing: standing, note: note, risk: risk, conclusion: conclusion, factors: strong + weak + rebuttal)
    }

    /// The directive's standing for the worker's member state on the evaluation date.
    static func standing(_ context: ClassificationContext) -> (Standing, String) {
        let row = PlatformWorkTransposition.status(of: context.country)
        let existing = row?.existingPresumption.map { " National rule: \($0)." } ?? ""
        if let row, row.status == .transposed, let from = row.inForceFrom, from <= context.asOf {
            return (
                .inForce,
                "Transposed by \(row.measure ?? "national measures") in force since \(from) (\(row.ref.source), \(row.ref.confidence.rawValue)); the national criteria decide the presumption."
            )
        }
        if context.asOf < transpositionDeadline {
            return (
                .pendingTransposition,
                "In force since 2024-12-01; member states transpose it by 2026-12-02, and national criteria decide the presumption."
                    + existing
            )
        }
        let status =
            row.map {
                $0.status == .notTransposed
                    ? "has not transposed it"
                    : "has not been found to have transposed it (\($0.ref.source), confidence \($0.ref.confidence.rawValue))"
            } ?? "has no transposition record"
        return (
            .notTransposed,
            "The 2026-12-02 deadline has passed but \(context.country) \(status); a directive does not bind private parties, so \(context.country)'s own employment-status rule applies."
                + existing + " Check EUR-Lex's national transposition measures before relying on this."
        )
    }
}
