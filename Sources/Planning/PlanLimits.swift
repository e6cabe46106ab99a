import WorkModel

/// How much planning one request may ask the server for, checked before any work starts.
///
/// The planner's cost grows with the program's shape: the Monte Carlo does
/// draws x (tiers + classes x judges²) arithmetic, and the routing sweep evaluates every monotone
/// routing, C(classes + tiers, classes) of them (16 classes and 10 tiers were 5.3 million
/// routings: 145 s and 2.46 GB for one request). Each limit below is far above any program a
/// team plans (the shipped examples have at most 7 classes and 6 tiers) and low enough that the
/// worst program within all of them plans in a few seconds on one core (docs/RELIABILITY.md has
/// the figures). `wagefile plan` on the command line has none of these limits.
package struct PlanLimits: Sendable {
    /// Routings a plan sweeps on its own to name a cheaper routing meeting the target (without
    /// `--frontier`): small enough to cost nothing next to the Monte Carlo.
    package static let routingsWithEveryPlan = 2_000

    /// Difficulty classes: the routing count grows with them combinatorially.
    package var classes: Int
    /// Reviewer tiers: every draw costs every tier, and the routing count grows with them too.
    package var tiers: Int
    /// Judges per item: the useful-pair share sums a binomial over the judges, judges² per class per draw.
    package var judgesPerItem: Int
    /// Items: the arithmetic is per class, so items do not cost time; the bound keeps FTE and
    /// hiring counts (whole numbers) finite and meaningful.
    package var items: Int
    /// Horizon in weeks, both ends: a horizon of a fraction of an hour turns a small program into
    /// billions of FTE; ten years is beyond any plan this tool makes.
    package var horizonWeeks: ClosedRange<Double>
    /// Monte Carlo draws: percentiles are stable to a few parts in a thousand long before this.
    package var draws: Int
    /// Routings the frontier sweep may evaluate (`RoutingOptimizer.routingCount`): each costs a
    /// plan at the most likely values and a few hundred bytes kept until the frontier is sorted.
    package var routings: Int

    package init(
        classes: Int, tiers: Int, judgesPerItem: Int, items: Int, horizonWeeks: ClosedRange<Double>, draws: Int,
        routings: Int
    ) {
        self.classes = classes
        self.tiers = tiers
        self.judgesPerItem = judgesPerItem
        self.items = items
        self.horizonWeeks = horizonWeeks
        self.draws = draws
        self.routings = routings
    }

    /// The limits `POST /api/v1/plan` and the `/planner` page enforce.
    package static let server = PlanLimits(
        classes: 12, tiers: 8, judgesPerItem: 9, items: 1_000_000_000, horizonWeeks: 1...520, draws: 200_000,
        routings: 20_000)

    /// One limit a program goes past: the spec field, the limit, and what was asked for.
    package struct Excess: Sendable, Equatable {
        package var field: String
        package var limit: String
        package var message: String
    }

    /// Every limit `spec` goes past; empty when the server may plan it. `frontier` adds the sweep's own limit.
    package func excesses(_ spec: ProgramSpec, frontier: Bool) -> [Excess] {
        var found: [Excess] = []
        func atMost(_ value: Int, _ limit: Int, _ field: String, _ name: String, _ what: String) {
            if value > limit {
                found.append(
                    Excess(
                        field: field, limit: name,
                        message: "at most \(limit) \(what) in a request (got \(value)); run `wagefile plan` for more"))
            }
        }
        atMost(spec.classes.count, classes, "difficulty", "classes", "difficulty classes")
        atMost(spec.tiers.count, tiers, "tiers", "tiers", "tiers")
        for (index, tier) in spec.tiers.enumerated() {
            atMost(
                tier.judgesPerItem, judgesPerItem, "tiers[\(index)].judges_per_item", "judgesPerItem", "judges per item"
            )
        }
        atMost(spec.items, items, "items", "items", "items")
        if !horizonWeeks.contains(spec.horizonWeeks) {
            found.append(
                Excess(
                    field: "horizon_weeks", limit: "horizonWeeks",
                    message:
                        "must be \(Format.number(horizonWeeks.lowerBound)) to \(Format.number(horizonWeeks.upperBound)) weeks in a request (got \(Format.number(spec.horizonWeeks)))"
                ))
        }
        atMost(spec.draws, draws, "monte_carlo.draws", "draws", "Monte Carlo draws")
        if frontier {
            let count = RoutingOptimizer.routingCount(spec)
            if count > routings {
                found.append(
                    Excess(
                        field: "difficulty", limit: "routings",
                        message:
                            "the routing frontier would evaluate \(count == Int.max ? "more than \(Int.max)" : String(count)) routings, at most \(routings) in a request; use fewer classes or tiers, or leave out frontier"
                    ))
            }
        }
        return found
    }
}
