import Foundation
import ReferenceData
import Testing
import WorkModel

@testable import Planning

/// The plan's definitions worked on paper: the small program of `Small` (1,000 items; 600 easy
/// to the auto-grader at 0.01 with 10 % audited by the raters; 400 hard to three raters at 20
/// items an hour and 50 USD, half through a pool at +20 %; agreement 0.82, so each judge is right
/// with q = (1 + sqrt(0.64)) / 2 = 0.9).
@Suite struct UsefulPairRuleTests {
    @Test func threeJudgesAtQ0_9UnderEachRule() {
        // Unanimous: 0.9^3 + 0.1^3 = 0.730. Majority: three judges always have one, 1.
        #expect(abs(UsefulPairs.share(judges: 3, agreement: 0.82, rule: .unanimous) - 0.730) < 1e-12)
        #expect(abs(UsefulPairs.share(judges: 3, agreement: 0.82, rule: .majority) - 1) < 1e-12)
        #expect(abs(UsefulPairs.share(judges: 3, agreement: 0.82, rule: .share(0.8)) - 0.730) < 1e-12)
        // Posterior of a 2-1 split: 1 / (1 + (0.1 / 0.9)^1) = 0.9, so it passes at 0.9 and fails at
        // 0.95; 3-0 is 1 / (1 + (1/9)^3) = 0.99863, which passes both.
        #expect(abs(UsefulPairs.share(judges: 3, agreement: 0.82, rule: .posterior(0.9)) - 1) < 1e-12)
        #expect(abs(UsefulPairs.share(judges: 3, agreement: 0.82, rule: .posterior(0.95)) - 0.730) < 1e-12)
        #expect(UsefulPairs.share(judges: 3, agreement: 0.82, rule: .posterior(0.999)) == 0)
    }

    @Test func evenPanelsCountNoTieAsAMajority() {
        // Two judges: majority means both, q^2 + p^2 = a = 0.82.
        #expect(abs(UsefulPairs.share(judges: 2, agreement: 0.82, rule: .majority) - 0.82) < 1e-12)
        // Four judges: 3 or 4 on either side = 1 - P(2-2) = 1 - 6 x 0.81 x 0.01 = 0.9514.
        #expect(abs(UsefulPairs.share(judges: 4, agreement: 0.82, rule: .majority) - 0.9514) < 1e-12)
    }

    @Test func oneJudgeIsUsefulWhenRightAndAPosteriorRuleAsksThatItBeAccurateEnough() {
        #expect(abs(UsefulPairs.share(judges: 1, agreement: 0.82, rule: .majority) - 0.9) < 1e-12)
        #expect(abs(UsefulPairs.share(judges: 1, agreement: 0.82, rule: .posterior(0.9)) - 0.9) < 1e-12)
        #expect(UsefulPairs.share(judges: 1, agreement: 0.82, rule: .posterior(0.95)) == 0)
    }

    @Test func theRuleIsReadAndABadOneIsLocated() throws {
        #expect(try Small.read(Small.spec()).usefulPair == .posterior(0.9))
        #expect(try Small.read(Small.spec(extra: "useful_pair: unanimous")).usefulPair == .unanimous)
        #expect(try Small.read(Small.spec(extra: "useful_pair: {posterior: 0.95}")).usefulPair == .posterior(0.95))
        #expect(throws: InputError.self) { try Small.read(Small.spec(extra: "useful_pair: most")) }
        #expect(throws: InputError.self) {
            try Small.read(Small.spec(extra: "useful_pair: {share: 0.8, posterior: 0.9}"))
        }
        #expect(throws: InputError.self) { try Small.read(Small.spec(extra: "useful_pair: {share: 0.4}")) }
    }
}

@Suite struct CostPerUsefulPairTests {
    func plan(_ extra: String = "useful_pair: {share: 0.8}", rate: String = "{amount: 50}", throughput: String = "20")
        throws -> ProgramPlan
    {
        ProgramPlan.build(try Small.read(Small.spec(rate: rate, throughput: throughput, extra: extra)))
    }

    @Test func theAuditCostsHoursButIsCountedOnceAsAutoGradedPairs() throws {
        let plan = try plan()
        let raters = try #require(plan.tiers.first)
        // Raters: 400 hard items x 0.730 = 292 pairs; the 60 audited items add 495 of the 3,795
        // (60 / 460 of it) and no pairs.
        #expect(raters.usefulPairs == 292 && raters.auditItems == 60 && raters.auditCost == 495)
        // (3,795 - 495) / 292 = 11.3014.
        #expect(raters.costPerUsefulPair == 11.3014)
        // Auto-grader: (6 + 495) / 540 = 0.9278.
        #expect(plan.autoGrader.costPerUsefulPair == 0.9278)
        // Whole program: 3,801 / 832 = 4.5685.
        #expect(plan.total.usefulPairs == 832 && plan.total.costPerUsefulPair == 4.5685)
    }

