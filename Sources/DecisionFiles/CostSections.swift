import Pricing
import ReferenceData
import WorkModel

extension DecisionFile {
    /// Adds the job grade and the loaded cost (GradeSection.swift, LoadedCostSection.swift) to
    /// a file the builder has assembled: both sections, their figures in the provenance list,
    /// and a finding naming any low-confidence on-cost figure, so none is used silently.
    mutating func addGradeAndLoadedCost(_ pricing: RolePricing, reference: ReferenceSet) {
        if let (section, trail) = Self.gradeSection(pricing, reference: reference) {
            grade = section
            provenance += trail
        }
        let (loaded, trail) = Self.loadedCostSection(pricing, reference: reference)
        loadedCost = loaded
        provenance += trail
        let low = Self.lowConfidenceOnCosts(loaded)
        if !low.isEmpty {
            // Info, like low-confidence-figure: findings are sorted most severe first, so it goes last.
            findings.append(
                Finding(
                    severity: .info, rule: "on-cost-low-confidence",
                    message:
                        "The loaded cost uses on-cost figures marked low confidence; treat the employee and contractor comparison as indicative.",
                    evidence: low,
                    fix:
                        "Override the on_costs row for \(loaded.onCostJurisdiction ?? loaded.jurisdiction) under --reference with figures you can source."
                ))
        }
    }
}
