import Foundation
import ReferenceData
import Testing
import WorkModel

@testable import Planning

/// A two-class program small enough to work out by hand.
enum Small {
    static func spec(
        draws: Int = 2_000, rate: String = "{amount: 50}", throughput: String = "20", agreement: String = "0.82",
        extra: String = ""
    ) -> String {
        """
        program: wagefile.program/v1
        id: small
        items: 1000
        horizon_weeks: 10
        agreement_target: 0.8
        audit_sample: 0.1
        audit_tier: raters
        auto_grader: {cost_per_item: 0.01}
        difficulty:
          - {class: easy, share: 0.6, route: auto-grader, auto_agreement: 0.9}
          - {class: hard, share: 0.4, route: raters}
        tiers:
          - id: raters
            judges_per_item: 3
            items_per_hour: \(throughput)
            rate: \(rate)
            agreement: \(agreement)
            capacity: 1
            hiring_lead_weeks: 3
            managed_share: 0.5
            managed_markup: 0.2
        \(extra)
        monte_carlo: {draws: \(draws), seed: 11}
        """
    }

    static func read(_ text: String) throws -> ProgramSpec { try ProgramSpecReader.read(text, file: "small.yaml") }
}

@Suite struct PlanArithmeticTests {
    @Test func aSmallPlanWorkedOutByHand() throws {
        let plan = ProgramPlan.build(try Small.read(Small.spec()))
        // 600 easy items to the auto-grader at 0.01: 6.00; 10% of them (60) audited by the raters.
        #expect(plan.autoGrader.items == 600 && plan.autoGrader.cost == 6 && plan.autoGrader.auditedItems == 60)
        let raters = try #require(plan.tiers.first)
        // 400 hard + 60 audit = 460 items x 3 judges = 1,380 judgments at 20 an hour = 69 hours.
        #expect(raters.items == 460 && raters.judgments == 1_380 && raters.hours == 69)
        // Half the hours at 50, half through the pool at 50 x 1.2: 69 x 50 x 1.1 = 3,795.
        #expect(raters.cost == 3_795)
        #expect(raters.managedCost == 2_070)
        // 69 hours over 10 weeks of 40 hours: 0.1725 FTE.
        #expect(raters.fte == 0.17)
        #expect(plan.total.cost == 3_801)
        // One staffed rater plus one from the pool: 69 h / (2 x 40 h) = 0.86 weeks.
        #expect(raters.weeks == 0.9)
        #expect(plan.total.meetsHorizon)
    }

    @Test func usefulPairsFollowFromAgreement() {
        // a = 0.82 -> q = (1 + sqrt(0.64)) / 2 = 0.9; three judges useful at 80% only when unanimous:
        // 0.9^3 + 0.1^3 = 0.730.
        #expect(abs(UsefulPairs.judgeAccuracy(agreement: 0.82) - 0.9) < 1e-12)
        #expect(abs(UsefulPairs.share(judges: 3, agreement: 0.82, target: 0.8) - 0.730) < 1e-12)
        // At a 60% target two of three suffice: 1 - P(no majority) = 1 (three judges always have one).
        #expect(abs(UsefulPairs.share(judges: 3, agreement: 0.82, target: 0.6) - 1) < 1e-12)
        // Five judges at 80%: 4 or 5 of 5 on either side.
        let q = 0.9
        let expected = pow(q, 5) + 5 * pow(q, 4) * (1 - q) + pow(1 - q, 5) + 5 * pow(1 - q, 4) * q
        #expect(abs(UsefulPairs.share(judges: 5, agreement: 0.82, target: 0.8) - expected) < 1e-12)
        #expect(abs(UsefulPairs.share(judges: 1, agreement: 0.82, target: 0.8) - 0.9) < 1e-12)
        // Agreement at chance (0.5) means a coin flip.
        #expect(UsefulPairs.judgeAccuracy(agreement: 0.5) == 0.5)
    }

    @Test func theCostPerUsefulPairDividesTheWholeCostByUsefulPairs() throws {
        let plan = ProgramPlan.build(try Small.read(Small.spec(extra: "useful_pair: {share: 0.8}")))
        // Useful: 600 x 0.9 from the auto-grader + 400 x 0.730 from the raters; the 60 audited
        // items are the auto-grader's, counted once.
        let useful = 600 * 0.9 + 400 * 0.730
        #expect(abs(plan.total.usefulPairs - useful.rounded()) <= 1)
        #expect(abs((plan.total.costPerUsefulPair ?? 0) - 3_801 / useful) < 0.001)
    }

