public import ReferenceData
public import WorkModel

/// Runs every compliance check on a spec. Pure: the spec, the hours basis pricing used, the
/// work layer and the evaluation date in; a report out.
public struct ComplianceEngine: Sendable {
    public let reference: ReferenceSet

    public init(reference: ReferenceSet) { self.reference = reference }

    /// Statuses the Fairwork cloudwork principles are written for, besides any piece-rate work.
    static let fairworkStatuses: Set<WorkerStatus> = [.platformWorker, .contractor, .vendorEmployee]
    /// Statuses whose overtime the law usually protects.
    static let employedStatuses: Set<WorkerStatus> = [.employee, .vendorEmployee, .dataByproduct, .fellow]

    /// `floors` are the worker's floors on `asOf` when the caller already selected them (pricing
    /// does, to lift the band), so they are looked up once per spec.
    public func assess(
        _ spec: RoleSpec, hours: HoursBasis, layer: WorkLayer, asOf: CalendarDate,
        floors selected: FloorSelection? = nil
    ) -> ComplianceReport {
        let currency = spec.currency
        let perUSD = reference.exchangeRate(currency)?.perUSD ?? 1
        let floors =
            selected
            ?? WageFloorLookup.select(
                jurisdiction: spec.worker.jurisdiction, location: spec.worker.location, specCurrency: currency,
                asOf: asOf, reference: reference,
                tiers: WageFloorLookup.tiers(of: spec.worker))
        var findings: [Finding] = []

        let assessed = assessedPay(spec, hours: hours)
        let effective = assessed.map {
            EffectivePay.compute(
                nominalHourly: $0.hourly, taskHoursPerWeek: hours.hoursPerWeek, practice: spec.payPractice,
                defaultEngagementWeeks: reference.policy.defaultEngagementWeeks, perUSD: perUSD,
                headcount: spec.worker.headcount)
        }
        let perTask = assessed?.quote.basis == .perTask
        let fairwork =
            Self.fairworkStatuses.contains(spec.worker.status) || perTask
            ? FairworkFairPay.evaluate(
                practice: spec.payPractice, effective: effective, floorHourly: floors.binding?.hourlyInSpecCurrency,
                currency: currency, perTask: perTask)
            : nil

        findings += floorFindings(spec, floors: floors, asOf: asOf)
        findings += staleRateFindings(spec, floors: floors, assessed: assessed, asOf: asOf)
        var report = ComplianceReport(
            asOf: asOf, floors: floors, assessedPay: assessed, effectivePay: effective, fairwork: fairwork,
            classification: WorkerClassification.assess(spec, layer: layer, asOf: asOf, reference: reference),
            dataRights: DataRightsReport(applies: false, frameworks: []), vendor: nil, findings: [])
        if let effective, let assessed {
            let worst =
                WorkweekMinimumWage.applies(jurisdiction: spec.worker.jurisdiction)
                ? WorkweekMinimumWage.worstWeek(
                    nominalHourly: assessed.hourly, taskHoursPerWeek: hours.hoursPerWeek, practice: spec.payPractice,
                    perUSD: perUSD, headcount: spec.worker.headcount)
                : nil
            findings += payFindings(spec, report: report, pay: effective, assessed: assessed, worstWeek: worst)
        }
        if let fairwork { findings += fairworkFindings(fairwork, spec: spec) }
        findings += overtimeFindings(spec)
        findings += OvertimeExemption.findings(spec, asOf: asOf)
        findings += NewYorkFreelanceIsntFree.findings(
            spec, hourly: assessed?.hourly, hours: hours,
            defaultEngagementWeeks: reference.policy.defaultEngagementWeeks, asOf: asOf)
        findings += classificationFindings(report.classification)
        var (rights, rightsFindings) = DataRightsRules.evaluate(spec, layer: layer, asOf: asOf, reference: reference)
        if rights.applies {
            let (payment, paymentFindings) = DataPaymentRules.evaluate(
                spec, weeklyHours: hours.hoursPerWeek, monthlyWage: effective.map { $0.grossPerWeek * 52 / 12 },
                reference: reference)
            rights.payment = payment
            rightsFindings += paymentFindings
        }
        report.dataRights = rights
        findings += rightsFindings
        if let (vendor, vendorFindings) = VendorOversightRules.evaluate(spec, asOf: asOf, reference: reference) {
            report.vendor = vendor
            findings += vendorFindings
        }
        report.findings = findings
        return report
    }

