import WorkModel

/// The budget decomposed by tier at the most likely values, the Monte Carlo spread, hiring and
/// rotation, and the cost of a useful preference pair.
public struct ProgramPlan: Sendable, Codable {
    public var schema = "wagefile.plan/v1"
    public var program: String
    public var title: String
    public var currency: String
    public var items: Int
    public var horizonWeeks: Double
    public var agreementTarget: Double
    public var autoGrader: AutoGraderLine
    public var tiers: [TierLine]
    public var total: Totals
    public var monteCarlo: MonteCarloSummary
    public var hiring: [Hiring]
    public var notes: [String]
    public var disclaimer = "Decision support: a plan from stated assumptions; every figure moves with throughput, rates and agreement."

    public struct AutoGraderLine: Sendable, Codable, Hashable {
        public var items: Double
        public var cost: Double
        public var auditedItems: Double
        public var expectedUsefulPairs: Double
    }

    public struct TierLine: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var items: Double
        public var judgments: Double
        public var hours: Double
        public var fte: Double
        public var rate: Double
        public var rateSource: String
        public var cost: Double
        public var managedCost: Double
        public var recalibrationCost: Double
        public var weeks: Double
        public var usefulShare: Double
        public var usefulPairs: Double
    }

    public struct Totals: Sendable, Codable, Hashable {
        public var cost: Double
        public var weeks: Double
        public var usefulPairs: Double
        public var costPerUsefulPair: Double?
        public var expectedAgreement: Double
        public var meetsHorizon: Bool
    }

    public struct Hiring: Sendable, Codable, Hashable {
        public var tier: String
        public var staffedNeeded: Int
        public var capacity: Int?
        public var toHire: Int
        public var leadWeeks: Double
        /// When to start: a date when the spec gives `start`, else weeks before the start.
        public var startHiring: String
    }
}

extension ProgramPlan {
    /// The plan for a spec whose rates are resolved (see `RateResolver`).
    public static func build(_ spec: ProgramSpec, rateSources: [String: String] = [:]) -> ProgramPlan {
        build(spec, rateSources: rateSources, budget: PlanBudget<Never>.unlimited)
    }

    /// As `build(_:rateSources:)`, with the Monte Carlo stopping when the budget runs out.
    public static func build<Failure>(_ spec: ProgramSpec, rateSources: [String: String] = [:], budget: PlanBudget<Failure>) throws(Failure)
        -> ProgramPlan {
        let model = PlanModel(spec)
        var lines: [TierLine] = []
        var hiring: [Hiring] = []
        var cost = model.autoCost
        var weeks = 0.0
        var useful = model.autoUseful
        for load in model.loads {
            let tier = spec.tiers[load.index]
            let result = model.tier(load, throughput: tier.throughput.mode, rate: tier.rate.mode, agreement: tier.agreement.mode)
            cost += result.cost
            weeks = max(weeks, result.weeks)
            useful += result.useful
            let managed = result.hours * tier.managedShare * tier.rate.mode * (1 + tier.managedMarkup)
            lines.append(TierLine(
                id: tier.id, name: tier.name, items: round(load.items, 1), judgments: round(load.judgments, 1), hours: round(result.hours, 1),
                fte: round(result.fte, 2), rate: round(tier.rate.mode, 2), rateSource: rateSources[tier.id] ?? "the program spec",
                cost: round(result.cost, 0), managedCost: round(managed, 0), recalibrationCost: round(result.recalibration, 0),
                weeks: round(result.weeks, 1), usefulShare: round(load.items > 0 ? result.useful / load.items : 0, 4),
                usefulPairs: round(result.useful, 0)))
            let staffed = Int((result.fte * (1 - tier.managedShare)).rounded(.up))
            let toHire = max(0, staffed - (tier.capacity ?? staffed))
            if toHire > 0 || tier.capacity == nil && staffed > 0 {
                let when: String
                if let start = spec.start {
                    when = start.adding(days: -Int((tier.hiringLeadWeeks * 7).rounded(.up))).description
                } else {
                    when = "\(Format.number(tier.hiringLeadWeeks)) weeks before the start"
                }
                hiring.append(Hiring(tier: tier.id, staffedNeeded: staffed, capacity: tier.capacity, toHire: tier.capacity == nil ? staffed : toHire,
                                     leadWeeks: tier.hiringLeadWeeks, startHiring: when))
            }
        }
        let audited = spec.auditTier != nil ? model.autoItems * spec.auditSample : 0
        let monteCarlo = try MonteCarlo.run(spec, budget: budget)
        return ProgramPlan(
            program: spec.id, title: spec.title, currency: spec.currency, items: spec.items, horizonWeeks: spec.horizonWeeks,
            agreementTarget: spec.agreementTarget,
            autoGrader: AutoGraderLine(items: round(model.autoItems, 1), cost: round(model.autoCost, 0), auditedItems: round(audited, 1),
                                       expectedUsefulPairs: round(model.autoUseful, 0)),
            tiers: lines,
            total: Totals(cost: round(cost, 0), weeks: round(weeks, 1), usefulPairs: round(useful, 0),
                          costPerUsefulPair: useful > 0 ? round(cost / useful, 4) : nil,
                          expectedAgreement: round(model.expectedAgreement(routes: spec.classes.map(\.route)), 4),
                          meetsHorizon: weeks <= spec.horizonWeeks + 1e-9),
            monteCarlo: monteCarlo,
            hiring: hiring,
            notes: [
                "Line items are at the most likely throughput, rate and agreement; the Monte Carlo draws each from its low-mode-high triangle (\(spec.draws) draws, seed \(spec.seed)).",
                "A pair is useful when the larger side holds at least \(Format.percent(spec.agreementTarget, places: 0)) of its judges' votes (one judge: when that judge is right); each judge is right with q = (1 + sqrt(2a - 1)) / 2 for pairwise agreement a. Auto-graded pairs count at their audited match rate.",
                "Managed-pool hours cost the rate plus the pool's markup; recalibration is the hours to calibrate replacements for rotating staffed reviewers, at the rate.",
                "Weeks: each tier's hours over its reviewers (capacity if stated, plus the managed pool), at \(Format.number(spec.hoursPerWeek)) h a week; the program takes as long as its slowest tier.",
            ])
    }

    static func round(_ value: Double, _ places: Int) -> Double { Format.round(value, places: places) }
}
