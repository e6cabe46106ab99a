public import ReferenceData
public import WorkModel

/// One requirement of a data-rights framework and whether the spec shows it is met.
public struct DataRequirement: Sendable, Hashable, Codable {
    public var requirement: String
    public var met: Bool?
    public var field: String
}

/// A framework's requirements for recorded, biometric or worker-generated data.
public struct FrameworkCheck: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var citation: String
    public var note: String
    public var requirements: [DataRequirement]
}

public struct DataRightsReport: Sendable, Hashable, Codable {
    /// True when the work records the worker or generates data from them.
    public var applies: Bool
    public var frameworks: [FrameworkCheck]
    /// The data payment priced beside the wage, when the spec states one.
    public var payment: DataPaymentFigures? = nil
}

/// Consent, payment and use rules for work that records the worker: Wagefile's standard for
/// every recorded-work file (consent that can be refused, direct payment, disclosed and
/// limited use, retention), then the law of the place: GDPR Art. 9, Illinois BIPA, India's
/// DPDP Act, the EU AI Act's ban on emotion recognition at work and the EU Platform Work
/// Directive's biometric rule.
public enum DataRightsRules {
    public static let dpdpDutiesFrom = CalendarDate(year: 2027, month: 5, day: 13)

    /// The AI Act's prohibited practices (Art. 5) apply from 2 February 2025 (Art. 113(a)).
    static let aiActProhibitionsFrom = CalendarDate(year: 2025, month: 2, day: 2)

    /// Every shipped rule pack, in the order frameworks and findings are shown. The AI Act's
    /// emotion ban sits between the standard's consent and its payment-and-use checks: it is
    /// about what may be done with the recordings at all, so it is read right after consent.
    public static let rules: [any DataRightsRule] = [
        RecordedWorkConsent(), EUAIActEmotionRecognition(), RecordedWorkPaymentAndUse(),
        GDPRSpecialCategoryData(), IllinoisBIPA(), IndiaDPDP(), EUPlatformWorkBiometrics(),
    ]

    public static func evaluate(_ spec: RoleSpec, layer: WorkLayer, asOf: CalendarDate, reference: ReferenceSet) -> (
        DataRightsReport, [Finding]
    ) {
        guard spec.dataRights.workerDataRecorded || layer == .physicalData else {
            return (DataRightsReport(applies: false, frameworks: []), [])
        }
        let context = DataRightsContext(spec: spec, asOf: asOf, reference: reference)
        var frameworks: [FrameworkCheck] = []
        var findings: [Finding] = []
        for rule in rules where rule.applies(to: context) {
            let result = rule.evaluate(context)
            frameworks += result.frameworks
            findings += result.findings
        }
        return (DataRightsReport(applies: true, frameworks: frameworks), findings)
    }
}
