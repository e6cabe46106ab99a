import WorkModel

/// GDPR Art. 9 (and the UK GDPR): biometric data used to identify someone, or data used to
/// infer health, is special-category data; recording it needs explicit consent (or another
/// Art. 9(2) condition) and an impact assessment (Art. 35). Source: Regulation (EU) 2016/679.
public struct GDPRSpecialCategoryData: DataRightsRule {
    public let id = "gdpr-art9"
    public let citation = "Regulation (EU) 2016/679, Art. 9 and Art. 35"

    public init() {}

    /// Statuses in an employment relationship, where consent is rarely free.
    static let employedStatuses: [WorkerStatus] = [.employee, .dataByproduct, .vendorEmployee]

    public func applies(to context: DataRightsContext) -> Bool {
        context.sensitive && (context.inEU || context.country == "GB")
    }

    public func evaluate(_ context: DataRightsContext) -> DataRightsResult {
        let rights = context.rights
        let consent = context.consent
        let explicit = consent.obtained == true && consent.withdrawable == true
        let framework = context.country == "GB" ? "UK GDPR Art. 9" : "GDPR Art. 9"
        let employed = Self.employedStatuses.contains(context.spec.worker.status)
        var result = DataRightsResult(frameworks: [
            FrameworkCheck(
                id: id, name: framework, citation: citation,
                note:
                    "Biometric data used to identify someone, or data used to infer health, is special-category data.",
                requirements: [
                    DataRequirement(
                        requirement: "explicit consent, free and withdrawable",
                        met: consent.obtained == nil ? nil : explicit, field: "data_rights.consent"),
                    DataRequirement(
                        requirement: "data-protection impact assessment", met: rights.impactAssessment,
                        field: "data_rights.impact_assessment"),
                    DataRequirement(
                        requirement: "consent is free (not from an employment relationship that makes refusal costly)",
                        met: employed
                            ? (rights.canRefuseWithoutPenalty == true ? nil : false) : rights.canRefuseWithoutPenalty,
                        field: "data_rights.can_refuse_without_penalty"),
                ])
        ])
        if !explicit {
            result.add(
                .blocking, "gdpr.art9-explicit-consent",
                "\(framework): processing special-category data needs explicit consent that can be withdrawn as easily as given.",
                [
                    "biometric: \(Format.yesNo(rights.biometric))",
                    "health inference: \(Format.yesNo(rights.healthInference))",
                    "consent obtained: \(Format.yesNo(consent.obtained))",
                    "withdrawable: \(Format.yesNo(consent.withdrawable))",
                ],
                "Obtain explicit, withdrawable consent, or rely on another Art. 9(2) condition with legal advice.")
        }
        if rights.impactAssessment != true {
            result.add(
                rights.impactAssessment == false ? .blocking : .warning, "gdpr.dpia",
                "\(framework): a data-protection impact assessment is needed before recording workers' special-category data.",
                ["data_rights.impact_assessment: \(Format.yesNo(rights.impactAssessment))"],
                "Carry out and record a DPIA (Art. 35).")
        }
        if employed {
            result.add(
                .warning, "gdpr.employee-consent",
                "\(framework): consent from people in an employment relationship is rarely free.",
                [
                    "worker status: \(context.spec.worker.status.rawValue)",
                    "can refuse without penalty: \(Format.yesNo(rights.canRefuseWithoutPenalty))",
                ],
                "Make refusal genuinely cost-free and document it, or rely on another lawful condition.")
        }
        return result
    }
}