    /// The offer for a role; for a vendor contract, the worker pay the vendor discloses (the
    /// bill rate is not what workers earn).
    func assessedPay(_ spec: RoleSpec, hours: HoursBasis) -> ComplianceReport.AssessedPay? {
        let candidate: (PayQuote, String)?
        if spec.kind == .vendorContract {
            candidate = spec.vendor?.workerPay.map { ($0, "vendor.worker_pay") } ?? spec.offered.map { ($0, "offered") }
        } else {
            candidate = spec.offered.map { ($0, "offered") }
        }
        guard let (quote, field) = candidate, let hourly = quote.hourly(hours: hours) else { return nil }
        var derivation = quote.hourlyDerivation(hours: hours)
        let converted = reference.convert(hourly, from: quote.currency, to: spec.currency) ?? hourly
        if quote.currency != spec.currency, let from = reference.exchangeRate(quote.currency),
            let to = reference.exchangeRate(spec.currency)
        {
            derivation +=
                "; \(quote.currency) to \(spec.currency) at \(Format.number(from.perUSD)) and \(Format.number(to.perUSD)) per USD"
        }
        return ComplianceReport.AssessedPay(quote: quote, field: field, hourly: converted, derivation: derivation)
    }

    /// A floor past its next expected revision may have been superseded; one checked longer
    /// ago than the policy allows may be out of date. Either way the user must re-check it.
    func staleFloorFinding(_ floor: AppliedFloor, jurisdiction: String, stated: String, asOf: CalendarDate) -> Finding {
        let record = floor.record
        let limit = reference.policy.floorMaxAgeMonths
        var sentences: [String] = []
        if let due = floor.overdueRevision, let cycle = record.cycle {
            sentences.append(
                "The wage floor for \(jurisdiction) (\(record.id), effective \(record.effective)) is revised \(cycle.phrase); the revision expected on \(due) has passed by \(asOf), so the figure may have been superseded."
            )
        }
        if floor.checkedTooLongAgo {
            sentences.append(
                "The wage floor for \(jurisdiction) was last checked \(floor.ageMonths > limit ? "\(floor.ageMonths)" : "more than \(limit)") months before \(asOf), beyond the \(limit)-month policy."
            )
        }
        let checked =
            record.checkedDate.map { "last checked against its source: \($0)" } ?? "never checked against its source"
        return Finding(
            severity: .warning, rule: "wage-floor.stale", message: sentences.joined(separator: " "),
            evidence: [stated, checked],
            fix:
                "Check the current rate with the issuing authority and update \(record.id) (amount, effective, checked) under --reference."
        )
    }

    /// A tiered order (by skill or occupation) whose tier the spec did not name: the lowest tier
    /// was applied, which understates the floor for anyone in a higher tier.
    func tierFindings(_ floors: FloorSelection, jurisdiction: String) -> [Finding] {
        var seen: Set<TierField> = []
        return floors.applicable.compactMap { floor -> Finding? in
            guard let choice = floor.tierChoice, choice.assumed, seen.insert(choice.field).inserted else { return nil }
            let field = "worker.\(choice.field.rawValue)"
            let names = choice.tiers.compactMap { $0.tier?.name }
            let message =
                choice.stated.map {
                    "The spec's \(field) '\($0)' is not a tier of \(jurisdiction)'s wage order (\(names.joined(separator: ", "))); the lowest tier, \(floor.record.tier?.name ?? floor.record.id), was assumed."
                }
                ?? "The spec does not state \(field); \(jurisdiction)'s minimum wage differs by \(choice.field == .occupation ? "occupation" : "skill level"), so the lowest tier, \(floor.record.tier?.name ?? floor.record.id), was assumed."
            return Finding(
                severity: .warning, rule: "wage-floor.tier-assumed",
                message: message + " A worker in a higher tier is owed more.",
                evidence: choice.tiers.map {
                    "\($0.tier?.name ?? $0.id): \(Format.money($0.amount)) \($0.currency) per \($0.period.rawValue) (\($0.id))"
                },
                fix: "Set \(field) to the tier the work is classed in (one of: \(names.joined(separator: ", "))).")
        }
    }

