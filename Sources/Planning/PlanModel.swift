/// The workload a routing puts on each tier, fixed before any draw: the arithmetic the point
/// plan and every Monte Carlo draw share, so both are the same model.
struct PlanModel: Sendable {
    /// Plain numbers only: the Monte Carlo reads these a million times, and a copy of the tier
    /// itself (its strings and tables) would cost reference counting on every read.
    struct TierLoad: Sendable {
        /// Where the tier is in `spec.tiers`.
        var index: Int
        var judges: Int
        var throughput: Estimate
        var rate: Estimate
        var agreement: Estimate
        /// Reviewers on hand; negative when the spec states none.
        var capacity: Double
        var managedShare: Double
        var rotationPerQuarter: Double
        var recalibrationHours: Double
        var items: Double
        /// This tier's classes in `PlanModel.parts`: `partsStart ..< partsStart + partsCount`.
        var partsStart: Int
        var partsCount: Int
        /// The fewest votes a useful pair's larger side needs, at the program's target.
        var smallestMajority: Int
        var judgments: Double
        /// Cost per hour of judging, blended over internal and managed hours, per unit of rate.
        var rateFactor: Double
        /// Reviewers staffed internally when the tier is fully staffed for the horizon, per hour of work.
        var staffedShare: Double
    }

    struct Outcome {
        var cost: Double
        var weeks: Double
        var usefulPairs: Double
    }

    let spec: ProgramSpec
    let loads: [TierLoad]
    /// Items per class routed to a tier, with how far the class's agreement sits from the tier's.
    let parts: [(items: Double, agreementOffset: Double)]
    let autoItems: Double
    let autoUseful: Double
    let autoCost: Double

    init(_ spec: ProgramSpec, routes: [String]? = nil) {
        self.spec = spec
        let routing = routes ?? spec.classes.map(\.route)
        var autoItems = 0.0
        var autoUseful = 0.0
        var perTier: [String: [(id: String, items: Double)]] = [:]
        for (index, item) in spec.classes.enumerated() {
            let count = Double(spec.items) * item.share
            if routing[index] == ProgramSpec.autoGrader {
                autoItems += count
                autoUseful += count * (item.autoAgreement ?? 0)
            } else {
                perTier[routing[index], default: []].append((item.id, count))
            }
        }
        // The audit sample checks auto-graded items; it buys checking, not pairs, at the tier's own agreement.
        if let audit = spec.auditTier, spec.auditSample > 0, autoItems > 0 { perTier[audit, default: []].append(("", autoItems * spec.auditSample)) }
        self.autoItems = autoItems
        self.autoUseful = autoUseful
        self.autoCost = autoItems * spec.autoGraderCostPerItem
        var flat: [(items: Double, agreementOffset: Double)] = []
        loads = spec.tiers.enumerated().map { index, tier in
            let parts = perTier[tier.id] ?? []
            let items = parts.reduce(0) { $0 + $1.items }
            let start = flat.count
            flat += parts.map { ($0.items, tier.agreementByClass[$0.id].map { $0 - tier.agreement.mode } ?? 0) }
            return TierLoad(index: index, judges: tier.judgesPerItem, throughput: tier.throughput, rate: tier.rate, agreement: tier.agreement,
                            capacity: tier.capacity.map(Double.init) ?? -1, managedShare: tier.managedShare,
                            rotationPerQuarter: tier.rotationPerQuarter, recalibrationHours: tier.recalibrationHours, items: items,
                            partsStart: start, partsCount: parts.count,
                            smallestMajority: UsefulPairs.smallestMajority(judges: tier.judgesPerItem, target: spec.agreementTarget),
                            judgments: items * Double(tier.judgesPerItem),
                            rateFactor: (1 - tier.managedShare) + tier.managedShare * (1 + tier.managedMarkup),
                            staffedShare: 1 - tier.managedShare)
        }
        parts = flat
    }

    /// Hours, cost, weeks and useful pairs of one tier at given throughput, rate and agreement.
    func tier(_ load: TierLoad, throughput: Double, rate: Double, agreement: Double)
        -> (hours: Double, cost: Double, recalibration: Double, fte: Double, weeks: Double, useful: Double) {
        let hours = load.judgments / throughput
        let fte = hours / (spec.horizonWeeks * spec.hoursPerWeek)
        // Rotation: staffed reviewers leaving per quarter, each replacement calibrated at the internal rate.
        let staffed = (fte * load.staffedShare).rounded(.up)
        let recalibration = staffed * load.rotationPerQuarter * (spec.horizonWeeks / 13) * load.recalibrationHours * rate
        let cost = hours * rate * load.rateFactor + recalibration
        // With no hiring, the staffed share works at today's capacity; the managed pool supplies its share.
        let available = load.capacity >= 0 ? load.capacity + (fte * load.managedShare).rounded(.up) : fte.rounded(.up)
        let weeks = hours > 0 ? hours / (max(available, 1) * spec.hoursPerWeek) : 0
        var useful = 0.0
        for index in load.partsStart..<(load.partsStart + load.partsCount) {
            let part = parts[index]
            let classAgreement = min(1, max(0.5, agreement + part.agreementOffset))
            useful += part.items * UsefulPairs.share(judges: load.judges, agreement: classAgreement, smallestMajority: load.smallestMajority)
        }
        return (hours, cost, recalibration, fte, weeks, useful)
    }

    /// Expected agreement of the labels the routing delivers: the auto-grader's match rate on the
    /// classes it takes, each tier's pairwise agreement on the rest.
    func expectedAgreement(routes: [String]) -> Double {
        var total = 0.0
        for (index, item) in spec.classes.enumerated() {
            if routes[index] == ProgramSpec.autoGrader { total += item.share * (item.autoAgreement ?? 0) }
            else if let tier = spec.tier(routes[index]) { total += item.share * (tier.agreementByClass[item.id] ?? tier.agreement.mode) }
        }
        return total
    }
}
