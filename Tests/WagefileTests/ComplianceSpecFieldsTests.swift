import Foundation
import ReferenceData
import Specs
import Testing
import WagefileTestSupport
import WorkModel

/// The base spec with every compliance block filled in: `pay_practice`, `engagement`,
/// `data_rights` (with its consent record) and `vendor` (with the checklist, supply chain and
/// last audit). Lines 1-22 are `BaseSpec.lines`; the numbers below continue that listing, so
/// every expected line number in the tests can be read off it.
enum ComplianceSpec {
    static let extra = [
        "pay_practice:",  // 23
        "  platform_fee: 0.2",  // 24
        "  worker_costs_per_month: 40",  // 25
        "  unpaid_qualification_hours: 6",  // 26
        "  unpaid_onboarding_hours: 4",  // 27
        "  engagement_weeks: 26",  // 28
        "  unpaid_search_share: 0.15",  // 29
        "  rejected_share: 0.05",  // 30
        "  rejected_paid: false",  // 31
        "  unpaid_rework_share: 0.1",  // 32
        "  paid_on_time: true",  // 33
        "  rejection_process: false",  // 34
        "  task_time_estimate_shown: true",  // 35
        "engagement:",  // 36
        "  hirer_controls_work: true",  // 37
        "  technology_monitoring: true",  // 38
        "  hirer_sets_schedule: false",  // 39
        "  detailed_instructions: true",  // 40
        "  hirer_trains: true",  // 41
        "  worker_investment: false",  // 42
        "  profit_or_loss: false",  // 43
        "  permanence: ongoing",  // 44
        "  integral_to_business: true",  // 45
        "  independent_skill: false",  // 46
        "  works_for_others: true",  // 47
        "  substitution_allowed: false",  // 48
        "  mutuality_of_obligation: true",  // 49
        "  paid_by: output",  // 50
        "  expenses_reimbursed: false",  // 51
        "  contract: contractor",  // 52
        "  client_size: large",  // 53
        "  through_platform: true",  // 54
        "  through_intermediary: false",  // 55
        "  automated_deactivation: true",  // 56
        "data_rights:",  // 57
        "  worker_data_recorded: true",  // 58
        "  biometric: true",  // 59
        "  health_inference: false",  // 60
        "  biometric_use: training-data",  // 61
        "  consent:",  // 62
        "    obtained: true",  // 63
        "    written: true",  // 64
        "    withdrawable: false",  // 65
        "    itemised_notice: true",  // 66
        "    language: Hindi",  // 67
        "    record: signed releases in the site office",  // 68
        "  can_refuse_without_penalty: false",  // 69
        "  paid_directly: true",  // 70
        "  downstream_use_disclosed: false",  // 71
        "  secondary_use_limits: true",  // 72
        "  retention: deleted 3 years after last contact",  // 73
        "  benefit_sharing: false",  // 74
        "  sold_or_licensed: true",  // 75
        "  impact_assessment: false",  // 76
        "vendor:",  // 77
        "  name: Acme Data",  // 78
        "  bill_rate: {amount: 45, basis: hourly}",  // 79
        "  worker_pay_disclosed: true",  // 80
        "  worker_pay: {amount: 150, basis: per-task, currency: KES, minutes_per_task: 6}",  // 81
        "  checklist:",  // 82
        "    worker_status_known: true",  // 83
        "    assessments_paid: false",  // 84
        "    unpaid_qualification: true",  // 85
        "    rejection_erases_work: true",  // 86
        "    governing_jurisdictions: [US-CA, KE]",  // 87
        "    minimum_wage_assured: false",  // 88
        "    overtime_paid: false",  // 89
        "    benefits_and_leave: true",  // 90
        "    complaints_channel: true",  // 91
        "    payment_dispute_process: false",  // 92
        "    harmful_content_safeguards: true",  // 93
        "    buyer_controls_work: true",  // 94
        "  supply_chain:",  // 95
        "    low_wages: true",  // 96
        "    unpaid_labor: false",  // 97
        "    unsafe_conditions: false",  // 98
        "    weak_transparency: true",  // 99
        "    limited_remedy: false",  // 100
        "  last_audit: 2026-03-15",  // 101
    ]

    static var lines: [String] { BaseSpec.lines + extra }
    static var text: String { lines.joined(separator: "\n") + "\n" }

    /// The full spec with 1-based lines replaced (a replacement may hold several lines) or,
    /// where the value is nil, removed.
    static func edit(_ changes: [Int: String?]) -> String { BaseSpec.edit(lines, changes) }

    static func with(line number: Int, _ replacement: String) -> String { edit([number: .some(replacement)]) }

    /// Replacements that turn `numbers` into comments, so the lines after them keep their numbers.
    static func commentedOut(_ numbers: ClosedRange<Int>) -> [Int: String?] {
        Dictionary(uniqueKeysWithValues: numbers.map { ($0, .some("#")) })
    }