    /// Exchange rates the checks converted with, flagged when older than the policy allows: a
    /// floor converted at a year-old rate can pass or fail by the currency's move alone.
    func staleRateFindings(
        _ spec: RoleSpec, floors: FloorSelection, assessed: ComplianceReport.AssessedPay?, asOf: CalendarDate
    ) -> [Finding] {
        var currencies = [spec.currency] + (floors.binding.map { [$0.record.currency] } ?? [])
        if let assessed { currencies.append(assessed.quote.currency) }
        let limit = reference.policy.exchangeRateMaxAgeMonths
        let stale = Set(currencies).filter { $0 != "USD" }.sorted().compactMap { reference.exchangeRate($0) }.filter {
            rate in
            CalendarDate(rate.ref.asOf).map { $0.isOlder(thanMonths: limit, on: asOf) } ?? true
        }
        guard !stale.isEmpty else { return [] }
        return [
            Finding(
                severity: .warning, rule: "exchange-rate.stale",
                message:
                    "The exchange rate\(stale.count == 1 ? "" : "s") used to convert pay or the floor (\(stale.map(\.currency).joined(separator: ", "))) \(stale.count == 1 ? "dates" : "date") from more than \(limit) months before \(asOf); converted figures may be off by the currency's move since.",
                evidence: stale.map {
                    "\($0.currency): \(Format.number($0.perUSD)) per USD (\($0.ref.source), as of \($0.ref.asOf), confidence \($0.ref.confidence.rawValue))"
                },
                fix: "Supply current rates in an exchange_rates table under --reference.")
        ]
    }

    func describe(_ floor: AppliedFloor, currency: String) -> String {
        let record = floor.record
        var text = "\(record.id): \(Format.money(record.amount)) \(record.currency) per \(record.period.rawValue)"
        if record.period != .hour {
            text += " = \(Format.money(floor.hourly)) \(record.currency)/h (\(floor.hoursDerivation))"
        }
        if record.currency != currency { text += " = \(Format.money(floor.hourlyInSpecCurrency)) \(currency)/h" }
        if let tier = record.tier {
            text += ", tier \(tier.name)\(floor.tierChoice?.assumed == true ? " (assumed)" : "")"
        }
        text +=
            ", effective \(record.effective) (\(record.ref.source), checked \(record.checkedDate.map(\.description) ?? record.ref.asOf), confidence \(record.ref.confidence.rawValue))"
        return text
    }

