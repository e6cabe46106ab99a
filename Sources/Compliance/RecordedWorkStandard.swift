import WorkModel

/// Wagefile's recorded-work standard, everywhere: consent obtained, free, withdrawable, and
/// what withdrawal does to the recordings. Sources: pay-band-split-2026; guardian-2026; the
/// erasure right on withdrawal is GDPR Art. 17(1)(b) (and UK GDPR).
public struct RecordedWorkConsent: DataRightsRule {
    public let id = "recorded-work-standard"
    public let citation = "pay-band-split-2026; guardian-2026"

    public init() {}

    public func applies(to context: DataRightsContext) -> Bool { true }

    public func evaluate(_ context: DataRightsContext) -> DataRightsResult {
        let rights = context.rights
        let consent = context.consent
        // The standard's one framework lists the payment-and-use requirements too, so a reader
        // sees the whole standard in one table; their findings come from RecordedWorkPaymentAndUse.
        var result = DataRightsResult(frameworks: [
            FrameworkCheck(
                id: id, name: "Recorded-work standard", citation: citation,
                note:
                    "A dataset made from a worker's body or behaviour needs a wage file: consent, direct payment, disclosed use and limits.",
                requirements: [
                    DataRequirement(
                        requirement: "consent obtained and recorded", met: consent.obtained,
                        field: "data_rights.consent.obtained"),
                    DataRequirement(
                        requirement: "the worker can refuse without penalty", met: rights.canRefuseWithoutPenalty,
                        field: "data_rights.can_refuse_without_penalty"),
                    DataRequirement(
                        requirement: "consent can be withdrawn as easily as given", met: consent.withdrawable,
                        field: "data_rights.consent.withdrawable"),
                    DataRequirement(
                        requirement: "the worker is paid directly for the data", met: rights.paidDirectly,
                        field: "data_rights.paid_directly"),
                    DataRequirement(
                        requirement: "downstream use disclosed", met: rights.downstreamUseDisclosed,
                        field: "data_rights.downstream_use_disclosed"),
                    DataRequirement(
                        requirement: "secondary use limited", met: rights.secondaryUseLimits,
                        field: "data_rights.secondary_use_limits"),
                    DataRequirement(
                        requirement: "retention rule stated", met: rights.retention.map { !$0.isEmpty },
                        field: "data_rights.retention"),
                    DataRequirement(
                        requirement: "benefit sharing", met: rights.benefitSharing, field: "data_rights.benefit_sharing"
                    ),
                ])
        ])
        if consent.obtained != true {
            result.add(
                .blocking, "data-rights.consent-missing",
                "The work records the worker, but no consent is on record.",
                [
                    "data_rights.consent.obtained: \(Format.yesNo(consent.obtained))",
                    "worker status: \(context.spec.worker.status.rawValue)",
                ],
                "Obtain specific, informed consent in the worker's language before recording, and keep the record.")
        }
        switch rights.canRefuseWithoutPenalty {
        case false?:
            result.add(
                .blocking, "data-rights.consent-not-free",
                "The worker cannot refuse recording without penalty, so any consent is not freely given.",
                ["data_rights.can_refuse_without_penalty: no"],
                "Offer the same work and pay to workers who decline to be recorded, and say so in writing.")
        case nil:
            result.add(
                .warning, "data-rights.consent-freedom-unknown",
                "The spec does not say whether the worker can refuse recording without penalty.",
                ["data_rights.can_refuse_without_penalty: not stated"],
                "Find out and record whether refusing costs the worker work or pay.")
        case true?: break
        }
        if consent.obtained == true && consent.withdrawable != true {
            result.add(
                .warning, "data-rights.consent-not-withdrawable",
                "Consent is not shown to be withdrawable as easily as it was given.",
                ["data_rights.consent.withdrawable: \(Format.yesNo(consent.withdrawable))"],
                "Give a simple way to withdraw, and stop recording and delete on withdrawal.")
        }
        if consent.withdrawable == true { withdrawalFindings(context, into: &result) }
        return result
    }

