import Pricing
import PropertyBased
import ReferenceData
import Testing
import WorkModel

/// Properties of the band over random role profiles, priced with the shipped reference data.
private func * (lhs: [String], rhs: Int) -> [String] { Array(repeating: lhs, count: rhs).flatMap { $0 } }

struct PricingPropertyTests {
    let shipped: Shipped

    init() throws { shipped = try Shipped.get() }

    /// Task mixes that land in different layers (and so different range spreads).
    static let taskMixes: [[TaskShare]] = [
        [TaskShare(task: "label-images"), TaskShare(task: "mark-objects")],
        [TaskShare(task: "pairwise-preference", share: 0.7), TaskShare(task: "apply-rubric")],
        [TaskShare(task: "review-domain-output"), TaskShare(task: "sign-off-domain-output")],
        [TaskShare(task: "maintain-datasets"), TaskShare(task: "audit-label-drift")],
        [TaskShare(task: "configure-ai-workflows")],
        [TaskShare(task: "record-first-person-video")],
        [TaskShare(task: "build-rubrics", share: 0.5), TaskShare(task: "gate-model-release", share: 0.5)],
    ]
    static let currencies = ["USD", "EUR", "KES", "INR", "IDR"]

    /// A spec whose factor `i` sits at level `levels[i] % count` of the i-th shipped factor table.
    func spec(levels: [Int], tasks: Int, currency: Int = 0, hoursPerWeek: Double? = nil) -> RoleSpec {
        var factors: [String: String] = [:]
        for (table, raw) in zip(shipped.reference.factors, levels) {
            factors[table.id] = table.levels[raw % table.levels.count].id
        }
        return RoleSpec(
            id: "property", title: "Property Role", judgmentPurchased: "Judgment",
            tasks: Self.taskMixes[tasks % Self.taskMixes.count],
            direction: .train, factors: factors,
            worker: Worker(status: .contractor, jurisdiction: "US", hoursPerWeek: hoursPerWeek),
            currency: Self.currencies[currency % Self.currencies.count],
            offered: PayQuote(amount: 25, currency: "USD", basis: .hourly))
    }

    var factorCount: Int { shipped.reference.factors.count }

