public import WorkModel

/// The role spec's JSON Schema (draft 2020-12), built from the same field lists and reference
/// vocabulary the reader checks, so editors validate exactly what `wagefile check` accepts.
public enum RoleSpecSchema {
    /// A JSON value small enough to build schemas with and print deterministically.
    public indirect enum JSON: Sendable, Hashable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case array([JSON])
        case object([(String, JSON)])

        public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.render() == rhs.render() }
        public func hash(into hasher: inout Hasher) { hasher.combine(render()) }

        public func render(indent: Int = 0) -> String {
            let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
            switch self {
            case .string(let text): return Self.quote(text)
            case .number(let value): return Format.number(value, maxPlaces: 6)
            case .bool(let value): return value ? "true" : "false"
            case .array(let items):
                if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                    return "[" + items.map { $0.render() }.joined(separator: ", ") + "]"
                }
                return "[\n" + items.map { pad + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n\(end)]"
            case .object(let pairs):
                if pairs.isEmpty { return "{}" }
                return "{\n"
                    + pairs.map { pad + Self.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(
                        separator: ",\n") + "\n\(end)}"
            }
        }

        static func quote(_ text: String) -> String { Format.jsonString(text) }
    }

    public static func role(vocabulary: Vocabulary) -> JSON { RoleSchemaSections(vocabulary: vocabulary).role() }
}

/// The role spec's schema, one function per section of the spec a reviewer fills in.
struct RoleSchemaSections {
    typealias JSON = RoleSpecSchema.JSON
    let vocabulary: Vocabulary

    func text(_ description: String) -> JSON {
        .object([("type", .string("string")), ("description", .string(description))])
    }
    func choice(_ values: [String], _ description: String) -> JSON {
        .object([
            ("type", .string("string")), ("enum", .array(values.map(JSON.string))),
            ("description", .string(description)),
        ])
    }
    func flag(_ description: String) -> JSON {
        .object([("type", .string("boolean")), ("description", .string(description))])
    }
    func number(_ description: String, minimum: Double? = nil, exclusiveMinimum: Double? = nil, maximum: Double? = nil)
        -> JSON
    {
        var pairs: [(String, JSON)] = [("type", .string("number")), ("description", .string(description))]
        if let minimum { pairs.append(("minimum", .number(minimum))) }
        if let exclusiveMinimum { pairs.append(("exclusiveMinimum", .number(exclusiveMinimum))) }
        if let maximum { pairs.append(("maximum", .number(maximum))) }
        return .object(pairs)
    }
    func object(_ fields: [String], _ properties: [String: JSON], required: [String] = [], description: String) -> JSON
    {
        .object([
            ("type", .string("object")), ("description", .string(description)),
            ("properties", .object(fields.compactMap { key in properties[key].map { (key, $0) } })),
            ("required", .array(required.map(JSON.string))), ("additionalProperties", .bool(false)),
        ])
    }
    func levels(_ factor: String, _ description: String) -> JSON {
        choice(vocabulary.factorLevels[factor] ?? [], description)
    }

    /// Pay as quoted: an offer, a bill rate, a vendor's worker pay or a candidate's pay.
    var pay: JSON {
        object(
            RoleSpecFormat.pay,
            [
                "amount": number("Amount per basis unit", minimum: 0),
                "basis": choice(PayBasis.allCases.map(\.rawValue), "How the amount is quoted"),
                "currency": .object([
                    ("type", .string("string")), ("pattern", .string("^[A-Z]{3}$")),
                    ("description", .string("ISO 4217 code; defaults to the spec's currency")),
                ]),
                "minutes_per_task": number("Expected minutes per task; required for per-task pay", exclusiveMinimum: 0),
            ], required: ["amount", "basis"], description: "Pay as quoted")
    }

