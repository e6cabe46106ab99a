import Compliance
import Pricing
import ReferenceData
import Specs
import WorkModel

/// Where every figure in a decision file came from: a sourced record, the spec, or a formula
/// over other traced figures.
enum ProvenanceTrail {
    /// The benchmarks' entries: the same for every spec priced with one reference set, so the
    /// builder makes them once.
    static func benchmarks(_ payLine: PayLine, reference: ReferenceSet) -> [Provenance] {
        let derivations = Dictionary(
            reference.benchmarks.map { ($0.id, $0.derivation) }, uniquingKeysWith: { first, _ in first })
        return payLine.points.map { benchmark in
            Provenance(
                figure: "market.payLine.benchmarks.\(benchmark.id)", value: benchmark.p50HourlyUSD, unit: "USD/h",
                ref: benchmark.ref,
                derivation: (derivations[benchmark.id] ?? "")
                    + "; \(Format.number(benchmark.points)) points; premium multiplier \(Format.number(benchmark.premiumMultiplier)); market \(benchmark.market), differential \(Format.number(benchmark.marketFactor))"
            )
        }
    }

    // Long because: every figure the wage file shows with its source, in print order; it reads as a table.
    static func figures(_ pricing: RolePricing, reference: ReferenceSet, benchmarks: [Provenance]) -> [Provenance] {
        let payLine = pricing.payLine
        let spec = pricing.spec
        let currency = spec.currency
        var trail: [Provenance] = []
        let factorsRef = reference.factors.first?.ref ?? reference.policy.ref
        for factor in pricing.score.factors {
            if let table = reference.factor(factor.factor) {
                trail.append(
                    Provenance(
                        figure: "scores.factors.\(factor.factor)", value: factor.points, unit: "points", ref: table.ref,
                        derivation:
                            "level '\(factor.level)' of the \(table.name) table, from \(RoleSpecFormat.fieldPath(ofFactor: factor.factor)) in the spec"
                    ))
            }
        }
        trail.append(
            Provenance(
                figure: "scores.complexity", value: pricing.score.complexity, unit: "points", ref: factorsRef,
                derivation: "sum of complexity factor points"))
        trail.append(
            Provenance(
                figure: "scores.consequence", value: pricing.score.consequence, unit: "points", ref: factorsRef,
                derivation: "sum of consequence factor points"))
        trail.append(
            Provenance(
                figure: "scores.conditions", value: pricing.score.conditions, unit: "points", ref: factorsRef,
                derivation: "sum of effort and working-conditions factor points"))
        trail += benchmarks
        trail.append(
            Provenance(
                figure: "market.payLine", value: payLine.slope, unit: "ln(USD/h) per point",
                source: "pay-structure-practice", asOf: reference.source("pay-structure-practice")?.ref.asOf,
                confidence: .medium,
                derivation:
                    "slope of the least-squares fit of ln(P50 / premiums / market differential) on points over \(payLine.points.count) benchmark roles, R^2 \(Format.number(payLine.rSquared, maxPlaces: 3)); used beyond the lowest and highest benchmark"
            ))
        trail.append(
            Provenance(
                figure: "market.lineMidUSD", value: Format.round(pricing.lineMidUSD, places: 2), unit: "USD/h",
                source: "computed",
                derivation: "\(Format.number(pricing.score.total)) points \(pricing.lineDescription)"))
        for premium in pricing.premiums.applied {
            trail.append(
                Provenance(
                    figure: "band.premiums.\(premium.id)", value: premium.percent, unit: "%", ref: premium.ref,
                    derivation: "\(premium.factor) is '\(spec.factors[premium.factor] ?? "")'"))
        }
        let policyName = "\(pricing.location.policy.rawValue) policy for the \(pricing.inference.layer.rawValue) layer"
        if pricing.location.policy == .global {
            trail.append(
                Provenance(
                    figure: "band.locationFactor", value: 1, ref: reference.policy.ref,
                    derivation: "\(policyName): one rate everywhere (US national)"))
        } else if let record = pricing.location.record {
            trail.append(
                Provenance(
                    figure: "band.locationFactor", value: record.factor, ref: record.ref,
                    derivation: "\(policyName): differential for \(pricing.location.market)"
                        + (record.basis.map { ", \($0)" } ?? "")))
        } else {
            trail.append(
                Provenance(
                    figure: "band.locationFactor", value: 1, ref: reference.policy.ref,
                    derivation:
                        "\(policyName): no differential for \(pricing.location.market); the US national rate was used"))
        }
        if let lift = pricing.floorLift {
            trail.append(
                Provenance(
                    figure: "band.floorLift.factor", value: Format.round(lift.factor, places: 4),
                    ref: lift.floor.record.ref,
                    derivation:
                        "statutory floor \(lift.floor.record.id) \(Format.money(lift.floor.hourlyInSpecCurrency)) \(currency)/h (\(lift.floor.hoursDerivation)) / market band minimum \(Format.money(lift.marketMin)) \(currency)/h"
                ))
        }
        if let fx = pricing.exchangeRate {
            trail.append(
                Provenance(
                    figure: "band.exchangeRate", value: fx.perUSD, unit: "\(fx.currency) per USD", ref: fx.ref,
                    derivation: "exchange rate table"))
        }
        trail.append(
            Provenance(
                figure: "band.rangeSpread", value: pricing.rangeSpread, ref: reference.policy.ref,
                derivation: "range spread for the \(pricing.inference.layer.rawValue) layer, (max - min) / min"))
        let band = pricing.bandHourly
        let scale =
            "line mid \(Format.number(pricing.lineMidUSD, maxPlaces: 2)) USD/h x location \(Format.number(pricing.location.factor)) x premiums \(Format.number(pricing.premiums.multiplier, maxPlaces: 4))"
            + (pricing.floorLift.map { " x floor lift \(Format.number($0.factor, maxPlaces: 4))" } ?? "")
            + " x \(Format.number(pricing.exchangeRate?.perUSD ?? 1)) \(currency)/USD"
        trail.append(
            Provenance(
                figure: "band.hourly.mid", value: Format.round(band.mid, places: 2), unit: "\(currency)/h",
                source: "computed", derivation: scale))
        trail.append(
            Provenance(
                figure: "band.hourly.min", value: Format.round(band.min, places: 2), unit: "\(currency)/h",
                source: "computed",
                derivation:
                    "mid / (1 + spread / 2) = \(Format.number(band.mid, maxPlaces: 2)) / \(Format.number(1 + pricing.rangeSpread / 2))"
            ))
        trail.append(
            Provenance(
                figure: "band.hourly.max", value: Format.round(band.max, places: 2), unit: "\(currency)/h",
                source: "computed",
                derivation:
                    "min x (1 + spread) = \(Format.number(band.min, maxPlaces: 2)) x \(Format.number(1 + pricing.rangeSpread))"
            ))
        let hoursSource = pricing.hours.source
        for (name, value) in [
            ("min", pricing.bandAnnual.min), ("mid", pricing.bandAnnual.mid), ("max", pricing.bandAnnual.max),
        ] {
            trail.append(
                Provenance(
                    figure: "band.annual.\(name)", value: Format.round(value, places: 0), unit: "\(currency)/year",
                    source: hoursSource,
                    asOf: hoursSource == "spec" ? nil : reference.policy.ref.asOf,
                    confidence: hoursSource == "spec" ? nil : reference.policy.ref.confidence,
                    derivation: "hourly \(name) x \(Format.number(pricing.hours.hoursPerYear)) h/year"))
        }
        if let offer = pricing.offered {
            trail.append(
                Provenance(
                    figure: "offered.amount", value: offer.quote.amount,
                    unit: "\(offer.quote.currency) \(offer.quote.basis.rawValue)", source: "spec",
                    derivation: "offered.amount in \(spec.file)"))
            trail.append(
                Provenance(
                    figure: "offered.hourly", value: Format.round(offer.hourly, places: 2), unit: "\(currency)/h",
                    source: "computed", derivation: offer.derivation))
            trail.append(
                Provenance(
                    figure: "offered.compaRatio", value: Format.round(offer.compaRatio, places: 4),
                    ref: reference.source("pay-structure-practice")?.ref ?? reference.policy.ref,
                    derivation: "offered hourly / band mid"))
            trail.append(
                Provenance(
                    figure: "offered.rangePenetration", value: Format.round(offer.rangePenetration, places: 4),
                    ref: reference.source("pay-structure-practice")?.ref ?? reference.policy.ref,
                    derivation: "(offered - min) / (max - min)"))
            if let card = offer.rateCard, let ratio = offer.marketRatio {
                trail.append(
                    Provenance(
                        figure: "offered.marketRatio", value: Format.round(ratio, places: 4), ref: card.ref,
                        derivation: "offered hourly / geometric midpoint of the \(card.category) rate card"))
            }
        }
        if let category = pricing.inference.category.flatMap(reference.category) {
            trail.append(
                Provenance(
                    figure: "market.rateCard", value: category.rateLow, unit: "USD/h low", ref: category.ref,
                    derivation:
                        "\(category.name) rate card \(Format.number(category.rateLow))-\(Format.number(category.rateHigh)) USD/h"
                ))
        }
        for next in pricing.pathUpward {
            trail.append(
                Provenance(
                    figure: "pathUpward.\(next.layer).hourly.mid", value: Format.round(next.bandHourly.mid, places: 2),
                    unit: "\(currency)/h", source: "computed",
                    derivation:
                        "typical \(next.layer) profile, \(Format.number(next.typicalPoints)) points, on the same pay line, location and currency"
                ))
        }
        return trail
    }

