public import Compliance
public import Pricing
public import ReferenceData
public import WorkModel

/// The rules a priced spec is checked against. Each returns findings with the evidence a
/// reviewer needs; none of them changes the band.
public enum FindingRules {
    /// The pricing findings (title or category against the tasks, the offer against the band and the
    /// rate card, internal candidates below the band, stale or low-confidence figures, ...), then the
    /// compliance report's findings, most severe first.
    public static func evaluate(_ pricing: RolePricing, reference: ReferenceSet, compliance: ComplianceReport)
        -> [Finding]
    {
        var findings = workFindings(pricing) + offerFindings(pricing, reference: reference, compliance: compliance)
        findings += bandBasisFindings(pricing) + careAndBudgetFindings(pricing, reference: reference)
        findings += internalCandidateFindings(pricing) + vendorFindings(pricing)
        let low = lowConfidenceFigures(pricing)
        if !low.isEmpty {
            findings.append(
                Finding(
                    severity: .info, rule: "low-confidence-figure",
                    message:
                        "The band uses figures marked low confidence; treat it as indicative until they are replaced.",
                    evidence: low, fix: "Override these records under --reference with figures you can source."))
        }
        findings += compliance.findings
        // Most severe first; within a severity, the order the rules ran in.
        return findings.enumerated().sorted { ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset) }.map(
            \.element)
    }

    /// The work as the spec describes it against what its tasks show: title, category and direction.
    static func workFindings(_ pricing: RolePricing) -> [Finding] {
        var findings: [Finding] = []
        let spec = pricing.spec
        let inference = pricing.inference
        if let hint = inference.conflictingTitleHint {
            findings.append(
                Finding(
                    severity: .warning, rule: "title-layer-mismatch",
                    message:
                        "The title '\(spec.title)' suggests \(hint.layer.rawValue) work, but the tasks are \(inference.layer.rawValue) work; price the work, not the title.",
                    evidence: [
                        "title pattern '\(hint.pattern)' suggests \(hint.layer.rawValue)"
                            + (hint.note.map { " (\($0))" } ?? "")
                    ] + inference.reasons.prefix(1),
                    fix: "Retitle the role after the work it buys, or change the tasks if the title is right."))
        }
        if let inferred = inference.inferredCategory, let declared = spec.category {
            findings.append(
                Finding(
                    severity: .warning, rule: "category-mismatch",
                    message:
                        "The spec declares category \(declared), but most of the categorized task time is \(inferred) work.",
                    evidence: ["declared category: \(declared)", "tasks point at: \(inferred)"],
                    fix: "Check which rate card the role should be compared with."))
        }
        if !inference.directionFits {
            findings.append(
                Finding(
                    severity: .warning, rule: "direction-mismatch",
                    message: "Direction '\(spec.direction.rawValue)' is unusual for \(inference.layer.rawValue) work.",
                    evidence: inference.reasons.filter { $0.hasPrefix("direction") },
                    fix:
                        "Confirm whether the work trains, evaluates, deploys or records; the governance owner depends on it."
                ))
        }
        return findings
    }

    /// The offer against the band and the rate card, with any data payment counted as pay for the data work.
    static func offerFindings(_ pricing: RolePricing, reference: ReferenceSet, compliance: ComplianceReport)
        -> [Finding]
    {
        var findings: [Finding] = []
        let spec = pricing.spec
        let currency = pricing.spec.currency
        if let offered = pricing.offered {
            let band = pricing.bandHourly
            let evidence = [
                "offered \(Format.money(offered.hourly)) \(currency)/h (\(offered.derivation))",
                "band \(Format.money(band.min))-\(Format.money(band.max)) \(currency)/h, mid \(Format.money(band.mid))",
                "compa-ratio \(Format.number(offered.compaRatio, maxPlaces: 3)), range penetration \(Format.percent(offered.rangePenetration))",
            ]
            switch offered.circle {
            case .green:
                if let withData = withDataPayment(offered, pricing: pricing, compliance: compliance) {
                    // Recorded work: the data payment is pay for the data work the band prices.
                    if withData.hourly + 1e-9 >= band.min {
                        findings.append(
                            Finding(
                                severity: .info, rule: "data-payment.prices-the-data-work",
                                message:
                                    "The ordinary wage alone (\(Format.money(offered.hourly)) \(currency)/h) is below the band for the recorded data work, but with the data payment the worker is paid \(Format.money(withData.hourly)) \(currency)/h, inside the band.",
                                evidence: evidence + [withData.derivation], fix: nil))
                    } else {
                        findings.append(
                            belowBand(
                                withData, pricing: pricing, reference: reference,
                                evidence: evidence + [withData.derivation]))
                    }
                } else {
                    findings.append(belowBand(offered, pricing: pricing, reference: reference, evidence: evidence))
                }
            case .red:
                findings.append(
                    Finding(
                        severity: .warning, rule: "red-circle",
                        message:
                            "The offer is above the band maximum by \(Format.money(offered.hourly - band.max)) \(currency)/h.",
                        evidence: evidence,
                        fix: pricing.location.factor < 1
                            ? "Check whether the title is being priced instead of the work, or whether the work is paid on the hirer's market rather than the worker's (policy location_policy_by_layer: hirer-market)."
                            : "Check whether the title is being priced instead of the work, or whether a premium trigger is missing from the spec."
                    ))
            case .inRange:
                break
            }
            if let card = offered.rateCard, offered.hourly < card.low {
                findings.append(
                    Finding(
                        severity: .warning, rule: "below-rate-card",
                        message: "The offer is below the low end of the \(card.category) rate card.",
                        evidence: [
                            "offered \(Format.money(offered.hourly)) \(currency)/h",
                            "rate card \(Format.money(card.low))-\(Format.money(card.high)) \(currency)/h (\(card.ref.source), \(card.ref.asOf))",
                        ]
                            + (card.locationFactor == 1
                                ? []
                                : [
                                    "the published US card x \(Format.number(card.locationFactor, maxPlaces: 4)), the differential for \(card.market)"
                                ]),
                        fix: "Expect thin supply or poor quality at this rate, or price a different category."))
            }
        } else if spec.kind == .role {
            findings.append(
                Finding(
                    severity: .info, rule: "no-offer",
                    message: "No offered pay is given, so compa-ratio and range penetration are not computed.",
                    evidence: [], fix: "Add an offered: section with amount and basis."))
        }
        return findings
    }

    /// What the band rests on: a missing location differential, a midpoint beyond the benchmarks, a lift to the floor.
    static func bandBasisFindings(_ pricing: RolePricing) -> [Finding] {
        var findings: [Finding] = []
        let spec = pricing.spec
        let currency = pricing.spec.currency
        if pricing.location.missing {
            findings.append(
                Finding(
                    severity: .warning, rule: "location-factor-missing",
                    message:
                        "No location differential is known for \(pricing.location.market), so the band is at the US national rate (factor 1), which may be far from the local market.",
                    evidence: ["policy: \(pricing.location.policy.rawValue)", "market: \(pricing.location.market)"],
                    fix:
                        "Add a location_factors record for \(spec.worker.jurisdiction) under --reference, or import survey data for the market."
                ))
        }
        if let knots = pricing.payLine.knots.first.flatMap({ first in pricing.payLine.knots.last.map { (first, $0) } }),
            pricing.score.total > knots.1.points || pricing.score.total < knots.0.points
        {
            let above = pricing.score.total > knots.1.points
            let edge = above ? knots.1 : knots.0
            findings.append(
                Finding(
                    severity: .warning, rule: "priced-beyond-benchmarks",
                    message:
                        "At \(Format.number(pricing.score.total)) points the role is \(Format.number(abs(pricing.score.total - edge.points))) points \(above ? "above the highest" : "below the lowest") benchmark, so its midpoint rests on the fitted slope, not on a market figure.",
                    evidence: [
                        "nearest benchmark: \(edge.benchmarks.joined(separator: " + ")) at \(Format.number(edge.points)) points, \(Format.money(edge.midUSD)) USD/h",
                        "slope \(Format.number(pricing.payLine.slope, maxPlaces: 6)) ln(USD/h) per point: x\(Format.number(pricing.lineMidUSD / edge.midUSD, maxPlaces: 3)) on the benchmark",
                    ],
                    fix:
                        "Confirm the band with survey data for this job (wagefile import market-data), or check the factor levels that put it past the benchmarks."
                ))
        }
        if let lift = pricing.floorLift {
            findings.append(
                Finding(
                    severity: .info, rule: "band-lifted-to-floor",
                    message:
                        "The market would price this work below the legal minimum, so the band is lifted to the statutory floor: its minimum is \(Format.money(lift.floor.hourlyInSpecCurrency)) \(currency)/h.",
                    evidence: [
                        "market band minimum \(Format.money(lift.marketMin)) \(currency)/h (\(pricing.location.policy.rawValue), \(pricing.location.market))",
                        "floor \(lift.floor.record.id): \(Format.money(lift.floor.hourlyInSpecCurrency)) \(currency)/h (\(lift.floor.hoursDerivation); \(lift.floor.record.ref.source), \(lift.floor.record.ref.asOf))",
                        "every band figure x \(Format.number(lift.factor, maxPlaces: 4))",
                    ],
                    fix:
                        "Nothing to fix: no one may be paid below the floor. Check the location differential if the lift is large."
                ))
        }
        return findings
    }

    /// Harmful content without support, and work no budget owns.
    static func careAndBudgetFindings(_ pricing: RolePricing, reference: ReferenceSet) -> [Finding] {
        var findings: [Finding] = []
        let spec = pricing.spec
        if let exposure = spec.factors["content_exposure"], ["routine", "extreme"].contains(exposure),
            spec.protections.wellbeingSupport != true
        {
            findings.append(
                Finding(
                    severity: .warning, rule: "harmful-content-without-support",
                    message:
                        "Workers see harmful content \(exposure == "extreme" ? "at extreme levels" : "routinely") and the spec does not provide wellbeing support.",
                    evidence: [
                        "content_exposure: \(exposure)",
                        "protections.wellbeing_support: \(Format.yesNo(spec.protections.wellbeingSupport))",
                    ],
                    fix: "Provide counselling, exposure limits and opt-outs, and say so under protections."))
        }
        if spec.budgetOwner == nil {
            findings.append(
                Finding(
                    severity: .warning, rule: "no-budget-owner",
                    message: "No budget owns this work, so its cost will scatter across budgets.",
                    evidence: ["budget_owner is not set"],
                    fix: "Name the budget: \(reference.policy.budgetOwners.joined(separator: ", ")), or your own."))
        }
        return findings
    }

    /// Internal candidates paid below the band an external hire would get.
    static func internalCandidateFindings(_ pricing: RolePricing) -> [Finding] {
        var findings: [Finding] = []
        let currency = pricing.spec.currency
        for candidate in pricing.candidates where candidate.circle == .green {
            findings.append(
                Finding(
                    severity: .warning, rule: "internal-candidate-below-band",
                    message:
                        "\(candidate.name) could do this work but is paid below the band minimum: hiring externally at the band would compress or invert their pay.",
                    evidence: [
                        "current pay \(candidate.hourly.map { Format.money($0) } ?? "?") \(currency)/h",
                        "band minimum \(Format.money(pricing.bandHourly.min)) \(currency)/h",
                        "annual cost to band minimum \(candidate.annualCostToMinimum.map { Format.money($0, places: 0) } ?? "?") \(currency)",
                    ],
                    fix: "Offer the internal path first, or budget the adjustment alongside the external hire."))
        }
        return findings
    }

    /// A vendor contract whose bill rate cannot carry the band, or whose worker pay is hidden.
    static func vendorFindings(_ pricing: RolePricing) -> [Finding] {
        var findings: [Finding] = []
        let spec = pricing.spec
        let currency = pricing.spec.currency
        if spec.kind == .vendorContract {
            if let bill = pricing.billRateHourly, bill < pricing.bandHourly.min {
                findings.append(
                    Finding(
                        severity: .warning, rule: "vendor-bill-below-band",
                        message:
                            "The vendor bills \(Format.money(bill)) \(currency)/h, below the band minimum of \(Format.money(pricing.bandHourly.min)); after the vendor's margin the workers are paid less still.",
                        evidence: [
                            "bill rate \(Format.money(bill)) \(currency)/h",
                            "band \(Format.money(pricing.bandHourly.min))-\(Format.money(pricing.bandHourly.max)) \(currency)/h",
                        ],
                        fix: "Ask the vendor for worker pay and unpaid time, or budget a rate that can carry the band.")
                )
            }
            if spec.vendor?.workerPayDisclosed != true || (spec.vendor?.workerPay == nil && spec.offered == nil) {
                findings.append(
                    Finding(
                        severity: .warning, rule: "vendor-pay-undisclosed",
                        message:
                            "The vendor does not disclose what its workers are paid, so the effective pay behind the bill rate is unknown.",
                        evidence: [
                            "vendor: \(spec.vendor?.name ?? "?")",
                            "worker_pay_disclosed: \(Format.yesNo(spec.vendor?.workerPayDisclosed))",
                        ],
                        fix: "Require worker pay, pay basis and unpaid-time disclosure in the contract."))
            }
        }
        return findings
    }

    /// The offer with the worker's data payment added, per hour worked: the data payment per
    /// recorded hour times the recorded share of the working week. Nil without a data payment.
    static func withDataPayment(_ offered: OfferAnalysis, pricing: RolePricing, compliance: ComplianceReport)
        -> OfferAnalysis?
    {
        guard let payment = compliance.dataRights.payment, payment.workerPerRecordedHour > 0,
            let weekly = compliance.effectivePay?.taskHoursPerWeek, weekly > 0
        else { return nil }
        let recordedShare = min(payment.recordedHoursPerWeek / weekly, 1)
        let perHourWorked = payment.workerPerRecordedHour * recordedShare
        var total = offered
        total.hourly = offered.hourly + perHourWorked
        let band = pricing.bandHourly
        total.compaRatio = band.mid > 0 ? total.hourly / band.mid : 0
        total.rangePenetration = band.max > band.min ? (total.hourly - band.min) / (band.max - band.min) : 0
        total.derivation =
            "with the data payment: \(Format.money(offered.hourly)) + \(Format.money(payment.workerPerRecordedHour)) per recorded hour x \(Format.number(payment.recordedHoursPerWeek)) of \(Format.number(weekly)) hours = \(Format.money(total.hourly)) \(pricing.spec.currency)/h, compa-ratio \(Format.number(total.compaRatio, maxPlaces: 3))"
        return total
    }

    /// An offer under the band minimum. It blocks only when the pay is far below the market
    /// for the work: under the policy's compa-ratio and outside the category's published range.
    /// Anything milder is a warning a reviewer weighs, so that blocking keeps its meaning.
    static func belowBand(_ offered: OfferAnalysis, pricing: RolePricing, reference: ReferenceSet, evidence: [String])
        -> Finding
    {
        let currency = pricing.spec.currency
        let band = pricing.bandHourly
        let threshold = reference.policy.farBelowMarketCompaRatio
        // Cent precision, as the band's circle is judged.
        let insideCard =
            offered.rateCard.map {
                (($0.low * 100).rounded()...($0.high * 100).rounded()).contains((offered.hourly * 100).rounded())
            } ?? false
        let far = offered.compaRatio < threshold && !insideCard
        let gap = "by \(Format.money(band.min - offered.hourly)) \(currency)/h"
        let what =
            offered.derivation.hasPrefix("with the data payment")
            ? "The worker's wage and data payment come to \(Format.money(offered.hourly)) \(currency)/h, below the band minimum for the recorded data work \(gap)."
            : pricing.spec.worker.status == .dataByproduct
                ? "The worker's ordinary wage is \(Format.money(offered.hourly)) \(currency)/h, below the band minimum for the recorded data work \(gap): the data contribution is not priced into their pay."
                : "The offer is below the band minimum \(gap)."
        let why: String
        if far {
            why =
                " At a compa-ratio of \(Format.number(offered.compaRatio, maxPlaces: 3)), under the policy's \(Format.number(threshold)) and outside any published market range for the category, this is pay far below the market for the work."
        } else if insideCard, let card = offered.rateCard {
            why =
                " It is inside the \(card.category) published market range (\(Format.money(card.low))-\(Format.money(card.high)) \(currency)/h), so it is a warning to weigh, not a stop."
        } else {
            why =
                " The compa-ratio \(Format.number(offered.compaRatio, maxPlaces: 3)) is within the policy's tolerance (\(Format.number(threshold)) or more), so it is a warning to weigh, not a stop."
        }
        return Finding(
            severity: far ? .blocking : .warning, rule: "green-circle", message: what + why,
            evidence: evidence + [
                "far-below-market threshold: compa-ratio under \(Format.number(threshold)) outside the published range (policy.far_below_market_compa_ratio)"
            ],
            fix:
                "Raise the offer to at least \(Format.money(band.min)) \(currency)/h, or record an approved exception with its reason."
        )
    }

    static func lowConfidenceFigures(_ pricing: RolePricing) -> [String] {
        var figures: [String] = []
        if let fx = pricing.exchangeRate, fx.ref.confidence == .low {
            figures.append(
                "exchange rate \(fx.currency) \(Format.number(fx.perUSD)) per USD (\(fx.ref.source), \(fx.ref.asOf))")
        }
        for premium in pricing.premiums.applied where premium.ref.confidence == .low {
            figures.append(
                "premium \(premium.id) +\(Format.number(premium.percent))% (\(premium.ref.source), \(premium.ref.asOf))"
            )
        }
        if let location = pricing.location.record, location.ref.confidence == .low {
            figures.append(
                "location factor \(location.jurisdiction) \(Format.number(location.factor)) (\(location.ref.source))")
        }
        return figures
    }

}
