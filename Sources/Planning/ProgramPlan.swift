import WorkModel

/// The budget decomposed by tier at the most likely values, the Monte Carlo spread, hiring and
/// rotation, and the cost of a useful preference pair.
package struct ProgramPlan: Sendable, Codable {
    package var schema = "wagefile.plan/v2"
    package var program: String
    package var title: String
    package var currency: String
    package var items: Int
    package var horizonWeeks: Double
    package var agreementTarget: Double
    /// When a judged pair counts as useful (`useful_pair` in the program), in words.
    package var usefulPairRule: String
    package var autoGrader: AutoGraderLine
    package var tiers: [TierLine]
    /// Cost and useful pairs per difficulty class, the audit's cost with the classes it checks.
    package var classes: [ClassLine]
    package var total: Totals
    package var monteCarlo: MonteCarloSummary
    /// The point total and the Monte Carlo's spread, reconciled in words.
    package var reconciliation: String
    package var findings: [PlanFinding]
    package var cheaperRouting: CheaperRouting?
    package var routingNote: String
    /// The tornado: the total with each uncertain input at its low and high end, largest swing first.
    package var sensitivity: [SensitivityLine]
    package var hiring: [Hiring]
    package var notes: [String]
    package var disclaimer =
        "Decision support: a plan from stated assumptions; every figure moves with throughput, rates and agreement."

    package struct AutoGraderLine: Sendable, Codable, Hashable {
        package var items: Double
        package var cost: Double
        package var auditedItems: Double
        package var expectedUsefulPairs: Double
        /// What the audit sample costs the tier that checks it, part of that tier's cost.
        package var auditCost: Double
        /// (Auto-grader cost + audit cost) / its useful pairs.
        package var costPerUsefulPair: Double?
    }

    package struct TierLine: Sendable, Codable, Hashable {
        package var id: String
        package var name: String
        package var items: Double
        package var judgments: Double
        package var hours: Double
        package var fte: Double
        package var rate: Double
        package var rateSource: String
        package var cost: Double
        package var managedCost: Double
        package var recalibrationCost: Double
        package var weeks: Double
        package var usefulShare: Double
        package var usefulPairs: Double
        /// Audit-sample items the tier checks (in `items`) and their cost (in `cost`); they add no pairs.
        package var auditItems: Double
        package var auditCost: Double
        /// (Cost - audit cost) / useful pairs: what a pair bought on this tier costs.
        package var costPerUsefulPair: Double?
        /// The tier's most likely pairwise agreement and where it came from.
        package var agreement: Double
        package var agreementSource: String
    }

    package struct Totals: Sendable, Codable, Hashable {
        package var cost: Double
        package var weeks: Double
        package var usefulPairs: Double
        package var costPerUsefulPair: Double?
        /// What the next thousand useful pairs cost at this routing.
        package var marginalCostPerThousandPairs: Double?
        package var expectedAgreement: Double
        package var meetsHorizon: Bool
    }

    package struct Hiring: Sendable, Codable, Hashable {
        package var tier: String
        package var staffedNeeded: Int
        package var capacity: Int?
        package var toHire: Int
        package var leadWeeks: Double
        /// When to start: a date when the spec gives `start`, else weeks before the start.
        package var startHiring: String
    }
}

extension ProgramPlan {
    /// The plan for a spec whose rates are resolved (see `RateResolver`).
    package static func build(
        _ spec: ProgramSpec, rateSources: [String: String] = [:], agreementSources: [String: String] = [:]
    ) -> ProgramPlan {
        build(spec, rateSources: rateSources, agreementSources: agreementSources, budget: PlanBudget<Never>.unlimited)
    }

