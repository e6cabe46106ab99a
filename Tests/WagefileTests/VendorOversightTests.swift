import Compliance
import ReferenceData
import Testing
import WorkModel

/// The buyer's procurement checklist, SOMO's supply-chain risks and the audit age for vendor
/// contracts: each answer on both sides, unanswered questions gathered into one finding.
@Suite struct VendorOversightTests {
    let reference: ReferenceSet

    init() throws { reference = try ComplianceFixture.reference() }

    /// Every question answered the way a buyer wants.
    static let clean = ProcurementChecklist(
        workerStatusKnown: true, assessmentsPaid: true, unpaidQualification: false, rejectionErasesWork: false,
        governingJurisdictions: ["KE", "GB"], minimumWageAssured: true, overtimePaid: true, benefitsAndLeave: true,
        complaintsChannel: true, paymentDisputeProcess: true, harmfulContentSafeguards: true, buyerControlsWork: false)

    static let cleanChain = SupplyChainRisks(
        lowWages: false, unpaidLabor: false, unsafeConditions: false, weakTransparency: false, limitedRemedy: false)

    static let recentAudit = ComplianceFixture.date(2026, 6, 10)

    static func vendorSpec(
        checklist: ProcurementChecklist = clean, supplyChain: SupplyChainRisks = cleanChain,
        lastAudit: CalendarDate? = recentAudit, contentExposure: String = "none"
    ) -> RoleSpec {
        ComplianceFixture.spec(
            status: .vendorEmployee, jurisdiction: "KE", headcount: 25, currency: "USD", kind: .vendorContract,
            vendor: VendorTerms(
                name: "Example Data Services Ltd", billRate: ComplianceFixture.hourly(14), workerPayDisclosed: false,
                checklist: checklist, supplyChain: supplyChain, lastAudit: lastAudit),
            factors: ["content_exposure": contentExposure])
    }

    func evaluate(_ spec: RoleSpec, asOf: CalendarDate = Shipped.asOf) throws -> (
        report: VendorOversightReport, findings: [Finding]
    ) {
        try #require(VendorOversightRules.evaluate(spec, asOf: asOf, reference: reference))
    }

    /// One checklist question: its item id, the answer a buyer wants, and the severity of the other answer.
    struct Question: Sendable, CustomTestStringConvertible {
        var item: String
        var wanted: Bool
        var severity: Severity
        var set: @Sendable (inout ProcurementChecklist, Bool) -> Void

        var rule: String { "vendor." + String(item.map { $0 == "_" ? "-" : $0 }) }
        var testDescription: String { item }
    }

    static let questions: [Question] = [
        Question(item: "worker_status_known", wanted: true, severity: .warning) { $0.workerStatusKnown = $1 },
        Question(item: "assessments_paid", wanted: true, severity: .warning) { $0.assessmentsPaid = $1 },
        Question(item: "unpaid_qualification", wanted: false, severity: .warning) { $0.unpaidQualification = $1 },
        Question(item: "rejection_erases_work", wanted: false, severity: .warning) { $0.rejectionErasesWork = $1 },
        Question(item: "minimum_wage_assured", wanted: true, severity: .blocking) { $0.minimumWageAssured = $1 },
        Question(item: "overtime_paid", wanted: true, severity: .warning) { $0.overtimePaid = $1 },
        Question(item: "benefits_and_leave", wanted: true, severity: .warning) { $0.benefitsAndLeave = $1 },
        Question(item: "complaints_channel", wanted: true, severity: .warning) { $0.complaintsChannel = $1 },
        Question(item: "payment_dispute_process", wanted: true, severity: .warning) { $0.paymentDisputeProcess = $1 },
        Question(item: "harmful_content_safeguards", wanted: true, severity: .warning) {
            $0.harmfulContentSafeguards = $1
        },
        Question(item: "buyer_controls_work", wanted: false, severity: .warning) { $0.buyerControlsWork = $1 },
    ]