    @Test func hiringStartsTheLeadTimeBeforeTheStart() throws {
        let spec = try Small.read(Small.spec(throughput: "0.5", extra: "start: 2027-01-04"))
        let plan = ProgramPlan.build(spec)
        let hire = try #require(plan.hiring.first)
        // 2,760 hours over 400 staffed hours: 6.9 FTE, half staffed: 4 reviewers, 1 on hand.
        #expect(hire.staffedNeeded == 4 && hire.toHire == 3)
        #expect(hire.startHiring == "2026-12-14")
        #expect(!plan.total.meetsHorizon)
    }
}

@Suite struct MonteCarloTests {
    @Test func theMeanConvergesToTheAnalyticExpectation() throws {
        // Throughput fixed, rate triangular: E[cost] = 6 + 69 x 1.1 x (40 + 50 + 75) / 3.
        let spec = try Small.read(Small.spec(draws: 200_000, rate: "{amount: 50, low: 40, high: 75}"))
        let summary = MonteCarlo.run(spec)
        let analytic = 6 + 69 * 1.1 * (40.0 + 50 + 75) / 3
        #expect(abs(summary.cost.mean - analytic) / analytic < 0.002, "\(summary.cost.mean) against \(analytic)")
        #expect(summary.cost.p10 < summary.cost.p50 && summary.cost.p50 < summary.cost.p90)
        // The P50 of a triangular rate with mode 50 on [40, 75]: 75 - sqrt(0.5 x 35 x 25) = 54.08.
        let median = 6 + 69 * 1.1 * (75 - (0.5 * 35 * 25).squareRoot())
        #expect(abs(summary.cost.p50 - median) / median < 0.003)
    }

    @Test func usefulPairsConvergeToTheIntegralOverAgreement() throws {
        let spec = try Small.read(
            Small.spec(
                draws: 200_000, agreement: "{mode: 0.82, low: 0.7, high: 0.9}", extra: "useful_pair: {share: 0.8}"))
        let summary = MonteCarlo.run(spec)
        // E over the triangular density of the useful share, by Simpson's rule.
        let low = 0.7, mode = 0.82, high = 0.9
        func density(_ a: Double) -> Double {
            a < mode ? 2 * (a - low) / ((high - low) * (mode - low)) : 2 * (high - a) / ((high - low) * (high - mode))
        }
        let steps = 20_000
        let width = (high - low) / Double(steps)
        var integral = 0.0
        for i in 0...steps {
            let a = low + Double(i) * width
            let weight: Double = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2)
            integral += weight * density(a) * UsefulPairs.share(judges: 3, agreement: a, target: 0.8)
        }
        integral *= width / 3
        let analytic = 600 * 0.9 + 400 * integral
        #expect(
            abs(summary.usefulPairs.mean - analytic) / analytic < 0.002,
            "\(summary.usefulPairs.mean) against \(analytic)")
    }

    @Test func theSameSeedGivesTheSameNumbersAndAnotherSeedOthers() throws {
        let text = Small.spec(rate: "{amount: 50, low: 40, high: 75}", agreement: "{mode: 0.82, low: 0.7, high: 0.9}")
        let first = MonteCarlo.run(try Small.read(text))
        #expect(MonteCarlo.run(try Small.read(text)) == first)
        var other = try Small.read(text)
        other.seed = 12
        #expect(MonteCarlo.run(other) != first)
    }

    @Test func fixedInputsGiveNoSpread() throws {
        let summary = MonteCarlo.run(try Small.read(Small.spec(draws: 100)))
        #expect(summary.cost.p10 == summary.cost.p90 && summary.cost.mean == 3_801)
    }
}

@Suite struct RoutingOptimizerTests {
    static let threeClasses = """
        program: wagefile.program/v1
        id: three
        items: 10000
        horizon_weeks: 8
        agreement_target: 0.85
        auto_grader: {cost_per_item: 0.002}
        difficulty:
          - {class: easy, share: 0.5, route: auto-grader, auto_agreement: 0.9}
          - {class: medium, share: 0.3, route: auto-grader, auto_agreement: 0.6}
          - {class: hard, share: 0.2, route: experts, auto_agreement: 0.5}
        tiers:
          - {id: raters, level: 1, judges_per_item: 3, items_per_hour: 30, rate: {amount: 40}, agreement: 0.85, agreement_by_class: {hard: 0.65}}
          - {id: experts, level: 2, judges_per_item: 2, items_per_hour: 8, rate: {amount: 150}, agreement: 0.9}
        """