    @Test func theShippedTablesHaveElevenFactorsLowestLevelFirst() {
        // Four complexity, three consequence, three effort-and-conditions, one market factor.
        #expect(factorCount == 11)
        #expect(
            shipped.reference.factors.map(\.axis.rawValue) == ["complexity"] * 4 + ["consequence"] * 3 + ["conditions"]
                * 3 + ["market"])
        for table in shipped.reference.factors {
            let points = table.levels.map(\.points)
            #expect(points == points.sorted(), "\(table.id) levels must rise")
            if table.axis == .market {
                #expect(points.allSatisfy { $0 == 0 }, "\(table.id) is a market fact: premiums only")
            } else {
                #expect(Set(points).count == points.count, "\(table.id) levels must differ")
            }
        }
    }

    @Test func raisingAnyFactorOneLevelNeverLowersTheBand() async {
        let pricer = shipped.pricer
        let tables = shipped.reference.factors
        await propertyCheck(
            count: 300,
            input: Gen.int(in: 0...10_000).array(of: factorCount), Gen.int(in: 0...(factorCount - 1)),
            Gen.int(in: 0...1_000), Gen.int(in: 0...1_000)
        ) { levels, factor, tasks, currency in
            // Put the chosen factor somewhere below its top level, then raise it one step.
            let table = tables[factor]
            var base = levels
            base[factor] = levels[factor] % (table.levels.count - 1)
            var raised = base
            raised[factor] = base[factor] + 1
            let before = pricer.price(spec(levels: base, tasks: tasks, currency: currency), on: Shipped.asOf)
            let after = pricer.price(spec(levels: raised, tasks: tasks, currency: currency), on: Shipped.asOf)

            let step = "\(table.id) \(table.levels[base[factor]].id) -> \(table.levels[raised[factor]].id)"
            if table.axis == .market {
                #expect(after.score.total == before.score.total, "\(step) is a market fact: no points")
                #expect(after.premiums.multiplier > before.premiums.multiplier, "\(step) earns a higher premium")
            } else {
                #expect(after.score.total > before.score.total, "\(step) adds points")
                #expect(after.premiums.multiplier == before.premiums.multiplier, "\(step) is job value: no premium")
            }
            #expect(after.bandHourly.mid > before.bandHourly.mid, "\(step) pays more")
            #expect(after.inference.layer == before.inference.layer, "the tasks, not the factors, decide the layer")
            #expect(after.premiums.multiplier >= before.premiums.multiplier, "a higher level never loses a premium")
            #expect(after.bandHourly.min >= before.bandHourly.min)
            #expect(after.bandHourly.mid >= before.bandHourly.mid)
            #expect(after.bandHourly.max >= before.bandHourly.max)
            #expect(after.bandAnnual.min >= before.bandAnnual.min)
            #expect(after.bandAnnual.mid >= before.bandAnnual.mid)
            #expect(after.bandAnnual.max >= before.bandAnnual.max)
            #expect(
                after.offered?.compaRatio ?? 0 <= before.offered?.compaRatio ?? 0,
                "the same offer sits lower in a higher band")
        }
    }

    @Test func minIsBelowMidIsBelowMax() async {
        let pricer = shipped.pricer
        await propertyCheck(
            count: 300,
            input: Gen.int(in: 0...10_000).array(of: factorCount), Gen.int(in: 0...1_000), Gen.int(in: 0...1_000),
            Gen.double(in: 1...80)
        ) { levels, tasks, currency, hours in
            let pricing = pricer.price(
                spec(levels: levels, tasks: tasks, currency: currency, hoursPerWeek: hours), on: Shipped.asOf)
            for band in [pricing.bandUSDHourly, pricing.bandHourly, pricing.bandAnnual] {
                #expect(band.min > 0)
                #expect(band.min <= band.mid)
                #expect(band.mid <= band.max)
            }
            #expect(
                abs(pricing.bandHourly.rangeSpread - pricing.rangeSpread) < 1e-9,
                "the band's spread is the layer's spread")
            for step in pricing.pathUpward {
                #expect(step.bandHourly.min <= step.bandHourly.mid && step.bandHourly.mid <= step.bandHourly.max)
            }
        }
    }

    @Test func theBandMinimumPenetratesZeroAndTheMaximumOne() async {
        let pricer = shipped.pricer
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...10_000).array(of: factorCount), Gen.int(in: 0...1_000),
            Gen.int(in: 0...1_000)
        ) { levels, tasks, currency in
            let band = pricer.price(spec(levels: levels, tasks: tasks, currency: currency), on: Shipped.asOf).bandHourly
            #expect(abs(band.rangePenetration(band.min)) < 1e-9)
            #expect(abs(band.rangePenetration(band.max) - 1) < 1e-9)
            #expect(abs(band.rangePenetration(band.mid) - 0.5) < 1e-9, "the midpoint is halfway in money terms")
            #expect(abs(band.compaRatio(band.mid) - 1) < 1e-12)
            #expect(band.circle(band.min) == .inRange)
            #expect(band.circle(band.max) == .inRange)
        }
    }

    @Test func bandFormulaHoldsForAnyMidpointAndSpread() async {
        await propertyCheck(count: 500, input: Gen.double(in: 0.01...100_000), Gen.double(in: 0.01...2)) {
            mid, spread in
            let band = PayBand(midpoint: mid, rangeSpread: spread)
            #expect(abs(band.min * (1 + spread / 2) - mid) <= 1e-9 * mid)
            #expect(abs(band.max - band.min * (1 + spread)) <= 1e-9 * mid)
            #expect(abs(band.rangeSpread - spread) <= 1e-9)
        }
    }

    @Test func statedSharesAndTheRestAlwaysSumToOne() async {
        await propertyCheck(
            count: 300, input: Gen.double(in: 0.01...1).array(of: 0...4), Gen.int(in: 1...4)
        ) { stated, unstated in
            let total = stated.reduce(0, +)
            let tasks =
                stated.map { TaskShare(task: "t", share: $0 / max(total, 1) * 0.99) }
                + Array(repeating: TaskShare(task: "u"), count: unstated)
            let shares = LayerInference.resolvedShares(tasks)
            #expect(shares.count == tasks.count)
            #expect(shares.allSatisfy { $0 >= 0 })
            #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test func theTitleNeverChangesTheLayer() async {
        let reference = shipped.reference
        let titles = reference.titleHints.map(\.pattern) + ["Specialist", "Contractor", "Associate"]
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000), Gen.int(in: 0...(titles.count - 1))) {
            tasks, title in
            var role = spec(levels: Array(repeating: 0, count: factorCount), tasks: tasks)
            let untitled = LayerInference.infer(role, reference: reference).layer
            role.title = "Senior " + titles[title]
            let titled = LayerInference.infer(role, reference: reference)
            #expect(titled.layer == untitled)
            if let hint = titled.conflictingTitleHint { #expect(hint.layer != titled.layer) }
        }
    }
}
