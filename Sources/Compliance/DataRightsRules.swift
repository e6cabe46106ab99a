public import WorkModel
public import ReferenceData

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
/// DPDP Act and the EU Platform Work Directive's biometric rule.
public enum DataRightsRules {
    public static let dpdpDutiesFrom = CalendarDate(year: 2027, month: 5, day: 13)

    /// The AI Act's prohibited practices (Art. 5) apply from 2 February 2025 (Art. 113(a)).
    static let aiActProhibitionsFrom = CalendarDate(year: 2025, month: 2, day: 2)

    public static func evaluate(_ spec: RoleSpec, layer: WorkLayer, asOf: CalendarDate, reference: ReferenceSet) -> (DataRightsReport, [Finding]) {
        let rights = spec.dataRights
        guard rights.workerDataRecorded || layer == .physicalData else {
            return (DataRightsReport(applies: false, frameworks: []), [])
        }
        var findings: [Finding] = []
        var frameworks: [FrameworkCheck] = []
        let consent = rights.consent ?? Consent()
        let jurisdiction = spec.worker.jurisdiction
        let country = ReferenceSet.country(of: jurisdiction)
        func add(_ severity: Severity, _ rule: String, _ message: String, _ evidence: [String], _ fix: String) {
            findings.append(Finding(severity: severity, rule: rule, message: message, evidence: evidence, fix: fix))
        }

        // Wagefile's standard, everywhere.
        frameworks.append(FrameworkCheck(
            id: "recorded-work-standard", name: "Recorded-work standard", citation: "pay-band-split-2026; guardian-2026",
            note: "A dataset made from a worker's body or behaviour needs a wage file: consent, direct payment, disclosed use and limits.",
            requirements: [
                DataRequirement(requirement: "consent obtained and recorded", met: consent.obtained, field: "data_rights.consent.obtained"),
                DataRequirement(requirement: "the worker can refuse without penalty", met: rights.canRefuseWithoutPenalty, field: "data_rights.can_refuse_without_penalty"),
                DataRequirement(requirement: "consent can be withdrawn as easily as given", met: consent.withdrawable, field: "data_rights.consent.withdrawable"),
                DataRequirement(requirement: "the worker is paid directly for the data", met: rights.paidDirectly, field: "data_rights.paid_directly"),
                DataRequirement(requirement: "downstream use disclosed", met: rights.downstreamUseDisclosed, field: "data_rights.downstream_use_disclosed"),
                DataRequirement(requirement: "secondary use limited", met: rights.secondaryUseLimits, field: "data_rights.secondary_use_limits"),
                DataRequirement(requirement: "retention rule stated", met: rights.retention.map { !$0.isEmpty }, field: "data_rights.retention"),
                DataRequirement(requirement: "benefit sharing", met: rights.benefitSharing, field: "data_rights.benefit_sharing"),
            ]))
        if consent.obtained != true {
            add(.blocking, "data-rights.consent-missing",
                "The work records the worker, but no consent is on record.",
                ["data_rights.consent.obtained: \(Format.yesNo(consent.obtained))", "worker status: \(spec.worker.status.rawValue)"],
                "Obtain specific, informed consent in the worker's language before recording, and keep the record.")
        }
        switch rights.canRefuseWithoutPenalty {
        case false?:
            add(.blocking, "data-rights.consent-not-free",
                "The worker cannot refuse recording without penalty, so any consent is not freely given.",
                ["data_rights.can_refuse_without_penalty: no"],
                "Offer the same work and pay to workers who decline to be recorded, and say so in writing.")
        case nil:
            add(.warning, "data-rights.consent-freedom-unknown",
                "The spec does not say whether the worker can refuse recording without penalty.",
                ["data_rights.can_refuse_without_penalty: not stated"], "Find out and record whether refusing costs the worker work or pay.")
        case true?: break
        }
        if consent.obtained == true && consent.withdrawable != true {
            add(.warning, "data-rights.consent-not-withdrawable",
                "Consent is not shown to be withdrawable as easily as it was given.",
                ["data_rights.consent.withdrawable: \(Format.yesNo(consent.withdrawable))"], "Give a simple way to withdraw, and stop recording and delete on withdrawal.")
        }
        if consent.withdrawable == true {
            let erasureLaw = reference.jurisdiction(jurisdiction, isIn: "eu") || country == "GB"
            switch consent.onWithdrawal {
            case nil:
                add(.warning, "data-rights.withdrawal-effect-unstated",
                    "Consent can be withdrawn, but the spec does not say what happens to the recordings already captured.",
                    ["data_rights.consent.on_withdrawal: not stated"],
                    "State it: deleted, or at least excluded from every later training run, with the date it takes effect.")
            case .keep?:
                add(erasureLaw ? .blocking : .warning, "data-rights.withdrawal-keeps-recordings",
                    "Recordings are kept and used after the worker withdraws consent" + (erasureLaw ? ": once consent is withdrawn and no other ground applies, personal data must be erased (GDPR Art. 17(1)(b))." : "; withdrawal then changes nothing for the worker."),
                    ["data_rights.consent.on_withdrawal: keep", "jurisdiction: \(jurisdiction)"],
                    "Delete the worker's recordings on withdrawal, or at least exclude them from every later training run.")
            case .delete?, .excludeFromFutureTraining?:
                break
            }
        }
        if rights.emotionInference == true && reference.jurisdiction(jurisdiction, isIn: "eu") {
            let inForce = asOf >= aiActProhibitionsFrom
            frameworks.append(FrameworkCheck(
                id: "eu-ai-act-emotion-recognition", name: "EU AI Act: emotion recognition at work", citation: "Regulation (EU) 2024/1689, Art. 5(1)(f) and Art. 113(a)",
                note: "Placing on the market or using AI systems to infer the emotions of a natural person in the workplace is prohibited from 2025-02-02, except for medical or safety reasons.",
                requirements: [DataRequirement(requirement: "no inference of the worker's emotions", met: false, field: "data_rights.emotion_inference")]))
            add(inForce ? .blocking : .warning, "eu-ai-act.workplace-emotion-recognition",
                "EU AI Act Art. 5(1)(f): inferring workers' emotions from the recordings is a prohibited practice in the workplace" + (inForce ? "." : " from 2025-02-02."),
                ["data_rights.emotion_inference: yes", "jurisdiction: \(jurisdiction)", "evaluated on \(asOf)"],
                "Do not infer emotions from workplace recordings; only medical or safety uses are excepted, with legal review.")
        }
        switch rights.paidDirectly {
        case false?:
            add(.blocking, "data-rights.not-paid-directly",
                "The worker is not paid for the data: only the facility or intermediary is.",
                ["data_rights.paid_directly: no", "worker status: \(spec.worker.status.rawValue)"],
                "Pay each recorded worker directly for the data, on top of their wage, and show it on their payslip.")
        case nil:
            add(.warning, "data-rights.direct-payment-unknown",
                "The spec does not say whether recorded workers are paid directly for the data.",
                ["data_rights.paid_directly: not stated"], "Confirm who receives payment for the recordings.")
        case true?: break
        }
        if rights.downstreamUseDisclosed != true {
            add(.warning, "data-rights.downstream-use-undisclosed",
                "Workers are not told what the recordings will be used for downstream.",
                ["data_rights.downstream_use_disclosed: \(Format.yesNo(rights.downstreamUseDisclosed))"],
                "Disclose the buyer, the purpose (for example robot learning) and any resale before recording.")
        }
        if rights.secondaryUseLimits != true {
            add(.warning, "data-rights.secondary-use-unlimited",
                "Nothing limits secondary use of the recordings.",
                ["data_rights.secondary_use_limits: \(Format.yesNo(rights.secondaryUseLimits))"],
                "Limit use to the stated purpose by contract, and require consent again for any new use.")
        }
        if rights.retention?.isEmpty ?? true {
            add(.warning, "data-rights.retention-missing",
                "No retention rule is stated for the recordings.",
                ["data_rights.retention: not stated"], "State when recordings are deleted, for example at the end of the purpose or 3 years after last contact.")
        }
        if rights.benefitSharing != true {
            let sold = rights.soldOrLicensed == true
            add(sold ? .warning : .info, "data-rights.no-benefit-sharing",
                sold ? "The recordings are sold or licensed, and the workers do not share in their value." : "Workers do not share in the value of the dataset.",
                ["data_rights.benefit_sharing: \(Format.yesNo(rights.benefitSharing))", "data_rights.sold_or_licensed: \(Format.yesNo(rights.soldOrLicensed))"],
                "Consider a per-use or royalty-like payment when the data is reused or licensed.")
        }

        let sensitive = rights.biometric == true || rights.healthInference == true
        let inEU = reference.jurisdiction(jurisdiction, isIn: "eu")
        if sensitive && (inEU || country == "GB") {
            let explicit = consent.obtained == true && consent.withdrawable == true
            let framework = country == "GB" ? "UK GDPR Art. 9" : "GDPR Art. 9"
            let employed = [.employee, .dataByproduct, .vendorEmployee].contains(spec.worker.status)
            frameworks.append(FrameworkCheck(
                id: "gdpr-art9", name: framework, citation: "Regulation (EU) 2016/679, Art. 9 and Art. 35",
                note: "Biometric data used to identify someone, or data used to infer health, is special-category data.",
                requirements: [
                    DataRequirement(requirement: "explicit consent, free and withdrawable", met: consent.obtained == nil ? nil : explicit, field: "data_rights.consent"),
                    DataRequirement(requirement: "data-protection impact assessment", met: rights.impactAssessment, field: "data_rights.impact_assessment"),
                    DataRequirement(requirement: "consent is free (not from an employment relationship that makes refusal costly)", met: employed ? (rights.canRefuseWithoutPenalty == true ? nil : false) : rights.canRefuseWithoutPenalty, field: "data_rights.can_refuse_without_penalty"),
                ]))
            if !explicit {
                add(.blocking, "gdpr.art9-explicit-consent",
                    "\(framework): processing special-category data needs explicit consent that can be withdrawn as easily as given.",
                    ["biometric: \(Format.yesNo(rights.biometric))", "health inference: \(Format.yesNo(rights.healthInference))", "consent obtained: \(Format.yesNo(consent.obtained))", "withdrawable: \(Format.yesNo(consent.withdrawable))"],
                    "Obtain explicit, withdrawable consent, or rely on another Art. 9(2) condition with legal advice.")
            }
            if rights.impactAssessment != true {
                add(rights.impactAssessment == false ? .blocking : .warning, "gdpr.dpia",
                    "\(framework): a data-protection impact assessment is needed before recording workers' special-category data.",
                    ["data_rights.impact_assessment: \(Format.yesNo(rights.impactAssessment))"], "Carry out and record a DPIA (Art. 35).")
            }
            if employed {
                add(.warning, "gdpr.employee-consent",
                    "\(framework): consent from people in an employment relationship is rarely free.",
                    ["worker status: \(spec.worker.status.rawValue)", "can refuse without penalty: \(Format.yesNo(rights.canRefuseWithoutPenalty))"],
                    "Make refusal genuinely cost-free and document it, or rely on another lawful condition.")
            }
        }

        if jurisdiction == "US-IL" && rights.biometric == true {
            frameworks.append(FrameworkCheck(
                id: "illinois-bipa", name: "Illinois Biometric Information Privacy Act", citation: "740 ILCS 14",
                note: "Collecting biometric identifiers needs written notice, a signed release and a public retention schedule; selling or profiting from them is barred.",
                requirements: [
                    DataRequirement(requirement: "written notice of collection, purpose and retention period", met: consent.itemisedNotice, field: "data_rights.consent.itemised_notice"),
                    DataRequirement(requirement: "signed written release", met: consent.written, field: "data_rights.consent.written"),
                    DataRequirement(requirement: "retention schedule: destroy at purpose end or 3 years after last contact", met: rights.retention.map { !$0.isEmpty }, field: "data_rights.retention"),
                    DataRequirement(requirement: "no selling or profiting from the biometrics", met: rights.soldOrLicensed.map { !$0 }, field: "data_rights.sold_or_licensed"),
                ]))
            var gaps: [String] = []
            if consent.itemisedNotice != true { gaps.append("written notice of purpose and retention") }
            if consent.written != true { gaps.append("a signed written release") }
            if rights.retention?.isEmpty ?? true { gaps.append("a retention schedule") }
            if !gaps.isEmpty {
                add(.blocking, "bipa.notice-and-release",
                    "Illinois BIPA: biometric collection lacks \(gaps.joined(separator: ", ")).",
                    ["jurisdiction: US-IL", "biometric: yes"], "Give written notice, obtain a signed release and publish the retention schedule before collecting.")
            }
            if rights.soldOrLicensed == true {
                add(.blocking, "bipa.no-profit",
                    "Illinois BIPA bars selling, leasing or otherwise profiting from biometric identifiers.",
                    ["data_rights.sold_or_licensed: yes"], "Do not sell or license the biometric data; strip identifiers before any transfer, with legal review.")
            }
        }

        if country == "IN" {
            let inForce = asOf >= dpdpDutiesFrom
            frameworks.append(FrameworkCheck(
                id: "india-dpdp", name: "India Digital Personal Data Protection Act 2023", citation: "DPDP Act 2023, s.5 and s.6",
                note: inForce ? "Main duties apply since 2027-05-13." : "Main duties apply from 2027-05-13; build the notice and consent now.",
                requirements: [
                    DataRequirement(requirement: "itemised notice of the data and each purpose", met: consent.itemisedNotice, field: "data_rights.consent.itemised_notice"),
                    DataRequirement(requirement: "consent free, specific, informed, unconditional and unambiguous", met: consent.obtained == true ? rights.canRefuseWithoutPenalty : consent.obtained, field: "data_rights.can_refuse_without_penalty"),
                    DataRequirement(requirement: "consent withdrawable", met: consent.withdrawable, field: "data_rights.consent.withdrawable"),
                ]))
            var gaps: [String] = []
            if consent.itemisedNotice != true { gaps.append("an itemised notice") }
            if consent.obtained != true || rights.canRefuseWithoutPenalty != true { gaps.append("free and unconditional consent") }
            if consent.withdrawable != true { gaps.append("a way to withdraw") }
            if !gaps.isEmpty {
                add(inForce ? .blocking : .warning, "dpdp.notice-and-consent",
                    "India DPDP Act: recording lacks \(gaps.joined(separator: ", "))" + (inForce ? "." : "; the duties apply from 2027-05-13."),
                    ["jurisdiction: \(jurisdiction)", "evaluated on \(asOf)"], "Give an itemised notice in the worker's language and take consent that can be refused and withdrawn.")
            }
        }

        if inEU && rights.biometric == true && EUPlatformWorkPresumption.isPlatformWork(spec) {
            let pending = asOf < EUPlatformWorkPresumption.transpositionDeadline
            let use = rights.biometricUse
            frameworks.append(FrameworkCheck(
                id: "eu-platform-work-biometrics", name: "EU Platform Work Directive: biometric data", citation: "Directive (EU) 2024/2831, Art. 7",
                note: "Platforms may process biometric data of platform workers only for authentication, never to identify them, and never to infer emotions or health.",
                requirements: [DataRequirement(requirement: "biometric data used for authentication only", met: use.map { $0 == .authentication }, field: "data_rights.biometric_use")]))
            if use != .authentication {
                add(use == nil ? .warning : (pending ? .warning : .blocking), "pwd.biometric-use",
                    use == nil
                        ? "EU Platform Work Directive: the spec does not say what platform workers' biometric data is used for; only authentication is allowed."
                        : "EU Platform Work Directive: platform workers' biometric data may be used for authentication only, not \(use?.rawValue ?? "")." + (pending ? " Member states apply this from 2026-12-02." : ""),
                    ["data_rights.biometric_use: \(use?.rawValue ?? "not stated")", "through a platform: yes"],
                    "Limit biometric processing to authentication, or stop collecting it from platform workers.")
            }
        }
        return (DataRightsReport(applies: true, frameworks: frameworks), findings)
    }

}
