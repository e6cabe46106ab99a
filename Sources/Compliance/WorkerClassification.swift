public import ReferenceData
public import WorkModel

/// The classification tests that apply to a worker, chosen by jurisdiction and status.
public struct ClassificationReport: Sendable, Hashable, Codable {
    public var status: String
    public var jurisdiction: String
    /// Why tests were or were not run for this status and place.
    public var note: String
    public var assessments: [ClassificationAssessment]
    public var disclaimer: String
}

public enum WorkerClassification {
    public static let disclaimer =
        "Decision support, not legal advice: risk levels come from the facts stated in the spec; a qualified adviser in the jurisdiction decides status."

    /// Every shipped rule pack, in the order results are shown.
    public static let tests: [any ClassificationTest] = [
        FLSA2024Rule(), FLSA2021Rule(), DOL2026Proposal(), CaliforniaABCTest(), CaliforniaBorelloTest(), IRSCommonLaw(),
        EUPlatformWorkPresumption(), UKEmploymentStatus(), UKOffPayrollIR35(),
    ]

    /// Statuses whose contract says the worker is not the hirer's employee: the ones a test can get wrong.
    public static let testedStatuses: Set<WorkerStatus> = [.contractor, .consultant, .platformWorker]

    public static func assess(_ spec: RoleSpec, layer: WorkLayer, asOf: CalendarDate, reference: ReferenceSet)
        -> ClassificationReport
    {
        let status = spec.worker.status
        func report(_ note: String, _ assessments: [ClassificationAssessment] = []) -> ClassificationReport {
            ClassificationReport(
                status: status.rawValue, jurisdiction: spec.worker.jurisdiction, note: note, assessments: assessments,
                disclaimer: disclaimer)
        }
        guard testedStatuses.contains(status) else {
            switch status {
            case .vendorEmployee:
                return report(
                    "The vendor employs these workers. The buyer's exposure as a joint employer grows with the control its own instructions exert; the vendor checklist covers it."
                )
            case .dataByproduct:
                return report(
                    "The workers are employed for other work; recording them raises data-rights questions rather than a status question."
                )
            default:
                return report("Engaged as \(status.rawValue): no misclassification test applies.")
            }
        }
        // The facts are read only for the statuses a test can get wrong: most files skip this.
        let context = ClassificationContext(spec: spec, asOf: asOf, layer: layer, reference: reference)
        let applicable = tests.filter { $0.applies(to: context) }
        guard !applicable.isEmpty else {
            return report(
                "No Wagefile rule pack covers \(context.jurisdiction) yet; national tests apply. Add the facts to the engagement section and take advice locally."
            )
        }
        return report(
            "Tests applied: " + applicable.map(\.name).joined(separator: "; ") + ".",
            applicable.map { $0.assess(context) })
    }
}
