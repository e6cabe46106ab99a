/// A program of any shape, for the planner's limit tests (library and server): `classes` difficulty classes (the first `autoClasses` with an audited
/// auto-grader match rate), `tiers` tiers with `judges` judges each.
public enum ShapedProgram {
    public static func text(
        classes: Int, tiers: Int, autoClasses: Int = 1, judges: Int = 3, draws: Int = 1_000,
        items: Int = 100_000, horizon: String = "12"
    ) -> String {
        let share = 1.0 / Double(classes)
        let classLines = (0..<classes).map { index in
            let auto = index < autoClasses ? ", auto_agreement: 0.8" : ""
            let route = index < autoClasses ? "auto-grader" : "t\(min(index, tiers - 1))"
            // The last share takes the rounding, so the shares add up to 1.
            let value = index == classes - 1 ? 1 - share * Double(classes - 1) : share
            return "  - {class: c\(index), share: \(value), route: \(route)\(auto)}"
        }
        let tierLines = (0..<tiers).map { index in
            "  - {id: t\(index), level: \(index + 1), judges_per_item: \(judges), items_per_hour: {mode: \(40 - index), low: \(30 - index), high: \(50 - index)}, rate: {amount: \(30 + 5 * index), low: \(25 + 5 * index), high: \(40 + 5 * index)}, agreement: {mode: 0.8, low: 0.7, high: 0.9}, capacity: 5}"
        }
        return """
            program: wagefile.program/v1
            id: shaped-\(classes)x\(tiers)
            items: \(items)
            horizon_weeks: \(horizon)
            agreement_target: 0.75
            auto_grader: {cost_per_item: 0.01}
            difficulty:
            \(classLines.joined(separator: "\n"))
            tiers:
            \(tierLines.joined(separator: "\n"))
            monte_carlo: {draws: \(draws), seed: 5}
            """
    }
}
