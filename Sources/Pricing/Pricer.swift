public import Compliance
import Foundation
public import ReferenceData
public import WorkModel

/// Prices role specs against one reference set. Fitting the pay line happens once here, so
/// pricing each spec is a handful of table look-ups and arithmetic.
public struct Pricer: Sendable {
    public let reference: ReferenceSet
    /// The line through every benchmark, each normalised to the US national level.
    public let payLine: PayLine
    /// Lines for the markets benchmarks were observed in: where a market has its own evidence
    /// for a job (a survey median for Berlin), a role there is priced on it, not on the pooled
    /// US equivalent. Most specific (with a locality) first.
    public let marketLines: [MarketLine]
    /// Each layer's typical profile scored once: the path upward reuses it for every spec.
    private let typicalRoles: [WorkLayer: (points: Double, premiums: Double)]
    private let floorCache = FloorCache()

    public struct MarketLine: Sendable, Hashable {
        public var jurisdiction: String
        public var locality: String?
        public var line: PayLine
        /// The market's differential measured on its own evidence, which replaces the published
        /// one for roles priced there; nil in the benchmarks' own market (US national).
        public var calibrated: LocationFactor?
    }

    public init(reference: ReferenceSet) throws(PayLine.FitError) {
        self.reference = reference
        let samples = PayLine.samples(reference)
        self.payLine = try PayLine.fit(samples)
        self.marketLines = try Self.marketLines(samples, pooled: payLine)
        var typical: [WorkLayer: (points: Double, premiums: Double)] = [:]
        for profile in reference.layers {
            let points = PointScore.score(profile.typicalProfile, tables: reference.factors).total
            typical[profile.id] = (points, Premiums.applicable(to: profile.typicalProfile, in: reference).multiplier)
        }
        self.typicalRoles = typical
    }

    /// One line per market benchmarks were observed in. In the benchmarks' own market (the US
    /// national level, differential 1) the line prefers that market's figures where several
    /// markets priced the same job. Elsewhere the market's differential is measured on its own
    /// evidence: the geometric mean of its medians over the reference-market line at their
    /// points; its benchmarks are knots at that level, so each is reproduced, and every other
    /// job in the market moves with them.
    static func marketLines(_ samples: [PayLine.BenchmarkPoint], pooled: PayLine) throws(PayLine.FitError)
        -> [MarketLine]
    {
        let home = samples.filter { $0.marketFactor == 1 }
        let base = Set(home.map(\.points)).count >= 2 ? try PayLine.fit(home) : pooled
        var markets: [MarketLine] = []
        var seen: Set<String> = []
        for sample in samples where seen.insert(sample.market).inserted {
            func local(_ other: PayLine.BenchmarkPoint) -> Bool {
                other.jurisdiction == sample.jurisdiction && other.locality == sample.locality
            }
            let evidence = samples.filter(local)
            if sample.marketFactor == 1 {
                markets.append(
                    MarketLine(
                        jurisdiction: sample.jurisdiction, locality: sample.locality,
                        line: try PayLine.fit(samples, preferring: local), calibrated: nil))
                continue
            }
            let logs = evidence.map {
                log($0.p50HourlyUSD / $0.premiumMultiplier / base.midpointUSD(points: $0.points))
            }
            let factor = exp(logs.reduce(0, +) / Double(logs.count))
            let adjusted = samples.map { point in
                var copy = point
                if local(point) { copy.marketFactor = factor }
                return copy
            }
            let published = sample.marketFactor
            let record = LocationFactor(
                id: "calibrated:\(sample.market)", jurisdiction: sample.jurisdiction,
                localities: sample.locality.map { [$0] } ?? [], factor: factor,
                basis:
                    "measured on \(evidence.count) benchmark median(s) observed in \(sample.market) (\(evidence.map(\.id).joined(separator: ", "))) against the US line at their points; the published differential was \(Format.number(published, maxPlaces: 3))",
                ref: sample.ref)
            markets.append(
                MarketLine(
                    jurisdiction: sample.jurisdiction, locality: sample.locality,
                    line: try PayLine.fit(adjusted, preferring: local), calibrated: record))
        }
        // Most specific (with a locality) first, so a metro's line wins over its country's.
        return markets.sorted {
            ($0.locality == nil ? 1 : 0, $0.jurisdiction) < ($1.locality == nil ? 1 : 0, $1.jurisdiction)
        }
    }

