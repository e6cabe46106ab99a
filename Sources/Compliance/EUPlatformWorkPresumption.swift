public import WorkModel
import ReferenceData

/// The EU Platform Work Directive 2024/2831: platform work is presumed to be employment when
/// the facts indicate control and direction, and the platform carries the burden of rebutting
/// it. Member states set the indicating facts and must transpose by 2026-12-02.
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
        case true?: deactivation = FactorReading(factor: "automated-management", leaning: .employee, reasoning: "accounts can be suspended by an automated system; the directive requires a human decision with written reasons")
        case false?: deactivation = FactorReading(factor: "automated-management", leaning: .contractor, reasoning: "suspensions are human decisions")
        case nil: deactivation = FactorReading(factor: "automated-management", leaning: .unknown, reasoning: "not stated", missing: ["engagement.automated_deactivation"])
        }
        let factors = [r.control, r.monitoring, r.schedule, r.instructions, deactivation]
        let tally = Tally(factors)
        let risk: ClassificationRisk
        let conclusion: String
        if tally.employee > 0 {
            risk = .high
            conclusion = "Facts indicate control and direction (\(tally.employee) of \(factors.count)): employment is presumed and the platform must rebut it."
        } else if tally.unknown > 0 {
            risk = .undetermined
            conclusion = "The facts that trigger the presumption are not all stated."
        } else {
            risk = .low
            conclusion = "No stated fact indicates control and direction."
        }
        let pending = context.asOf < Self.transpositionDeadline
        return assessment(
            standing: pending ? .pendingTransposition : .inForce,
            note: pending
                ? "In force since 2024-12-01; member states transpose it by 2026-12-02, and national criteria decide the presumption."
                : "Transposition deadline 2026-12-02 has passed; check the member state's criteria.",
            risk: risk, conclusion: conclusion, factors: factors)
    }
}