    /// The same spec as one JSON Lines record.
    static let json = [
        #"{"spec": "wagefile.role/v1", "id": "base-evaluator", "title": "Response Evaluator","#,
        #" "judgment": {"purchased": "Consistent rubric grades with written reasons.", "type": "rubric-application"},"#,
        #" "tasks": [{"task": "apply-rubric", "share": 0.6}, {"task": "identify-hallucinations", "share": 0.4}],"#,
        #" "direction": "evaluate", "expertise": "trained", "scope": "task-set", "modality": "text", "language": "common","#,
        #" "consequences": {"if_wrong": "Bad grades ship defects", "impact": "product-quality"},"#,
        #" "authority": "none", "data_sensitivity": "internal", "content_exposure": "none","#,
        #" "worker": {"status": "contractor", "jurisdiction": "US-CA", "hours_per_week": 40},"#,
        #" "currency": "USD", "offered": {"amount": 30, "basis": "hourly"}, "budget_owner": "product-quality","#,
        #" "pay_practice": {"platform_fee": 0.2, "worker_costs_per_month": 40, "unpaid_qualification_hours": 6,"#,
        #" "unpaid_onboarding_hours": 4, "engagement_weeks": 26, "unpaid_search_share": 0.15, "rejected_share": 0.05,"#,
        #" "rejected_paid": false, "unpaid_rework_share": 0.1, "paid_on_time": true, "rejection_process": false,"#,
        #" "task_time_estimate_shown": true},"#,
        #" "engagement": {"hirer_controls_work": true, "technology_monitoring": true, "hirer_sets_schedule": false,"#,
        #" "detailed_instructions": true, "hirer_trains": true, "worker_investment": false, "profit_or_loss": false,"#,
        #" "permanence": "ongoing", "integral_to_business": true, "independent_skill": false, "works_for_others": true,"#,
        #" "substitution_allowed": false, "mutuality_of_obligation": true, "paid_by": "output", "expenses_reimbursed": false,"#,
        #" "contract": "contractor", "client_size": "large", "through_platform": true, "through_intermediary": false,"#,
        #" "automated_deactivation": true},"#,
        #" "data_rights": {"worker_data_recorded": true, "biometric": true, "health_inference": false,"#,
        #" "biometric_use": "training-data", "consent": {"obtained": true, "written": true, "withdrawable": false,"#,
        #" "itemised_notice": true, "language": "Hindi", "record": "signed releases in the site office"},"#,
        #" "can_refuse_without_penalty": false, "paid_directly": true, "downstream_use_disclosed": false,"#,
        #" "secondary_use_limits": true, "retention": "deleted 3 years after last contact", "benefit_sharing": false,"#,
        #" "sold_or_licensed": true, "impact_assessment": false},"#,
        #" "vendor": {"name": "Acme Data", "bill_rate": {"amount": 45, "basis": "hourly"}, "worker_pay_disclosed": true,"#,
        #" "worker_pay": {"amount": 150, "basis": "per-task", "currency": "KES", "minutes_per_task": 6},"#,
        #" "checklist": {"worker_status_known": true, "assessments_paid": false, "unpaid_qualification": true,"#,
        #" "rejection_erases_work": true, "governing_jurisdictions": ["US-CA", "KE"], "minimum_wage_assured": false,"#,
        #" "overtime_paid": false, "benefits_and_leave": true, "complaints_channel": true, "payment_dispute_process": false,"#,
        #" "harmful_content_safeguards": true, "buyer_controls_work": true},"#,
        #" "supply_chain": {"low_wages": true, "unpaid_labor": false, "unsafe_conditions": false, "weak_transparency": true,"#,
        #" "limited_remedy": false}, "last_audit": "2026-03-15"}}"#,
    ].joined()

    // The values the spec above must read into.

    static let payPractice = PayPractice(
        platformFee: 0.2, workerCostsPerMonth: 40, unpaidQualificationHours: 6, unpaidOnboardingHours: 4,
        engagementWeeks: 26, unpaidSearchShare: 0.15, rejectedShare: 0.05, rejectedPaid: false, unpaidReworkShare: 0.1,
        paidOnTime: true, rejectionProcess: false, taskTimeEstimateShown: true)

    static let engagement = Engagement(
        hirerControlsWork: true, technologyMonitoring: true, hirerSetsSchedule: false, detailedInstructions: true,
        hirerTrains: true, workerInvestment: false, profitOrLoss: false, permanence: .ongoing, integralToBusiness: true,
        independentSkill: false, worksForOthers: true, substitutionAllowed: false, mutualityOfObligation: true,
        paidBy: .output, expensesReimbursed: false, contract: .contractor, clientSize: .large, throughPlatform: true,
        throughIntermediary: false, automatedDeactivation: true)

    static let consent = Consent(
        obtained: true, written: true, withdrawable: false, itemisedNotice: true, language: "Hindi",
        record: "signed releases in the site office")

    static let dataRights = DataRights(
        workerDataRecorded: true, biometric: true, healthInference: false, biometricUse: .trainingData,
        consent: consent,
        canRefuseWithoutPenalty: false, paidDirectly: true, downstreamUseDisclosed: false, secondaryUseLimits: true,
        retention: "deleted 3 years after last contact", benefitSharing: false, soldOrLicensed: true,
        impactAssessment: false)

    static let checklist = ProcurementChecklist(
        workerStatusKnown: true, assessmentsPaid: false, unpaidQualification: true, rejectionErasesWork: true,
        governingJurisdictions: ["US-CA", "KE"], minimumWageAssured: false, overtimePaid: false, benefitsAndLeave: true,
        complaintsChannel: true, paymentDisputeProcess: false, harmfulContentSafeguards: true, buyerControlsWork: true)

    static let supplyChain = SupplyChainRisks(
        lowWages: true, unpaidLabor: false, unsafeConditions: false, weakTransparency: true, limitedRemedy: false)

    static let vendor = VendorTerms(
        name: "Acme Data", billRate: PayQuote(amount: 45, currency: "USD", basis: .hourly), workerPayDisclosed: true,
        workerPay: PayQuote(amount: 150, currency: "KES", basis: .perTask, minutesPerTask: 6), checklist: checklist,
        supplyChain: supplyChain, lastAudit: CalendarDate(year: 2026, month: 3, day: 15))
}

/// The compliance blocks of a role spec (`pay_practice`, `engagement`, `data_rights`,
/// `vendor`): how they are read into `RoleSpec` values and how bad values are reported, as
/// `file:line:column: field: message`. Line numbers refer to `ComplianceSpec`.
@Suite struct ComplianceSpecFieldsTests {
    /// The single diagnostic for `text`, or an issue when there is not exactly one.
    func only(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let found = try diagnostics(text, sourceLocation: sourceLocation)
        #expect(
            found.count == 1, "expected one diagnostic, got:\n\(found.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        return try #require(found.first, sourceLocation: sourceLocation)
    }

