import Compliance
import DecisionFiles
import Foundation
import Pricing
import PropertyBased
import ReferenceData
import Testing
import WorkModel

/// The pay structure reproduces its own evidence, and the law is the floor of every band.
struct MarketTruthTests {
    let shipped: Shipped

    init() throws { shipped = try Shipped.get() }

    func spec(
        _ factors: [String: String], tasks: [TaskShare] = [TaskShare(task: "pairwise-preference")],
        jurisdiction: String = "US",
        location: String? = nil, currency: String = "USD", offered: Double? = nil, category: String? = nil
    ) -> RoleSpec {
        RoleSpec(
            id: "truth", title: "Role", judgmentPurchased: "Judgment", tasks: tasks, direction: .train,
            category: category, factors: factors,
            worker: Worker(status: .contractor, jurisdiction: jurisdiction, location: location), currency: currency,
            offered: offered.map { PayQuote(amount: $0, currency: currency, basis: .hourly) },
            budgetOwner: "product-quality")
    }

    /// Every shipped benchmark, priced from its own profile in its own market, within 3% of its P50.
    @Test func everyBenchmarkIsPricedAtItsOwnP50() {
        for benchmark in shipped.reference.benchmarks {
            let pricing = shipped.pricer.price(
                spec(benchmark.factors, jurisdiction: benchmark.market, location: benchmark.locality), on: Shipped.asOf)
            let residual = pricing.bandUSDHourly.mid / benchmark.p50HourlyUSD - 1
            #expect(
                abs(residual) <= 0.03,
                "\(benchmark.id): priced \(pricing.bandUSDHourly.mid) against P50 \(benchmark.p50HourlyUSD)")
        }
        let report = CalibrationReport(pricer: shipped.pricer)
        #expect(report.largestResidual <= 0.03)
        #expect(report.cards.count == shipped.reference.categories.count)
        #expect(report.cards.allSatisfy { $0.inside })
    }

    /// A category's typical role in the card's market is priced inside the card, and any offer
    /// inside the card's published range never blocks on pay position.
    @Test func anOfferInsideThePublishedRangeNeverBlocksOnPayPosition() async throws {
        let reference = shipped.reference
        let cases: [(JobCategory, BenchmarkRole)] = reference.categories.compactMap { card in
            reference.benchmarks.first { $0.category == card.id }.map { (card, $0) }
        }
        #expect(cases.count == reference.categories.count)
        await propertyCheck(count: 200, input: Gen.int(in: 0...(cases.count - 1)), Gen.double(in: 0...1)) {
            index, share in
            let (card, benchmark) = cases[index]
            // Anywhere from the low end to the high end, both included.
            let offer = (card.rateLow + (card.rateHigh - card.rateLow) * share).rounded(toPlaces: 2)
            let file = shipped.builder.build(spec(benchmark.factors, offered: offer, category: card.id))
            #expect(file.category?.id == card.id)
            let payPosition = file.findings.filter {
                ["green-circle", "red-circle", "below-rate-card"].contains($0.rule)
            }
            #expect(!payPosition.contains { $0.severity == .blocking }, "\(card.id) at \(offer) USD/h")
            #expect(file.band.hourly.mid >= card.rateLow && file.band.hourly.mid <= card.rateHigh)
        }
    }

    /// No band minimum below the statutory floor, in any shipped jurisdiction and locality, for
    /// any profile, in the floor's own currency.
    @Test func noBandMinimumFallsBelowTheStatutoryFloor() async {
        let reference = shipped.reference
        let places: [(jurisdiction: String, location: String?, currency: String)] = reference.wageFloors
            .filter { $0.standing == .statutory }
            .flatMap { floor in
                ([nil] + floor.localities.map(Optional.some)).map { (floor.jurisdiction, $0, floor.currency) }
            }
        let tables = reference.factors
        // The lowest profile the tables allow, and random ones.
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(places.count - 1)), Gen.int(in: 0...10_000).array(of: tables.count),
            Gen.bool
        ) { index, raw, lowest in
            let place = places[index]
            var factors: [String: String] = [:]
            for (table, level) in zip(tables, raw) {
                factors[table.id] = table.levels[lowest ? 0 : level % table.levels.count].id
            }
            let role = spec(
                factors, tasks: [TaskShare(task: "label-images")], jurisdiction: place.jurisdiction,
                location: place.location, currency: place.currency)
            let pricing = shipped.pricer.price(role, on: Shipped.asOf)
            guard let floor = shipped.pricer.statutoryFloor(for: role, on: Shipped.asOf) else { return }
            #expect(
                pricing.bandHourly.min >= floor.hourlyInSpecCurrency * (1 - 1e-12),
                "\(place.jurisdiction) \(place.location ?? "")")
            for step in pricing.pathUpward { #expect(step.bandHourly.min >= floor.hourlyInSpecCurrency * (1 - 1e-12)) }
        }
    }

    /// Germany: the lowest annotation profile's market band (16.21 USD/h mid in the US x 0.761)
    /// starts below the 13.90 EUR minimum, so the band is lifted and says so.
    @Test func aBandBelowTheGermanMinimumIsLiftedToIt() throws {
        let lowest = Dictionary(uniqueKeysWithValues: shipped.reference.factors.map { ($0.id, $0.levels[0].id) })
        let role = spec(lowest, tasks: [TaskShare(task: "label-images")], jurisdiction: "DE", currency: "EUR")
        let pricing = shipped.pricer.price(role, on: Shipped.asOf)
        let lift = try #require(pricing.floorLift)
        #expect(lift.floor.record.id == "de-2026")
        expectClose(pricing.bandHourly.min, 13.90, tolerance: 1e-9)
        expectClose(pricing.bandHourly.rangeSpread, 0.3, tolerance: 1e-9, "the lift keeps the layer's spread")
        // 60 points, 35 below the annotator knot: 19.36 x exp(-35 x slope), x 0.761, / 1.15, x 0.86.
        let slope = shipped.pricer.payLine.slope
        expectClose(lift.marketMin, 19.36 * exp(-35 * slope) * 0.761 / 1.15 * 0.86, tolerance: 1e-9)
        let file = shipped.builder.build(role)
        #expect(file.band.floorLift?.floor == "de-2026")
        #expect(file.findings.contains { $0.rule == "band-lifted-to-floor" && $0.severity == .info })
    }

    /// Kenya's floor includes the 15% housing allowance: 16,113.75 x 1.15 / (52 x 52 / 12) h = 82.24 KES/h.
    @Test func theKenyanFloorIncludesTheHousingAllowance() throws {
        let role = spec(PricerTests.rlhfFactors, jurisdiction: "KE", location: "Nakuru", currency: "KES")
        let floor = try #require(shipped.pricer.statutoryFloor(for: role, on: Shipped.asOf))
        expectClose(floor.hourly, 16_113.75 * 1.15 / (52.0 * 52 / 12), tolerance: 1e-9)
        #expect(floor.hourly.rounded(toPlaces: 2) == 82.24)
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
