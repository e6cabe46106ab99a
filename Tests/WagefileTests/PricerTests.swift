import DecisionFiles
import Pricing
import ReferenceData
import Testing
import WorkModel

/// End-to-end pricing of specs built in code, against hand-worked numbers from the shipped
/// tables. The pay line runs through the benchmark knots (points, P50 USD/h): annotator (95,
/// 19.36), tutor (260, 33.17), fellow (300, 40.87), prompt engineer (310, 50.99), RLHF (320,
/// 57.01), red team (560, 141.42), domain expert (660, 360.56), log-linear between them.
struct PricerTests {
    let shipped: Shipped

    init() throws { shipped = try Shipped.get() }

    static let rlhfFactors = [
        "judgment": "comparative", "expertise": "specialist", "scope": "task-set", "modality": "text",
        "language": "common",
        "impact": "product-quality", "authority": "recommends", "data_sensitivity": "internal",
        "content_exposure": "occasional",
    ]

    func rlhf(
        currency: String = "USD", jurisdiction: String = "US-CA", location: String? = nil, offered: PayQuote? = nil,
        candidates: [InternalCandidate] = []
    ) -> RoleSpec {
        RoleSpec(
            id: "rlhf", title: "RLHF Specialist", judgmentPurchased: "Calibrated preferences",
            tasks: [TaskShare(task: "pairwise-preference", share: 0.7), TaskShare(task: "apply-rubric")],
            direction: .train,
            factors: Self.rlhfFactors,
            worker: Worker(status: .contractor, jurisdiction: jurisdiction, location: location), currency: currency,
            offered: offered, internalCandidates: candidates, budgetOwner: "product-quality")
    }

    @Test func theRLHFSpecialistBenchmarkProfileIsPricedAtItsP50() {
        let pricing = shipped.pricer.price(rlhf(), on: Shipped.asOf)
        // 90 + 90 + 20 + 10 (complexity) + 60 + 20 + 10 (consequence) + 20 (conditions).
        #expect(pricing.score.total == 320)
        #expect(pricing.score.conditions == 20)
        #expect(pricing.inference.layer == .evaluation)
        #expect(pricing.rangeSpread == 0.4)
        expectClose(pricing.lineMidUSD, 57.01, tolerance: 1e-9)
        expectClose(pricing.bandHourly.min, 57.01 / 1.2, tolerance: 1e-9)
        expectClose(pricing.bandHourly.mid, 57.01, tolerance: 1e-9)
        expectClose(pricing.bandHourly.max, 57.01 / 1.2 * 1.4, tolerance: 1e-9)
        // 2,080 policy hours a year.
        expectClose(pricing.bandAnnual.mid, 57.01 * 2080, tolerance: 1e-6)
        #expect(pricing.premiums.applied.isEmpty)
        // California outside a sourced metro: the US national level.
        #expect(pricing.location.factor == 1)
        #expect(pricing.location.policy == .workerMarket)
        #expect(pricing.floorLift == nil)
        #expect(pricing.lineDescription.hasPrefix("at the benchmark rlhf-specialist (320 points, 57.01 USD/h)"))
    }

    @Test func aBandInEurosConvertsAtTheTableRate() throws {
        let pricing = shipped.pricer.price(
            rlhf(currency: "EUR", offered: PayQuote(amount: 55, currency: "USD", basis: .hourly)), on: Shipped.asOf)
        #expect(pricing.exchangeRate?.perUSD == 0.86)
        expectClose(pricing.bandHourly.min, 57.01 * 0.86 / 1.2, tolerance: 1e-9)
        expectClose(pricing.bandHourly.mid, 49.0286, tolerance: 1e-9)
        expectClose(pricing.bandUSDHourly.mid, 57.01, tolerance: 1e-9, "the USD band is unchanged")
        let offer = try #require(pricing.offered)
        expectClose(offer.hourly, 47.3, tolerance: 1e-9, "a 55 USD offer is 47.30 EUR")
        expectClose(offer.compaRatio, 47.3 / 49.0286, tolerance: 1e-9, "compared in one currency")
        // The rate card (USD) is converted too: sqrt(50 x 65) x 0.86.
        expectClose(offer.rateCard?.mid, 57.0087712549569 * 0.86, tolerance: 1e-6)
    }

    @Test func aMetroDifferentialAppliesWhereTheWorkerIsNamed() throws {
        let sanFrancisco = shipped.pricer.price(rlhf(location: "San Francisco, CA"), on: Shipped.asOf)
        #expect(sanFrancisco.location.record?.id == "us-san-francisco-metro")
        expectClose(sanFrancisco.location.factor, 1.489, tolerance: 1e-12)
        expectClose(sanFrancisco.bandHourly.mid, 57.01 * 1.489, tolerance: 1e-9)
        // Nairobi: Kenya 322 / 5,985 x urban 1.34 = 0.072, in shillings at 129.2 per USD.
        let nairobi = shipped.pricer.price(
            rlhf(currency: "KES", jurisdiction: "KE", location: "Nairobi"), on: Shipped.asOf)
        #expect(nairobi.location.record?.id == "ke-nairobi")
        expectClose(nairobi.bandHourly.mid, 57.01 * 0.072 * 129.2, tolerance: 1e-6)
        // A subdivision without its own row takes its country's.
        let bavaria = shipped.pricer.price(rlhf(currency: "EUR", jurisdiction: "DE-BY"), on: Shipped.asOf)
        #expect(bavaria.location.record?.jurisdiction == "DE")
        expectClose(bavaria.bandUSDHourly.mid, 57.01 * 0.761, tolerance: 1e-9)
    }

