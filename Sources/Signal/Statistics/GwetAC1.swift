/// Gwet's AC1 (Gwet 2008, "Computing inter-rater reliability and its variance in the presence
/// of high agreement", British Journal of Mathematical and Statistical Psychology 61(1);
/// multiple raters and missing ratings as in Gwet's Handbook of Inter-Rater Reliability, 4th
/// ed., ch. 4): the chance-corrected agreement that does not collapse when one label
/// dominates, where kappa and alpha do.
///
///   p_a = mean over units with two or more values of sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))
///   pi_k = mean over units with a value of r_ik / r_i
///   p_e = sum_k pi_k (1 - pi_k) / (q - 1),   q = the categories used
///   AC1 = (p_a - p_e) / (1 - p_e)
///
/// Values are treated as categories at every level (AC1, not the weighted AC2). Checked
/// against the reference package irrCAC 0.4.4 (`CAC.gwet()`).
public enum GwetAC1 {
    /// AC1 of the set, at most 1, from its agreement counts (`counts` must be `AgreementCounts.count`
    /// of the same set). Nil when undefined: no unit with two or more values, or fewer than two
    /// categories used.
    public static func ac1(_ set: JudgmentSet, agreement counts: AgreementCounts) -> Double? {
        guard counts.pairableUnits > 0 else { return nil }
        let shares = set.count(CategoryShares.self)
        let q = shares.categoriesUsed
        guard q >= 2, shares.units > 0 else { return nil }
        let observed = counts.sumUnitAgreement / Double(counts.pairableUnits)
        var chance = 0.0
        for sum in shares.shareSums {
            let pi = sum / Double(shares.units)
            chance += pi * (1 - pi)
        }
        chance /= Double(q - 1)
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }
}

/// Per category, the sum over units of the category's share of the unit's values
/// (sum_i r_ik / r_i), and the units with a value: what Gwet's chance agreement needs that
/// the coincidence counts do not keep.
struct CategoryShares: UnitCount {
    var shareSums: [Double]
    var used: [Bool]
    var units = 0

    init(valueCount: Int, reviewerCount: Int) {
        shareSums = [Double](repeating: 0, count: valueCount)
        used = [Bool](repeating: false, count: valueCount)
    }

    var categoriesUsed: Int { used.count { $0 } }

    mutating func add(unit: Int, reviewers: Span<Int32>, values: Span<Int32>, gold: Int32) {
        var m = 0
        for t in values.indices where values[t] >= 0 { m += 1 }
        guard m > 0 else { return }
        units += 1
        let share = 1 / Double(m)
        for t in values.indices where values[t] >= 0 {
            shareSums[Int(values[t])] += share
            used[Int(values[t])] = true
        }
    }

    mutating func merge(_ other: CategoryShares) {
        units += other.units
        for k in shareSums.indices {
            shareSums[k] += other.shareSums[k]
            used[k] = used[k] || other.used[k]
        }
    }
}