    func floorFindings(_ spec: RoleSpec, floors: FloorSelection, asOf: CalendarDate) -> [Finding] {
        let jurisdiction = spec.worker.jurisdiction
        var findings: [Finding] = []
        guard let binding = floors.binding else {
            findings.append(
                Finding(
                    severity: .warning, rule: "wage-floor.none",
                    message:
                        "No wage floor for \(jurisdiction)\(spec.worker.location.map { " (\($0))" } ?? "") is in the reference data, so effective pay cannot be checked against a legal minimum.",
                    evidence: ["jurisdiction: \(jurisdiction)", "location: \(spec.worker.location ?? "not stated")"],
                    fix: "Add a wage_floors record for \(jurisdiction) with its source under --reference."))
            return findings
        }
        let record = binding.record
        let stated = describe(binding, currency: spec.currency)
        if record.ref.confidence == .low {
            findings.append(
                Finding(
                    severity: .warning, rule: "wage-floor.low-confidence",
                    message:
                        "The wage floor for \(jurisdiction) is unverified or secondary-only (confidence low); confirm it before relying on the check.",
                    evidence: [stated] + (record.note.map { ["note: \($0)"] } ?? []),
                    fix:
                        "Confirm the current rate with the issuing authority and override \(record.id) under --reference."
                ))
        }
        if binding.stale {
            findings.append(staleFloorFinding(binding, jurisdiction: jurisdiction, stated: stated, asOf: asOf))
        }
        findings += tierFindings(floors, jurisdiction: jurisdiction)
        if record.standing != .statutory {
            findings.append(
                Finding(
                    severity: .info, rule: "wage-floor.not-binding",
                    message:
                        "The floor used for \(jurisdiction) is \(record.standing == .draft ? "a draft" : "advisory"), not a binding statutory minimum.",
                    evidence: [stated], fix: "Use the binding rate for the worker's sector if there is one."))
        }
        if floors.countryFallback {
            findings.append(
                Finding(
                    severity: .info, rule: "wage-floor.country-fallback",
                    message:
                        "No wage floor of \(jurisdiction)'s own is in the reference data; the national rate is used and a higher local rate may apply.",
                    evidence: [stated], fix: "Add \(jurisdiction)'s own rate under --reference if it has one."))
        }
        if !floors.assumedLocalityRates.isEmpty {
            findings.append(
                Finding(
                    severity: .warning, rule: "wage-floor.location-not-stated",
                    message:
                        "The spec does not say where in \(jurisdiction) the work is done; city rates were applied, which may be higher than the worker's.",
                    evidence: floors.assumedLocalityRates.map {
                        "\($0.id): \(Format.money($0.amount)) \($0.currency) per \($0.period.rawValue) in \($0.localities.joined(separator: ", "))"
                    },
                    fix: "Set worker.location so the right local rate applies."))
        }
        for next in floors.upcoming {
            findings.append(
                Finding(
                    severity: .info, rule: "wage-floor.upcoming",
                    message:
                        "The wage floor rises to \(Format.money(next.amount)) \(next.currency) per \(next.period.rawValue) on \(next.effective); budget for it.",
                    evidence: ["\(next.id) (\(next.ref.source))"],
                    fix: "Check the offer against the new rate before that date."))
        }
        return findings
    }