    // Long because: prices every tier at its most likely values, then sets the audit, Monte Carlo and routing figures beside them; the plan quotes each tier line and its totals together.
    /// As `build(_:rateSources:)`, with the Monte Carlo stopping when the budget runs out.
    package static func build<Failure>(
        _ spec: ProgramSpec, rateSources: [String: String] = [:], agreementSources: [String: String] = [:],
        budget: PlanBudget<Failure>
    ) throws(Failure)
        -> ProgramPlan
    {
        let model = PlanModel(spec)
        var lines: [TierLine] = []
        var hiring: [Hiring] = []
        var tierCosts: [Double] = []
        var tierUseful: [Double] = []
        var cost = model.autoCost
        var weeks = 0.0
        var useful = model.autoUseful
        for load in model.loads {
            let tier = spec.tiers[load.index]
            let result = model.tier(
                load, throughput: tier.throughput.mode, rate: tier.rate.mode, agreement: tier.agreement.mode)
            cost += result.cost
            weeks = max(weeks, result.weeks)
            useful += result.useful
            tierCosts.append(result.cost)
            tierUseful.append(result.useful)
            let managed = result.hours * tier.managedShare * tier.rate.mode * (1 + tier.managedMarkup)
            let counted = (load.partsStart..<(load.partsStart + load.partsCount)).reduce(0.0) {
                $0 + model.parts[$1].usefulItems
            }
            lines.append(
                TierLine(
                    id: tier.id, name: tier.name, items: round(load.items, 1), judgments: round(load.judgments, 1),
                    hours: round(result.hours, 1),
                    fte: round(result.fte, 2), rate: round(tier.rate.mode, 2),
                    rateSource: rateSources[tier.id] ?? "the program spec",
                    cost: round(result.cost, 0), managedCost: round(managed, 0),
                    recalibrationCost: round(result.recalibration, 0),
                    weeks: round(result.weeks, 1), usefulShare: round(counted > 0 ? result.useful / counted : 0, 4),
                    usefulPairs: round(result.useful, 0), auditItems: round(load.items - counted, 1), auditCost: 0,
                    costPerUsefulPair: nil,
                    agreement: round(tier.agreement.mode, 4),
                    agreementSource: agreementSources[tier.id] ?? "the program spec"))
            // Only tiers that spend hours are staffed or hired for.
            let staffed = result.hours > 0 ? Int((result.fte * (1 - tier.managedShare) - 1e-9).rounded(.up)) : 0
            let toHire = max(0, staffed - (tier.capacity ?? staffed))
            if toHire > 0 || tier.capacity == nil && staffed > 0 {
                let when: String
                if let start = spec.start {
                    when = start.adding(days: -Int((tier.hiringLeadWeeks * 7).rounded(.up))).description
                } else {
                    when = "\(Format.number(tier.hiringLeadWeeks)) weeks before the start"
                }
                hiring.append(
                    Hiring(
                        tier: tier.id, staffedNeeded: staffed, capacity: tier.capacity,
                        toHire: tier.capacity == nil ? staffed : toHire,
                        leadWeeks: tier.hiringLeadWeeks, startHiring: when))
            }
        }
        let breakdown = PlanBreakdown.classes(spec, model: model, tierCosts: tierCosts)
        for index in lines.indices {
            let audit = breakdown.auditCostByTier[index]
            lines[index].auditCost = round(audit, 0)
            lines[index].costPerUsefulPair =
                tierUseful[index] > 0 ? round((tierCosts[index] - audit) / tierUseful[index], 4) : nil
        }
        let auditCost = breakdown.auditCostByTier.reduce(0, +)
        let audited = spec.auditTier != nil ? model.autoItems * spec.auditSample : 0
        let monteCarlo = try MonteCarlo.run(spec, budget: budget, pointCost: cost)
        let (cheaper, routingNote) = PlanFindings.cheaperRouting(spec, planCost: cost)
        let totals = Totals(
            cost: round(cost, 0), weeks: round(weeks, 1), usefulPairs: round(useful, 0),
            costPerUsefulPair: useful > 0 ? round(cost / useful, 4) : nil,
            marginalCostPerThousandPairs: PlanBreakdown.marginalCostPerThousand(spec, cost: cost, useful: useful).map {
                round($0, 2)
            },
            expectedAgreement: round(model.expectedAgreement(routes: spec.classes.map(\.route)), 4),
            meetsHorizon: weeks <= spec.horizonWeeks + 1e-9)
        return ProgramPlan(
            program: spec.id, title: spec.title, currency: spec.currency, items: spec.items,
            horizonWeeks: spec.horizonWeeks,
            agreementTarget: spec.agreementTarget, usefulPairRule: spec.usefulPair.description,
            autoGrader: AutoGraderLine(
                items: round(model.autoItems, 1), cost: round(model.autoCost, 0), auditedItems: round(audited, 1),
                expectedUsefulPairs: round(model.autoUseful, 0), auditCost: round(auditCost, 0),
                costPerUsefulPair: model.autoUseful > 0
                    ? round((model.autoCost + auditCost) / model.autoUseful, 4) : nil),
            tiers: lines,
            classes: breakdown.lines.map { line in
                ClassLine(
                    id: line.id, route: line.route, items: round(line.items, 1), cost: round(line.cost, 0),
                    auditCost: round(line.auditCost, 0),
                    usefulPairs: round(line.usefulPairs, 0),
                    costPerUsefulPair: line.costPerUsefulPair.map { round($0, 4) })
            },
            total: totals,
            monteCarlo: monteCarlo,
            reconciliation: PlanReconciliation.words(spec, pointCost: cost, monteCarlo: monteCarlo),
            findings: PlanFindings.horizon(spec, lines: lines),
            cheaperRouting: cheaper, routingNote: routingNote,
            sensitivity: PlanSensitivity.lines(spec),
            hiring: hiring,
            notes: [
                "Line items are at the most likely throughput, rate and agreement; the Monte Carlo draws each from its low-mode-high triangle (\(spec.draws) draws, seed \(spec.seed)).",
                "A pair is useful under the program's rule, \(spec.usefulPair.description); each judge is right with q = (1 + sqrt(2a - 1)) / 2 for pairwise agreement a, and a pair judged once is useful when its judge is right. Auto-graded pairs count at their audited match rate. Each item counts once: the audit sample re-checks auto-graded items and adds no pairs.",
                "Cost per useful pair by tier leaves out the audit it performs; the audit's cost is carried by the auto-graded classes it checks.",
                "Managed-pool hours cost the rate plus the pool's markup; recalibration is the hours to calibrate replacements for rotating staffed reviewers, at the rate.",
                "Weeks: each tier's staffed hours over its staffed reviewers (capacity if stated) and its managed hours over the pool, side by side, at \(Format.number(spec.hoursPerWeek)) h a week; the program takes as long as its slowest tier.",
            ])
    }

    static func round(_ value: Double, _ places: Int) -> Double { Format.round(value, places: places) }
}
