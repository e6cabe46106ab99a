import Foundation
import Testing

/// `wagefile plan` end to end on the example program: the plan's shape, seeded determinism, and
/// a bad program spec named by file:line:column.
@Suite("CLI: plan")
struct PlanCheckTests {
    private static let example = "examples/programs/q1-preference-data.yaml"

    @Test("the example plan: three tiers, ordered percentiles, hiring dates, a frontier that meets the target")
    func examplePlan() async throws {
        let scratch = try Scratch()
        let run = try await WagefileCLI.run(["plan", Self.example, "--format", "json", "--frontier"], in: scratch)
        #expect(run.status == 0, "\(run)")
        let output = try jsonObject(run.stdout)
        let plan = try #require(output["plan"] as? [String: Any])
        let frontier = try #require(output["frontier"] as? [String: Any])

        let tiers = try #require(plan["tiers"] as? [[String: Any]])
        #expect(tiers.map { $0["id"] as? String } == ["rlhf", "experts", "red-team"])
        let cost = try #require((plan["monteCarlo"] as? [String: Any])?["cost"] as? [String: Any])
        let (p10, p50, p90) = (number(cost["p10"]) ?? .nan, number(cost["p50"]) ?? .nan, number(cost["p90"]) ?? .nan)
        #expect(p10 < p50 && p50 < p90, "\(cost)")
        let total = try #require(plan["total"] as? [String: Any])
        #expect(number(total["costPerUsefulPair"]) ?? 0 > 0, "\(total)")
        let hiring = try #require(plan["hiring"] as? [[String: Any]])
        #expect(hiring.first?["startHiring"] as? String == "2026-12-07", "\(hiring)")

        let cheapest = try #require(frontier["cheapestMeetingTarget"] as? [String: Any])
        #expect(cheapest["meetsTarget"] as? Bool == true, "\(cheapest)")
        #expect((frontier["frontier"] as? [Any])?.count ?? 0 > 2)
    }

    @Test("the same seed gives the same plan, byte for byte")
    func samePlanTwice() async throws {
        let scratch = try Scratch()
        async let first = WagefileCLI.run(["plan", Self.example, "--format", "json"], in: scratch)
        async let second = WagefileCLI.run(["plan", Self.example, "--format", "json"], in: scratch)
        let (one, two) = try await (first, second)
        #expect(one.status == 0 && two.status == 0, "\(one)\n\(two)")
        #expect(one.stdout == two.stdout)
    }

    @Test("a program with no items: exit 2 naming items on line 3")
    func badProgram() async throws {
        let scratch = try Scratch()
        let bad = try scratch.write(
            "bad.yaml", "program: wagefile.program/v1\nid: x\nitems: 0\nhorizon_weeks: 4\ndifficulty: []\ntiers: []\n")
        let run = try await WagefileCLI.run(["plan", bad], in: scratch)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("bad.yaml:3:8: items"), "\(run)")
    }
}
