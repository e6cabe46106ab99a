public import Compliance
public import Pricing
public import ReferenceData
public import WorkModel

/// Turns a priced spec into its decision file: the ten answers, findings and a provenance
/// entry for every figure. Figures are rounded here, once, so every rendering agrees.
public struct DecisionFileBuilder: Sendable {
    /// Prices each spec: the pay line, band, floor lift, offer and path upward (Pricing).
    public let pricer: Pricer
    /// Assesses each spec: floors, effective pay, classification, data rights, vendor oversight.
    public let compliance: ComplianceEngine
    /// The date floors, audit ages and pending laws are judged on. Passed in, never read from
    /// the clock here, so the same inputs always give the same file.
    public let asOf: CalendarDate

    /// The benchmarks' provenance entries, the same in every file this builder makes.
    let benchmarkProvenance: [Provenance]

    /// A builder over `pricer`'s reference data that judges every file on `asOf`. The benchmarks'
    /// provenance is computed here once and shared by every file.
    public init(pricer: Pricer, asOf: CalendarDate) {
        self.pricer = pricer
        self.benchmarkProvenance = ProvenanceTrail.benchmarks(pricer.payLine, reference: pricer.reference)
        self.compliance = ComplianceEngine(reference: pricer.reference)
        self.asOf = asOf
    }

    /// The reference data the pricer was built from (shipped tables plus any `--reference` folders).
    public var reference: ReferenceSet { pricer.reference }

    /// The disclaimer every decision file carries: decision support, not legal advice.
    public static let disclaimer =
        "Decision support, not legal advice. Bands come from sourced market figures and Wagefile's published factor tables; classification, wage-floor and data-rights questions need qualified review in each jurisdiction."

    /// Prices `spec` on ``asOf`` and assembles its decision file.
    public func build(_ spec: RoleSpec) -> DecisionFile {
        build(pricer.price(spec, on: asOf))
    }