    // Long because: the role section of the JSON Schema written out as data.
    func role() -> JSON {
        let builtIn = Set(RoleSpecFormat.factorFields.map(\.factor))
        let extraFactors = vocabulary.factorOrder.filter { !builtIn.contains($0) }
        let properties: [String: JSON] = [
            "spec": choice([RoleSpecFormat.schemaTag], "Format tag"),
            "id": .object([
                ("type", .string("string")), ("pattern", .string("^[A-Za-z0-9._-]{1,120}$")),
                ("description", .string("Stable identifier")),
            ]),
            "kind": choice(
                SpecKind.allCases.map(\.rawValue), "A role you fill, or a contract bought from a vendor (default role)"),
            "title": text("The title as posted; the tasks, not the title, decide the layer"),
            "judgment": object(
                RoleSpecFormat.judgment,
                [
                    "purchased": text("Question 1: what human judgment is bought"),
                    "type": levels("judgment", "Complexity factor: judgment type"),
                ], required: ["purchased", "type"], description: "What judgment is bought"),
            "tasks": .object([
                ("type", .string("array")), ("minItems", .number(1)),
                ("description", .string("The tasks and their share of working time")),
                (
                    "items",
                    .object([
                        (
                            "oneOf",
                            .array([
                                choice(vocabulary.taskKinds, "A task kind; shares split evenly"),
                                object(
                                    RoleSpecFormat.task,
                                    [
                                        "task": choice(vocabulary.taskKinds, "Task kind"),
                                        "share": number("Share of working time", exclusiveMinimum: 0, maximum: 1),
                                        "note": text("Free text"),
                                    ], required: ["task"], description: "A task with its share"),
                            ])
                        )
                    ])
                ),
            ]),
            "direction": choice(
                Direction.allCases.map(\.rawValue), "Question 2: train, evaluate, deploy or physical-data"),
            "category": choice(vocabulary.categories, "Job category; inferred from the tasks when absent"),
            "expertise": .object([
                (
                    "oneOf",
                    .array([
                        levels("expertise", "Complexity factor: expertise"),
                        object(
                            RoleSpecFormat.expertise,
                            [
                                "level": levels("expertise", "Complexity factor: expertise"),
                                "domain": text("Domain, e.g. medicine"),
                                "credential": text("Credential required, e.g. MD"),
                            ], required: ["level"], description: "Question 4"),
                    ])
                )
            ]),
            "scope": levels("scope", "Complexity factor: scope"),
            "modality": levels("modality", "Complexity factor: modality"),
            "language": .object([
                (
                    "oneOf",
                    .array([
                        levels("language", "Complexity factor: language scarcity"),
                        object(
                            RoleSpecFormat.language,
                            [
                                "name": text("Language"),
                                "scarcity": levels("language", "Complexity factor: language scarcity"),
                            ], required: ["scarcity"], description: "Language of the work"),
                    ])
                )
            ]),
            "consequences": object(
                RoleSpecFormat.consequences,
                [
                    "if_wrong": text("Question 3 in your words"),
                    "impact": levels("impact", "Consequence factor: error impact"),
                ], required: ["impact"], description: "What happens if the work is wrong"),
            "authority": levels("authority", "Consequence factor: authority"),
            "data_sensitivity": levels("data_sensitivity", "Consequence factor: data sensitivity"),
            "content_exposure": levels("content_exposure", "Working-conditions factor: harmful content exposure"),
            "night_work": levels("night_work", "Working-conditions factor: night work (default: none)"),
            "physical_strain": levels("physical_strain", "Effort factor: physical strain (default: sedentary)"),
            "factors": object(
                extraFactors,
                Dictionary(
                    uniqueKeysWithValues: extraFactors.map { ($0, levels($0, "Factor from your own factor tables")) }),
                required: extraFactors, description: "Levels for factors added to the factor tables"),
            "worker": worker(),
            "currency": choice(vocabulary.currencies, "Currency of the band and the offer"),
            "offered": pay,
            "protections": object(
                RoleSpecFormat.protections,
                Dictionary(uniqueKeysWithValues: RoleSpecFormat.protections.map { ($0, flag("Question 7")) }),
                description: "Protections the offer includes"),
            "data_rights": dataRights(),
            "pay_practice": payPractice(),
            "engagement": engagement(),
            "internal_candidates": internalCandidates(),
            "budget_owner": text(
                "Question 10: the budget that owns the work, e.g. " + vocabulary.budgetOwners.joined(separator: ", ")),
            "governance_owner": text("Overrides the layer's default governance owner"),
            "vendor": vendor(),
            "posting": posting(),
            "notes": text("Free text"),
        ]
        var required = ["id", "title", "judgment", "tasks", "direction", "worker", "currency"]
        required += RoleSpecFormat.factorFields.filter {
            vocabulary.factorLevels[$0.factor] != nil && vocabulary.factorDefaults[$0.factor] == nil
                && !["judgment", "expertise", "language", "impact"].contains($0.factor)
        }.map(\.path)
        required += ["expertise", "language", "consequences"]
        if !extraFactors.isEmpty { required.append("factors") }
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://wagefile.dev/schema/role-v1.json")),
            ("title", .string("Wagefile role spec (\(RoleSpecFormat.schemaTag))")),
            ("type", .string("object")),
            ("properties", .object(RoleSpecFormat.topLevel.compactMap { key in properties[key].map { (key, $0) } })),
            ("required", .array(required.map(JSON.string))),
            ("additionalProperties", .bool(false)),
        ])
    }

    /// Who does the work and where: status, jurisdiction, hours and the wage-order tier.
    func worker() -> JSON {
        object(
            RoleSpecFormat.worker,
            [
                "status": choice(WorkerStatus.allCases.map(\.rawValue), "Question 5: worker status"),
                "jurisdiction": .object([
                    ("type", .string("string")), ("pattern", .string("^[A-Z]{2}(-[A-Z0-9]{1,3})?$")),
                    ("description", .string("ISO 3166 code, e.g. KE, US-CA, IN-HR")),
                ]),
                "location": text("City or site"),
                "headcount": .object([
                    ("type", .string("integer")), ("minimum", .number(1)),
                    ("description", .string("Workers on this role or contract")),
                ]),
                "hours_per_week": number("Contracted hours per week", exclusiveMinimum: 0, maximum: 168),
                "hours_per_day": number("Hours in a paid day", exclusiveMinimum: 0, maximum: 24),
                "skill_level": .object([
                    ("type", .string("string")), ("pattern", .string("^[a-z0-9]+(-[a-z0-9]+)*$")),
                    (
                        "description",
                        .string(
                            "Skill tier of the wage order, e.g. unskilled, semi-skilled-a, skilled-a, highly-skilled (Haryana); lowest tier assumed when absent"
                        )
                    ),
                ]),
                "occupation": .object([
                    ("type", .string("string")), ("pattern", .string("^[a-z0-9]+(-[a-z0-9]+)*$")),
                    (
                        "description",
                        .string(
                            "Occupation named by the wage order, e.g. general-labourer, night-watchman (Kenya); lowest tier assumed when absent"
                        )
                    ),
                ]),
                "overtime_exemption": choice(
                    Worker.OvertimeExemptionClass.allCases.map(\.rawValue),
                    "The white-collar overtime exemption relied on when overtime is not paid"),
                "exempt_duties_met": flag(
                    "The primary duty meets the duties test of that exemption, as the employer's review found"),
            ], required: ["status", "jurisdiction"], description: "Who does the work and where")
    }

    /// Question 8: consent, payment and use when the work records the worker, and the data payment.
    func dataRights() -> JSON {
        object(
            RoleSpecFormat.dataRights,
            [
                "worker_data_recorded": flag(
                    "The work records the worker or generates data from their body or behaviour"),
                "biometric": flag("The recordings are biometric data"),
                "health_inference": flag("The data is processed to identify the worker's health or infer it"),
                "biometric_use": choice(
                    DataRights.BiometricUse.allCases.map(\.rawValue), "What biometric data is used for"),
                "consent": object(
                    RoleSpecFormat.consent,
                    [
                        "obtained": flag("Consent was obtained"), "written": flag("A signed written release"),
                        "withdrawable": flag("Withdrawable as easily as given"),
                        "itemised_notice": flag("Notice lists each purpose and the retention period"),
                        "language": text("Language of the notice"), "record": text("Where the consent record is kept"),
                        "on_withdrawal": choice(
                            Consent.OnWithdrawal.allCases.map(\.rawValue),
                            "What happens to recordings already captured when consent is withdrawn"),
                    ], description: "The consent record"),
                "can_refuse_without_penalty": flag("The worker can refuse recording without losing work or pay"),
                "paid_directly": flag("The worker, not only the facility, is paid for the data"),
                "downstream_use_disclosed": flag("Downstream use of the data is disclosed to the worker"),
                "secondary_use_limits": flag("Secondary use is limited by contract"),
                "retention": text("Retention rule, e.g. deleted 3 years after last contact"),
                "benefit_sharing": flag("Workers share in the value of the dataset"),
                "sold_or_licensed": flag("The recordings are sold or licensed to others"),
                "impact_assessment": flag("A data-protection impact assessment was done"),
                "emotion_inference": flag(
                    "The recordings are used to infer the worker's emotions (EU AI Act Art. 5(1)(f))"),
                "payment": object(
                    RoleSpecFormat.dataPayment,
                    [
                        "currency": choice(vocabulary.currencies, "Currency of the amounts; the spec's when absent"),
                        "recorded_hours_per_week": number(
                            "Hours of recording each worker produces a week", minimum: 0, maximum: 168),
                        "buyer_pays": object(
                            RoleSpecFormat.buyerPays,
                            [
                                "per_footage_hour": number(
                                    "What the buyer pays per hour of footage", minimum: 0, maximum: 1e12),
                                "per_licence": number("What the buyer pays per licence", minimum: 0, maximum: 1e12),
                                "licence_footage_hours": number(
                                    "Hours of footage one licence covers", exclusiveMinimum: 0, maximum: 1e9),
                            ], description: "What the buyer pays for the footage"),
                        "worker": object(
                            RoleSpecFormat.workerDataPay,
                            [
                                "per_recorded_hour": number(
                                    "Paid to the worker per recorded hour", minimum: 0, maximum: 1e12),
                                "per_consent": number(
                                    "A one-off sum to the worker for consent", minimum: 0, maximum: 1e12),
                                "share_of_sale": number(
                                    "The worker's share of what the buyer pays", minimum: 0, maximum: 1),
                                "royalty_share": number(
                                    "The worker's share of later licensing revenue", minimum: 0, maximum: 1),
                                "paid_to_worker": flag(
                                    "Paid to the worker directly, not to the facility on their behalf"),
                            ], description: "What each recorded worker receives for the data"),
                        "facility": object(
                            RoleSpecFormat.facilityDataPay,
                            [
                                "access_fee_per_month": number(
                                    "What the facility or vendor receives for access, a month", minimum: 0,
                                    maximum: 1e12),
                                "share_of_sale": number(
                                    "The facility's share of what the buyer pays", minimum: 0, maximum: 1),
                            ], description: "What the facility or vendor receives"),
                        "fund": object(
                            RoleSpecFormat.fund,
                            [
                                "name": text("The worker council or fund"),
                                "share_of_sale": number("Its share of what the buyer pays", minimum: 0, maximum: 1),
                            ], description: "A worker council or fund's share"),
                    ], description: "The data payment, apart from the wage"),
            ], description: "Question 8: data rights when the work records the worker")
    }

    /// Question 6: how the work is really paid, for effective pay.
    func payPractice() -> JSON {
        object(
            RoleSpecFormat.payPractice,
            [
                "platform_fee": number(
                    "Share of gross pay kept by the platform or paid by the worker", minimum: 0, maximum: 0.99),
                "worker_costs_per_month": number(
                    "Costs the worker bears per month, in the spec currency", minimum: 0, maximum: 1e9),
                "unpaid_qualification_hours": number(
                    "Unpaid qualification and test hours", minimum: 0, maximum: 10_000),
                "unpaid_onboarding_hours": number("Unpaid onboarding and training hours", minimum: 0, maximum: 10_000),
                "engagement_weeks": number(
                    "Expected engagement the one-off hours spread over", exclusiveMinimum: 0, maximum: 520),
                "unpaid_search_share": number(
                    "Share of all working time spent searching for tasks or idle, unpaid", minimum: 0, maximum: 0.99),
                "rejected_share": number("Share of submitted work rejected", minimum: 0, maximum: 0.99),
                "rejected_paid": flag("Rejected work is paid"),
                "unpaid_rework_share": number("Unpaid rework as a share of task time", minimum: 0, maximum: 10),
                "paid_on_time": flag("Fairwork Fair Pay 1: paid on time"),
                "rejection_process": flag("Fairwork Fair Pay 1: a clear rejection process with reasons and appeal"),
                "task_time_estimate_shown": flag(
                    "Fairwork Fair Pay 2: per-task pay shows a task-time estimate before acceptance"),
                "one_off_timing": choice(
                    PayPractice.OneOffTiming.allCases.map(\.rawValue),
                    "When the one-off unpaid hours fall (default: first-week, for the per-workweek minimum-wage check)"),
            ], description: "Question 6: how the work is really paid, for effective pay")
    }

    /// Question 5: the facts the classification tests read.
    func engagement() -> JSON {
        object(
            RoleSpecFormat.engagement,
            [
                "hirer_controls_work": flag("The hirer decides how the work is done"),
                "technology_monitoring": flag("The hirer monitors the work with technology"),
                "hirer_sets_schedule": flag("The hirer sets hours or shifts"),
                "detailed_instructions": flag("Detailed guidelines say how to do each task"),
                "hirer_trains": flag("The hirer trains the worker in its methods"),
                "worker_investment": flag("The worker has a significant investment of their own"),
                "profit_or_loss": flag("The worker can make a profit or loss through managerial skill"),
                "permanence": choice(Engagement.Permanence.allCases.map(\.rawValue), "How lasting the relationship is"),
                "integral_to_business": flag("The work is part of the hirer's usual course of business"),
                "independent_skill": flag("Specialised skill used with business-like initiative"),
                "works_for_others": flag("The worker offers the same services to others as a business"),
                "substitution_allowed": flag("The worker may send a substitute"),
                "mutuality_of_obligation": flag("The hirer must offer work and the worker must accept it"),
                "paid_by": choice(Engagement.PaidBy.allCases.map(\.rawValue), "How the worker is paid"),
                "expenses_reimbursed": flag("The hirer reimburses expenses"),
                "contract": choice(
                    Engagement.ContractLabel.allCases.map(\.rawValue),
                    "What the written contract calls the relationship"),
                "client_size": choice(
                    Engagement.ClientSize.allCases.map(\.rawValue), "Client size under the UK off-payroll rules"),
                "through_platform": flag("The work is organised through a digital labour platform"),
                "through_intermediary": flag("The worker supplies services through their own company"),
                "automated_deactivation": flag("Accounts can be suspended by an automated system without human review"),
                "own_business": flag("The worker runs an independently established practice or business of their own"),
                "written_contract": flag("A written contract states the services, the rate and when payment is due"),
                "business_location": flag("The worker keeps a business location separate from the hirer's"),
                "business_licence": flag("The worker holds any business licence the work requires"),
                "advertises_services": flag("The worker advertises the services to the public"),
                "serves_hirer_directly": flag("The services go to the hirer itself, not to the hirer's customers"),
                "sets_own_rates": flag("The worker sets or negotiates their own rates"),
                "discharge_at_will": flag("The hirer may end the engagement at will, without cause"),
                "licensed_profession": choice(
                    Engagement.LicensedProfession.allCases.map(\.rawValue),
                    "Licensed profession practised in this work (California Lab. Code 2783)"),
                "california_exemption": choice(
                    Engagement.CaliforniaExemption.allCases.map(\.rawValue),
                    "California ABC-test exemption relied on (Lab. Code 2776, 2778)"),
                "payment_due_days": number(
                    "Days after completion by which the contract pays", minimum: 0, maximum: 3650),
            ], description: "Question 5: the facts the classification tests read")
    }

    /// Question 9: people already doing the work, with their pay.
    func internalCandidates() -> JSON {
        .object([
            ("type", .string("array")),
            (
                "items",
                object(
                    RoleSpecFormat.candidate,
                    [
                        "name": text("Who"), "title": text("Current title"),
                        "layer": choice(WorkLayer.allCases.map(\.rawValue), "Layer of the work they do now"),
                        "pay": pay,
                        "evidence": .object([
                            ("type", .string("array")), ("items", .object([("type", .string("string"))])),
                        ]),
                    ], required: ["name"], description: "Question 9")
            ),
        ])
    }

    /// A vendor contract: the bill rate, worker pay, the procurement checklist and the audit.
    func vendor() -> JSON {
        object(
            RoleSpecFormat.vendor,
            [
                "name": text("Vendor"), "bill_rate": pay,
                "worker_pay_disclosed": flag("Does the vendor disclose worker pay?"),
                "worker_pay": pay,
                "checklist": object(
                    RoleSpecFormat.checklist,
                    [
                        "worker_status_known": flag(
                            "You know which workers are vendor employees, contractors, agency or platform workers"),
                        "assessments_paid": flag("Screening and assessments are paid"),
                        "unpaid_qualification": flag("Unpaid qualification work is used"),
                        "rejection_erases_work": flag("A task rejection can erase completed work without pay"),
                        "governing_jurisdictions": .object([
                            ("type", .string("array")),
                            (
                                "items",
                                .object([
                                    ("type", .string("string")), ("pattern", .string("^[A-Z]{2}(-[A-Z0-9]{1,3})?$")),
                                ])
                            ), ("description", .string("Jurisdictions that govern the contract")),
                        ]),
                        "minimum_wage_assured": flag("The vendor assures at least the local minimum wage"),
                        "overtime_paid": flag("Overtime is paid"),
                        "benefits_and_leave": flag("Benefits and leave are provided"),
                        "complaints_channel": flag("Workers have a complaints channel"),
                        "payment_dispute_process": flag("Workers can dispute payment decisions"),
                        "harmful_content_safeguards": flag("Harmful-content exposure is limited and supported"),
                        "buyer_controls_work": flag("Your own instructions control how the vendor's workers work"),
                    ], description: "The procurement checklist"),
                "supply_chain": object(
                    RoleSpecFormat.supplyChain,
                    [
                        "low_wages": flag("Audit found low wages"), "unpaid_labor": flag("Audit found unpaid labour"),
                        "unsafe_conditions": flag("Audit found unsafe conditions"),
                        "weak_transparency": flag("Audit found weak transparency"),
                        "limited_remedy": flag("Audit found limited remedy channels"),
                    ], description: "Supply-chain risks found (true), checked and absent (false)"),
                "last_audit": .object([
                    ("type", .string("string")), ("pattern", .string("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")),
                    ("description", .string("Date of the last audit")),
                ]),
            ], required: ["name"], description: "For vendor contracts")
    }

    /// The job advertisement, for the pay-transparency laws.
    func posting() -> JSON {
        object(
            RoleSpecFormat.posting,
            [
                "advertised": flag(
                    "The role is or will be advertised (the pay-range posting laws apply to advertisements)"),
                "range": object(
                    RoleSpecFormat.postedRange,
                    [
                        "min": number("Lowest pay the advertisement states", minimum: 0),
                        "max": number("Highest pay the advertisement states", minimum: 0),
                        "basis": choice(
                            PayBasis.allCases.filter { $0 != .perTask }.map(\.rawValue), "Basis of the range"),
                    ], required: ["min", "max", "basis"],
                    description: "The range the advertisement carries, in the spec's currency"),
                "employer_employees": .object([
                    ("type", .string("integer")), ("minimum", .number(1)),
                    ("description", .string("The employer's headcount, for the laws' size thresholds")),
                ]),
            ], description: "The job advertisement, for the pay-transparency laws")
    }
}
