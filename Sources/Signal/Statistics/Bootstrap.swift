/// A confidence interval for alpha from a seeded bootstrap over units.
///
/// It is the Poisson bootstrap (each unit drawn Poisson(1) times; Hanley & MacGibbon 2006,
/// Chamandy et al. 2012), run on unit patterns: the draws of all units sharing a pattern sum
/// to one Poisson(multiplicity) draw, so a replicate costs the number of patterns, not units,
/// and the same pattern counts merged from several shards give the same interval.
public struct BootstrapInterval: Sendable, Hashable, Codable {
    /// The lower end of the interval: the (1 - confidence) / 2 quantile of the replicate alphas
    /// (linear interpolation between order statistics, numpy's default).
    public var lower: Double
    /// The upper end of the interval: the 1 - (1 - confidence) / 2 quantile of the replicate alphas.
    public var upper: Double
    /// The two-sided coverage asked for, a share in (0, 1); 0.95 by default.
    public var confidence: Double
    /// The bootstrap replicates run. Fewer than asked when the data has very many distinct unit
    /// patterns (about 200 million pattern draws at most in all); replicates whose alpha is
    /// undefined are run but leave no estimate.
    public var replicates: Int
    /// The seed of the `SeededRandom` generator: the same seed and data give the same interval.
    public var seed: UInt64
    /// How the interval was drawn; always `poisson bootstrap over units`.
    public var method: String

    static let replicateBudget = 200_000_000.0

    static func alpha(
        _ counts: AgreementCounts, domain: ValueDomain, level: MeasurementLevel, replicates wanted: Int, seed: UInt64,
        confidence: Double = 0.95
    ) -> BootstrapInterval? {
        let patterns = counts.patterns
        guard wanted > 0, patterns.count > 0 else { return nil }
        // Very many distinct patterns (continuous scores) would make replicates slow: fewer of them.
        let replicates = max(1, min(wanted, Int(replicateBudget / Double(patterns.count))))
        // Patterns in a canonical order, so the draws do not depend on how shards were merged.
        let decoded = (0..<patterns.count).map { (patterns.pattern($0), patterns.multiplicity[$0]) }.sorted {
            lhs, rhs in
            lhs.0.codes.lexicographicallyPrecedes(rhs.0.codes)
                || (lhs.0.codes == rhs.0.codes && lhs.0.counts.lexicographicallyPrecedes(rhs.0.counts))
        }
        var random = SeededRandom(seed: seed)
        var estimates: [Double] = []
        estimates.reserveCapacity(replicates)
        for _ in 0..<replicates {
            var o = Coincidences(valueCount: domain.count)
            for (pattern, multiplicity) in decoded {
                let draws = random.poisson(multiplicity)
                guard draws > 0 else { continue }
                o.addPattern(codes: pattern.codes, counts: pattern.counts, weight: draws)
            }
            if case .success(let a) = KrippendorffAlpha.alpha(o, domain: domain, level: level) { estimates.append(a) }
        }
        guard estimates.count >= 2 else { return nil }
        estimates.sort()
        let tail = (1 - confidence) / 2
        return BootstrapInterval(
            lower: Quantile.sorted(estimates, tail), upper: Quantile.sorted(estimates, 1 - tail),
            confidence: confidence,
            replicates: replicates, seed: seed, method: "poisson bootstrap over units")
    }
}

enum Quantile {
    /// Linear interpolation between order statistics (type 7, numpy's default).
    static func sorted(_ values: [Double], _ q: Double) -> Double {
        guard values.count > 1 else { return values.first ?? .nan }
        let h = Double(values.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, values.count - 1)
        return values[lo] + (h - Double(lo)) * (values[hi] - values[lo])
    }
}