    /// The line for a role priced in `jurisdiction` (and `locality`): its market's own line
    /// where benchmarks were observed there, the pooled line otherwise.
    public func line(jurisdiction: String, locality: String?) -> PayLine {
        market(jurisdiction: jurisdiction, locality: locality)?.line ?? payLine
    }

    public func market(jurisdiction: String, locality: String?) -> MarketLine? {
        let chain = ReferenceSet.chain(jurisdiction)
        let place = locality.map(PlaceNames.words)
        for market in marketLines where chain.contains(market.jurisdiction) {
            guard let wanted = market.locality else { return market }
            if let place, PlaceNames.names(place, wanted) { return market }
        }
        return nil
    }

    /// Each benchmark priced back from its own profile in its own market, against its P50.
    public var calibration: [PayLine.Calibration] {
        payLine.points.map { sample in
            let market = market(jurisdiction: sample.jurisdiction, locality: sample.locality)
            let factor = market?.calibrated?.factor ?? sample.marketFactor
            let priced =
                (market?.line ?? payLine).midpointUSD(points: sample.points) * sample.premiumMultiplier * factor
            return PayLine.Calibration(
                benchmark: sample, pricedMidUSD: priced, residual: priced / sample.p50HourlyUSD - 1)
        }
    }

    /// Prices `spec` on `date`: the date picks the wage floors in force, which every band clears.
    public func price(_ spec: RoleSpec, on date: CalendarDate) -> RolePricing {
        let inference = LayerInference.infer(spec, reference: reference)
        let score = PointScore.score(spec.factors, tables: reference.factors, assumed: spec.assumedFactors)
        let premiums = Premiums.applicable(to: spec.factors, in: reference)
        let location = locationAdjustment(for: spec, layer: inference.layer)
        let usd = reference.exchangeRate("USD")
        let fx = reference.exchangeRate(spec.currency) ?? usd
        let perUSD = fx?.perUSD ?? 1
        let hours = hoursBasis(for: spec)
        let spread = reference.policy.rangeSpread(for: inference.layer)
        let floors = floorSelection(for: spec, on: date)
        let floor = floors.applicable.first { $0.record.standing == .statutory }

        let line = line(jurisdiction: location.jurisdiction, locality: location.locality)
        let lineMid = line.midpointUSD(points: score.total)
        let marketUSD = PayBand(midpoint: lineMid * location.factor * premiums.multiplier, rangeSpread: spread)
        let lift = floorLift(marketUSD.scaled(by: perUSD), floor: floor)
        let bandUSD = marketUSD.scaled(by: lift?.factor ?? 1)
        let hourly = bandUSD.scaled(by: perUSD)
        let annual = hourly.scaled(by: hours.hoursPerYear)

        let rateCard = inference.category.flatMap(reference.category).map {
            rateCardPosition($0, perUSD: perUSD, location: location)
        }
        let offered = spec.offered.flatMap { quote in
            offerAnalysis(quote, hours: hours, band: hourly, perUSD: perUSD, rateCard: rateCard)
        }
        let candidates = spec.internalCandidates.map { candidate in
            candidateAnalysis(candidate, hours: hours, band: hourly, perUSD: perUSD)
        }
        let upward = (reference.layer(inference.layer)?.next ?? []).compactMap { next in
            nextLayer(next, location: location, perUSD: perUSD, hours: hours, currentMid: hourly.mid, floor: floor)
        }
        return RolePricing(
            spec: spec, inference: inference, score: score, premiums: premiums, lineMidUSD: lineMid,
            lineDescription: line.describe(points: score.total), payLine: line,
            location: location, exchangeRate: fx, hours: hours, rangeSpread: spread,
            marketBandUSDHourly: marketUSD, floorLift: lift, floors: floors, evaluatedOn: date,
            bandUSDHourly: bandUSD, bandHourly: hourly, bandAnnual: annual, rateCard: rateCard, offered: offered,
            billRateHourly: spec.vendor?.billRate.flatMap { hourlyInSpecCurrency($0, hours: hours, perUSD: perUSD) },
            candidates: candidates, pathUpward: upward)
    }