    /// Assembles the decision file of a spec already priced: the compliance assessment (reusing the
    /// floors pricing selected when it priced on ``asOf``), findings, the ten answers, provenance,
    /// the grade, loaded-cost and pay-transparency sections and, for recorded work, the data clauses.
    /// Every figure is rounded here: money to cents (annual figures to whole units), shares to four places.
    // Long because: assembles the wage file section by section in the order it is written; each block fills one section from pricing and compliance.
    public func build(_ pricing: RolePricing) -> DecisionFile {
        let spec = pricing.spec
        let layer = reference.layer(pricing.inference.layer)
        let currency = spec.currency
        let band = pricing.bandHourly
        let annual = pricing.bandAnnual
        // The floors pricing selected are reused when it priced on this builder's date.
        let report = compliance.assess(
            spec, hours: pricing.hours, layer: pricing.inference.layer, asOf: asOf,
            floors: pricing.evaluatedOn == asOf ? pricing.floors : nil)
        let findings = FindingRules.evaluate(pricing, reference: reference, compliance: report)
        let category = pricing.inference.category.flatMap(reference.category)
        let perUSD = pricing.exchangeRate?.perUSD ?? 1

        let rateCard = category.flatMap { card in
            pricing.rateCard.map { local in
                DecisionFile.RateCard(
                    category: card.id, currency: currency, low: money(local.low), mid: money(local.mid),
                    high: money(local.high),
                    lowUSD: card.rateLow, highUSD: card.rateHigh, source: card.ref.source,
                    locationFactor: local.locationFactor == 1 ? nil : local.locationFactor)
            }
        }
        let anchors = reference.anchors.filter { $0.layer == pricing.inference.layer || $0.id == layer?.anchor }.map {
            DecisionFile.Anchor(
                id: $0.id, name: $0.name, low: $0.low, high: $0.high, basis: $0.basis.rawValue, currency: $0.currency,
                note: $0.benefits, source: $0.ref.source)
        }
        let line = pricing.payLine
        var file = DecisionFile(
            spec: .init(
                id: spec.id, title: spec.title, kind: spec.kind.rawValue, file: spec.file,
                workerStatus: spec.worker.status.rawValue, jurisdiction: spec.worker.jurisdiction,
                headcount: spec.worker.headcount, vendor: spec.vendor?.name),
            evaluatedOn: asOf.description,
            layer: pricing.inference.layer.rawValue, layerName: layer?.name ?? pricing.inference.layer.rawValue,
            segment: layer?.segment.rawValue ?? "", layerReasons: pricing.inference.reasons,
            taskShares: pricing.inference.shares.map {
                .init(layer: $0.layer, share: ratio($0.share), tasks: $0.tasks)
            },
            category: category.map { .init(id: $0.id, name: $0.name, declared: pricing.inference.categoryDeclared) },
            scores: .init(
                complexity: pricing.score.complexity, consequence: pricing.score.consequence,
                conditions: pricing.score.conditions,
                total: pricing.score.total,
                factors: pricing.score.factors),
            band: .init(
                currency: currency, hourly: range(band), annual: range(annual, places: 0),
                usdHourly: range(pricing.bandUSDHourly),
                hoursPerYear: pricing.hours.hoursPerYear, hoursBasis: hoursBasis(pricing.hours),
                rangeSpread: pricing.rangeSpread,
                premiums: pricing.premiums.applied.map {
                    .init(
                        id: $0.id, name: $0.name, percent: $0.percent,
                        trigger: "\($0.factor): \(spec.factors[$0.factor] ?? "")")
                },
                premiumMultiplier: ratio(pricing.premiums.multiplier), locationPolicy: pricing.location.policy.rawValue,
                locationFactor: pricing.location.factor, exchangeRate: perUSD, locationMarket: pricing.location.market,
                locationBasis: pricing.location.record?.basis,
                floorLift: pricing.floorLift.map { lift in
                    let market = pricing.marketBandUSDHourly.scaled(by: perUSD)
                    return .init(
                        floor: lift.floor.record.id, floorHourly: money(lift.floor.hourlyInSpecCurrency),
                        marketHourly: range(market),
                        factor: ratio(lift.factor),
                        note:
                            "The market band's minimum (\(Format.money(market.min)) \(currency)/h) is below the statutory floor \(lift.floor.record.id) (\(Format.money(lift.floor.hourlyInSpecCurrency)) \(currency)/h); the band is lifted by x\(Format.number(lift.factor, maxPlaces: 4)) so its minimum is the floor."
                    )
                }),
            market: .init(
                payLine: .init(
                    intercept: Format.round(line.intercept, places: 6), slope: Format.round(line.slope, places: 8),
                    rSquared: ratio(line.rSquared), benchmarks: line.points.count,
                    formula:
                        "through \(line.knots.count) benchmark knots (ln P50 USD/h net of premiums and market, interpolated between them); beyond them ln(USD/h) rises \(Format.number(line.slope, maxPlaces: 6)) per point (least-squares fit, R² \(Format.number(line.rSquared, maxPlaces: 3)))",
                    placement: pricing.lineDescription),
                lineMidUSD: money(pricing.lineMidUSD), payAnchor: layer?.payAnchor ?? "", rateCard: rateCard,
                anchors: anchors),
            offered: pricing.offered.map { offer in
                .init(
                    amount: offer.quote.amount, basis: offer.quote.basis.rawValue, currency: offer.quote.currency,
                    minutesPerTask: offer.quote.minutesPerTask, hourly: money(offer.hourly),
                    annual: money(offer.annual, places: 0),
                    compaRatio: ratio(offer.compaRatio), rangePenetration: ratio(offer.rangePenetration),
                    marketRatio: offer.marketRatio.map(ratio), circle: offer.circle.rawValue)
            },
            compliance: complianceSection(report),
            questions: Questions.answer(pricing, compliance: report, reference: reference),
            findings: findings,
            governanceOwner: spec.governanceOwner ?? layer?.governanceOwner ?? "",
            budgetOwner: spec.budgetOwner,
            pathUpward: .init(
                nextLayers: pricing.pathUpward.map {
                    .init(
                        layer: $0.layer, name: $0.name, hourly: range($0.bandHourly),
                        annual: range($0.bandAnnual, places: 0),
                        gapHourly: money($0.gapHourly), gapPercent: ratio($0.gapPercent), evidence: $0.evidence,
                        direction: $0.lateral ? "lateral" : "up")
                },
                internalCandidates: pricing.candidates.map {
                    .init(
                        name: $0.name, currentTitle: $0.currentTitle, currentLayer: $0.currentLayer,
                        hourly: $0.hourly.map { money($0) },
                        compaRatio: $0.compaRatio.map(ratio), rangePenetration: $0.rangePenetration.map(ratio),
                        circle: $0.circle?.rawValue,
                        annualCostToMinimum: $0.annualCostToMinimum.map { money($0, places: 0) },
                        annualCostToMidpoint: $0.annualCostToMidpoint.map { money($0, places: 0) },
                        evidence: $0.evidence)
                }),
            provenance: ProvenanceTrail.figures(pricing, reference: reference, benchmarks: benchmarkProvenance)
                + ProvenanceTrail.compliance(report, reference: reference, currency: currency),
            disclaimer: Self.disclaimer)
        file.addGradeAndLoadedCost(pricing, reference: reference)
        file.addPayTransparency(pricing, asOf: asOf)
        file.addDataClauses()
        return file
    }

