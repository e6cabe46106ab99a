import Testing
import WorkModel
import ReferenceData
import Pricing
import DecisionFiles

/// End-to-end pricing of specs built in code, against hand-worked numbers from the shipped
/// tables: pay line ln(P50) = 2.433917 + 0.00466132 x points.
struct PricerTests {
    let shipped: Shipped

    init() throws { shipped = try Shipped.get() }

    static let rlhfFactors = [
        "judgment": "comparative", "expertise": "specialist", "scope": "task-set", "modality": "text", "language": "common",
        "impact": "product-quality", "authority": "recommends", "data_sensitivity": "internal", "content_exposure": "occasional",
    ]

    func rlhf(
        currency: String = "USD", jurisdiction: String = "US-CA", offered: PayQuote? = nil, candidates: [InternalCandidate] = []
    ) -> RoleSpec {
        RoleSpec(
            id: "rlhf", title: "RLHF Specialist", judgmentPurchased: "Calibrated preferences",
            tasks: [TaskShare(task: "pairwise-preference", share: 0.7), TaskShare(task: "apply-rubric")], direction: .train,
            factors: Self.rlhfFactors, worker: Worker(status: .contractor, jurisdiction: jurisdiction), currency: currency,
            offered: offered, internalCandidates: candidates, budgetOwner: "product-quality")
    }

    @Test func theRLHFSpecialistBand() {
        let pricing = shipped.pricer.price(rlhf())
        #expect(pricing.score.total == 310)
        #expect(pricing.inference.layer == .evaluation)
        #expect(pricing.rangeSpread == 0.4)
        expectClose(pricing.lineMidUSD, 48.3722696031562, tolerance: 1e-6)
        expectClose(pricing.bandHourly.min, 40.31022466929684, tolerance: 1e-6)
        expectClose(pricing.bandHourly.mid, 48.3722696031562, tolerance: 1e-6)
        expectClose(pricing.bandHourly.max, 56.43431453701557, tolerance: 1e-6)
        // 2,080 policy hours a year.
        expectClose(pricing.bandAnnual.mid, 48.3722696031562 * 2080, tolerance: 1e-3)
        #expect(pricing.premiums.applied.isEmpty)
        #expect(pricing.location.factor == 1)
        #expect(pricing.location.policy == .global)
    }

    @Test func aBandInEurosConvertsAtTheTableRate() throws {
        let pricing = shipped.pricer.price(rlhf(currency: "EUR", offered: PayQuote(amount: 55, currency: "USD", basis: .hourly)))
        #expect(pricing.exchangeRate?.perUSD == 0.86)
        expectClose(pricing.bandHourly.min, 34.66679321559528, tolerance: 1e-6)
        expectClose(pricing.bandHourly.mid, 41.60015185871433, tolerance: 1e-6)
        expectClose(pricing.bandUSDHourly.mid, 48.3722696031562, tolerance: 1e-6, "the USD band is unchanged")
        let offer = try #require(pricing.offered)
        expectClose(offer.hourly, 47.3, tolerance: 1e-9, "a 55 USD offer is 47.30 EUR")
        expectClose(offer.compaRatio, 47.3 / 41.60015185871433, tolerance: 1e-9, "compared in one currency")
        // The rate card (USD) is converted too: sqrt(50 x 65) x 0.86.
        expectClose(offer.rateCard?.mid, 57.0087712549569 * 0.86, tolerance: 1e-6)
    }

    @Test func thePathUpwardPricesTheNextLayersTypicalRoles() throws {
        let steps = shipped.pricer.price(rlhf()).pathUpward
        #expect(steps.map(\.layer) == ["evaluation-lead", "data-quality-ops"])
        // Evaluation lead: 310 + 160 = 470 points, release-authority premium 1.1, spread 0.5.
        let lead = try #require(steps.first)
        #expect(lead.typicalPoints == 470)
        expectClose(lead.bandHourly.min, 89.73894258844044, tolerance: 1e-6)
        expectClose(lead.bandHourly.mid, 112.17367823555055, tolerance: 1e-6)
        expectClose(lead.bandHourly.max, 134.60841388266067, tolerance: 1e-6)
        expectClose(lead.gapHourly, 112.17367823555055 - 48.3722696031562, tolerance: 1e-6)
        expectClose(lead.gapPercent, 112.17367823555055 / 48.3722696031562 - 1, tolerance: 1e-9)
        // Data-quality ops: 330 points, no premium, spread 0.4.
        expectClose(steps.last?.bandHourly.mid, 53.098736998750695, tolerance: 1e-6)
        #expect(steps.last?.evidence.isEmpty == false)
    }

    @Test func anInternalCandidateBelowTheBandIsCostedAndFlagged() throws {
        let candidate = InternalCandidate(
            name: "Dana", currentTitle: "QA Analyst", currentLayer: "evaluation",
            currentPay: PayQuote(amount: 20, currency: "USD", basis: .hourly), evidence: ["Built the gold set"])
        let spec = rlhf(candidates: [candidate])
        let analysis = try #require(shipped.pricer.price(spec).candidates.first)
        #expect(analysis.circle == .green)
        expectClose(analysis.annualCostToMinimum, 42245.26731213742, tolerance: 1e-3)  // (40.3102 - 20) x 2,080
        expectClose(analysis.annualCostToMidpoint, 59014.32077456489, tolerance: 1e-3)  // (48.3723 - 20) x 2,080
        expectClose(analysis.compaRatio, 20 / 48.3722696031562, tolerance: 1e-9)

        let finding = try #require(shipped.builder.build(spec).findings.first { $0.rule == "internal-candidate-below-band" })
        #expect(finding.severity == .warning)
        #expect(finding.evidence.contains("annual cost to band minimum 42,245 USD"))
    }

    @Test func locationFactorsScaleTheBandWhenThePolicyAsksForThem() throws {
        var parser = try ReferenceDataTests.shippedParser()
        parser.add(
            """
            policy: {location_policy: location-factors, source: wagefile-defaults, as_of: 2026-12, confidence: medium}
            location_factors:
              - {jurisdiction: KE, factor: 0.5, source: wagefile-defaults, as_of: 2026-12, confidence: low}
            """, file: "user/location.yaml")
        let builder = DecisionFileBuilder(pricer: try Pricer(reference: try parser.build()), asOf: Shipped.asOf)

        // KE-30 has no factor of its own and falls back to KE's.
        let kenya = builder.pricer.price(rlhf(currency: "KES", jurisdiction: "KE-30"))
        #expect(kenya.location.factor == 0.5)
        #expect(!kenya.location.missing)
        expectClose(kenya.bandHourly.mid, 48.3722696031562 * 0.5 * 129.2, tolerance: 1e-6)

        let us = builder.build(rlhf(jurisdiction: "US-CA"))
        #expect(us.band.locationFactor == 1)
        let missing = try #require(us.findings.first { $0.rule == "location-factor-missing" })
        #expect(missing.message == "The location-factors policy has no factor for US-CA; the global rate (factor 1) was used.")
    }

    @Test func pricingIsDeterministic() {
        let spec = rlhf(offered: PayQuote(amount: 50, currency: "USD", basis: .hourly))
        #expect(shipped.builder.build(spec) == shipped.builder.build(spec))
    }
}