    /// The highest statutory wage floor in force for the worker, hourly in the spec's currency.
    /// Advisory and draft rates are reported by the compliance checks but do not lift a band.
    public func statutoryFloor(for spec: RoleSpec, on date: CalendarDate) -> AppliedFloor? {
        floorSelection(for: spec, on: date).applicable.first { $0.record.standing == .statutory }
    }

    func floorSelection(for spec: RoleSpec, on date: CalendarDate) -> FloorSelection {
        floorCache.selection(
            for: FloorCache.Key(
                jurisdiction: spec.worker.jurisdiction, location: spec.worker.location, currency: spec.currency,
                date: date,
                tiers: WageFloorLookup.tiers(of: spec.worker)),
            reference: reference)
    }

    /// The law is the floor of every band: where the market band's minimum falls below the
    /// statutory floor, the whole band is lifted (its spread kept) so the minimum is the floor.
    func floorLift(_ band: PayBand, floor: AppliedFloor?) -> FloorLift? {
        guard let floor, band.min > 0, floor.hourlyInSpecCurrency > band.min else { return nil }
        return FloorLift(floor: floor, marketMin: band.min, factor: floor.hourlyInSpecCurrency / band.min)
    }

    /// The hours basis: the spec's own hours where it states them, the policy's otherwise.
    public func hoursBasis(for spec: RoleSpec) -> HoursBasis {
        var hours = reference.policy.hours
        if let week = spec.worker.hoursPerWeek {
            hours.hoursPerWeek = week
            hours.source = "spec"
        }
        if let day = spec.worker.hoursPerDay {
            hours.hoursPerDay = day
            hours.source = "spec"
        }
        return hours
    }

    /// The labour market the layer's policy prices this worker in, and its differential.
    public func locationAdjustment(for spec: RoleSpec, layer: WorkLayer) -> LocationAdjustment {
        let policy = reference.policy.locationPolicy(for: layer)
        switch policy {
        case .global:
            return LocationAdjustment(
                policy: .global, jurisdiction: "US", locality: nil, factor: 1, record: nil, missing: false)
        case .workerMarket:
            return adjustment(policy, jurisdiction: spec.worker.jurisdiction, locality: spec.worker.location)
        case .hirerMarket:
            return adjustment(
                policy, jurisdiction: reference.policy.hirerMarket, locality: reference.policy.hirerLocality)
        }
    }

    func adjustment(_ policy: LocationPolicy, jurisdiction: String, locality: String?) -> LocationAdjustment {
        // A market with its own benchmark evidence is priced at the level that evidence shows.
        if let calibrated = market(jurisdiction: jurisdiction, locality: locality)?.calibrated {
            return LocationAdjustment(
                policy: policy, jurisdiction: jurisdiction, locality: locality, factor: calibrated.factor,
                record: calibrated, missing: false)
        }
        guard let record = reference.locationFactor(jurisdiction, locality: locality) else {
            return LocationAdjustment(
                policy: policy, jurisdiction: jurisdiction, locality: locality, factor: 1, record: nil, missing: true)
        }
        return LocationAdjustment(
            policy: policy, jurisdiction: jurisdiction, locality: locality, factor: record.factor, record: record,
            missing: false)
    }

