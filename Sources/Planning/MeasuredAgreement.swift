import WorkModel

/// A tier's agreement taken from what `wagefile agree` measured on its own judgments, rather
/// than assumed: the planner's pairwise agreement is the report's `percentAgreement` (the share
/// of pairs of judgments on the same item that agree).
package enum MeasuredAgreement {
    /// Sets the tier's most likely agreement to the measured figure, widening the spec's low and
    /// high to include it; a problem in words when the tier is unknown or the figure unusable.
    package static func apply(_ measured: Double, to tierId: String, in spec: inout ProgramSpec) -> String? {
        guard let index = spec.tiers.firstIndex(where: { $0.id == tierId }) else {
            return "no tier '\(tierId)'; tiers: \(spec.tiers.map(\.id).joined(separator: ", "))"
        }
        guard measured.isFinite, (0.5...1).contains(measured) else {
            return
                "the measured agreement \(Format.number(measured)) is outside 0.5 to 1: the planner models two-way preference judgments, where 0.5 is chance"
        }
        let stated = spec.tiers[index].agreement
        spec.tiers[index].agreement = Estimate(
            measured, low: min(stated.low, measured), high: max(stated.high, measured))
        return nil
    }
}
