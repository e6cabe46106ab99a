import Pricing
import ReferenceData
import Testing
import WorkModel

/// Premium triggers ride only on market factors, which score no points: one fact, one uplift.
struct PremiumsTests {
    let shipped: Shipped
    var reference: ReferenceSet { shipped.reference }

    init() throws { shipped = try Shipped.get() }

    @Test func onlyLanguageScarcityTriggersAPremium() {
        #expect(reference.premiums.map(\.id) == ["less-common-language", "scarce-language"])
        for premium in reference.premiums {
            #expect(reference.factor(premium.factor)?.axis == .market, "\(premium.id) rides on a market factor")
        }
        // Facts that used to earn a premium as well as points now earn points only.
        let jobValue = Premiums.applicable(
            to: [
                "modality": "video", "content_exposure": "extreme", "expertise": "senior-credentialed",
                "authority": "named-sign-off",
            ], in: reference)
        #expect(jobValue.applied.isEmpty)
        #expect(Premiums.applicable(to: [:], in: reference).multiplier == 1)
    }

    /// On otherwise identical specs, the trigger level lifts the midpoint by exactly the
    /// documented percentage, and the points do not move.
    @Test(arguments: ["less-common-language", "scarce-language"])
    func eachPremiumIsTheWholeUpliftItCauses(_ id: String) throws {
        let premium = try #require(reference.premiums.first { $0.id == id })
        let factor = try #require(reference.factor(premium.factor))
        let triggering = Set(reference.premiums.filter { $0.factor == factor.id }.flatMap(\.levels))
        let plain = try #require(factor.levels.first { !triggering.contains($0.id) })
        let trigger = try #require(premium.levels.first)
        var factors = PricerTests.rlhfFactors
        factors[factor.id] = plain.id
        let base = spec(factors)
        factors[factor.id] = trigger
        let raised = spec(factors)
        let before = shipped.pricer.price(base, on: Shipped.asOf),
            after = shipped.pricer.price(raised, on: Shipped.asOf)
        #expect(after.score.total == before.score.total, "a market fact scores no points")
        expectClose(after.bandHourly.mid / before.bandHourly.mid, 1 + premium.percent / 100, tolerance: 1e-12)
        #expect(after.premiums.applied.map(\.id) == [id], "one premium, once")
    }

    /// Named sign-off is job value (responsibility): it scores authority points and no premium.
    @Test func namedSignOffScoresPointsAndNoPremium() {
        var factors = PricerTests.rlhfFactors
        factors["authority"] = "named-sign-off"
        let pricing = shipped.pricer.price(spec(factors), on: Shipped.asOf)
        #expect(pricing.premiums.applied.isEmpty)
        #expect(pricing.score.total == 320 - 20 + 100)
    }

    func spec(_ factors: [String: String]) -> RoleSpec {
        RoleSpec(
            id: "premium", title: "Reviewer", judgmentPurchased: "Preferences",
            tasks: [TaskShare(task: "pairwise-preference")],
            direction: .train, factors: factors, worker: Worker(status: .contractor, jurisdiction: "US"),
            currency: "USD")
    }
}