    @Test func aCleanVendorRaisesNothing() throws {
        let (report, findings) = try evaluate(Self.vendorSpec())
        #expect(findings.isEmpty)
        #expect(report.vendor == "Example Data Services Ltd")
        #expect(report.checklist.count == 12)
        #expect(report.checklist.allSatisfy { $0.ok == true })
        #expect(report.supplyChain.map(\.answer) == Array(repeating: "not found", count: 5))
        #expect(report.governingJurisdictions == ["KE", "GB"])
        #expect(report.lastAudit == "2026-06-10")
        #expect(report.auditAgeMonths == 5)
    }

    @Test(arguments: VendorOversightTests.questions)
    func theWantedAnswerRaisesNoFinding(_ question: Question) throws {
        var checklist = Self.clean
        question.set(&checklist, question.wanted)
        let (report, findings) = try evaluate(Self.vendorSpec(checklist: checklist))
        #expect(findings.isEmpty)
        let item = try #require(report.checklist.first { $0.item == question.item })
        #expect(item.ok == true)
        #expect(item.answer == (question.wanted ? "yes" : "no"))
    }

    @Test(arguments: VendorOversightTests.questions)
    func theUnwantedAnswerRaisesItsFinding(_ question: Question) throws {
        var checklist = Self.clean
        question.set(&checklist, !question.wanted)
        let (report, findings) = try evaluate(Self.vendorSpec(checklist: checklist))
        #expect(findings.map(\.rule) == [question.rule])
        let finding = try #require(findings.first)
        #expect(finding.severity == question.severity)
        #expect(
            finding.evidence == [
                "vendor: Example Data Services Ltd", "\(question.item): \(question.wanted ? "no" : "yes")",
            ])
        #expect(report.checklist.first { $0.item == question.item }?.ok == false)
    }

    @Test func unansweredQuestionsAreGatheredIntoOneFinding() throws {
        let (report, findings) = try evaluate(Self.vendorSpec(checklist: ProcurementChecklist()))
        let unanswered = findings.filter { $0.rule.hasPrefix("vendor.") && !$0.rule.hasPrefix("vendor.supply-chain") }
        #expect(unanswered.map(\.rule) == ["vendor.checklist-unanswered"], "no finding per unanswered question")
        let finding = try #require(unanswered.first)
        #expect(finding.severity == .warning)
        #expect(finding.message == "12 of 12 procurement questions are unanswered for Example Data Services Ltd.")
        #expect(finding.evidence == Self.questions.map(\.item) + ["governing_jurisdictions"])
        #expect(report.checklist.allSatisfy { $0.ok == nil })
        #expect(report.checklist.first?.answer == "not answered")

        var partly = Self.clean
        partly.overtimePaid = nil
        partly.governingJurisdictions = []
        let some = try evaluate(Self.vendorSpec(checklist: partly)).findings
        #expect(some.map(\.rule) == ["vendor.checklist-unanswered"])
        #expect(some.first?.message == "2 of 12 procurement questions are unanswered for Example Data Services Ltd.")
        #expect(some.first?.evidence == ["overtime_paid", "governing_jurisdictions"])
    }

    @Test func aRejectionThatErasesWorkWithNoWayToDisputeItBlocks() throws {
        var checklist = Self.clean
        checklist.rejectionErasesWork = true
        checklist.paymentDisputeProcess = false
        let findings = try evaluate(Self.vendorSpec(checklist: checklist)).findings
        #expect(findings.map(\.rule) == ["vendor.rejection-erases-work", "vendor.payment-dispute-process"])
        let erased = try #require(findings.first)
        #expect(erased.severity == .blocking)
        #expect(erased.message == "A rejection can erase completed work without pay, and workers cannot dispute it.")
    }

    @Test func noMinimumWageAssuranceBlocks() throws {
        var checklist = Self.clean
        checklist.minimumWageAssured = false
        let finding = try #require(try evaluate(Self.vendorSpec(checklist: checklist)).findings.first)
        #expect(finding.rule == "vendor.minimum-wage-assured")
        #expect(finding.severity == .blocking)
        #expect(finding.message == "The vendor does not assure its workers the local minimum wage.")
    }

    @Test(arguments: ["routine", "extreme"])
    func noHarmfulContentSafeguardsBlocksWhenWorkersSeeHarmfulContent(_ exposure: String) throws {
        var checklist = Self.clean
        checklist.harmfulContentSafeguards = false
        let finding = try #require(
            try evaluate(Self.vendorSpec(checklist: checklist, contentExposure: exposure)).findings.first)
        #expect(finding.rule == "vendor.harmful-content-safeguards")
        #expect(finding.severity == .blocking)
        #expect(
            finding.message
                == "Harmful-content exposure has no safeguards although workers see harmful content \(exposure).")
    }

    @Test(arguments: ["none", "occasional"])
    func noHarmfulContentSafeguardsWarnsOtherwise(_ exposure: String) throws {
        var checklist = Self.clean
        checklist.harmfulContentSafeguards = false
        let finding = try #require(
            try evaluate(Self.vendorSpec(checklist: checklist, contentExposure: exposure)).findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.message == "Harmful-content exposure has no safeguards.")
    }

    // MARK: Supply chain

    @Test func supplyChainRisksFoundAreFindingsOfTheirOwn() throws {
        let chain = SupplyChainRisks(
            lowWages: true, unpaidLabor: true, unsafeConditions: true, weakTransparency: true, limitedRemedy: true)
        let (report, findings) = try evaluate(Self.vendorSpec(supplyChain: chain))
        #expect(
            findings.map(\.rule) == [
                "vendor.supply-chain.low-wages", "vendor.supply-chain.unpaid-labor",
                "vendor.supply-chain.unsafe-conditions",
                "vendor.supply-chain.weak-transparency", "vendor.supply-chain.limited-remedy",
            ])
        #expect(findings.map(\.severity) == [.warning, .blocking, .blocking, .warning, .warning])
        #expect(findings[1].message == "Unpaid labour found in the supply chain of Example Data Services Ltd.")
        #expect(findings[1].evidence == ["vendor.supply_chain.unpaid_labor: found", "source: somo-2026"])
        #expect(report.supplyChain.allSatisfy { $0.ok == false && $0.answer == "found" })
    }

    @Test func unassessedSupplyChainRisksAreGathered() throws {
        let chain = SupplyChainRisks(lowWages: false, unpaidLabor: true)
        let (report, findings) = try evaluate(Self.vendorSpec(supplyChain: chain))
        #expect(findings.map(\.rule) == ["vendor.supply-chain.unpaid-labor", "vendor.supply-chain-unassessed"])
        let unassessed = try #require(findings.last)
        #expect(unassessed.severity == .warning)
        #expect(
            unassessed.message
                == "Supply-chain risks not assessed for Example Data Services Ltd: unsafe_conditions, weak_transparency, limited_remedy."
        )
        #expect(
            unassessed.evidence == [
                "vendor.supply_chain.unsafe_conditions: not assessed",
                "vendor.supply_chain.weak_transparency: not assessed",
                "vendor.supply_chain.limited_remedy: not assessed",
            ])
        #expect(
            report.supplyChain.map(\.answer) == ["not found", "found", "not assessed", "not assessed", "not assessed"])
        #expect(report.supplyChain.map(\.ok) == [true, false, nil, nil, nil])
    }

    // MARK: Audit age: policy 12 months, evaluated 2026-11-21

    @Test func anAuditTwelveMonthsOldIsNotOverdue() throws {
        #expect(reference.policy.vendorAuditMaxAgeMonths == 12)
        let (report, findings) = try evaluate(Self.vendorSpec(lastAudit: ComplianceFixture.date(2025, 11, 21)))
        #expect(report.auditAgeMonths == 12)
        #expect(!findings.map(\.rule).contains("vendor.audit-overdue"))
    }

    @Test func anAuditOlderThanTwelveMonthsIsOverdue() throws {
        // 2025-11-20 to 2026-11-21: twelve months and a day.
        let (report, findings) = try evaluate(Self.vendorSpec(lastAudit: ComplianceFixture.date(2025, 11, 20)))
        #expect(report.auditAgeMonths == 12, "whole months")
        let finding = try #require(findings.first { $0.rule == "vendor.audit-overdue" })
        #expect(finding.severity == .warning)
        #expect(
            finding.message
                == "The last audit of Example Data Services Ltd was more than 12 months ago, beyond the 12-month policy."
        )
        #expect(finding.evidence == ["last audit: 2025-11-20", "evaluated on: 2026-11-21"])

        let older = try evaluate(Self.vendorSpec(lastAudit: ComplianceFixture.date(2025, 6, 10))).findings
        #expect(
            older.first { $0.rule == "vendor.audit-overdue" }?.message
                == "The last audit of Example Data Services Ltd was 17 months ago, beyond the 12-month policy.")
    }

    @Test func anAuditAtAMonthEndIsOverdueFromTheDayAfterItsAnniversary() throws {
        // 2025-08-31 plus 12 months is 2026-08-31.
        let spec = Self.vendorSpec(lastAudit: ComplianceFixture.date(2025, 8, 31))
        #expect(
            !(try evaluate(spec, asOf: ComplianceFixture.date(2026, 8, 31))).findings.map(\.rule).contains(
                "vendor.audit-overdue"))
        #expect(
            try evaluate(spec, asOf: ComplianceFixture.date(2026, 9, 1)).findings.map(\.rule).contains(
                "vendor.audit-overdue"))
        // A leap-day audit has no anniversary the next year: 2025-02-28 is within 12 months, 2025-03-01 beyond.
        let leap = Self.vendorSpec(lastAudit: ComplianceFixture.date(2024, 2, 29))
        #expect(
            !(try evaluate(leap, asOf: ComplianceFixture.date(2025, 2, 28))).findings.map(\.rule).contains(
                "vendor.audit-overdue"))
        #expect(
            try evaluate(leap, asOf: ComplianceFixture.date(2025, 3, 1)).findings.map(\.rule).contains(
                "vendor.audit-overdue"))
    }

    @Test func noAuditOnRecordIsNoted() throws {
        let (report, findings) = try evaluate(Self.vendorSpec(lastAudit: nil))
        #expect(findings.map(\.rule) == ["vendor.no-audit"])
        #expect(findings.first?.severity == .info)
        #expect(report.auditAgeMonths == nil)
        #expect(report.lastAudit == nil)
    }

    // MARK: Scope

    @Test func onlyVendorContractsAreOverseen() throws {
        var role = Self.vendorSpec()
        role.kind = .role
        #expect(
            VendorOversightRules.evaluate(role, asOf: Shipped.asOf, reference: reference) == nil,
            "a role, even with vendor terms")
        var noTerms = Self.vendorSpec()
        noTerms.vendor = nil
        #expect(VendorOversightRules.evaluate(noTerms, asOf: Shipped.asOf, reference: reference) == nil)
        let engine = try ComplianceFixture.assess(
            ComplianceFixture.spec(jurisdiction: "KE", location: "Nairobi", currency: "KES"))
        #expect(engine.vendor == nil)
        #expect(!engine.rules.contains { $0.hasPrefix("vendor.") })

        var bad = Self.clean
        bad.minimumWageAssured = false
        let vendor = try ComplianceFixture.assess(Self.vendorSpec(checklist: bad))
        #expect(vendor.vendor?.vendor == "Example Data Services Ltd")
        #expect(vendor.finding("vendor.minimum-wage-assured")?.severity == .blocking)
    }
}