    /// Converts a quote in any known currency into the spec's currency, hourly.
    func hourlyInSpecCurrency(_ quote: PayQuote, hours: HoursBasis, perUSD: Double) -> Double? {
        guard let hourly = quote.hourly(hours: hours) else { return nil }
        // The reader only accepts currencies with a rate; a quote without one is taken as stated.
        guard let quoteRate = reference.exchangeRate(quote.currency)?.perUSD else { return hourly }
        return hourly / quoteRate * perUSD
    }

    /// The category's rate card in the spec's currency; its midpoint is geometric, like the
    /// benchmarks'. The card is a US-market figure: in another market it is moved by the same
    /// differential as the band, so a Nairobi offer is compared with the card's Nairobi equivalent.
    func rateCardPosition(_ category: JobCategory, perUSD: Double, location: LocationAdjustment) -> RateCardPosition {
        let cardRate = reference.exchangeRate(category.currency)?.perUSD ?? 1
        let low = category.rateLow / cardRate * location.factor * perUSD
        let high = category.rateHigh / cardRate * location.factor * perUSD
        return RateCardPosition(
            category: category.id, low: low, mid: (low * high).squareRoot(), high: high,
            locationFactor: location.factor, market: location.market,
            ref: category.ref)
    }

    func offerAnalysis(
        _ quote: PayQuote, hours: HoursBasis, band: PayBand, perUSD: Double, rateCard: RateCardPosition?
    ) -> OfferAnalysis? {
        guard let hourly = hourlyInSpecCurrency(quote, hours: hours, perUSD: perUSD) else { return nil }
        return OfferAnalysis(
            quote: quote, hourly: hourly, annual: hourly * hours.hoursPerYear, compaRatio: band.compaRatio(hourly),
            rangePenetration: band.rangePenetration(hourly), circle: band.circle(hourly),
            marketRatio: rateCard.map { hourly / $0.mid }, rateCard: rateCard,
            derivation: quote.hourlyDerivation(hours: hours))
    }

    func candidateAnalysis(_ candidate: InternalCandidate, hours: HoursBasis, band: PayBand, perUSD: Double)
        -> CandidateAnalysis
    {
        let hourly = candidate.currentPay.flatMap { hourlyInSpecCurrency($0, hours: hours, perUSD: perUSD) }
        return CandidateAnalysis(
            name: candidate.name, currentTitle: candidate.currentTitle, currentLayer: candidate.currentLayer,
            hourly: hourly, compaRatio: hourly.map(band.compaRatio),
            rangePenetration: hourly.map(band.rangePenetration),
            circle: hourly.map(band.circle),
            annualCostToMinimum: hourly.map { max(0, band.min - $0) * hours.hoursPerYear },
            annualCostToMidpoint: hourly.map { max(0, band.mid - $0) * hours.hoursPerYear },
            evidence: candidate.evidence)
    }

    func nextLayer(
        _ layer: WorkLayer, location: LocationAdjustment, perUSD: Double, hours: HoursBasis, currentMid: Double,
        floor: AppliedFloor?
    ) -> NextLayer? {
        guard let profile = reference.layer(layer), let typical = typicalRoles[layer] else { return nil }
        let points = typical.points
        // The next layer is priced in the market this role is priced in, so its midpoint and
        // this band's are on the same location basis: a step's pay change is the work's, not
        // a move between markets.
        let midUSD =
            line(jurisdiction: location.jurisdiction, locality: location.locality).midpointUSD(points: points)
            * typical.premiums
        let market = PayBand(midpoint: midUSD * location.factor, rangeSpread: reference.policy.rangeSpread(for: layer))
            .scaled(by: perUSD)
        let band = market.scaled(by: floorLift(market, floor: floor)?.factor ?? 1)
        let gap = band.mid - currentMid
        return NextLayer(
            layer: layer.rawValue, name: profile.name, typicalPoints: points, bandHourly: band,
            bandAnnual: band.scaled(by: hours.hoursPerYear), gapHourly: gap,
            gapPercent: currentMid > 0 ? gap / currentMid : 0, evidence: profile.qualifyingEvidence, lateral: gap <= 0)
    }
}
