import WorkModel

/// California's ABC test (Labor Code 2775, AB5): the worker is an employee unless the hirer
/// proves all three prongs: (A) free from control and direction, (B) work outside the usual
/// course of the hirer's business, (C) customarily engaged in an independent trade. A prong
/// the facts cannot show is a prong the hirer cannot prove. Workers the statute exempts (Lab.
/// Code 2776-2784) are judged by Borello instead (CaliforniaBorelloTest); a claimed exemption
/// that does not hold is shown here, condition by condition.
public struct CaliforniaABCTest: ClassificationTest {
    public let id = "california-abc"
    public let name = "California ABC test"
    public let citation = "California Labor Code 2775 (AB5, 2020)"

    public init() {}

    public func applies(to context: ClassificationContext) -> Bool {
        context.jurisdiction == "US-CA" && !CaliforniaExemptions.route(context).toBorello
    }

    public func assess(_ context: ClassificationContext) -> ClassificationAssessment {
        let r = context.readings
        let route = CaliforniaExemptions.route(context)
        let a = prong(
            "A-control", FactorReading.composite("control", [r.control, r.schedule, r.instructions, r.monitoring]),
            holds: "free from the hirer's control and direction", fails: "not free from control")
        var bReading = r.integral
        if bReading.leaning == .unknown, context.layer == .annotation {
            bReading.reasoning = "not stated; prong B usually fails for annotators doing a labelling vendor's core work"
        }
        let b = prong(
            "B-usual-course", bReading, holds: "the work is outside the hirer's usual course of business",
            fails: "the work is within the hirer's usual course of business")
        let c = prong(
            "C-independent-trade", r.worksForOthers, holds: "customarily engaged in an independent trade",
            fails: "not engaged in an independent trade of their own")
        let prongs = [a, b, c]
        let failed = prongs.filter { $0.leaning == .employee }.map { String($0.factor.prefix(1)) }
        let unknown = prongs.filter { $0.leaning == .unknown }.map { String($0.factor.prefix(1)) }
        let risk: ClassificationRisk
        let conclusion: String
        if !failed.isEmpty {
            risk = .high
            conclusion =
                "Prong\(failed.count > 1 ? "s" : "") \(failed.joined(separator: ", ")) fail\(failed.count > 1 ? "" : "s"): the worker is presumed an employee under California law."
        } else if !unknown.isEmpty {
            risk = .medium
            conclusion =
                "Prong\(unknown.count > 1 ? "s" : "") \(unknown.joined(separator: ", ")) cannot be shown from the spec; the hirer must prove all three."
        } else {
            risk = .low
            conclusion = "All three prongs hold on the stated facts."
        }
        var factors = prongs
        var stated = conclusion
        if route.section != nil {
            // The failed exemption's conditions are shown after the prongs; they do not change the ABC result.
            factors += route.conditions
            stated = route.summary + " " + conclusion
        }
        return assessment(
            standing: .inForce,
            note:
                "In force since 2020; Lab. Code 2776-2784 exempt some occupations and business-to-business work, which Borello governs instead.",
            risk: risk, conclusion: stated, factors: factors)
    }

    private func prong(_ id: String, _ reading: FactorReading, holds: String, fails: String) -> FactorReading {
        switch reading.leaning {
        case .contractor:
            FactorReading(factor: id, leaning: .contractor, reasoning: "holds: \(holds) (\(reading.reasoning))")
        case .employee:
            FactorReading(factor: id, leaning: .employee, reasoning: "fails: \(fails) (\(reading.reasoning))")
        case .neutral, .unknown:
            FactorReading(
                factor: id, leaning: .unknown, reasoning: "unproven: \(reading.reasoning)", missing: reading.missing)
        }
    }
}
