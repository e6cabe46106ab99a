public import ReferenceData
public import WorkModel

/// One procurement or supply-chain question and the vendor's answer.
public struct OversightItem: Sendable, Hashable, Codable {
    public var item: String
    public var question: String
    public var answer: String
    /// Whether the answer is the one a buyer wants; nil when unanswered.
    public var ok: Bool?
}

public struct VendorOversightReport: Sendable, Hashable, Codable {
    public var vendor: String
    public var checklist: [OversightItem]
    public var supplyChain: [OversightItem]
    public var governingJurisdictions: [String]
    public var lastAudit: String?
    public var auditAgeMonths: Int?
}

/// The buyer's procurement checklist (pay-band-split-2026) and SOMO's supply-chain risks
/// (somo-2026) turned into findings: a bad answer is a finding of its own, unanswered
/// questions are gathered into one.
public enum VendorOversightRules {
    struct Question {
        var item: String
        var question: String
        var value: Bool?
        var wanted: Bool
        var severity: Severity
        var message: String
        var fix: String
    }

    // Long because: the procurement checklist and supply-chain risks are tables of question, field and severity read in the order the file prints them.
    public static func evaluate(_ spec: RoleSpec, asOf: CalendarDate, reference: ReferenceSet) -> (
        VendorOversightReport, [Finding]
    )? {
        guard spec.kind == .vendorContract, let vendor = spec.vendor else { return nil }
        let list = vendor.checklist
        let harsh = ["routine", "extreme"].contains(spec.factors["content_exposure"] ?? "")
        let questions = [
            Question(
                item: "worker_status_known",
                question: "Do you know which workers are vendor employees, contractors, agency or platform workers?",
                value: list.workerStatusKnown, wanted: true, severity: .warning,
                message:
                    "The buyer does not know the status of the vendor's workers, so classification risk in the supply chain is unknown.",
                fix: "Require the vendor to state each worker group's status."),
            Question(
                item: "assessments_paid", question: "Are screening and assessments paid?", value: list.assessmentsPaid,
                wanted: true, severity: .warning,
                message: "Screening and assessments are unpaid.", fix: "Require paid assessments in the contract."),
            Question(
                item: "unpaid_qualification", question: "Is unpaid qualification work used?",
                value: list.unpaidQualification, wanted: false, severity: .warning,
                message: "The vendor uses unpaid qualification work: a cost shifted onto workers.",
                fix: "Pay qualification time at the working rate."),
            Question(
                item: "rejection_erases_work", question: "Can a task rejection erase completed work?",
                value: list.rejectionErasesWork, wanted: false,
                severity: list.paymentDisputeProcess == false ? .blocking : .warning,
                message: "A rejection can erase completed work without pay"
                    + (list.paymentDisputeProcess == false ? ", and workers cannot dispute it." : "."),
                fix: "Pay for completed work, with a reasoned rejection and an appeal."),
            Question(
                item: "minimum_wage_assured", question: "Does the vendor assure at least the local minimum wage?",
                value: list.minimumWageAssured, wanted: true, severity: .blocking,
                message: "The vendor does not assure its workers the local minimum wage.",
                fix: "Make the local minimum wage after unpaid time a contract term, with evidence."),
            Question(
                item: "overtime_paid", question: "Is overtime paid?", value: list.overtimePaid, wanted: true,
                severity: .warning,
                message: "Overtime is not paid.", fix: "Require overtime pay where the law gives it."),
            Question(
                item: "benefits_and_leave", question: "Are benefits and leave provided?", value: list.benefitsAndLeave,
                wanted: true, severity: .warning,
                message: "Workers have no benefits or leave.",
                fix: "Check which benefits and leave local law requires for the workers' status."),
            Question(
                item: "complaints_channel", question: "Do workers have a complaints channel?",
                value: list.complaintsChannel, wanted: true, severity: .warning,
                message: "Workers have no complaints channel.",
                fix: "Require a channel workers can use without retaliation, with the buyer able to see its outcomes."),
            Question(
                item: "payment_dispute_process", question: "Can workers dispute payment decisions?",
                value: list.paymentDisputeProcess, wanted: true, severity: .warning,
                message: "Workers cannot dispute payment decisions.",
                fix: "Require a payment-dispute process with a human decision."),
            Question(
                item: "harmful_content_safeguards", question: "Is harmful-content exposure limited and supported?",
                value: list.harmfulContentSafeguards, wanted: true, severity: harsh ? .blocking : .warning,
                message: "Harmful-content exposure has no safeguards"
                    + (harsh
                        ? " although workers see harmful content \(spec.factors["content_exposure"] ?? "")." : "."),
                fix: "Require exposure limits, opt-outs and counselling."),
            Question(
                item: "buyer_controls_work",
                question: "Do your own instructions control how the vendor's workers work?",
                value: list.buyerControlsWork, wanted: false, severity: .warning,
                message:
                    "The buyer's instructions control how the vendor's workers work, which raises joint-employment and classification risk for the buyer.",
                fix:
                    "Route instructions through the vendor's management, or accept and manage the joint-employer exposure."
            ),
        ]
        var findings: [Finding] = []
        var items: [OversightItem] = []
        var unanswered: [String] = []
        for question in questions {
            let ok = question.value.map { $0 == question.wanted }
            items.append(
                OversightItem(
                    item: question.item, question: question.question, answer: describe(question.value), ok: ok))
            if ok == false {
                findings.append(
                    Finding(
                        severity: question.severity, rule: "vendor.\(question.item.replacingUnderscores)",
                        message: question.message,
                        evidence: ["vendor: \(vendor.name)", "\(question.item): \(describe(question.value))"],
                        fix: question.fix))
            } else if ok == nil {
                unanswered.append(question.item)
            }
        }
        items.append(
            OversightItem(
                item: "governing_jurisdictions", question: "Which jurisdictions govern the contract?",
                answer: list.governingJurisdictions.isEmpty
                    ? "not answered" : list.governingJurisdictions.joined(separator: ", "),
                ok: list.governingJurisdictions.isEmpty ? nil : true))
        if list.governingJurisdictions.isEmpty { unanswered.append("governing_jurisdictions") }
        if !unanswered.isEmpty {
            findings.append(
                Finding(
                    severity: .warning, rule: "vendor.checklist-unanswered",
                    message: "\(unanswered.count) of 12 procurement questions are unanswered for \(vendor.name).",
                    evidence: unanswered,
                    fix: "Put the questions to the vendor and record the answers under vendor.checklist."))
        }

        let chain = vendor.supplyChain
        let risks: [(String, String, Bool?, Severity)] = [
            ("low_wages", "Low wages found in the supply chain", chain.lowWages, .warning),
            ("unpaid_labor", "Unpaid labour found in the supply chain", chain.unpaidLabor, .blocking),
            ("unsafe_conditions", "Unsafe conditions found in the supply chain", chain.unsafeConditions, .blocking),
            ("weak_transparency", "Weak transparency over subcontracting and pay", chain.weakTransparency, .warning),
            ("limited_remedy", "Workers have limited remedy channels", chain.limitedRemedy, .warning),
        ]
        var supply: [OversightItem] = []
        var unassessed: [String] = []
        for (item, text, found, severity) in risks {
            supply.append(
                OversightItem(
                    item: item, question: text + "?",
                    answer: found.map { $0 ? "found" : "not found" } ?? "not assessed", ok: found.map { !$0 }))
            switch found {
            case true?:
                findings.append(
                    Finding(
                        severity: severity, rule: "vendor.supply-chain.\(item.replacingUnderscores)",
                        message: "\(text) of \(vendor.name).",
                        evidence: ["vendor.supply_chain.\(item): found", "source: somo-2026"],
                        fix: "Agree a remediation plan with dates, and re-audit before renewing."))
            case nil: unassessed.append(item)
            case false?: break
            }
        }
        if !unassessed.isEmpty {
            findings.append(
                Finding(
                    severity: .warning, rule: "vendor.supply-chain-unassessed",
                    message:
                        "Supply-chain risks not assessed for \(vendor.name): \(unassessed.joined(separator: ", ")).",
                    evidence: unassessed.map { "vendor.supply_chain.\($0): not assessed" },
                    fix: "Audit the vendor's supply chain, or require its audit reports."))
        }

        var age: Int?
        if let audit = vendor.lastAudit {
            let months = audit.months(until: asOf)
            age = months
            let limit = reference.policy.vendorAuditMaxAgeMonths
            if audit.isOlder(thanMonths: limit, on: asOf) {
                findings.append(
                    Finding(
                        severity: .warning, rule: "vendor.audit-overdue",
                        message:
                            "The last audit of \(vendor.name) was \(months > limit ? "\(months)" : "more than \(limit)") months ago, beyond the \(limit)-month policy.",
                        evidence: ["last audit: \(audit)", "evaluated on: \(asOf)"], fix: "Schedule an audit."))
            }
        } else {
            findings.append(
                Finding(
                    severity: .info, rule: "vendor.no-audit", message: "No audit of \(vendor.name) is on record.",
                    evidence: ["vendor.last_audit: not stated"],
                    fix: "Record the date of the last audit under vendor.last_audit."))
        }
        return (
            VendorOversightReport(
                vendor: vendor.name, checklist: items, supplyChain: supply,
                governingJurisdictions: list.governingJurisdictions,
                lastAudit: vendor.lastAudit?.description, auditAgeMonths: age), findings
        )
    }

    static func describe(_ value: Bool?) -> String { Format.yesNo(value, missing: "not answered") }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