    @Test func byClassTheAuditGoesWithTheClassItChecks() throws {
        let plan = try plan()
        let easy = try #require(plan.classes.first { $0.id == "easy" })
        let hard = try #require(plan.classes.first { $0.id == "hard" })
        #expect(easy.cost == 501 && easy.auditCost == 495 && easy.usefulPairs == 540)
        #expect(hard.cost == 3_300 && hard.usefulPairs == 292 && hard.costPerUsefulPair == 11.3014)
        // The classes add up to the total.
        #expect(easy.cost + hard.cost == plan.total.cost)
    }

    @Test func theNextThousandPairsCostTheAverageWhenNothingSteps() throws {
        // No rotation, no staffing steps: the plan is linear in items, so the marginal thousand
        // costs 1,000 x 3,801 / 832 = 4,568.51 (the grown program rounds its items up to 2,202).
        let marginal = try #require(try plan().total.marginalCostPerThousandPairs)
        #expect(abs(marginal - 4_568.51) < 0.5)
    }

    @Test func theIssuesHandWorkedTierCostsUnderTheUnanimousRule() throws {
        // The issue worked the shipped example under the old rule (three of three): RLHF 8.82,
        // experts 54.55, red team 106.07 USD a useful pair. RLHF: a = 0.84, q = 0.91231,
        // q^3 + p^3 = 0.76001 of 60,000 = 45,601 pairs for 439,196 less its audit 36,879 = 402,317.
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../examples/programs/q1-preference-data.yaml")
        let text = try String(contentsOf: url, encoding: .utf8) + "\nuseful_pair: unanimous\n"
        let spec = try ProgramSpecReader.read(
            text.replacingOccurrences(of: "rate: {card: rlhf-specialist}", with: "rate: {amount: 57.01}")
                .replacingOccurrences(
                    of: "rate: {card: red-teamer}", with: "rate: {amount: 141.42, low: 100, high: 200}"),
            file: "q1.yaml")
        let plan = ProgramPlan.build(spec)
        let perPair = Dictionary(uniqueKeysWithValues: plan.tiers.map { ($0.id, $0.costPerUsefulPair ?? 0) })
        #expect(abs((perPair["rlhf"] ?? 0) - 8.82) < 0.005)
        #expect(abs((perPair["experts"] ?? 0) - 54.55) < 0.005)
        #expect(abs((perPair["red-team"] ?? 0) - 106.07) < 0.005)
    }
}

