public import ReferenceData
public import WorkModel

/// How far a test binds on the evaluation date.
public enum Standing: String, Sendable, Hashable, Codable {
    /// Law in force.
    case inForce = "in-force"
    /// Replaced, but its analysis is still applied in enforcement.
    case enforcementPractice = "enforcement-practice"
    /// Adopted law whose national rules are not yet in place.
    case pendingTransposition = "pending-transposition"
    /// A proposal, not law.
    case proposed
    /// A directive past its deadline that the member state has not (or not knowingly)
    /// transposed: it does not bind private parties, and the national rule applies.
    case notTransposed = "not-transposed"

    /// Whether the result can bind a hirer now (for headline risks and verdicts).
    public var binds: Bool { self != .proposed && self != .notTransposed }
}

/// The risk that the worker's status is not what the contract says.
public enum ClassificationRisk: String, Sendable, Hashable, Codable, Comparable {
    case low, medium, high
    /// The spec lacks the facts the test turns on.
    case undetermined

    private var rank: Int {
        switch self {
        case .low: 0
        case .undetermined: 1
        case .medium: 2
        case .high: 3
        }
    }

    public static func < (lhs: ClassificationRisk, rhs: ClassificationRisk) -> Bool { lhs.rank < rhs.rank }
}

/// One test's result: the risk, the factor-by-factor reasoning and the facts it lacked.
public struct ClassificationAssessment: Sendable, Hashable, Codable {
    public var test: String
    public var name: String
    public var citation: String
    public var standing: Standing
    public var standingNote: String
    public var risk: ClassificationRisk
    public var conclusion: String
    public var factors: [FactorReading]
    public var missingFacts: [String]

    /// How much a reviewer must act on this result. Law in force can block; a proposal informs.
    public var severity: Severity {
        switch (standing, risk) {
        case (.inForce, .high): .blocking
        case (.inForce, .medium), (.inForce, .undetermined): .warning
        case (.enforcementPractice, .high), (.enforcementPractice, .medium), (.pendingTransposition, .high),
            (.pendingTransposition, .medium):
            .warning
        default: .info
        }
    }
}

/// What a test needs to know about the work besides the engagement facts.
public struct ClassificationContext: Sendable {
    public var spec: RoleSpec
    public var readings: EngagementReadings
    public var asOf: CalendarDate
    /// The spec's work layer, for inferences such as the ABC test's prong B on annotation.
    public var layer: WorkLayer
    public var reference: ReferenceSet

    public init(spec: RoleSpec, asOf: CalendarDate, layer: WorkLayer, reference: ReferenceSet) {
        self.spec = spec
        self.readings = EngagementReadings(spec.engagement, protections: spec.protections)
        self.asOf = asOf
        self.layer = layer
        self.reference = reference
    }

    public var jurisdiction: String { spec.worker.jurisdiction }
    public var country: String { ReferenceSet.country(of: jurisdiction) }
}

/// A classification rule pack: when it applies and how it weighs the facts.
public protocol ClassificationTest: Sendable {
    var id: String { get }
    var name: String { get }
    var citation: String { get }
    func applies(to context: ClassificationContext) -> Bool
    func assess(_ context: ClassificationContext) -> ClassificationAssessment
}

extension ClassificationTest {
    func assessment(
        standing: Standing, note: String, risk: ClassificationRisk, conclusion: String, factors: [FactorReading]
    ) -> ClassificationAssessment {
        var missing: [String] = []
        for field in factors.flatMap(\.missing) where !missing.contains(field) { missing.append(field) }
        return ClassificationAssessment(
            test: id, name: name, citation: citation, standing: standing, standingNote: note, risk: risk,
            conclusion: conclusion, factors: factors, missingFacts: missing)
    }
}

/// Counts of leanings over a set of factors.
struct Tally {
    var employee = 0, contractor = 0, unknown = 0

    init(_ readings: [FactorReading]) {
        for reading in readings {
            switch reading.leaning {
            case .employee: employee += 1
            case .contractor: contractor += 1
            case .unknown: unknown += 1
            case .neutral: break
            }
        }
    }

    var known: Int { employee + contractor }
}
