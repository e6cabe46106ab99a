import WorkModel

/// Sweeps the routing: every way to send the classes (listed easiest first) to the auto-grader
/// or a tier without ever sending a harder class to a lower tier than an easier one. Each
/// routing is costed at the most likely values; the frontier keeps those no other routing
/// beats on both cost and expected agreement, and the cheapest that meets the target is named.
package struct RoutingFrontier: Sendable, Codable {
    package struct Option: Sendable, Codable, Hashable {
        /// Class id to route.
        package var routes: [String: String]
        package var cost: Double
        package var expectedAgreement: Double
        package var usefulPairs: Double
        package var costPerUsefulPair: Double?
        package var meetsTarget: Bool
    }

    package var schema = "wagefile.frontier/v1"
    package var program: String
    package var currency: String
    package var agreementTarget: Double
    package var evaluated: Int
    package var frontier: [Option]
    package var cheapestMeetingTarget: Option?
    package var current: Option
}

package enum RoutingOptimizer {
    package static func sweep(_ spec: ProgramSpec) -> RoutingFrontier {
        sweep(spec, budget: PlanBudget<Never>.unlimited)
    }

    /// As `sweep(_:)`, stopping when the budget runs out. The number of routings grows as
    /// C(classes + tiers, classes) (see `routingCount`): a caller that must bound the work checks
    /// that count before it starts; the budget is the backstop for a slow or busy machine.
    package static func sweep<Failure>(_ spec: ProgramSpec, budget: PlanBudget<Failure>) throws(Failure)
        -> RoutingFrontier
    {
        // Routes in order of level: the auto-grader first, then tiers by level.
        let routes = [ProgramSpec.autoGrader] + spec.tiers.sorted { ($0.level, $0.id) < ($1.level, $1.id) }.map(\.id)
        var options: [RoutingFrontier.Option] = []
        func option(_ routing: [String]) -> RoutingFrontier.Option {
            let model = PlanModel(spec, routes: routing)
            let (cost, useful) = model.pointTotals()
            let agreement = model.expectedAgreement(routes: routing)
            return .init(
                routes: Dictionary(uniqueKeysWithValues: zip(spec.classes.map(\.id), routing)),
                cost: Format.round(cost, places: 0),
                expectedAgreement: Format.round(agreement, places: 4), usefulPairs: Format.round(useful, places: 0),
                costPerUsefulPair: useful > 0 ? Format.round(cost / useful, places: 4) : nil,
                meetsTarget: agreement >= spec.agreementTarget - 1e-12)
        }
        // Non-decreasing route indices over the classes.
        func extend(_ prefix: [Int]) throws(Failure) {
            if prefix.count == spec.classes.count {
                if options.count % BudgetCheck.everyRoutings == 0 { try budget.check() }
                options.append(option(prefix.map { routes[$0] }))
                return
            }
            let item = spec.classes[prefix.count]
            for index in (prefix.last ?? 0)..<routes.count {
                // The auto-grader only takes classes whose audited match rate is known.
                if index == 0 && item.autoAgreement == nil { continue }
                try extend(prefix + [index])
            }
        }
        try extend([])
        let sorted = options.sorted { ($0.cost, -$0.expectedAgreement) < ($1.cost, -$1.expectedAgreement) }
        var frontier: [RoutingFrontier.Option] = []
        for candidate in sorted where candidate.expectedAgreement > (frontier.last?.expectedAgreement ?? -1) + 1e-12 {
            frontier.append(candidate)
        }
        return RoutingFrontier(
            program: spec.id, currency: spec.currency, agreementTarget: spec.agreementTarget, evaluated: options.count,
            frontier: frontier, cheapestMeetingTarget: sorted.first(where: \.meetsTarget),
            current: option(spec.classes.map(\.route)))
    }

    /// How many routings `sweep` evaluates, without evaluating any: the non-decreasing sequences
    /// of route indices over the classes, where the auto-grader (index 0) may only take a prefix
    /// of classes that all have an audited match rate. Saturates at `Int.max`.
    package static func routingCount(_ spec: ProgramSpec) -> Int {
        let tiers = spec.tiers.count
        let classes = spec.classes.count
        // Classes the auto-grader may take: the longest prefix with a known match rate.
        let autoPrefix = spec.classes.prefix { $0.autoAgreement != nil }.count
        var total = 0
        for auto in 0...autoPrefix {
            // The remaining classes go to the tiers in non-decreasing order: C(rest + tiers - 1, rest).
            let rest = classes - auto
            let ways = rest == 0 ? 1 : (tiers == 0 ? 0 : binomial(rest + tiers - 1, rest))
            let (sum, overflow) = total.addingReportingOverflow(ways)
            if overflow { return Int.max }
            total = sum
        }
        return total
    }

    /// C(n, k), saturating at `Int.max`.
    static func binomial(_ n: Int, _ k: Int) -> Int {
        let k = min(k, n - k)
        guard k >= 0 else { return 0 }
        var result = 1
        for i in 0..<k {
            // result * (n - i) / (i + 1) stays whole at every step; the product may overflow first.
            let (product, overflow) = result.multipliedReportingOverflow(by: n - i)
            if overflow { return Int.max }
            result = product / (i + 1)
        }
        return result
    }
}