    func roundedDataRights(_ rights: DataRightsReport) -> DataRightsReport {
        var copy = rights
        copy.payment = rights.payment?.rounded()
        return copy
    }

    func complianceSection(_ report: ComplianceReport) -> DecisionFile.ComplianceSection {
        let pay = report.effectivePay.map { pay -> DecisionFile.EffectivePayFigures in
            let floor = report.floors.binding?.hourlyInSpecCurrency
            return .init(
                payField: report.assessedPay?.field ?? "offered", nominalHourly: money(pay.nominalHourly),
                effectiveHourly: money(pay.effectiveHourly), effectiveHourlyUSD: money(pay.effectiveHourlyUSD),
                taskHoursPerWeek: hours(pay.taskHoursPerWeek), paidHoursPerWeek: hours(pay.paidHoursPerWeek),
                unpaidHoursPerWeek: .init(
                    searchAndIdle: hours(pay.unpaid.searchAndIdle),
                    qualificationAndOnboarding: hours(pay.unpaid.qualificationAndOnboarding),
                    rework: hours(pay.unpaid.rework), rejected: hours(pay.unpaid.rejected),
                    total: hours(pay.unpaid.total)),
                totalHoursPerWeek: hours(pay.totalHoursPerWeek), grossPerWeek: money(pay.grossPerWeek),
                feesPerWeek: money(pay.feesPerWeek),
                workerCostsPerWeek: money(pay.workerCostsPerWeek), netPerWeek: money(pay.netPerWeek),
                shiftedShare: ratio(pay.shiftedShare),
                shiftedCostPerWorkerMonth: money(pay.shiftedCostPerWorkerMonth),
                shiftedCostForHeadcountPerMonth: pay.shiftedCostForHeadcountPerMonth.map { money($0, places: 0) },
                gapToFloor: report.gapToFloor.map { money($0) },
                costToFloorPerWorkerMonth: floor.map { money(pay.costToReach($0)) },
                engagementWeeks: pay.engagementWeeks, engagementAssumed: pay.engagementAssumed, unstated: pay.unstated)
        }
        return .init(
            wageFloor: report.floors.binding.map(floorFigure), floorsInForce: report.floors.applicable.map(floorFigure),
            livingWage: report.floors.livingWage.map(floorFigure), effectivePay: pay, fairwork: report.fairwork,
            classification: report.classification, dataRights: roundedDataRights(report.dataRights),
            vendor: report.vendor)
    }

    func floorFigure(_ floor: AppliedFloor) -> DecisionFile.WageFloorFigure {
        let record = floor.record
        return .init(
            id: record.id, jurisdiction: record.jurisdiction, locality: floor.matchedLocality, amount: record.amount,
            currency: record.currency, period: record.period.rawValue, hourly: money(floor.hourly),
            hourlyInSpecCurrency: money(floor.hourlyInSpecCurrency), hoursBasis: floor.hoursDerivation,
            effective: record.effective.description, standing: record.standing.rawValue, covers: record.covers,
            note: record.note,
            source: record.ref.source, asOf: record.ref.asOf, confidence: record.ref.confidence,
            ageMonths: floor.ageMonths,
            stale: floor.stale, tier: record.tier?.name, tierField: record.tier.map { "worker.\($0.by.rawValue)" },
            tierAssumed: floor.tierChoice.map(\.assumed), checked: record.checkedDate?.description,
            cycle: record.cycle?.description,
            nextRevision: record.cycle?.nextRevision(after: record.effective)?.description,
            revisionOverdue: record.cycle?.intervalMonths == nil ? nil : floor.overdueRevision != nil)
    }

    func hours(_ value: Double) -> Double { Format.round(value, places: 2) }

    func money(_ value: Double, places: Int = 2) -> Double { Format.round(value, places: places) }
    func ratio(_ value: Double) -> Double { Format.round(value, places: 4) }
    func range(_ band: PayBand, places: Int = 2) -> DecisionFile.Range {
        .init(
            min: money(band.min, places: places), mid: money(band.mid, places: places),
            max: money(band.max, places: places))
    }

    func hoursBasis(_ hours: HoursBasis) -> String {
        "\(Format.number(hours.hoursPerWeek)) h/week x \(Format.number(hours.weeksPerYear)) weeks = \(Format.number(hours.hoursPerYear)) h/year; \(Format.number(hours.hoursPerDay)) h/day (\(hours.source == "spec" ? "stated in the spec" : "policy default, \(hours.source)"))"
    }
}