    // Long because: each pay finding's sentence quotes the figures worked out just above it (floor, effective pay, shortfall); the wrapped sentences are most of its length.
    func payFindings(
        _ spec: RoleSpec, report: ComplianceReport, pay: EffectivePay, assessed: ComplianceReport.AssessedPay,
        worstWeek: (pay: EffectivePay, assumed: Bool)? = nil
    ) -> [Finding] {
        let currency = spec.currency
        var findings: [Finding] = []
        let breakdown = [
            "\(assessed.field): \(Format.money(pay.nominalHourly)) \(currency)/h (\(assessed.derivation))",
            "per worker-week: \(Format.number(pay.taskHoursPerWeek)) h of tasks, \(Format.number(pay.unpaid.total, maxPlaces: 1)) h unpaid (search and idle \(Format.number(pay.unpaid.searchAndIdle, maxPlaces: 1)), qualification and onboarding \(Format.number(pay.unpaid.qualificationAndOnboarding, maxPlaces: 1)), rework \(Format.number(pay.unpaid.rework, maxPlaces: 1)), rejected unpaid \(Format.number(pay.unpaid.rejected, maxPlaces: 1)))",
            "net \(Format.money(pay.netPerWeek)) \(currency) a week after \(Format.money(pay.feesPerWeek)) fees and \(Format.money(pay.workerCostsPerWeek)) worker costs, over \(Format.number(pay.totalHoursPerWeek, maxPlaces: 1)) h",
            "effective pay \(Format.money(pay.effectiveHourly)) \(currency)/h (\(Format.money(pay.effectiveHourlyUSD)) USD/h)",
        ]
        if let floor = report.floors.binding, pay.effectiveHourly < floor.hourlyInSpecCurrency {
            let binding = floor.record.standing == .statutory
            let monthly = pay.costToReach(floor.hourlyInSpecCurrency)
            let needed = report.rateReaching(floor.hourlyInSpecCurrency)
            var evidence = breakdown + ["floor \(describe(floor, currency: currency))"]
            evidence.append(
                "cost to reach the floor: \(Format.money(monthly, places: 0)) \(currency) per worker-month"
                    + (pay.headcount.map {
                        ", \(Format.money(monthly * Double($0), places: 0)) \(currency) a month for \($0) workers"
                    } ?? ""))
            let contractor = WorkerClassification.testedStatuses.contains(spec.worker.status)
            if let worstWeek, worstWeek.pay.effectiveHourly < pay.effectiveHourly {
                evidence.append(worstWeekLine(worstWeek, currency: currency, jurisdiction: spec.worker.jurisdiction))
            }
            findings.append(
                Finding(
                    severity: binding ? .blocking : .warning, rule: "wage-floor.effective-below-floor",
                    message:
                        "Effective pay of \(Format.money(pay.effectiveHourly)) \(currency)/h is below the \(spec.worker.jurisdiction) minimum of \(Format.money(floor.hourlyInSpecCurrency)) \(currency)/h"
                        + (pay.nominalHourly >= floor.hourlyInSpecCurrency
                            ? " once unpaid time, rejections, fees and costs are counted."
                            : "; even the quoted rate is below it.")
                        + (contractor
                            ? " Minimum-wage law covers contractors only if they are misclassified, but the Fairwork Fair Pay standard expects the floor for everyone."
                            : ""),
                    evidence: evidence,
                    fix: needed.map {
                        "Raise the rate to at least \(Format.money($0)) \(currency)/h equivalent, or pay the unpaid time (qualification, search, rejected work)."
                    }
                        ?? "Pay the unpaid time or raise the rate."))
        }
        if let floor = report.floors.binding, let worstWeek, pay.effectiveHourly >= floor.hourlyInSpecCurrency,
            worstWeek.pay.effectiveHourly < floor.hourlyInSpecCurrency
        {
            let contractor = WorkerClassification.testedStatuses.contains(spec.worker.status)
            findings.append(
                Finding(
                    severity: floor.record.standing == .statutory ? .blocking : .warning,
                    rule: "wage-floor.workweek-below-floor",
                    message:
                        "Averaged over \(Format.number(pay.engagementWeeks)) weeks effective pay clears the \(spec.worker.jurisdiction) minimum, but in the worst week it is \(Format.money(worstWeek.pay.effectiveHourly)) \(currency)/h, below \(Format.money(floor.hourlyInSpecCurrency)): \(WorkweekMinimumWage.citation(spec.worker.jurisdiction)), so the average does not cure it."
                        + (contractor ? " Minimum-wage law reaches contractors only if they are misclassified." : ""),
                    evidence: breakdown + [
                        worstWeekLine(worstWeek, currency: currency, jurisdiction: spec.worker.jurisdiction),
                        "floor \(describe(floor, currency: currency))",
                    ],
                    fix:
                        "Pay the qualification and onboarding hours, or raise the first week's pay to at least the floor for every hour worked."
                ))
        }
        if let living = report.floors.livingWage, pay.effectiveHourly < living.hourlyInSpecCurrency {
            findings.append(
                Finding(
                    severity: .warning, rule: "effective-pay.below-living-wage",
                    message:
                        "Effective pay of \(Format.money(pay.effectiveHourly)) \(currency)/h is below the living wage of \(Format.money(living.hourlyInSpecCurrency)) \(currency)/h.",
                    evidence: breakdown + ["living wage \(describe(living, currency: currency))"],
                    fix:
                        "Close the gap of \(Format.money(living.hourlyInSpecCurrency - pay.effectiveHourly)) \(currency)/h, or record why not."
                ))
        }
        if pay.shiftedCostPerWorkerMonth > 0.005 {
            let share = pay.shiftedShare
            findings.append(
                Finding(
                    severity: share >= 0.1 ? .warning : .info, rule: "effective-pay.shifted-cost",
                    message:
                        "Unpaid time, rejections, fees and costs take \(Format.percent(share)) off the quoted rate: \(Format.money(pay.shiftedCostPerWorkerMonth, places: 0)) \(currency) per worker-month is carried by the worker"
                        + (pay.shiftedCostForHeadcountPerMonth.map {
                            ", \(Format.money($0, places: 0)) \(currency) a month across \(pay.headcount ?? 0) workers."
                        } ?? "."),
                    evidence: breakdown
                        + (pay.engagementAssumed
                            ? [
                                "one-off unpaid hours spread over the policy's \(Format.number(pay.engagementWeeks)) weeks (engagement not stated)"
                            ] : []),
                    fix:
                        "Pay qualification, onboarding and rework time, pay for rejected work with an appeal, and count search time, or budget the shifted cost openly."
                ))
        }
        return findings
    }

