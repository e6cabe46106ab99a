import WorkModel

/// How far the total moves when one uncertain input goes to its low or its high end while every
/// other stays at its most likely value: the tornado table, largest swing first.
package struct SensitivityLine: Sendable, Codable, Hashable {
    /// `tiers.<id>.items_per_hour`, `tiers.<id>.rate` or `tiers.<id>.agreement`.
    package var input: String
    package var low: Double
    package var high: Double
    /// Total cost with the input at its low end and at its high end.
    package var costAtLow: Double
    package var costAtHigh: Double
    package var costPerUsefulPairAtLow: Double?
    package var costPerUsefulPairAtHigh: Double?
    /// |cost at high - cost at low|.
    package var swing: Double
}

enum PlanSensitivity {
    static func lines(_ spec: ProgramSpec) -> [SensitivityLine] {
        var lines: [SensitivityLine] = []
        for (index, tier) in spec.tiers.enumerated() {
            let inputs: [(name: String, estimate: Estimate, set: (inout ReviewerTier, Double) -> Void)] = [
                ("items_per_hour", tier.throughput, { $0.throughput = Estimate($1) }),
                ("rate", tier.rate, { $0.rate = Estimate($1) }),
                ("agreement", tier.agreement, { $0.agreement = Estimate($1) }),
            ]
            for input in inputs where !input.estimate.isFixed {
                func at(_ value: Double) -> (cost: Double, perPair: Double?) {
                    var changed = spec
                    // Hold the other inputs at their modes: the point plan reads only the modes.
                    input.set(&changed.tiers[index], value)
                    let totals = PlanBreakdown.pointTotals(changed)
                    return (totals.cost, totals.useful > 0 ? totals.cost / totals.useful : nil)
                }
                let low = at(input.estimate.low), high = at(input.estimate.high)
                lines.append(
                    SensitivityLine(
                        input: "tiers.\(tier.id).\(input.name)", low: input.estimate.low, high: input.estimate.high,
                        costAtLow: Format.round(low.cost, places: 0), costAtHigh: Format.round(high.cost, places: 0),
                        costPerUsefulPairAtLow: low.perPair.map { Format.round($0, places: 4) },
                        costPerUsefulPairAtHigh: high.perPair.map { Format.round($0, places: 4) },
                        swing: Format.round(abs(high.cost - low.cost), places: 0)))
            }
        }
        // Agreement moves no cost, only the pairs bought: order by cost swing, then by the swing in cost per pair.
        return lines.sorted {
            let a = abs(($0.costPerUsefulPairAtHigh ?? 0) - ($0.costPerUsefulPairAtLow ?? 0))
            let b = abs(($1.costPerUsefulPairAtHigh ?? 0) - ($1.costPerUsefulPairAtLow ?? 0))
            return ($0.swing, a, $1.input) > ($1.swing, b, $0.input)
        }
    }
}
