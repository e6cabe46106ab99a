/// The role spec format's field names, in one place so the reader and the JSON Schema agree.
public enum RoleSpecFormat {
    public static let schemaTag = "wagefile.role/v1"

    public static let topLevel = [
        "spec", "id", "kind", "title", "judgment", "tasks", "direction", "category", "expertise", "scope",
        "modality", "language", "consequences", "authority", "data_sensitivity", "content_exposure", "night_work",
        "physical_strain", "factors",
        "worker", "engagement", "currency", "offered", "pay_practice", "protections", "data_rights",
        "internal_candidates", "budget_owner",
        "governance_owner", "vendor", "posting", "notes",
    ]
    public static let posting = ["advertised", "range", "employer_employees"]
    public static let postedRange = ["min", "max", "basis"]
    public static let judgment = ["purchased", "type"]
    public static let task = ["task", "share", "note"]
    public static let expertise = ["level", "domain", "credential"]
    public static let language = ["name", "scarcity"]
    public static let consequences = ["if_wrong", "impact"]
    public static let worker = [
        "status", "jurisdiction", "location", "headcount", "hours_per_week", "hours_per_day", "skill_level",
        "occupation",
        "overtime_exemption", "exempt_duties_met",
    ]
    public static let pay = ["amount", "basis", "currency", "minutes_per_task"]
    public static let protections = [
        "benefits", "overtime", "paid_qualification", "payment_dispute_process", "wellbeing_support",
        "safety_training",
    ]
    public static let dataRights = [
        "worker_data_recorded", "biometric", "health_inference", "biometric_use", "consent",
        "can_refuse_without_penalty",
        "paid_directly", "downstream_use_disclosed", "secondary_use_limits", "retention", "benefit_sharing",
        "sold_or_licensed", "impact_assessment", "emotion_inference", "payment",
    ]
    public static let consent = [
        "obtained", "written", "withdrawable", "itemised_notice", "language", "record", "on_withdrawal",
    ]
    public static let dataPayment = ["currency", "recorded_hours_per_week", "buyer_pays", "worker", "facility", "fund"]
    public static let buyerPays = ["per_footage_hour", "per_licence", "licence_footage_hours"]
    public static let workerDataPay = [
        "per_recorded_hour", "per_consent", "share_of_sale", "royalty_share", "paid_to_worker",
    ]
    public static let facilityDataPay = ["access_fee_per_month", "share_of_sale"]
    public static let fund = ["name", "share_of_sale"]
    /// Effective-pay inputs: fee, search and rejected shares are 0 to 0.99 (some time must be
    /// paid); rework may exceed the task time itself, up to 10x; hours and weeks are non-negative.
    public static let payPracticeShares = [
        "platform_fee", "unpaid_search_share", "rejected_share", "unpaid_rework_share",
    ]
    public static let payPracticeAmounts = [
        "worker_costs_per_month", "unpaid_qualification_hours", "unpaid_onboarding_hours", "engagement_weeks",
    ]
    public static let payPracticeFlags = [
        "rejected_paid", "paid_on_time", "rejection_process", "task_time_estimate_shown",
    ]
    public static let payPracticeChoices = ["one_off_timing"]
    public static var payPractice: [String] {
        payPracticeShares + payPracticeAmounts + payPracticeFlags + payPracticeChoices
    }
    public static let engagementFlags = [
        "hirer_controls_work", "technology_monitoring", "hirer_sets_schedule", "detailed_instructions", "hirer_trains",
        "worker_investment", "profit_or_loss", "integral_to_business", "independent_skill", "works_for_others",
        "substitution_allowed", "mutuality_of_obligation", "expenses_reimbursed", "through_platform",
        "through_intermediary", "automated_deactivation", "own_business", "written_contract", "business_location",
        "business_licence", "advertises_services", "serves_hirer_directly", "sets_own_rates", "discharge_at_will",
    ]
    public static let engagementChoices = [
        "permanence", "paid_by", "contract", "client_size", "licensed_profession", "california_exemption",
    ]
    public static let engagementNumbers = ["payment_due_days"]
    public static var engagement: [String] { engagementFlags + engagementChoices + engagementNumbers }
    public static let checklistFlags = [
        "worker_status_known", "assessments_paid", "unpaid_qualification", "rejection_erases_work",
        "minimum_wage_assured",
        "overtime_paid", "benefits_and_leave", "complaints_channel", "payment_dispute_process",
        "harmful_content_safeguards", "buyer_controls_work",
    ]
    public static var checklist: [String] { checklistFlags + ["governing_jurisdictions"] }
    public static let supplyChain = [
        "low_wages", "unpaid_labor", "unsafe_conditions", "weak_transparency", "limited_remedy",
    ]
    public static let candidate = ["name", "title", "layer", "pay", "evidence"]
    public static let vendor = [
        "name", "bill_rate", "worker_pay_disclosed", "worker_pay", "checklist", "supply_chain", "last_audit",
    ]

    /// Where each built-in evaluation factor is written in a spec. Factors a user adds to the
    /// factor tables are written under `factors:` by their id.
    public static let factorFields: [(factor: String, path: String)] = [
        ("judgment", "judgment.type"),
        ("expertise", "expertise.level"),
        ("scope", "scope"),
        ("modality", "modality"),
        ("language", "language.scarcity"),
        ("impact", "consequences.impact"),
        ("authority", "authority"),
        ("data_sensitivity", "data_sensitivity"),
        ("content_exposure", "content_exposure"),
        ("night_work", "night_work"),
        ("physical_strain", "physical_strain"),
    ]

    public static func fieldPath(ofFactor factor: String) -> String {
        factorFields.first { $0.factor == factor }?.path ?? "factors.\(factor)"
    }

    /// ISO 3166-1 alpha-2 with an optional subdivision: `US`, `US-CA`, `IN-HR`.
    public static func isJurisdiction(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 2,
            parts[0].allSatisfy({ $0.isASCII && $0.isUppercase })
        else { return false }
        if parts.count == 2 {
            return (1...3).contains(parts[1].count)
                && parts[1].allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
        }
        return true
    }

    public static func isCurrencyCode(_ text: String) -> Bool {
        text.count == 3 && text.allSatisfy { $0.isASCII && $0.isUppercase }
    }
}