    /// The worst workweek, with the assumption about when the one-off hours fall.
    func worstWeekLine(_ worst: (pay: EffectivePay, assumed: Bool), currency: String, jurisdiction: String) -> String {
        "worst week: \(Format.number(worst.pay.taskHoursPerWeek)) h of tasks plus all \(Format.number(worst.pay.unpaid.qualificationAndOnboarding, maxPlaces: 1)) one-off unpaid hours, \(Format.number(worst.pay.totalHoursPerWeek, maxPlaces: 1)) h for \(Format.money(worst.pay.netPerWeek)) \(currency) net = \(Format.money(worst.pay.effectiveHourly)) \(currency)/h"
            + (worst.assumed
                ? " (pay_practice.one_off_timing not stated: the one-off hours are assumed to fall in week one)"
                : " (pay_practice.one_off_timing: first-week)")
    }

    func fairworkFindings(_ fairwork: FairworkFairPay, spec: RoleSpec) -> [Finding] {
        var findings: [Finding] = []
        for (number, point) in [(1, fairwork.point1), (2, fairwork.point2)] {
            switch point.met {
            case false?:
                findings.append(
                    Finding(
                        severity: .warning, rule: "fairwork.fair-pay-\(number)",
                        message: "Fairwork Fair Pay point \(number) is not met: \(point.title.lowercased()).",
                        evidence: point.reasons + ["source: \(FairworkFairPay.source)"],
                        fix: number == 1
                            ? "Pay on time and for all completed work, and give reasons and an appeal for every rejection."
                            : "Make effective pay clear the local minimum after costs, and show a task-time estimate before each task."
                    ))
            case nil where spec.worker.status == .platformWorker:
                findings.append(
                    Finding(
                        severity: .info, rule: "fairwork.fair-pay-\(number)-undetermined",
                        message: "Fairwork Fair Pay point \(number) cannot be assessed from the spec.",
                        evidence: point.missing.map { "not stated: \($0)" },
                        fix: "Add the missing facts under pay_practice."))
            default: break
            }
        }
        return findings
    }

    func overtimeFindings(_ spec: RoleSpec) -> [Finding] {
        guard Self.employedStatuses.contains(spec.worker.status), let week = spec.worker.hoursPerWeek,
            let statutory = reference.statutoryHours(spec.worker.jurisdiction).hoursPerWeek, week > statutory,
            spec.protections.overtime != true
        else { return [] }
        return [
            Finding(
                severity: .warning, rule: "pay.overtime-not-paid",
                message:
                    "The role works \(Format.number(week)) h a week, above the \(Format.number(statutory))-hour statutory week in \(spec.worker.jurisdiction), and overtime pay is \(spec.protections.overtime == false ? "not provided" : "not stated").",
                evidence: [
                    "worker.hours_per_week: \(Format.number(week))",
                    "statutory week: \(Format.number(statutory)) h (statutory-hours)",
                    "protections.overtime: \(Format.yesNo(spec.protections.overtime))",
                ],
                fix:
                    "Pay overtime at the statutory premium for hours beyond the normal week, or check the role is exempt."
            )
        ]
    }

    func classificationFindings(_ report: ClassificationReport) -> [Finding] {
        report.assessments.map { result in
            var evidence = result.factors.map { "\($0.factor) (\($0.leaning.rawValue)): \($0.reasoning)" }
            if !result.missingFacts.isEmpty {
                evidence.append("missing facts: \(result.missingFacts.joined(separator: ", "))")
            }
            evidence.append("standing: \(result.standing.rawValue); \(result.standingNote)")
            return Finding(
                severity: result.severity, rule: "classification.\(result.test)",
                message:
                    "\(result.name): \(result.risk.rawValue) risk. \(result.conclusion) Decision support, not legal advice.",
                evidence: evidence,
                fix: result.risk == .low
                    ? nil
                    : result.risk == .undetermined
                        ? "State the missing facts under engagement, then review with counsel."
                        : "Engage the workers as employees (directly or through an employer of record), or change how the work is controlled, with legal review."
            )
        }
    }
}
