import Dispatch
import Foundation
import Planning
import ReferenceData

/// `wagefile-bench plan [draws]`: Monte Carlo draws per second on a six-tier plan (default
/// 100,000 draws), the plan with its summary, and the routing sweep. Not a test.
enum PlanBench {
    static let program = """
        program: wagefile.program/v1
        id: bench-six-tiers
        items: 1000000
        horizon_weeks: 13
        agreement_target: 0.8
        audit_sample: 0.05
        audit_tier: annotators
        auto_grader: {cost_per_item: 0.003}
        difficulty:
          - {class: trivial, share: 0.35, route: auto-grader, auto_agreement: 0.9}
          - {class: easy, share: 0.25, route: annotators, auto_agreement: 0.75}
          - {class: medium, share: 0.18, route: rlhf, auto_agreement: 0.62}
          - {class: involved, share: 0.1, route: prompt, auto_agreement: 0.55}
          - {class: hard, share: 0.07, route: experts}
          - {class: risky, share: 0.03, route: red-team}
          - {class: critical, share: 0.02, route: leads}
        tiers:
          - {id: annotators, level: 1, judges_per_item: 3, items_per_hour: {mode: 60, low: 45, high: 80}, rate: {card: annotator}, agreement: {mode: 0.8, low: 0.72, high: 0.86}, capacity: 40, hiring_lead_weeks: 2, managed_share: 0.7, managed_markup: 0.3, rotation_per_quarter: 0.3, recalibration_hours: 4}
          - {id: rlhf, level: 2, judges_per_item: 3, items_per_hour: {mode: 30, low: 22, high: 38}, rate: {card: rlhf-specialist}, agreement: {mode: 0.84, low: 0.78, high: 0.9}, capacity: 20, hiring_lead_weeks: 4, managed_share: 0.5, managed_markup: 0.35, rotation_per_quarter: 0.2, recalibration_hours: 6}
          - {id: prompt, level: 3, judges_per_item: 2, items_per_hour: {mode: 15, low: 10, high: 20}, rate: {card: prompt-engineer}, agreement: {mode: 0.85, low: 0.8, high: 0.9}, capacity: 10, hiring_lead_weeks: 5}
          - {id: experts, level: 4, judges_per_item: 2, items_per_hour: {mode: 8, low: 5, high: 11}, rate: {card: domain-expert-evaluator}, agreement: {mode: 0.88, low: 0.8, high: 0.93}, capacity: 6, hiring_lead_weeks: 8, managed_share: 0.8, managed_markup: 0.25}
          - {id: red-team, level: 5, judges_per_item: 2, items_per_hour: {mode: 4, low: 3, high: 6}, rate: {card: red-teamer}, agreement: {mode: 0.8, low: 0.7, high: 0.88}, capacity: 4, hiring_lead_weeks: 6, managed_share: 1, managed_markup: 0.2}
          - {id: leads, level: 6, judges_per_item: 1, items_per_hour: {mode: 5, low: 4, high: 7}, rate: {amount: 120, low: 100, high: 150}, agreement: {mode: 0.9, low: 0.85, high: 0.95}, capacity: 3, hiring_lead_weeks: 10}
        monte_carlo: {draws: 100000, seed: 20261202}
        """

    static func run(_ arguments: [String]) throws {
        var arguments = arguments
        var exportPath: String?
        if let index = arguments.firstIndex(of: "--export"), index + 1 < arguments.count {
            exportPath = arguments[index + 1]
            arguments.removeSubrange(index...(index + 1))
        }
        var spec = try ProgramSpecReader.read(program, file: "bench-six-tiers.yaml")
        if let draws = arguments.first.flatMap(Int.init) { spec.draws = draws }
        let resolved = RateResolver(reference: try ReferenceLoader.load()).resolve(spec).spec
        // The resolved spec, for the NumPy peer in scripts/bench-plan.py to run the same model.
        if let exportPath {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(resolved).write(to: URL(fileURLWithPath: exportPath))
        }
        // Warm up outside the timings.
        var warm = resolved
        warm.draws = 1_000
        _ = MonteCarlo.run(warm)

        var best = Double.infinity
        var summary: MonteCarloSummary?
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            summary = MonteCarlo.run(resolved)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let frontier = RoutingOptimizer.sweep(resolved)
        let sweep = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let planStart = DispatchTime.now().uptimeNanoseconds
        let plan = ProgramPlan.build(resolved)
        let planTime = Double(DispatchTime.now().uptimeNanoseconds - planStart) / 1e9
        print(
            """
            six-tier plan, \(resolved.draws) draws (best of 5, seed \(resolved.seed))
              monte carlo: \(String(format: "%.4f", best)) s  =  \(Int(Double(resolved.draws) / best)) draws/s  (incl. percentiles)
              cost P10/P50/P90: \(Int(summary?.cost.p10 ?? 0)) / \(Int(summary?.cost.p50 ?? 0)) / \(Int(summary?.cost.p90 ?? 0)) \(resolved.currency)
              whole plan (line items + monte carlo + hiring): \(String(format: "%.4f", planTime)) s, total \(Int(plan.total.cost))
              routing sweep: \(frontier.evaluated) routings in \(String(format: "%.4f", sweep)) s, frontier \(frontier.frontier.count)
            """)
    }
}