    /// A spec as it compares across formats: where its fields sat in which file is left out.
    func content(_ spec: RoleSpec) -> RoleSpec {
        var copy = spec
        copy.locations = [:]
        copy.file = ""
        return copy
    }

    // MARK: Reading

    @Test func theListingMatchesItsLineNumbers() {
        let lines = ComplianceSpec.lines
        #expect(lines.count == 101)
        #expect(lines[23 - 1] == "pay_practice:")
        #expect(lines[36 - 1] == "engagement:")
        #expect(lines[57 - 1] == "data_rights:")
        #expect(lines[62 - 1] == "  consent:")
        #expect(lines[77 - 1] == "vendor:")
        #expect(lines[82 - 1] == "  checklist:")
        #expect(lines[95 - 1] == "  supply_chain:")
        #expect(lines[101 - 1] == "  last_audit: 2026-03-15")
    }

    @Test func payPracticeReadsEveryField() throws {
        let spec = try readSpec(ComplianceSpec.text)
        #expect(spec.payPractice == ComplianceSpec.payPractice)
    }

    @Test func engagementReadsEveryFactAndChoice() throws {
        let spec = try readSpec(ComplianceSpec.text)
        #expect(spec.engagement == ComplianceSpec.engagement)
    }

    @Test func dataRightsReadTheConsentRecordAndTheNewFlags() throws {
        let spec = try readSpec(ComplianceSpec.text)
        #expect(spec.dataRights == ComplianceSpec.dataRights)
        let consent = try #require(spec.dataRights.consent)
        #expect(consent == ComplianceSpec.consent)
        #expect(consent.itemisedNotice == true)
        #expect(consent.withdrawable == false)
        #expect(spec.dataRights.biometricUse == .trainingData)
        #expect(spec.dataRights.soldOrLicensed == true)
        #expect(spec.dataRights.impactAssessment == false)
        #expect(spec.dataRights.healthInference == false)
    }

