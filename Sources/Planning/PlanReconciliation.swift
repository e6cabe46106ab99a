import WorkModel

/// Why the plan's bold total and the Monte Carlo's median differ, in words a finance lead can
/// repeat: the point total prices each input at its most likely value; the draws spread each
/// over its range, and where a range is lopsided, or cost moves as 1 / throughput, the middle
/// of the draws is not the most likely case.
enum PlanReconciliation {
    static func words(_ spec: ProgramSpec, pointCost: Double, monteCarlo: MonteCarloSummary) -> String {
        let c = spec.currency
        let median = monteCarlo.cost.p50
        let gap = pointCost > 0 ? median / pointCost - 1 : 0
        var text =
            "The point total, \(Format.money(pointCost, places: 0)) \(c), prices every input at its most likely value. "
        text +=
            "Across \(Format.money(Double(monteCarlo.draws), places: 0)) draws the median is \(Format.money(median, places: 0)) \(c) "
        text +=
            abs(gap) < 0.005
            ? "(within 0.5 % of it)" : "(\(Format.percent(abs(gap), places: 1)) \(gap > 0 ? "higher" : "lower"))"
        if let percentile = monteCarlo.pointCostPercentile {
            text += ", and \(Format.percent(percentile, places: 0)) of the draws cost no more than the point total"
        }
        text +=
            "; P10 \(Format.money(monteCarlo.cost.p10, places: 0)) to P90 \(Format.money(monteCarlo.cost.p90, places: 0)) \(c) is the range to budget for."
        guard abs(gap) >= 0.005 else { return text }
        var reasons: [String] = []
        for tier in spec.tiers {
            let rateLean = tier.rate.mean / max(tier.rate.mode, 1e-12) - 1
            if abs(rateLean) >= 0.01, (rateLean > 0) == (gap > 0) {
                reasons.append(
                    "the rate range of \(tier.name) leans \(rateLean > 0 ? "high" : "low") (average \(Format.money(tier.rate.mean)) against the most likely \(Format.money(tier.rate.mode)) \(c)/h)"
                )
            }
            let throughputLean = tier.throughput.mean / max(tier.throughput.mode, 1e-12) - 1
            if abs(throughputLean) >= 0.01, (throughputLean < 0) == (gap > 0) {
                reasons.append(
                    "the throughput range of \(tier.name) leans \(throughputLean < 0 ? "slow" : "fast") (average \(Format.number(Format.round(tier.throughput.mean, places: 1))) against the most likely \(Format.number(tier.throughput.mode)) items an hour)"
                )
            }
        }
        if gap > 0 && spec.tiers.contains(where: { !$0.throughput.isFixed }) {
            reasons.append("hours go as 1 / throughput, so a slow draw adds more hours than a fast one saves")
        }
        if !reasons.isEmpty {
            text += " The median is \(gap > 0 ? "higher" : "lower") because " + reasons.joined(separator: "; ") + "."
        }
        return text
    }
}
