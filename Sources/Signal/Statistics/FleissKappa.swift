/// Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters",
/// Psychological Bulletin 76(5)) from the agreement counts: observed agreement P-bar is the mean of the
/// per-unit agreement over pairable units, chance agreement the sum of squared category
/// shares. With every unit judged the same number of times this is statsmodels'
/// `fleiss_kappa`; with ragged units it is the usual generalisation that weighs units equally.
public enum FleissKappa {
    /// (P - P_e) / (1 - P_e), at most 1; nil when undefined: no pairable unit, or every pairable
    /// value in one category (P_e = 1).
    public static func kappa(_ counts: AgreementCounts) -> Double? {
        guard counts.pairableUnits > 0 else { return nil }
        let n = counts.coincidences.marginals
        let total = n.reduce(0, +)
        guard total > 0 else { return nil }
        let chance = n.reduce(0) { $0 + ($1 / total) * ($1 / total) }
        guard chance < 1 else { return nil }
        let observed = counts.sumUnitAgreement / Double(counts.pairableUnits)
        return (observed - chance) / (1 - chance)
    }
}
