public import ReferenceData
public import WorkModel

/// What a data-rights rule reads: the spec's recorded-data facts, the place the worker is and
/// the evaluation date.
public struct DataRightsContext: Sendable {
    public var spec: RoleSpec
    public var asOf: CalendarDate
    public var reference: ReferenceSet

    public init(spec: RoleSpec, asOf: CalendarDate, reference: ReferenceSet) {
        self.spec = spec
        self.asOf = asOf
        self.reference = reference
    }

    public var rights: DataRights { spec.dataRights }
    /// An unstated consent section reads as every fact unknown.
    public var consent: Consent { rights.consent ?? Consent() }
    public var jurisdiction: String { spec.worker.jurisdiction }
    public var country: String { ReferenceSet.country(of: jurisdiction) }
    public var inEU: Bool { reference.jurisdiction(jurisdiction, isIn: "eu") }
    /// Special-category data under GDPR Art. 9: biometrics, or data used to infer health.
    public var sensitive: Bool { rights.biometric == true || rights.healthInference == true }
}

/// What one rule adds to the data-rights report: the framework it checks, if any, and its findings.
public struct DataRightsResult: Sendable {
    public var frameworks: [FrameworkCheck] = []
    public var findings: [Finding] = []

    public init(frameworks: [FrameworkCheck] = [], findings: [Finding] = []) {
        self.frameworks = frameworks
        self.findings = findings
    }

    mutating func add(_ severity: Severity, _ rule: String, _ message: String, _ evidence: [String], _ fix: String) {
        findings.append(Finding(severity: severity, rule: rule, message: message, evidence: evidence, fix: fix))
    }
}

/// A data-rights rule pack: one law (or Wagefile's own standard), when it applies to recorded
/// work and what it finds. Registered in `DataRightsRules.rules`, like the classification tests.
public protocol DataRightsRule: Sendable {
    var id: String { get }
    /// The primary source the rule is read from.
    var citation: String { get }
    func applies(to context: DataRightsContext) -> Bool
    func evaluate(_ context: DataRightsContext) -> DataRightsResult
}
