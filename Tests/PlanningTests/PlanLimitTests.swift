import Foundation
import Synchronization
import Testing
import WagefileTestSupport
import WorkModel

@testable import Planning

/// Reads a `ShapedProgram` text.
enum Shaped {
    static func read(_ text: String) throws -> ProgramSpec { try ProgramSpecReader.read(text, file: "shaped.yaml") }
}

/// Why a test budget stopped a plan.
struct TestStop: Error, Equatable {}

@Suite("Planning within limits and a budget")
struct PlanLimitTests {
    @Test("The routing count is what the sweep evaluates, without evaluating it")
    func routingCountMatchesTheSweep() throws {
        for (classes, tiers, auto) in [(3, 2, 3), (4, 3, 1), (5, 4, 0), (6, 3, 2)] {
            let spec = try Shaped.read(ShapedProgram.text(classes: classes, tiers: tiers, autoClasses: auto))
            #expect(
                RoutingOptimizer.routingCount(spec) == RoutingOptimizer.sweep(spec).evaluated,
                "\(classes)x\(tiers), \(auto) auto")
        }
    }

    @Test("The attacker's 16 classes x 10 tiers is 5.3 million routings, and refused by the server limits")
    func theAttackersShapeIsCountedAndRefused() throws {
        let spec = try Shaped.read(ShapedProgram.text(classes: 16, tiers: 10, autoClasses: 0))
        // C(16 + 10 - 1, 16) = C(25, 16) monotone routings over the tiers alone.
        #expect(RoutingOptimizer.routingCount(spec) == 2_042_975)
        let withAuto = try Shaped.read(ShapedProgram.text(classes: 16, tiers: 10, autoClasses: 16))
        // Every prefix may go to the auto-grader as well: C(26, 16).
        #expect(RoutingOptimizer.routingCount(withAuto) == 5_311_735)
        let excesses = PlanLimits.server.excesses(withAuto, frontier: true)
        #expect(Set(excesses.map(\.limit)) == ["classes", "tiers", "routings"])
        #expect(
            excesses.contains { $0.field == "difficulty" && $0.limit == "routings" && $0.message.contains("5311735") })
        // Without the frontier the routing count does not matter; the shape still does.
        #expect(Set(PlanLimits.server.excesses(withAuto, frontier: false).map(\.limit)) == ["classes", "tiers"])
    }

    @Test("Counting saturates instead of overflowing")
    func countingSaturates() {
        #expect(RoutingOptimizer.binomial(200, 100) == Int.max)
        #expect(RoutingOptimizer.binomial(26, 16) == 5_311_735)
        #expect(RoutingOptimizer.binomial(5, 0) == 1)
    }

    @Test("Items, horizon, judges and draws past the server limits each name their field")
    func eachLimitNamesItsField() throws {
        let limits = PlanLimits.server
        func fields(_ text: String) throws -> [String] {
            limits.excesses(try Shaped.read(text), frontier: false).map(\.field)
        }
        #expect(try fields(ShapedProgram.text(classes: 2, tiers: 2, items: 2_000_000_000)) == ["items"])
        #expect(try fields(ShapedProgram.text(classes: 2, tiers: 2, horizon: "0.001")) == ["horizon_weeks"])
        #expect(try fields(ShapedProgram.text(classes: 2, tiers: 2, horizon: "600")) == ["horizon_weeks"])
        #expect(
            try fields(ShapedProgram.text(classes: 2, tiers: 2, judges: 40)) == [
                "tiers[0].judges_per_item", "tiers[1].judges_per_item",
            ])
        #expect(try fields(ShapedProgram.text(classes: 2, tiers: 2, draws: 200_001)) == ["monte_carlo.draws"])
        #expect(try fields(ShapedProgram.text(classes: 12, tiers: 8, draws: 200_000)) == [])
    }

    /// A budget that lets `allowed` checks pass and stops every one after.
    static func budget(allowing allowed: Int) -> PlanBudget<TestStop> {
        let calls = Atomic<Int>(0)
        return PlanBudget(parallel: false) {
            calls.add(1, ordering: .relaxed).newValue > allowed ? TestStop() : nil
        }
    }

    @Test("A spent budget stops the Monte Carlo and the sweep partway, with its reason")
    func aSpentBudgetStopsTheLoops() throws {
        let spec = try Shaped.read(ShapedProgram.text(classes: 6, tiers: 4, draws: 100_000))
        #expect(throws: TestStop()) { try MonteCarlo.run(spec, budget: Self.budget(allowing: 3)) }
        // 140 routings, the budget looked at every 64: the third look stops it.
        #expect(throws: TestStop()) { try RoutingOptimizer.sweep(spec, budget: Self.budget(allowing: 2)) }
        #expect(throws: TestStop()) { try ProgramPlan.build(spec, budget: Self.budget(allowing: 3)) }
        // A budget that never runs out changes nothing.
        let never = PlanBudget<TestStop>(parallel: false) { nil }
        #expect(try RoutingOptimizer.sweep(spec, budget: never).evaluated == RoutingOptimizer.sweep(spec).evaluated)
    }

    @Test("The Monte Carlo on one thread gives the same numbers as across the cores")
    func oneThreadOrManyGiveTheSameDraws() throws {
        let spec = try Shaped.read(ShapedProgram.text(classes: 4, tiers: 3, draws: 20_001))
        let sequential = try MonteCarlo.run(spec, budget: PlanBudget<TestStop>(parallel: false) { nil })
        #expect(sequential == MonteCarlo.run(spec))
    }
}