    /// The wage floor, its hours basis and exchange rate, and the effective-pay arithmetic.
    static func compliance(_ report: ComplianceReport, reference: ReferenceSet, currency: String) -> [Provenance] {
        var trail: [Provenance] = []
        for (path, floor) in [
            ("compliance.wageFloor", report.floors.binding), ("compliance.livingWage", report.floors.livingWage),
        ] {
            guard let floor else { continue }
            let record = floor.record
            trail.append(
                Provenance(
                    figure: "\(path).amount", value: record.amount,
                    unit: "\(record.currency)/\(record.period.rawValue)", ref: record.ref,
                    derivation: "\(record.id), effective \(record.effective)" + (record.note.map { "; \($0)" } ?? "")))
            if record.period != .hour {
                // The hours basis is a sourced figure too: the floor's own, or the jurisdiction's that supplied it.
                let supplier =
                    record.hours.hours(per: record.period) != nil
                    ? nil
                    : ReferenceSet.chain(record.jurisdiction).lazy.compactMap(reference.jurisdiction).first {
                        !$0.hours.isEmpty
                    }
                trail.append(
                    Provenance(
                        figure: "\(path).hourly", value: Format.round(floor.hourly, places: 2),
                        unit: "\(record.currency)/h", ref: supplier?.ref ?? record.ref,
                        derivation: "\(floor.hoursDerivation), from "
                            + (supplier.map { "the statutory hours of \($0.code) (\($0.name))" }
                                ?? "the record's own hours basis")))
            }
            for rate in floor.exchangeRates {
                trail.append(
                    Provenance(
                        figure: "\(path).hourlyInSpecCurrency", value: rate.perUSD, unit: "\(rate.currency) per USD",
                        ref: rate.ref,
                        derivation: "converts the floor from \(record.currency) to \(currency)"))
            }
        }
        if let pay = report.effectivePay, let assessed = report.assessedPay {
            trail.append(
                Provenance(
                    figure: "compliance.effectivePay.nominalHourly", value: Format.round(pay.nominalHourly, places: 2),
                    unit: "\(currency)/h", source: "spec",
                    derivation: "\(assessed.field): \(assessed.derivation)"))
            trail.append(
                Provenance(
                    figure: "compliance.effectivePay.effectiveHourly",
                    value: Format.round(pay.effectiveHourly, places: 2), unit: "\(currency)/h", source: "computed",
                    derivation:
                        "net pay / all working hours = (\(Format.money(pay.nominalHourly)) x \(Format.number(pay.paidHoursPerWeek, maxPlaces: 2)) paid h - fees \(Format.money(pay.feesPerWeek)) - costs \(Format.money(pay.workerCostsPerWeek))) / \(Format.number(pay.totalHoursPerWeek, maxPlaces: 2)) h a week (fairwork-cloudwork-2024 effective-wage method)"
                ))
            if pay.engagementAssumed {
                trail.append(
                    Provenance(
                        figure: "compliance.effectivePay.engagementWeeks", value: pay.engagementWeeks, unit: "weeks",
                        ref: reference.policy.ref,
                        derivation: "policy default_engagement_weeks: the spec does not state the engagement"))
            }
        }
        return trail
    }
}
