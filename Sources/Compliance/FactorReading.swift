public import WorkModel

/// Which way one fact points in an employee-or-contractor analysis.
public enum Leaning: String, Sendable, Hashable, Codable {
    case employee, contractor, neutral, unknown
}

/// One factor of a classification test, read from the spec's facts.
public struct FactorReading: Sendable, Hashable, Codable {
    /// Stable id: control, monitoring, schedule, instructions, training, investment,
    /// profit-or-loss, permanence, integral, skill, works-for-others, substitution, mutuality,
    /// paid-by, expenses, contract, benefits; or a composite a test names.
    public var factor: String
    public var leaning: Leaning
    public var reasoning: String
    /// The spec fields the reading needed and did not find.
    public var missing: [String]

    public init(factor: String, leaning: Leaning, reasoning: String, missing: [String] = []) {
        self.factor = factor
        self.leaning = leaning
        self.reasoning = reasoning
        self.missing = missing
    }

    /// The same reading under a test's own name for the factor, its reasoning prefixed.
    public func named(_ factor: String, prefix: String = "") -> FactorReading {
        FactorReading(factor: factor, leaning: leaning, reasoning: prefix + reasoning, missing: missing)
    }

    /// Several facts read as one factor: any fact pointing to employment makes it point there
    /// (one strong indicator of control is enough); it points to contracting only when every
    /// fact does; otherwise it is unknown.
    public static func composite(_ factor: String, _ parts: [FactorReading]) -> FactorReading {
        let employee = parts.filter { $0.leaning == .employee }
        let missing = parts.flatMap(\.missing)
        if !employee.isEmpty {
            return FactorReading(
                factor: factor, leaning: .employee, reasoning: employee.map(\.reasoning).joined(separator: "; "),
                missing: missing)
        }
        if missing.isEmpty && parts.contains(where: { $0.leaning == .contractor }) {
            return FactorReading(
                factor: factor, leaning: .contractor, reasoning: parts.map(\.reasoning).joined(separator: "; "))
        }
        if missing.isEmpty {
            return FactorReading(
                factor: factor, leaning: .neutral, reasoning: parts.map(\.reasoning).joined(separator: "; "))
        }
        let known = parts.filter { $0.leaning != .unknown }.map(\.reasoning)
        return FactorReading(
            factor: factor, leaning: .unknown,
            reasoning: (known + ["not stated: \(missing.joined(separator: ", "))"]).joined(separator: "; "),
            missing: missing)
    }
}

/// The spec's engagement facts read once, factor by factor; each test picks and weighs them.
public struct EngagementReadings: Sendable {
    public let control, monitoring, schedule, instructions, training: FactorReading
    public let investment, profitOrLoss, permanence, integral, skill, worksForOthers: FactorReading
    public let substitution, mutuality, paidBy, expenses, contract, benefits: FactorReading
    /// Facts an independent professional has: an established business of their own, a written
    /// contract, own premises and licence, advertising, own rates; and whether the hirer may
    /// end the engagement at will.
    public let ownBusiness, writtenContract, businessLocation, businessLicence, advertises, servesHirerDirectly,
        setsOwnRates, dischargeAtWill: FactorReading

