public import WorkModel
public import ReferenceData

/// Prices role specs against one reference set. Fitting the pay line happens once here, so
/// pricing each spec is a handful of table look-ups and arithmetic.
public struct Pricer: Sendable {
    public let reference: ReferenceSet
    public let payLine: PayLine

    public init(reference: ReferenceSet) throws(PayLine.FitError) {
        self.reference = reference
        self.payLine = try PayLine.fit(reference: reference)
    }

    public func price(_ spec: RoleSpec) -> RolePricing {
        let inference = LayerInference.infer(spec, reference: reference)
        let score = PointScore.score(spec.factors, tables: reference.factors)
        let premiums = Premiums.applicable(to: spec.factors, in: reference)
        let location = locationAdjustment(for: spec.worker.jurisdiction)
        let usd = reference.exchangeRate("USD")
        let fx = reference.exchangeRate(spec.currency) ?? usd
        let perUSD = fx?.perUSD ?? 1
        let hours = hoursBasis(for: spec)
        let spread = reference.policy.rangeSpreads[inference.layer] ?? 0.4

        let lineMid = payLine.midpointUSD(points: score.total)
        let bandUSD = PayBand(midpoint: lineMid * location.factor * premiums.multiplier, rangeSpread: spread)
        let hourly = bandUSD.scaled(by: perUSD)
        let annual = hourly.scaled(by: hours.hoursPerYear)

        let offered = spec.offered.flatMap { quote in
            offerAnalysis(quote, spec: spec, hours: hours, band: hourly, perUSD: perUSD, category: inference.category)
        }
        let candidates = spec.internalCandidates.map { candidate in
            candidateAnalysis(candidate, hours: hours, band: hourly, perUSD: perUSD)
        }
        let upward = (reference.layer(inference.layer)?.next ?? []).compactMap { next in
            nextLayer(next, location: location.factor, perUSD: perUSD, hours: hours, currentMid: hourly.mid)
        }
        return RolePricing(
            spec: spec, inference: inference, score: score, premiums: premiums, lineMidUSD: lineMid,
            location: location, exchangeRate: fx, hours: hours, rangeSpread: spread,
            bandUSDHourly: bandUSD, bandHourly: hourly, bandAnnual: annual, offered: offered,
            billRateHourly: spec.vendor?.billRate.flatMap { hourlyInSpecCurrency($0, hours: hours, perUSD: perUSD) },
            candidates: candidates, pathUpward: upward)
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

    public func locationAdjustment(for jurisdiction: String) -> LocationAdjustment {
        switch reference.policy.locationPolicy {
        case .global:
            return LocationAdjustment(policy: .global, factor: 1, record: nil, missing: false)
        case .locationFactors:
            if let record = reference.locationFactor(jurisdiction) {
                return LocationAdjustment(policy: .locationFactors, factor: record.factor, record: record, missing: false)
            }
            return LocationAdjustment(policy: .locationFactors, factor: 1, record: nil, missing: true)
        }
    }

    /// Converts a quote in any known currency into the spec's currency, hourly.
    func hourlyInSpecCurrency(_ quote: PayQuote, hours: HoursBasis, perUSD: Double) -> Double? {
        guard let hourly = quote.hourly(hours: hours) else { return nil }
        guard quote.currency != "" else { return hourly }
        let quoteRate = reference.exchangeRate(quote.currency)?.perUSD ?? perUSD
        return hourly / quoteRate * perUSD
    }

    func offerAnalysis(
        _ quote: PayQuote, spec: RoleSpec, hours: HoursBasis, band: PayBand, perUSD: Double, category: String?
    ) -> OfferAnalysis? {
        guard let hourly = hourlyInSpecCurrency(quote, hours: hours, perUSD: perUSD) else { return nil }
        var marketRatio: Double?
        var rateCard: RateCardPosition?
        if let category = category.flatMap(reference.category) {
            let cardRate = reference.exchangeRate(category.currency)?.perUSD ?? 1
            let low = category.rateLow / cardRate * perUSD
            let high = category.rateHigh / cardRate * perUSD
            let mid = (low * high).squareRoot()
            marketRatio = hourly / mid
            rateCard = RateCardPosition(category: category.id, low: low, mid: mid, high: high, ref: category.ref)
        }
        return OfferAnalysis(
            quote: quote, hourly: hourly, annual: hourly * hours.hoursPerYear, compaRatio: band.compaRatio(hourly),
            rangePenetration: band.rangePenetration(hourly), circle: band.circle(hourly), marketRatio: marketRatio,
            rateCard: rateCard, derivation: quote.hourlyDerivation(hours: hours))
    }

    func candidateAnalysis(_ candidate: InternalCandidate, hours: HoursBasis, band: PayBand, perUSD: Double) -> CandidateAnalysis {
        let hourly = candidate.currentPay.flatMap { hourlyInSpecCurrency($0, hours: hours, perUSD: perUSD) }
        return CandidateAnalysis(
            name: candidate.name, currentTitle: candidate.currentTitle, currentLayer: candidate.currentLayer,
            hourly: hourly, compaRatio: hourly.map(band.compaRatio), rangePenetration: hourly.map(band.rangePenetration),
            circle: hourly.map(band.circle),
            annualCostToMinimum: hourly.map { max(0, band.min - $0) * hours.hoursPerYear },
            annualCostToMidpoint: hourly.map { max(0, band.mid - $0) * hours.hoursPerYear },
            evidence: candidate.evidence)
    }

    func nextLayer(_ layer: WorkLayer, location: Double, perUSD: Double, hours: HoursBasis, currentMid: Double) -> NextLayer? {
        guard let profile = reference.layer(layer) else { return nil }
        let points = PointScore.score(profile.typicalProfile, tables: reference.factors).total
        let premiums = Premiums.applicable(to: profile.typicalProfile, in: reference).multiplier
        let band = PayBand(midpoint: payLine.midpointUSD(points: points) * location * premiums, rangeSpread: reference.policy.rangeSpreads[layer] ?? 0.4)
            .scaled(by: perUSD)
        let gap = band.mid - currentMid
        return NextLayer(
            layer: layer.rawValue, name: profile.name, typicalPoints: points, bandHourly: band,
            bandAnnual: band.scaled(by: hours.hoursPerYear), gapHourly: gap,
            gapPercent: currentMid > 0 ? gap / currentMid : 0, evidence: profile.qualifyingEvidence)
    }
}