    @Test func thePathUpwardPricesTheNextLayersTypicalRoles() throws {
        let steps = shipped.pricer.price(rlhf(), on: Shipped.asOf).pathUpward
        #expect(steps.map(\.layer) == ["evaluation-lead", "data-quality-ops"])
        // Evaluation lead: 150 + 90 + 60 + 10 + 60 + 70 + 10 + 20 = 470 points, between the RLHF (320,
        // 57.01) and red-team (560, 141.42) knots: exp(ln 57.01 + ln(141.42 / 57.01) x 150 / 240); spread 0.5.
        let lead = try #require(steps.first)
        #expect(lead.typicalPoints == 470)
        let leadMid = 100.58909734511177
        expectClose(lead.bandHourly.mid, leadMid, tolerance: 1e-6)
        expectClose(lead.bandHourly.min, leadMid / 1.25, tolerance: 1e-6)
        expectClose(lead.bandHourly.max, leadMid / 1.25 * 1.5, tolerance: 1e-6)
        expectClose(lead.gapHourly, leadMid - 57.01, tolerance: 1e-6)
        expectClose(lead.gapPercent, leadMid / 57.01 - 1, tolerance: 1e-9)
        // Data-quality ops: 330 points, 10 of the 240 from the RLHF knot toward the red-team one.
        expectClose(steps.last?.bandHourly.mid, 59.20945073883117, tolerance: 1e-6)
        #expect(steps.last?.evidence.isEmpty == false)
    }

    @Test func anInternalCandidateBelowTheBandIsCostedAndFlagged() throws {
        let candidate = InternalCandidate(
            name: "Dana", currentTitle: "QA Analyst", currentLayer: "evaluation",
            currentPay: PayQuote(amount: 20, currency: "USD", basis: .hourly), evidence: ["Built the gold set"])
        let spec = rlhf(candidates: [candidate])
        let analysis = try #require(shipped.pricer.price(spec, on: Shipped.asOf).candidates.first)
        #expect(analysis.circle == .green)
        expectClose(analysis.annualCostToMinimum, (57.01 / 1.2 - 20) * 2080, tolerance: 1e-6)  // 57,217
        expectClose(analysis.annualCostToMidpoint, (57.01 - 20) * 2080, tolerance: 1e-6)  // 76,981
        expectClose(analysis.compaRatio, 20 / 57.01, tolerance: 1e-9)

        let finding = try #require(
            shipped.builder.build(spec).findings.first { $0.rule == "internal-candidate-below-band" })
        #expect(finding.severity == .warning)
        #expect(finding.evidence.contains("annual cost to band minimum 57,217 USD"))
    }

    @Test func aUserDifferentialReplacesTheShippedOne() throws {
        var parser = try ReferenceDataTests.shippedParser()
        parser.add(
            """
            policy: {location_policy: location-factors, source: wagefile-defaults, as_of: 2026-12, confidence: medium}
            location_factors:
              - {jurisdiction: KE, factor: 0.5, source: wagefile-defaults, as_of: 2026-12, confidence: low}
            """, file: "user/location.yaml")
        let builder = DecisionFileBuilder(pricer: try Pricer(reference: try parser.build()), asOf: Shipped.asOf)

        // KE-30 has no factor of its own and falls back to KE's; `location-factors` reads as worker-market.
        let kenya = builder.pricer.price(rlhf(currency: "KES", jurisdiction: "KE-30"), on: Shipped.asOf)
        #expect(kenya.location.policy == .workerMarket)
        #expect(kenya.location.factor == 0.5)
        #expect(!kenya.location.missing)
        expectClose(kenya.bandHourly.mid, 57.01 * 0.5 * 129.2, tolerance: 1e-6)
    }

    @Test func aMarketWithoutADifferentialSaysSo() throws {
        // Venezuela: no ILOSTAT or OECD figure ships.
        let file = shipped.builder.build(rlhf(currency: "USD", jurisdiction: "VE"))
        #expect(file.band.locationFactor == 1)
        let missing = try #require(file.findings.first { $0.rule == "location-factor-missing" })
        #expect(missing.severity == .warning)
        #expect(missing.message.hasPrefix("No location differential is known for VE"))
    }

    @Test func theLocationPolicyIsChosenPerLayer() throws {
        var parser = try ReferenceDataTests.shippedParser()
        parser.add(
            """
            policy: {location_policy_by_layer: {evaluation: hirer-market, annotation: global}, hirer_market: US-CA, hirer_locality: San Francisco, source: wagefile-defaults, as_of: 2026-12, confidence: medium}
            """, file: "user/policy.yaml")
        let pricer = try Pricer(reference: try parser.build())
        // A Nairobi RLHF reviewer paid on the hirer's San Francisco market.
        let remote = pricer.price(rlhf(currency: "USD", jurisdiction: "KE", location: "Nairobi"), on: Shipped.asOf)
        #expect(remote.location.policy == .hirerMarket)
        #expect(remote.location.market == "US-CA (San Francisco)")
        expectClose(remote.bandHourly.mid, 57.01 * 1.489, tolerance: 1e-9)
        // The path upward is priced on the same location basis as the role: data-quality ops in
        // San Francisco too (59.21 x 1.489 = 88.16 against 84.89, +3.9%, a step up). Priced in
        // Nairobi by its own layer's policy it would show 4.26 USD/h, a 95% cut that is a move
        // between markets, not between kinds of work.
        let dataQuality = try #require(remote.pathUpward.last)
        expectClose(dataQuality.bandHourly.mid, 59.20945073883117 * 1.489, tolerance: 1e-6)
        #expect(!dataQuality.lateral && dataQuality.gapPercent > 0)
    }

    @Test func pricingIsDeterministic() {
        let spec = rlhf(offered: PayQuote(amount: 50, currency: "USD", basis: .hourly))
        #expect(shipped.builder.build(spec) == shipped.builder.build(spec))
    }
}