    @Test func theVendorBlockReadsPayChecklistSupplyChainAndAudit() throws {
        let spec = try readSpec(ComplianceSpec.text)
        let vendor = try #require(spec.vendor)
        #expect(
            vendor.workerPay == PayQuote(amount: 150, currency: "KES", basis: .perTask, minutesPerTask: 6),
            "worker pay keeps its own currency")
        #expect(vendor.checklist == ComplianceSpec.checklist)
        #expect(vendor.checklist.governingJurisdictions == ["US-CA", "KE"])
        #expect(vendor.supplyChain == ComplianceSpec.supplyChain)
        #expect(vendor.lastAudit == CalendarDate(year: 2026, month: 3, day: 15))
        #expect(vendor == ComplianceSpec.vendor)
    }

    @Test func theRestOfTheSpecIsUnchangedByTheNewBlocks() throws {
        let full = try readSpec(ComplianceSpec.text)
        var base = try readSpec(BaseSpec.text)
        base.payPractice = ComplianceSpec.payPractice
        base.engagement = ComplianceSpec.engagement
        base.dataRights = ComplianceSpec.dataRights
        base.vendor = ComplianceSpec.vendor
        #expect(content(full) == content(base))
    }

    @Test func absentOrEmptyBlocksReadAsUnstated() throws {
        let absent = try readSpec(BaseSpec.text)
        #expect(absent.payPractice == PayPractice())
        #expect(absent.engagement == Engagement())
        #expect(absent.dataRights == DataRights())
        #expect(absent.dataRights.consent == nil)
        #expect(absent.vendor == nil)

        let empty = try readSpec(
            BaseSpec.appending(
                "pay_practice: ~\nengagement:\ndata_rights: {consent: ~}\nvendor: {name: Acme, checklist: ~, supply_chain: ~}"
            ))
        #expect(empty.payPractice == PayPractice())
        #expect(empty.engagement == Engagement())
        #expect(empty.dataRights == DataRights(), "consent: ~ is no consent record")
        #expect(empty.vendor == VendorTerms(name: "Acme"))
    }

    @Test func aConsentRecordMayStateOnlySomeFields() throws {
        let spec = try readSpec(
            BaseSpec.appending("data_rights: {worker_data_recorded: true, consent: {obtained: true}}"))
        #expect(spec.dataRights.consent == Consent(obtained: true))
    }

    @Test func governingJurisdictionsMayBeOneCode() throws {
        let spec = try readSpec(ComplianceSpec.with(line: 87, "    governing_jurisdictions: KE"))
        #expect(spec.vendor?.checklist.governingJurisdictions == ["KE"])
    }

    @Test func lastAuditFollowsCalendarDate() throws {
        let month = try readSpec(ComplianceSpec.with(line: 101, "  last_audit: 2026-03"))
        #expect(
            month.vendor?.lastAudit == CalendarDate(year: 2026, month: 3),
            "month precision, as the schema pattern allows")
        let leap = try readSpec(ComplianceSpec.with(line: 101, "  last_audit: 2028-02-29"))
        #expect(leap.vendor?.lastAudit == CalendarDate(year: 2028, month: 2, day: 29))
    }

    @Test(arguments: [
        ("  platform_fee: 0", 0.0), ("  platform_fee: 0.99", 0.99), ("  rejected_share: 0.99", 0.99),
        ("  unpaid_search_share: 0", 0.0), ("  unpaid_rework_share: 10", 10.0), ("  engagement_weeks: 520", 520.0),
        ("  engagement_weeks: 0.5", 0.5), ("  worker_costs_per_month: 1_000", 1000.0),
    ])
    func payPracticeBoundaryValuesAreAccepted(line: String, value: Double) throws {
        let key = String(line.dropFirst(2).prefix { $0 != ":" })
        let number = try #require(ComplianceSpec.lines.firstIndex { $0.hasPrefix("  \(key):") }) + 1
        let spec = try readSpec(ComplianceSpec.with(line: number, line))
        let read: Double? =
            switch key {
            case "platform_fee": spec.payPractice.platformFee
            case "rejected_share": spec.payPractice.rejectedShare
            case "unpaid_search_share": spec.payPractice.unpaidSearchShare
            case "unpaid_rework_share": spec.payPractice.unpaidReworkShare
            case "engagement_weeks": spec.payPractice.engagementWeeks
            case "worker_costs_per_month": spec.payPractice.workerCostsPerMonth
            default: nil
            }
        #expect(read == value)
    }

    @Test func everyEnumerationValueReads() throws {
        for permanence in Engagement.Permanence.allCases {
            let spec = try readSpec(ComplianceSpec.with(line: 44, "  permanence: \(permanence.rawValue)"))
            #expect(spec.engagement.permanence == permanence)
        }
        for paidBy in Engagement.PaidBy.allCases {
            #expect(
                try readSpec(ComplianceSpec.with(line: 50, "  paid_by: \(paidBy.rawValue)")).engagement.paidBy == paidBy
            )
        }
        for contract in Engagement.ContractLabel.allCases {
            #expect(
                try readSpec(ComplianceSpec.with(line: 52, "  contract: \(contract.rawValue)")).engagement.contract
                    == contract)
        }
        for size in Engagement.ClientSize.allCases {
            #expect(
                try readSpec(ComplianceSpec.with(line: 53, "  client_size: \(size.rawValue)")).engagement.clientSize
                    == size)
        }
        for use in DataRights.BiometricUse.allCases {
            #expect(
                try readSpec(ComplianceSpec.with(line: 61, "  biometric_use: \(use.rawValue)")).dataRights.biometricUse
                    == use)
        }
    }

    // MARK: Bad values

    @Test func aPlatformFeeOfOneOrMoreIsRejected() throws {
        let high = try only(ComplianceSpec.with(line: 24, "  platform_fee: 1.2"))
        #expect(
            high.description == "x.yaml:24:17: pay_practice.platform_fee: expected a number from 0 to 0.99, found 1.2")
        let whole = try only(ComplianceSpec.with(line: 24, "  platform_fee: 1"))
        #expect(
            whole.description == "x.yaml:24:17: pay_practice.platform_fee: expected a number from 0 to 0.99, found 1",
            "a fee of 1 leaves no pay at all")
        let negative = try only(ComplianceSpec.with(line: 24, "  platform_fee: -0.1"))
        #expect(
            negative.description
                == "x.yaml:24:17: pay_practice.platform_fee: expected a number from 0 to 0.99, found -0.1")
    }

    @Test func theOtherSharesAreRangeChecked() throws {
        let rejected = try only(ComplianceSpec.with(line: 30, "  rejected_share: 1"))
        #expect(
            rejected.description
                == "x.yaml:30:19: pay_practice.rejected_share: expected a number from 0 to 0.99, found 1")
        let search = try only(ComplianceSpec.with(line: 29, "  unpaid_search_share: 2"))
        #expect(
            search.description
                == "x.yaml:29:24: pay_practice.unpaid_search_share: expected a number from 0 to 0.99, found 2")
        let rework = try only(ComplianceSpec.with(line: 32, "  unpaid_rework_share: 11"))
        #expect(
            rework.description
                == "x.yaml:32:24: pay_practice.unpaid_rework_share: expected a number from 0 to 10, found 11")
    }

    @Test func engagementWeeksMustBeAboveZero() throws {
        let zero = try only(ComplianceSpec.with(line: 28, "  engagement_weeks: 0"))
        #expect(zero.description == "x.yaml:28:21: pay_practice.engagement_weeks: expected a number above 0, found 0")
        let long = try only(ComplianceSpec.with(line: 28, "  engagement_weeks: 600"))
        #expect(
            long.description
                == "x.yaml:28:21: pay_practice.engagement_weeks: expected a number from 0 to 520, found 600")
    }

    @Test func payPracticeHoursAndCostsMustBeNonNegativeNumbers() throws {
        let hours = try only(ComplianceSpec.with(line: 26, "  unpaid_qualification_hours: -3"))
        #expect(
            hours.description
                == "x.yaml:26:31: pay_practice.unpaid_qualification_hours: expected a number from 0 to 10000, found -3")
        let costs = try only(ComplianceSpec.with(line: 25, "  worker_costs_per_month: lots"))
        #expect(
            costs.description == "x.yaml:25:27: pay_practice.worker_costs_per_month: expected a number, found 'lots'")
        let quoted = try only(ComplianceSpec.with(line: 24, "  platform_fee: \"0.2\""))
        #expect(
            quoted.description == "x.yaml:24:17: pay_practice.platform_fee: expected a number, found '0.2'",
            "a quoted number is text")
    }

    @Test func aPayPracticeFlagMustBeTrueOrFalse() throws {
        let flag = try only(ComplianceSpec.with(line: 33, "  paid_on_time: usually"))
        #expect(flag.description == "x.yaml:33:17: pay_practice.paid_on_time: expected true or false, found 'usually'")
    }

    @Test func anUnknownPermanenceListsTheAllowedValues() throws {
        let diagnostic = try only(ComplianceSpec.with(line: 44, "  permanence: forever"))
        #expect(
            diagnostic.description
                == "x.yaml:44:15: engagement.permanence: 'forever' is not one of: one-off, project, recurring, ongoing")
        let typo = try only(ComplianceSpec.with(line: 44, "  permanence: oneoff"))
        #expect(typo.message == "'oneoff' is not one of: one-off, project, recurring, ongoing; did you mean 'one-off'?")
    }

    @Test func theOtherEngagementChoicesListTheirValues() throws {
        let paidBy = try only(ComplianceSpec.with(line: 50, "  paid_by: salary"))
        #expect(paidBy.description == "x.yaml:50:12: engagement.paid_by: 'salary' is not one of: time, output, project")
        let contract = try only(ComplianceSpec.with(line: 52, "  contract: freelance"))
        #expect(
            contract.description
                == "x.yaml:52:13: engagement.contract: 'freelance' is not one of: employment, worker, contractor, none")
        let size = try only(ComplianceSpec.with(line: 53, "  client_size: huge"))
        #expect(size.description == "x.yaml:53:16: engagement.client_size: 'huge' is not one of: small, medium, large")
    }

    @Test func anEngagementFactMustBeTrueOrFalse() throws {
        let diagnostic = try only(ComplianceSpec.with(line: 37, "  hirer_controls_work: maybe"))
        #expect(
            diagnostic.description
                == "x.yaml:37:24: engagement.hirer_controls_work: expected true or false, found 'maybe'")
        let list = try only(ComplianceSpec.with(line: 54, "  through_platform: [yes]"))
        #expect(list.description == "x.yaml:54:21: engagement.through_platform: expected true or false, found a list")
    }

    @Test func consentMustBeAMapping() throws {
        let removeRecord: [Int: String?] = [62: "  consent: yes", 63: nil, 64: nil, 65: nil, 66: nil, 67: nil, 68: nil]
        let diagnostic = try only(ComplianceSpec.edit(removeRecord))
        #expect(
            diagnostic.description == "x.yaml:62:12: data_rights.consent: expected a mapping of fields, found 'yes'")
        let list = try only(ComplianceSpec.edit(removeRecord.merging([62: "  consent: [obtained, written]"]) { $1 }))
        #expect(list.description == "x.yaml:62:12: data_rights.consent: expected a mapping of fields, found a list")
    }

    @Test func aConsentFieldIsTypeChecked() throws {
        let flag = try only(ComplianceSpec.with(line: 65, "    withdrawable: on request"))
        #expect(
            flag.description
                == "x.yaml:65:19: data_rights.consent.withdrawable: expected true or false, found 'on request'")
        let language = try only(ComplianceSpec.with(line: 67, "    language: [Hindi, English]"))
        #expect(language.description == "x.yaml:67:15: data_rights.consent.language: expected text, found a list")
    }

    @Test func anUnknownBiometricUseListsTheAllowedValues() throws {
        let diagnostic = try only(ComplianceSpec.with(line: 61, "  biometric_use: face-id"))
        #expect(
            diagnostic.description
                == "x.yaml:61:18: data_rights.biometric_use: 'face-id' is not one of: authentication, identification, training-data"
        )
        let typo = try only(ComplianceSpec.with(line: 61, "  biometric_use: training_data"))
        #expect(typo.message.hasSuffix("; did you mean 'training-data'?"))
    }

    @Test func theNewDataRightsFlagsAreTypeChecked() throws {
        let sold = try only(ComplianceSpec.with(line: 75, "  sold_or_licensed: sometimes"))
        #expect(
            sold.description == "x.yaml:75:21: data_rights.sold_or_licensed: expected true or false, found 'sometimes'")
        let impact = try only(ComplianceSpec.with(line: 76, "  impact_assessment: 2025"))
        #expect(
            impact.description == "x.yaml:76:22: data_rights.impact_assessment: expected true or false, found '2025'")
        let health = try only(ComplianceSpec.with(line: 60, "  health_inference: \"true\""))
        #expect(
            health.description == "x.yaml:60:21: data_rights.health_inference: expected true or false, found 'true'",
            "a quoted flag is text")
    }

    @Test func governingJurisdictionsMustBeCodes() throws {
        let name = try only(ComplianceSpec.with(line: 87, "    governing_jurisdictions: [Kenya]"))
        #expect(
            name.description
                == "x.yaml:87:31: vendor.checklist.governing_jurisdictions[0]: expected an ISO 3166 code such as KE or US-CA, found 'Kenya'"
        )
        let lowercase = try only(ComplianceSpec.with(line: 87, "    governing_jurisdictions: [US-CA, ke]"))
        #expect(lowercase.message == "expected an ISO 3166 code such as KE or US-CA, found 'ke'")
        let both = try diagnostics(ComplianceSpec.with(line: 87, "    governing_jurisdictions: [Kenya, California]"))
        #expect(
            both.map(prefix) == [
                "x.yaml:87:31: vendor.checklist.governing_jurisdictions[0]",
                "x.yaml:87:38: vendor.checklist.governing_jurisdictions[1]",
            ])
        #expect(
            both.map(\.message) == [
                "expected an ISO 3166 code such as KE or US-CA, found 'Kenya'",
                "expected an ISO 3166 code such as KE or US-CA, found 'California'",
            ], "each bad code is named")
        let mapping = try only(ComplianceSpec.with(line: 87, "    governing_jurisdictions: {US: federal}"))
        #expect(
            mapping.description
                == "x.yaml:87:30: vendor.checklist.governing_jurisdictions: expected a list, found a mapping")
    }

    @Test func aBadGoverningJurisdictionIsReportedAtTheCode() throws {
        let diagnostic = try only(ComplianceSpec.with(line: 87, "    governing_jurisdictions: [US-CA, Kenya]"))
        #expect(diagnostic.message == "expected an ISO 3166 code such as KE or US-CA, found 'Kenya'")
        #expect(prefix(diagnostic) == "x.yaml:87:38: vendor.checklist.governing_jurisdictions[1]")
    }

    @Test func lastAuditMustBeARealDate() throws {
        let month = try only(ComplianceSpec.with(line: 101, "  last_audit: 2026-13-01"))
        #expect(
            month.description
                == "x.yaml:101:15: vendor.last_audit: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '2026-13-01'"
        )
        let day = try only(ComplianceSpec.with(line: 101, "  last_audit: 2026-02-29"))
        #expect(
            day.description
                == "x.yaml:101:15: vendor.last_audit: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '2026-02-29'",
            "2026 is not a leap year")
        let words = try only(ComplianceSpec.with(line: 101, "  last_audit: last spring"))
        #expect(
            words.description
                == "x.yaml:101:15: vendor.last_audit: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found 'last spring'"
        )
    }

    @Test func vendorPayIsCheckedLikeAnyPay() throws {
        let minutes = try only(
            ComplianceSpec.with(line: 81, "  worker_pay: {amount: 150, basis: per-task, currency: KES}"))
        #expect(
            minutes.description
                == "x.yaml:81:15: vendor.worker_pay.minutes_per_task: per-task pay needs the expected minutes per task to give an hourly figure"
        )
        let currency = try only(
            ComplianceSpec.with(
                line: 81, "  worker_pay: {amount: 150, basis: per-task, currency: XYZ, minutes_per_task: 6}"))
        #expect(prefix(currency) == "x.yaml:81:56: vendor.worker_pay.currency")
        #expect(currency.message.hasPrefix("no exchange rate for XYZ in the reference data"))
        let name = try only(ComplianceSpec.with(line: 78, "  name: ~"))
        #expect(name.description == "x.yaml:78:9: vendor.name: required field is empty")
    }

    @Test func aBlockThatIsNotAMappingIsReported() throws {
        let practice = try only(BaseSpec.appending("pay_practice: [platform_fee]"))
        #expect(practice.description == "x.yaml:23:15: pay_practice: expected a mapping of fields, found a list")
        let engagement = try only(BaseSpec.appending("engagement: contractor"))
        #expect(engagement.description == "x.yaml:23:13: engagement: expected a mapping of fields, found 'contractor'")
        let checklist = try only(BaseSpec.appending("vendor: {name: Acme, checklist: yes}"))
        #expect(checklist.description == "x.yaml:23:33: vendor.checklist: expected a mapping of fields, found 'yes'")
    }

    // MARK: Unknown keys

    @Test(arguments: [
        (24, "  platform_fees: 0.2", "x.yaml:24:3: pay_practice.platform_fees", "platform_fee"),
        (28, "  engagement_week: 26", "x.yaml:28:3: pay_practice.engagement_week", "engagement_weeks"),
        (37, "  hirer_control_work: true", "x.yaml:37:3: engagement.hirer_control_work", "hirer_controls_work"),
        (44, "  permanance: ongoing", "x.yaml:44:3: engagement.permanance", "permanence"),
        (59, "  biometrics: true", "x.yaml:59:3: data_rights.biometrics", "biometric"),
        (66, "    itemized_notice: true", "x.yaml:66:5: data_rights.consent.itemized_notice", "itemised_notice"),
        (75, "  sold_or_licenced: true", "x.yaml:75:3: data_rights.sold_or_licenced", "sold_or_licensed"),
        (101, "  last_audited: 2026-03-15", "x.yaml:101:3: vendor.last_audited", "last_audit"),
        (
            87, "    governing_jurisdiction: [US-CA, KE]", "x.yaml:87:5: vendor.checklist.governing_jurisdiction",
            "governing_jurisdictions"
        ),
        (97, "    unpaid_labour: false", "x.yaml:97:5: vendor.supply_chain.unpaid_labour", "unpaid_labor"),
    ])
    func aMisspelledKeySuggestsTheNearestField(line: Int, replacement: String, expected: String, suggestion: String)
        throws
    {
        let diagnostic = try only(ComplianceSpec.with(line: line, replacement))
        #expect(prefix(diagnostic) == expected)
        #expect(diagnostic.message.hasPrefix("unknown field; did you mean '\(suggestion)'? (allowed: "))
    }

    @Test func anUnknownKeyListsTheBlocksFields() throws {
        let practice = try only(ComplianceSpec.with(line: 24, "  platform_fees: 0.2"))
        #expect(practice.message.hasSuffix("(allowed: \(RoleSpecFormat.payPractice.joined(separator: ", ")))"))
        let consent = try only(ComplianceSpec.with(line: 66, "    itemized_notice: true"))
        #expect(
            consent.message.hasSuffix(
                "(allowed: obtained, written, withdrawable, itemised_notice, language, record, on_withdrawal)"))
        let checklist = try only(ComplianceSpec.with(line: 87, "    governing_jurisdiction: [US-CA, KE]"))
        #expect(checklist.message.hasSuffix("(allowed: \(RoleSpecFormat.checklist.joined(separator: ", ")))"))
    }

    @Test(arguments: [
        (35, "  tip_jar: true", "x.yaml:35:3: pay_practice.tip_jar"),
        (56, "  vibes: good", "x.yaml:56:3: engagement.vibes"),
        (68, "    witness: J. Doe", "x.yaml:68:5: data_rights.consent.witness"),
        (76, "  gdpr_article: 9", "x.yaml:76:3: data_rights.gdpr_article"),
        (80, "  rating: 4", "x.yaml:80:3: vendor.rating"),
        (94, "    iso_27001: true", "x.yaml:94:5: vendor.checklist.iso_27001"),
        (100, "    child_labour: false", "x.yaml:100:5: vendor.supply_chain.child_labour"),
    ])
    func anUnrelatedUnknownKeyGetsNoHint(line: Int, replacement: String, expected: String) throws {
        let diagnostic = try only(ComplianceSpec.with(line: line, replacement))
        #expect(prefix(diagnostic) == expected)
        #expect(diagnostic.message.hasPrefix("unknown field (allowed: "))
    }

    // MARK: Several problems at once

    @Test func everyProblemInTheNewBlocksIsReportedInLineOrder() throws {
        var changes: [Int: String?] = [
            24: "  platform_fee: 1.2",
            28: "  engagement_weeks: 0",
            37: "  hirer_controls_work: maybe",
            44: "  permanence: forever",
            61: "  biometric_use: face-id",
            87: "    governing_jurisdictions: [Kenya]",
            97: "    unpaid_labour: false",
            101: "  last_audit: 2026-13-01",
        ]
        // The consent record's lines become comments so later lines keep their numbers.
        changes.merge(ComplianceSpec.commentedOut(63...68)) { $1 }
        changes[62] = "  consent: yes"
        let found = try diagnostics(ComplianceSpec.edit(changes))
        #expect(
            found.map(prefix) == [
                "x.yaml:24:17: pay_practice.platform_fee",
                "x.yaml:28:21: pay_practice.engagement_weeks",
                "x.yaml:37:24: engagement.hirer_controls_work",
                "x.yaml:44:15: engagement.permanence",
                "x.yaml:61:18: data_rights.biometric_use",
                "x.yaml:62:12: data_rights.consent",
                "x.yaml:87:31: vendor.checklist.governing_jurisdictions[0]",
                "x.yaml:97:5: vendor.supply_chain.unpaid_labour",
                "x.yaml:101:15: vendor.last_audit",
            ])
    }

    @Test func problemsInTheNewBlocksAreReportedWithProblemsElsewhere() throws {
        let found = try diagnostics(
            ComplianceSpec.edit([12: "scope: galaxy", 24: "  platform_fee: 1.2", 101: "  last_audit: soon"]))
        #expect(
            found.map(prefix) == [
                "x.yaml:12:8: scope", "x.yaml:24:17: pay_practice.platform_fee", "x.yaml:101:15: vendor.last_audit",
            ])
    }

    // MARK: JSON

    @Test func theSameSpecAsOneJSONLineReadsToTheSameRoleSpec() throws {
        let yaml = try readSpec(ComplianceSpec.text)
        let json = try readSpec(ComplianceSpec.json, file: "in.jsonl")
        #expect(!ComplianceSpec.json.contains("\n"), "one JSON Lines record")
        #expect(json.payPractice == yaml.payPractice)
        #expect(json.engagement == yaml.engagement)
        #expect(json.dataRights == yaml.dataRights)
        #expect(json.vendor == yaml.vendor)
        #expect(content(json) == content(yaml))
        #expect(json.file == "in.jsonl")
        #expect(json.location(of: "vendor").line == 1)
    }

    @Test func aBadValueInAJSONLineIsReportedAtItsColumnInTheStream() throws {
        let text = ComplianceSpec.json.replacingOccurrences(of: #""platform_fee": 0.2"#, with: #""platform_fee": 1.2"#)
        let found = try diagnostics(text, file: "in.jsonl", lineOffset: 6)
        let column =
            try #require(text.range(of: #""platform_fee": 1.2"#)).lowerBound.utf16Offset(in: text)
            + #""platform_fee": "#.count + 1
        #expect(
            found.map(\.description) == [
                "in.jsonl:7:\(column): pay_practice.platform_fee: expected a number from 0 to 0.99, found 1.2"
            ])
    }

    @Test func severalProblemsInAJSONLineAreAllReported() throws {
        let text = ComplianceSpec.json
            .replacingOccurrences(of: #""permanence": "ongoing""#, with: #""permanence": "forever""#)
            .replacingOccurrences(of: #""consent": {"#, with: #""consent": "yes", "consent_record": {"#)
            .replacingOccurrences(of: #""last_audit": "2026-03-15""#, with: #""last_audit": "2026-13-01""#)
        let found = try diagnostics(text, file: "in.jsonl")
        #expect(
            found.map(\.field) == [
                "engagement.permanence", "data_rights.consent", "data_rights.consent_record", "vendor.last_audit",
            ])
        #expect(found.allSatisfy { $0.line == 1 && $0.file == "in.jsonl" })
        #expect(found.map(\.column) == found.map(\.column).sorted(), "in column order on the one line")
    }
}

/// The role spec's JSON Schema (`wagefile schema role`) covers the compliance blocks the
/// reader accepts, closed to unknown keys like the reader is.
@Suite struct ComplianceSpecFieldsSchemaTests {
    /// A JSON value as the rendered schema holds it, decoded independently of the renderer.
    indirect enum Value: Decodable, Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([Value])
        case object([String: Value])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let items = try? container.decode([Value].self) {
                self = .array(items)
            } else {
                self = .object(try container.decode([String: Value].self))
            }
        }

        subscript(key: String) -> Value? {
            if case .object(let members) = self { members[key] } else { nil }
        }

        var keys: Set<String> {
            if case .object(let members) = self { Set(members.keys) } else { [] }
        }

        var strings: [String] {
            if case .array(let items) = self {
                items.compactMap { if case .string(let text) = $0 { text } else { nil } }
            } else {
                []
            }
        }
    }

    /// `wagefile schema role` for the shipped reference data, parsed back from its text.
    static func schema() throws -> Value {
        let text = RoleSpecSchema.role(vocabulary: try Shipped.get().reference.vocabulary).render()
        return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
    }

    /// Asserts `object` is a closed object schema listing exactly `fields`.
    func expectClosed(
        _ object: Value?, _ fields: [String], _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let object else {
            Issue.record("\(what) is missing from the schema", sourceLocation: sourceLocation)
            return
        }
        #expect(object["type"] == .string("object"), "\(what) is an object", sourceLocation: sourceLocation)
        #expect(
            object["additionalProperties"] == .bool(false), "\(what) refuses unknown keys",
            sourceLocation: sourceLocation)
        #expect(
            object["properties"]?.keys == Set(fields), "\(what) lists every field the reader accepts",
            sourceLocation: sourceLocation)
        #expect(object["required"] == .array([]), "\(what) has no required fields", sourceLocation: sourceLocation)
    }

    @Test func theTopLevelListsTheNewBlocksAsOptional() throws {
        let schema = try Self.schema()
        let properties = try #require(schema["properties"])
        let required = try #require(schema["required"]).strings
        #expect(required.contains("worker"), "the required list is read")
        for block in ["pay_practice", "engagement", "data_rights", "vendor"] {
            #expect(properties[block] != nil, "\(block) is in the schema")
            #expect(!required.contains(block), "\(block) is optional")
        }
        #expect(schema["additionalProperties"] == .bool(false))
    }

    @Test func payPracticeIsClosedWithTheReadersRanges() throws {
        let practice = try Self.schema()["properties"]?["pay_practice"]
        expectClosed(practice, RoleSpecFormat.payPractice, "pay_practice")
        let fields = try #require(practice?["properties"])
        for share in ["platform_fee", "unpaid_search_share", "rejected_share"] {
            #expect(fields[share]?["type"] == .string("number"))
            #expect(fields[share]?["minimum"] == .number(0))
            #expect(fields[share]?["maximum"] == .number(0.99), "\(share) tops out at 0.99, as the reader does")
        }
        #expect(fields["unpaid_rework_share"]?["maximum"] == .number(10))
        #expect(fields["engagement_weeks"]?["exclusiveMinimum"] == .number(0))
        #expect(fields["engagement_weeks"]?["maximum"] == .number(520))
        for flag in RoleSpecFormat.payPracticeFlags {
            #expect(fields[flag]?["type"] == .string("boolean"), "\(flag) is a flag")
        }
    }

    @Test func theSchemaCapsThePayPracticeNumbersTheReaderCaps() throws {
        let fields = try #require(try Self.schema()["properties"]?["pay_practice"]?["properties"])
        let caps: [(field: String, maximum: Double, over: String)] = [
            ("worker_costs_per_month", 1e9, "2000000000"), ("unpaid_qualification_hours", 10_000, "20000"),
            ("unpaid_onboarding_hours", 10_000, "20000"),
        ]
        for cap in caps {
            let found = try diagnostics(BaseSpec.appending("pay_practice: {\(cap.field): \(cap.over)}"))
            #expect(
                found.map(\.message) == [
                    "expected a number from 0 to \(Format.number(cap.maximum)), found \(cap.over)"
                ], "the reader caps \(cap.field)")
            #expect(fields[cap.field]?["maximum"] == .number(cap.maximum), "\(cap.field) has the reader's maximum")
        }
    }

    @Test func engagementIsClosedWithItsChoices() throws {
        let engagement = try Self.schema()["properties"]?["engagement"]
        expectClosed(engagement, RoleSpecFormat.engagement, "engagement")
        let fields = try #require(engagement?["properties"])
        #expect(fields["permanence"]?["enum"]?.strings == ["one-off", "project", "recurring", "ongoing"])
        #expect(fields["paid_by"]?["enum"]?.strings == ["time", "output", "project"])
        #expect(fields["contract"]?["enum"]?.strings == ["employment", "worker", "contractor", "none"])
        #expect(fields["client_size"]?["enum"]?.strings == ["small", "medium", "large"])
        for flag in RoleSpecFormat.engagementFlags {
            #expect(fields[flag]?["type"] == .string("boolean"), "\(flag) is a flag")
        }
    }

    @Test func dataRightsHasAClosedConsentObject() throws {
        let dataRights = try Self.schema()["properties"]?["data_rights"]
        expectClosed(dataRights, RoleSpecFormat.dataRights, "data_rights")
        let fields = try #require(dataRights?["properties"])
        let consent = fields["consent"]
        expectClosed(
            consent, ["obtained", "written", "withdrawable", "itemised_notice", "language", "record", "on_withdrawal"],
            "data_rights.consent")
        for flag in ["obtained", "written", "withdrawable", "itemised_notice"] {
            #expect(consent?["properties"]?[flag]?["type"] == .string("boolean"))
        }
        #expect(consent?["properties"]?["language"]?["type"] == .string("string"))
        #expect(fields["biometric_use"]?["enum"]?.strings == ["authentication", "identification", "training-data"])
        for flag in ["health_inference", "sold_or_licensed", "impact_assessment"] {
            #expect(fields[flag]?["type"] == .string("boolean"), "\(flag) is a flag")
        }
    }

    @Test func theVendorChecklistAndSupplyChainAreClosed() throws {
        let vendor = try Self.schema()["properties"]?["vendor"]
        #expect(vendor?["additionalProperties"] == .bool(false))
        #expect(vendor?["properties"]?.keys == Set(RoleSpecFormat.vendor))
        #expect(vendor?["required"]?.strings == ["name"])
        let fields = try #require(vendor?["properties"])
        expectClosed(fields["checklist"], RoleSpecFormat.checklist, "vendor.checklist")
        expectClosed(fields["supply_chain"], RoleSpecFormat.supplyChain, "vendor.supply_chain")
        let jurisdictions = fields["checklist"]?["properties"]?["governing_jurisdictions"]
        #expect(jurisdictions?["type"] == .string("array"))
        #expect(jurisdictions?["items"]?["pattern"] == .string("^[A-Z]{2}(-[A-Z0-9]{1,3})?$"))
        #expect(fields["last_audit"]?["pattern"] == .string("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))
        #expect(fields["worker_pay"]?["required"]?.strings == ["amount", "basis"])
    }

    @Test func theRenderedSchemaIsStable() throws {
        let vocabulary = try Shipped.get().reference.vocabulary
        #expect(
            RoleSpecSchema.role(vocabulary: vocabulary).render() == RoleSpecSchema.role(vocabulary: vocabulary).render()
        )
    }
}
