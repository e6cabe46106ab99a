import WorkModel

/// Where the money goes and what it buys, per difficulty class and per tier, at the most likely
/// values: the cost of a useful pair by route, and what the next thousand would cost.
package struct ClassLine: Sendable, Codable, Hashable {
    package var id: String
    package var route: String
    package var items: Double
    /// The class's share of its tier's cost (by judgments), plus for auto-graded classes the
    /// auto-grader's cost and their share of the audit.
    package var cost: Double
    package var auditCost: Double
    package var usefulPairs: Double
    package var costPerUsefulPair: Double?
}

enum PlanBreakdown {
    /// Each tier's cost split over its parts by items (judges per item are the tier's own, so
    /// items and judgments give the same split); the audit part's cost goes to the auto-graded
    /// classes in proportion to their items, since it is what checking them costs.
    static func classes(_ spec: ProgramSpec, model: PlanModel, tierCosts: [Double]) -> (
        lines: [ClassLine], auditCostByTier: [Double]
    ) {
        var cost: [String: Double] = [:]
        var useful: [String: Double] = [:]
        var auditCost = 0.0
        var auditByTier = [Double](repeating: 0, count: model.loads.count)
        for (position, load) in model.loads.enumerated() where load.items > 0 {
            let tier = spec.tiers[load.index]
            for index in load.partsStart..<(load.partsStart + load.partsCount) {
                let share = tierCosts[position] * model.parts[index].items / load.items
                let name = model.partClasses[index]
                if name.isEmpty {
                    auditCost += share
                    auditByTier[position] += share
                    continue
                }
                cost[name, default: 0] += share
                useful[name, default: 0] += model.usefulPairs(load, part: index, agreement: tier.agreement.mode)
            }
        }
        let lines = spec.classes.map { item -> ClassLine in
            let items = Double(spec.items) * item.share
            var line = ClassLine(
                id: item.id, route: item.route, items: items, cost: cost[item.id] ?? 0, auditCost: 0,
                usefulPairs: useful[item.id] ?? 0, costPerUsefulPair: nil)
            if item.route == ProgramSpec.autoGrader {
                line.cost = items * spec.autoGraderCostPerItem
                line.auditCost = model.autoItems > 0 ? auditCost * items / model.autoItems : 0
                line.cost += line.auditCost
                line.usefulPairs = items * (item.autoAgreement ?? 0)
            }
            line.costPerUsefulPair = line.usefulPairs > 0 ? line.cost / line.usefulPairs : nil
            return line
        }
        return (lines, auditByTier)
    }

    /// Cost and useful pairs of a spec at the most likely values, as the point plan computes them.
    static func pointTotals(_ spec: ProgramSpec) -> (cost: Double, useful: Double) { PlanModel(spec).pointTotals() }

    /// What the next thousand useful pairs cost at the plan's routing: the program grown by the
    /// items that yield a thousand more at its useful share, priced again. Not the average: the
    /// step costs of rotation and the staffing rounding move with it.
    static func marginalCostPerThousand(_ spec: ProgramSpec, cost: Double, useful: Double) -> Double? {
        guard useful > 0 else { return nil }
        var grown = spec
        grown.items = Int((Double(spec.items) * (useful + 1_000) / useful).rounded(.up))
        let next = pointTotals(grown)
        let gained = next.useful - useful
        return gained > 0 ? (next.cost - cost) / gained * 1_000 : nil
    }
}