    /// What happens to recordings already captured when the worker withdraws.
    func withdrawalFindings(_ context: DataRightsContext, into result: inout DataRightsResult) {
        let erasureLaw = context.inEU || context.country == "GB"
        switch context.consent.onWithdrawal {
        case nil:
            result.add(
                .warning, "data-rights.withdrawal-effect-unstated",
                "Consent can be withdrawn, but the spec does not say what happens to the recordings already captured.",
                ["data_rights.consent.on_withdrawal: not stated"],
                "State it: deleted, or at least excluded from every later training run, with the date it takes effect.")
        case .keep?:
            result.add(
                erasureLaw ? .blocking : .warning, "data-rights.withdrawal-keeps-recordings",
                "Recordings are kept and used after the worker withdraws consent"
                    + (erasureLaw
                        ? ": once consent is withdrawn and no other ground applies, personal data must be erased (GDPR Art. 17(1)(b))."
                        : "; withdrawal then changes nothing for the worker."),
                ["data_rights.consent.on_withdrawal: keep", "jurisdiction: \(context.jurisdiction)"],
                "Delete the worker's recordings on withdrawal, or at least exclude them from every later training run.")
        case .delete?, .excludeFromFutureTraining?:
            break
        }
    }
}

/// Wagefile's recorded-work standard, continued: the worker is paid directly, told the
/// downstream use, the use is limited and the recordings are deleted on a stated rule.
/// Sources: pay-band-split-2026; guardian-2026. Its requirements are listed in the standard's
/// framework (RecordedWorkConsent).
public struct RecordedWorkPaymentAndUse: DataRightsRule {
    public let id = "recorded-work-standard.payment-and-use"
    public let citation = "pay-band-split-2026; guardian-2026"

    public init() {}

    public func applies(to context: DataRightsContext) -> Bool { true }

    public func evaluate(_ context: DataRightsContext) -> DataRightsResult {
        let rights = context.rights
        var result = DataRightsResult()
        switch rights.paidDirectly {
        case false?:
            result.add(
                .blocking, "data-rights.not-paid-directly",
                "The worker is not paid for the data: only the facility or intermediary is.",
                ["data_rights.paid_directly: no", "worker status: \(context.spec.worker.status.rawValue)"],
                "Pay each recorded worker directly for the data, on top of their wage, and show it on their payslip.")
        case nil:
            result.add(
                .warning, "data-rights.direct-payment-unknown",
                "The spec does not say whether recorded workers are paid directly for the data.",
                ["data_rights.paid_directly: not stated"], "Confirm who receives payment for the recordings.")
        case true?: break
        }
        if rights.downstreamUseDisclosed != true {
            result.add(
                .warning, "data-rights.downstream-use-undisclosed",
                "Workers are not told what the recordings will be used for downstream.",
                ["data_rights.downstream_use_disclosed: \(Format.yesNo(rights.downstreamUseDisclosed))"],
                "Disclose the buyer, the purpose (for example robot learning) and any resale before recording.")
        }
        if rights.secondaryUseLimits != true {
            result.add(
                .warning, "data-rights.secondary-use-unlimited",
                "Nothing limits secondary use of the recordings.",
                ["data_rights.secondary_use_limits: \(Format.yesNo(rights.secondaryUseLimits))"],
                "Limit use to the stated purpose by contract, and require consent again for any new use.")
        }
        if rights.retention?.isEmpty ?? true {
            result.add(
                .warning, "data-rights.retention-missing",
                "No retention rule is stated for the recordings.",
                ["data_rights.retention: not stated"],
                "State when recordings are deleted, for example at the end of the purpose or 3 years after last contact."
            )
        }
        if rights.benefitSharing != true {
            let sold = rights.soldOrLicensed == true
            result.add(
                sold ? .warning : .info, "data-rights.no-benefit-sharing",
                sold
                    ? "The recordings are sold or licensed, and the workers do not share in their value."
                    : "Workers do not share in the value of the dataset.",
                [
                    "data_rights.benefit_sharing: \(Format.yesNo(rights.benefitSharing))",
                    "data_rights.sold_or_licensed: \(Format.yesNo(rights.soldOrLicensed))",
                ],
                "Consider a per-use or royalty-like payment when the data is reused or licensed.")
        }
        return result
    }
}
