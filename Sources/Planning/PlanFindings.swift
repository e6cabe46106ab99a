package import WorkModel

/// What a finance lead must act on in a plan: a tier that overruns the horizon, with the
/// reviewers or weeks that would close the gap, and a cheaper routing that still meets the target.
package struct PlanFinding: Sendable, Codable, Hashable {
    package var severity: Severity
    package var rule: String
    package var message: String
    package var fix: String?
}

/// The cheapest routing that meets the agreement target, when it costs less than the plan's.
package struct CheaperRouting: Sendable, Codable, Hashable {
    package var routes: [String: String]
    package var cost: Double
    package var saving: Double
    package var expectedAgreement: Double
    package var usefulPairs: Double
}

enum PlanFindings {
    /// Tiers whose hours do not fit the horizon with the reviewers the plan gives them: how many
    /// staffed reviewers would fit it (and how many of those to hire), or how many weeks it takes.
    static func horizon(_ spec: ProgramSpec, lines: [ProgramPlan.TierLine]) -> [PlanFinding] {
        let capacityHours = spec.horizonWeeks * spec.hoursPerWeek
        return zip(spec.tiers, lines).compactMap { tier, line -> PlanFinding? in
            guard line.hours > 0, line.weeks > spec.horizonWeeks + 1e-9 else { return nil }
            let staffedHours = line.hours * (1 - tier.managedShare)
            let needed = Int((staffedHours / capacityHours - 1e-9).rounded(.up))
            let have = tier.capacity ?? needed
            let hire = max(0, needed - have)
            var fix = "Staff \(needed) reviewer\(needed == 1 ? "" : "s") on the staffed share"
            fix += hire > 0 ? " (hire \(hire) more, \(Format.number(tier.hiringLeadWeeks)) weeks' lead)" : ""
            fix += ", raise the managed share, or plan \(Format.fixed(line.weeks, places: 1)) weeks."
            return PlanFinding(
                severity: .warning, rule: "plan.horizon-overrun",
                message:
                    "\(tier.name) needs \(Format.fixed(line.weeks, places: 1)) weeks for \(Format.money(line.hours, places: 0)) hours against a \(Format.number(spec.horizonWeeks))-week horizon with \(tier.capacity.map { "\($0) staffed reviewers" } ?? "the reviewers planned") and the managed pool.",
                fix: fix)
        }
    }

    /// The cheapest routing meeting the target, when the sweep is small enough to run with every
    /// plan and it beats the plan's own routing by at least one unit of currency.
    static func cheaperRouting(_ spec: ProgramSpec, planCost: Double) -> (CheaperRouting?, String) {
        let count = RoutingOptimizer.routingCount(spec)
        guard count <= PlanLimits.routingsWithEveryPlan else {
            return (
                nil,
                "The cheaper-routing check was skipped: \(count) routings is more than the \(PlanLimits.routingsWithEveryPlan) a plan sweeps on its own; ask for the frontier."
            )
        }
        let sweep = RoutingOptimizer.sweep(spec)
        guard let best = sweep.cheapestMeetingTarget else {
            return (
                nil,
                "No routing of these classes over these tiers reaches the \(Format.percent(spec.agreementTarget, places: 0)) agreement target."
            )
        }
        guard best.cost < planCost - 1 else {
            return (
                nil,
                "The plan's routing is the cheapest of the \(count) routings that meet the \(Format.percent(spec.agreementTarget, places: 0)) agreement target."
            )
        }
        return (
            CheaperRouting(
                routes: best.routes, cost: best.cost, saving: Format.round(planCost - best.cost, places: 0),
                expectedAgreement: best.expectedAgreement, usefulPairs: best.usefulPairs),
            "A cheaper routing meets the agreement target (\(count) routings compared). The target is met on average over the classes: check each class's agreement on its new tier before moving hard classes down."
        )
    }
}