    @Test func theFrontierIsCheapestFirstAndNeverDominated() throws {
        let frontier = RoutingOptimizer.sweep(try ProgramSpecReader.read(Self.threeClasses, file: "three.yaml"))
        // Monotone routings of 3 classes over 3 routes: C(5, 3) = 10.
        #expect(frontier.evaluated == 10)
        for (earlier, later) in zip(frontier.frontier, frontier.frontier.dropFirst()) {
            #expect(earlier.cost < later.cost && earlier.expectedAgreement < later.expectedAgreement)
        }
        let cheapest = try #require(frontier.cheapestMeetingTarget)
        // Easy to the auto-grader, medium to raters, hard to experts: 0.5 x 0.9 + 0.3 x 0.85 + 0.2 x 0.9 = 0.885.
        #expect(cheapest.routes == ["easy": "auto-grader", "medium": "raters", "hard": "experts"])
        #expect(abs(cheapest.expectedAgreement - 0.885) < 1e-9)
        // Hard to the raters would be cheaper, but their agreement on hard items (0.65) brings the
        // whole to 0.835, under the 0.85 target.
        let cheaper = try #require(
            frontier.frontier.first { $0.routes == ["easy": "auto-grader", "medium": "raters", "hard": "raters"] })
        #expect(!cheaper.meetsTarget && cheaper.cost < cheapest.cost)
        #expect(frontier.current.routes == ["easy": "auto-grader", "medium": "auto-grader", "hard": "experts"])
    }
}

@Suite struct ProgramSpecErrorTests {
    func messages(_ text: String) -> [String] {
        do {
            _ = try ProgramSpecReader.read(text, file: "bad.yaml")
            return []
        } catch {
            return error.diagnostics.map { "\($0.line):\($0.field): \($0.message)" }
        }
    }

    @Test func badSpecsSayWhereAndWhat() {
        let text = """
            program: wagefile.program/v2
            id: bad
            items: -3
            horizon_weeks: 10
            audit_sample: 0.2
            difficulty:
              - {class: easy, share: 0.7, route: robots}
              - {class: hard, share: 0.2, route: auto-grader}
            tiers:
              - {id: raters, judges_per_item: 3, items_per_hour: {mode: 10, low: 12}, agreement: 1.4, rate: {card: astronaut}, speed: 3}
            """
        let found = messages(text)
        #expect(found.contains { $0.hasPrefix("1:program:") })
        #expect(found.contains { $0.hasPrefix("3:items:") })
        #expect(found.contains { $0.contains("difficulty[0].route") && $0.contains("'robots' is not one of") })
        #expect(found.contains { $0.contains("difficulty: the class shares add up to 0.9") })
        #expect(found.contains { $0.contains("audit_tier: required when audit_sample") })
        #expect(found.contains { $0.contains("difficulty[1].auto_agreement") })
        #expect(found.contains { $0.contains("tiers[0].items_per_hour") && $0.contains("low <= mode <= high") })
        #expect(found.contains { $0.contains("tiers[0].agreement") })
        #expect(found.contains { $0.contains("tiers[0].speed") && $0.contains("unknown field") })
        #expect(messages("").first?.contains("empty") == true)
        #expect(messages("tiers: 3").contains { $0.contains("tiers: expected a list") })
    }

    @Test func anUnknownRateCardIsNamed() throws {
        let spec = try Small.read(Small.spec(rate: "{card: astronaut}"))
        let resolved = RateResolver(reference: try ReferenceLoader.load()).resolve(spec)
        #expect(resolved.problems.first?.contains("no rate card 'astronaut'") == true)
        let card = RateResolver(reference: try ReferenceLoader.load()).resolve(
            try Small.read(Small.spec(rate: "{card: rlhf-specialist}")))
        // The RLHF card, 50 to 65 USD/h, around its geometric midpoint.
        let rate = try #require(card.spec.tiers.first?.rate)
        #expect(rate.low == 50 && rate.high == 65 && abs(rate.mode - (50.0 * 65).squareRoot()) < 1e-9)
        #expect(card.sources["raters"]?.hasPrefix("rate card rlhf-specialist") == true)
    }

    @Test func theShippedExampleReadsAndPlans() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../examples/programs/q1-preference-data.yaml")
        let spec = try ProgramSpecReader.read(try String(contentsOf: url, encoding: .utf8), file: "q1.yaml")
        let resolved = RateResolver(reference: try ReferenceLoader.load()).resolve(spec)
        #expect(resolved.problems.isEmpty)
        let plan = ProgramPlan.build(resolved.spec, rateSources: resolved.sources)
        #expect(plan.tiers.count == 3 && plan.total.cost > 0 && plan.hiring.contains { $0.tier == "rlhf" })
    }
}

extension Error {
    var diagnostics: [Diagnostic] { (self as? InputError)?.diagnostics ?? [] }
}