    // Long because: one reading per classification factor, each a yes/no sentence pair; it reads as a table, top to bottom.
    public init(_ engagement: Engagement, protections: Protections) {
        func read(_ factor: String, _ value: Bool?, field: String, ifTrue: Leaning, yes: String, no: String)
            -> FactorReading
        {
            guard let value else {
                return FactorReading(
                    factor: factor, leaning: .unknown, reasoning: "not stated",
                    missing: [field.contains(".") ? field : "engagement.\(field)"])
            }
            let leaning: Leaning = value ? ifTrue : (ifTrue == .employee ? .contractor : .employee)
            return FactorReading(factor: factor, leaning: leaning, reasoning: value ? yes : no)
        }
        let e = engagement
        control = read(
            "control", e.hirerControlsWork, field: "hirer_controls_work", ifTrue: .employee,
            yes: "the hirer decides how the work is done", no: "the worker decides how the work is done")
        monitoring = read(
            "monitoring", e.technologyMonitoring, field: "technology_monitoring", ifTrue: .employee,
            yes: "the hirer monitors the work with technology", no: "no technology monitoring")
        schedule = read(
            "schedule", e.hirerSetsSchedule, field: "hirer_sets_schedule", ifTrue: .employee,
            yes: "the hirer sets the hours", no: "the worker sets their own hours")
        instructions = read(
            "instructions", e.detailedInstructions, field: "detailed_instructions", ifTrue: .employee,
            yes: "detailed instructions say how to do each task", no: "instructions state outcomes only")
        training = read(
            "training", e.hirerTrains, field: "hirer_trains", ifTrue: .employee,
            yes: "the hirer trains the worker in its methods", no: "the hirer does not train the worker")
        investment = read(
            "investment", e.workerInvestment, field: "worker_investment", ifTrue: .contractor,
            yes: "the worker has a significant investment of their own", no: "no significant investment by the worker")
        profitOrLoss = read(
            "profit-or-loss", e.profitOrLoss, field: "profit_or_loss", ifTrue: .contractor,
            yes: "the worker can make a profit or loss through managerial skill",
            no: "no opportunity for profit or loss beyond working more")
        integral = read(
            "integral", e.integralToBusiness, field: "integral_to_business", ifTrue: .employee,
            yes: "the work is part of the hirer's usual business", no: "the work is outside the hirer's usual business")
        skill = read(
            "skill", e.independentSkill, field: "independent_skill", ifTrue: .contractor,
            yes: "specialised skill used with business-like initiative",
            no: "no specialised skill used with business-like initiative")
        worksForOthers = read(
            "works-for-others", e.worksForOthers, field: "works_for_others", ifTrue: .contractor,
            yes: "the worker offers the same services to others as a business",
            no: "the worker does not offer the services to others")
        substitution = read(
            "substitution", e.substitutionAllowed, field: "substitution_allowed", ifTrue: .contractor,
            yes: "the worker may send a substitute", no: "the worker must do the work personally")
        mutuality = read(
            "mutuality", e.mutualityOfObligation, field: "mutuality_of_obligation", ifTrue: .employee,
            yes: "the hirer must offer work and the worker must accept it", no: "no obligation to offer or accept work")
        expenses = read(
            "expenses", e.expensesReimbursed, field: "expenses_reimbursed", ifTrue: .employee,
            yes: "the hirer reimburses expenses", no: "the worker bears their own expenses")
        switch e.permanence {
        case nil:
            permanence = FactorReading(
                factor: "permanence", leaning: .unknown, reasoning: "not stated", missing: ["engagement.permanence"])
        case .ongoing?, .recurring?:
            permanence = FactorReading(
                factor: "permanence", leaning: .employee,
                reasoning: "the relationship is \(e.permanence?.rawValue ?? "")")
        case .oneOff?, .project?:
            permanence = FactorReading(
                factor: "permanence", leaning: .contractor,
                reasoning: "the relationship is \(e.permanence?.rawValue ?? "") work")
        }
        switch e.paidBy {
        case nil:
            paidBy = FactorReading(
                factor: "paid-by", leaning: .unknown, reasoning: "not stated", missing: ["engagement.paid_by"])
        case .time?: paidBy = FactorReading(factor: "paid-by", leaning: .employee, reasoning: "paid by the hour")
        case .output?:
            paidBy = FactorReading(
                factor: "paid-by", leaning: .neutral,
                reasoning: "paid by output; piece rates are common for employees and contractors alike")
        case .project?:
            paidBy = FactorReading(factor: "paid-by", leaning: .contractor, reasoning: "paid a fixed price per project")
        }
        switch e.contract {
        case nil:
            contract = FactorReading(
                factor: "contract", leaning: .unknown, reasoning: "not stated", missing: ["engagement.contract"])
        case .employment?, .worker?:
            contract = FactorReading(
                factor: "contract", leaning: .employee,
                reasoning: "the contract describes \(e.contract == .worker ? "worker" : "employment") status")
        case .contractor?:
            contract = FactorReading(
                factor: "contract", leaning: .contractor,
                reasoning: "the contract calls the worker a contractor (the label alone does not decide; practice does)"
            )
        case .none?: contract = FactorReading(factor: "contract", leaning: .neutral, reasoning: "no written contract")
        }
        benefits = read(
            "benefits", protections.benefits, field: "protections.benefits", ifTrue: .employee,
            yes: "the worker receives employee-type benefits", no: "no employee-type benefits")
        ownBusiness = read(
            "own-business", e.ownBusiness, field: "own_business", ifTrue: .contractor,
            yes: "the worker runs an established practice or business of their own",
            no: "the worker has no established business of their own")
        writtenContract = read(
            "written-contract", e.writtenContract, field: "written_contract", ifTrue: .contractor,
            yes: "a written contract states the services, rate and payment date",
            no: "no written contract with the services, rate and payment date")
        businessLocation = read(
            "business-location", e.businessLocation, field: "business_location", ifTrue: .contractor,
            yes: "the worker has a business location of their own",
            no: "the worker has no business location separate from the hirer's")
        businessLicence = read(
            "business-licence", e.businessLicence, field: "business_licence", ifTrue: .contractor,
            yes: "the worker holds the business licence the work requires",
            no: "the worker lacks a required business licence")
        advertises = read(
            "advertises", e.advertisesServices, field: "advertises_services", ifTrue: .contractor,
            yes: "the worker advertises the services to the public", no: "the worker does not advertise the services")
        servesHirerDirectly = read(
            "serves-hirer-directly", e.servesHirerDirectly, field: "serves_hirer_directly", ifTrue: .contractor,
            yes: "the services go to the hirer itself", no: "the services go to the hirer's customers")
        setsOwnRates = read(
            "sets-own-rates", e.setsOwnRates, field: "sets_own_rates", ifTrue: .contractor,
            yes: "the worker sets or negotiates their own rates", no: "the hirer sets the rate")
        dischargeAtWill = read(
            "discharge-at-will", e.dischargeAtWill, field: "discharge_at_will", ifTrue: .employee,
            yes: "the hirer may end the engagement at will, without cause",
            no: "the engagement ends only on its terms (cause, notice or completion)")
    }
}