@Suite struct PlanMeaningTests {
    @Test func theMedianAndThePointTotalAreReconciled() throws {
        // Throughput fixed and a rate triangle on [40, 75] with mode 50: the point total (3,801)
        // sits where the rate is 50, and P(rate <= 50) = (50 - 40)^2 / ((75 - 40)(50 - 40)) = 0.2857.
        let plan = ProgramPlan.build(try Small.read(Small.spec(draws: 20_000, rate: "{amount: 50, low: 40, high: 75}")))
        let percentile = try #require(plan.monteCarlo.pointCostPercentile)
        #expect(abs(percentile - 0.2857) < 0.01)
        #expect(plan.reconciliation.contains("higher"))
        #expect(
            plan.reconciliation.contains(
                "the rate range of raters leans high (average 55.00 against the most likely 50.00 USD/h)"))
    }

    @Test func aHorizonOverrunSaysWhomToHire() throws {
        // At 0.5 items an hour: 1,380 judgments / 0.5 = 2,760 hours, half staffed: 1,380 hours for
        // the one rater on hand = 34.5 weeks; 10 weeks of 40 h = 400 h each, so 4 staffed raters, 3 to hire.
        let plan = ProgramPlan.build(try Small.read(Small.spec(throughput: "0.5")))
        let finding = try #require(plan.findings.first { $0.rule == "plan.horizon-overrun" })
        #expect(finding.message.contains("34.5 weeks for 2,760 hours against a 10-week horizon"))
        #expect(finding.fix?.hasPrefix("Staff 4 reviewers on the staffed share (hire 3 more, 3 weeks' lead)") == true)
        #expect(ProgramPlan.build(try Small.read(Small.spec())).findings.isEmpty)
    }

    @Test func reviewersOnHandWhoGetNoHoursDoNotShortenATier() throws {
        var spec = try Small.read(Small.spec())
        spec.tiers[0].managedShare = 1
        spec.tiers[0].capacity = 5
        // All 69 hours go to the pool; 0.17 FTE is one pool reviewer: 69 / 40 = 1.7 weeks, not 69 / (6 x 40).
        #expect(ProgramPlan.build(spec).tiers.first?.weeks == 1.7)
    }

    @Test func aCheaperRoutingMeetingTheTargetIsShownWithItsSaving() throws {
        // Easy items sent to the raters: 1,000 x 3 / 20 = 150 hours x 55 = 8,250. The auto-grader
        // routing costs 3,801 at expected agreement 0.6 x 0.9 + 0.4 x 0.82 = 0.868: saving 4,449.
        let text = Small.spec().replacingOccurrences(
            of: "{class: easy, share: 0.6, route: auto-grader", with: "{class: easy, share: 0.6, route: raters")
        let plan = ProgramPlan.build(try Small.read(text))
        #expect(plan.total.cost == 8_250)
        let cheaper = try #require(plan.cheaperRouting)
        #expect(cheaper.cost == 3_801 && cheaper.saving == 4_449 && cheaper.routes["easy"] == "auto-grader")
        #expect(ProgramPlan.build(try Small.read(Small.spec())).cheaperRouting == nil)
    }

    @Test func theTornadoMovesOneInputAtATime() throws {
        // Rate 40 and 75 with throughput at 20: 6 + 69 x 1.1 x 40 = 3,042 and 6 + 69 x 1.1 x 75 = 5,698.5.
        let plan = ProgramPlan.build(
            try Small.read(
                Small.spec(rate: "{amount: 50, low: 40, high: 75}", throughput: "{mode: 20, low: 15, high: 22}")))
        let rate = try #require(plan.sensitivity.first { $0.input == "tiers.raters.rate" })
        #expect(rate.costAtLow == 3_042 && abs(rate.costAtHigh - 5_698.5) <= 0.5)
        // Throughput 15: 69 x 20 / 15 = 92 hours x 55 + 6 = 5,066; 22: 62.727 h x 55 + 6 = 3,456.
        let throughput = try #require(plan.sensitivity.first { $0.input == "tiers.raters.items_per_hour" })
        #expect(throughput.costAtLow == 5_066 && throughput.costAtHigh == 3_456)
        // Largest swing first: rate (2,656.5) before throughput (1,610).
        #expect(plan.sensitivity.first?.input == "tiers.raters.rate")
        #expect(PlanRendering.tornadoChart(plan).contains("<title id=\"tornado-title\">"))
    }
}

@Suite struct OneRateOneSourceTests {
    @Test func aTierStaffedByEmployeesOnABandPaysTheirLoadedCost() throws {
        // The raters' band from a wage file of employee pay, mid 50, loaded x 1.4: staffed hours
        // cost 50 x 1.4, pooled hours 50 x 1.2, so 69 h x 50 x (0.5 x 1.4 + 0.5 x 1.2) = 4,485.
        let spec = try Small.read(Small.spec(rate: "{band: rater-role}"))
        let resolver = RateResolver(
            reference: try ReferenceLoader.load(),
            band: { id in
                id == "rater-role"
                    ? RateResolver.Band(min: 40, mid: 50, max: 60, currency: "USD", market: "US-NY", loadFactor: 1.4)
                    : nil
            })
        let (resolved, sources, problems) = resolver.resolve(spec)
        #expect(problems.isEmpty)
        #expect(
            sources["raters"]?.contains("priced in US-NY") == true && sources["raters"]?.contains("x 1.4000") == true)
        #expect(ProgramPlan.build(resolved, rateSources: sources).tiers.first?.cost == 4_485)
    }

    @Test func aMeasuredAgreementReplacesTheAssumedOne() throws {
        var spec = try Small.read(Small.spec(agreement: "{mode: 0.82, low: 0.8, high: 0.9}"))
        #expect(MeasuredAgreement.apply(0.75, to: "raters", in: &spec) == nil)
        // The range widens to hold the measurement: 0.75 to 0.9.
        #expect(spec.tiers[0].agreement == Estimate(0.75, low: 0.75, high: 0.9))
        #expect(MeasuredAgreement.apply(0.75, to: "nobody", in: &spec)?.hasPrefix("no tier 'nobody'") == true)
        #expect(MeasuredAgreement.apply(0.4, to: "raters", in: &spec)?.contains("outside 0.5 to 1") == true)
    }
}
