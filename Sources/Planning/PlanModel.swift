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
        /// The fewest votes a useful pair's larger side needs under a unanimous, majority or share rule.
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
    /// Items per class routed to a tier, with how far the class's agreement sits from the tier's;
    /// `usefulItems` is 0 for the audit sample (those items are counted once, as auto-graded pairs).
    let parts: [(items: Double, usefulItems: Double, agreementOffset: Double)]
    /// The difficulty class of each part ("" for the audit sample); apart from `parts` so the
    /// Monte Carlo's loop reads no strings.
    let partClasses: [String]
    let autoItems: Double
    let autoUseful: Double
    let autoCost: Double

    init(_ spec: ProgramSpec, routes: [String]? = nil) {
        self.spec = spec
        let routing = routes ?? spec.classes.map(\.route)
        var autoItems = 0.0
        var autoUseful = 0.0
        var perTier: [String: [(id: String, items: Double, counted: Bool)]] = [:]
        for (index, item) in spec.classes.enumerated() {
            let count = Double(spec.items) * item.share
            if routing[index] == ProgramSpec.autoGrader {
                autoItems += count
                autoUseful += count * (item.autoAgreement ?? 0)
            } else {
                perTier[routing[index], default: []].append((item.id, count, true))
            }
        }
        // The audit sample checks auto-graded items: it buys checking, not pairs. Its items are
        // already counted once among the auto-grader's, so they cost hours here and add no pairs.
        if let audit = spec.auditTier, spec.auditSample > 0, autoItems > 0 {
            perTier[audit, default: []].append(("", autoItems * spec.auditSample, false))
        }
        self.autoItems = autoItems
        self.autoUseful = autoUseful
        self.autoCost = autoItems * spec.autoGraderCostPerItem
        var flat: [(items: Double, usefulItems: Double, agreementOffset: Double)] = []
        var classes: [String] = []
        loads = spec.tiers.enumerated().map { index, tier in
            let parts = perTier[tier.id] ?? []
            let items = parts.reduce(0) { $0 + $1.items }
            let start = flat.count
            flat += parts.map {
                (
                    $0.items, $0.counted ? $0.items : 0,
                    tier.agreementByClass[$0.id].map { $0 - tier.agreement.mode } ?? 0
                )
            }
            classes += parts.map(\.id)
            return TierLoad(
                index: index, judges: tier.judgesPerItem, throughput: tier.throughput, rate: tier.rate,
                agreement: tier.agreement,
                capacity: tier.capacity.map(Double.init) ?? -1, managedShare: tier.managedShare,
                rotationPerQuarter: tier.rotationPerQuarter, recalibrationHours: tier.recalibrationHours, items: items,
                partsStart: start, partsCount: parts.count,
                smallestMajority: UsefulPairs.smallestMajority(
                    spec.usefulPair, judges: tier.judgesPerItem, accuracy: 0.5),
                judgments: items * Double(tier.judgesPerItem),
                rateFactor: (1 - tier.managedShare) * tier.staffedLoadFactor + tier.managedShare
                    * (1 + tier.managedMarkup),
                staffedShare: 1 - tier.managedShare)
        }
        parts = flat
        partClasses = classes
    }

    /// Hours, cost, weeks and useful pairs of one tier at given throughput, rate and agreement.
    func tier(_ load: TierLoad, throughput: Double, rate: Double, agreement: Double)
        -> (hours: Double, cost: Double, recalibration: Double, fte: Double, weeks: Double, useful: Double)
    {
        let hours = load.judgments / throughput
        let fte = hours / (spec.horizonWeeks * spec.hoursPerWeek)
        // Rotation: staffed reviewers leaving per quarter, each replacement calibrated at the internal rate.
        let staffed = (fte * load.staffedShare).rounded(.up)
        let recalibration =
            staffed * load.rotationPerQuarter * (spec.horizonWeeks / 13) * load.recalibrationHours * rate
        let cost = hours * rate * load.rateFactor + recalibration
        let weeks = self.weeks(load, hours: hours, fte: fte)
        var useful = 0.0
        for index in load.partsStart..<(load.partsStart + load.partsCount) {
            let part = parts[index]
            let classAgreement = min(1, max(0.5, agreement + part.agreementOffset))
            useful += part.usefulItems * usefulShare(load, agreement: classAgreement)
        }
        return (hours, cost, recalibration, fte, weeks, useful)
    }

    /// Cost and useful pairs of the whole routing with every input at its most likely value: what
    /// the point plan, the routing sweep, the sensitivity and the marginal thousand all price.
    func pointTotals() -> (cost: Double, useful: Double) {
        var cost = autoCost, useful = autoUseful
        for load in loads {
            let result = tier(
                load, throughput: load.throughput.mode, rate: load.rate.mode, agreement: load.agreement.mode)
            cost += result.cost
            useful += result.useful
        }
        return (cost, useful)
    }

    /// Useful pairs from one part of a tier's load at the tier's agreement.
    func usefulPairs(_ load: TierLoad, part index: Int, agreement: Double) -> Double {
        let part = parts[index]
        return part.usefulItems * usefulShare(load, agreement: min(1, max(0.5, agreement + part.agreementOffset)))
    }

    /// How long a tier takes: staffed reviewers work the staffed share of its hours and the managed
    /// pool the rest, side by side. With no hiring the staffed share works at today's capacity (as
    /// many as the horizon needs when none is stated); the pool supplies what the horizon needs. A
    /// tier that spends no hours takes no time, and reviewers on hand who get no hours (a tier
    /// bought wholly from a pool) do not shorten it.
    func weeks(_ load: TierLoad, hours: Double, fte: Double) -> Double {
        guard hours > 0 else { return 0 }
        let staffedHours = hours * load.staffedShare, managedHours = hours - staffedHours
        let staffed = load.capacity >= 0 ? load.capacity : (fte * load.staffedShare).rounded(.up)
        let pool = (fte * load.managedShare).rounded(.up)
        // A capacity of 0 is read as one reviewer, so the weeks stay finite; the horizon finding says whom to hire.
        let staffedWeeks = staffedHours > 1e-9 ? staffedHours / (max(staffed, 1) * spec.hoursPerWeek) : 0
        let poolWeeks = managedHours > 1e-9 ? managedHours / (max(pool, 1) * spec.hoursPerWeek) : 0
        return max(staffedWeeks, poolWeeks)
    }

    /// The share of a tier's pairs the program's rule counts as useful at a class's agreement. The
    /// vote threshold of a unanimous, majority or share rule is fixed per tier; a posterior rule's
    /// moves with the judges' accuracy, so it is found per draw.
    @inline(__always)
    func usefulShare(_ load: TierLoad, agreement: Double) -> Double {
        if case .posterior = spec.usefulPair {
            return UsefulPairs.share(judges: load.judges, agreement: agreement, rule: spec.usefulPair)
        }
        return load.judges == 1
            ? UsefulPairs.judgeAccuracy(agreement: agreement)
            : UsefulPairs.share(judges: load.judges, agreement: agreement, smallestMajority: load.smallestMajority)
    }

    /// Expected agreement of the labels the routing delivers: the auto-grader's match rate on the
    /// classes it takes, each tier's pairwise agreement on the rest.
    func expectedAgreement(routes: [String]) -> Double {
        var total = 0.0
        for (index, item) in spec.classes.enumerated() {
            if routes[index] == ProgramSpec.autoGrader {
                total += item.share * (item.autoAgreement ?? 0)
            } else if let tier = spec.tier(routes[index]) {
                total += item.share * (tier.agreementByClass[item.id] ?? tier.agreement.mode)
            }
        }
        return total
    }
}
