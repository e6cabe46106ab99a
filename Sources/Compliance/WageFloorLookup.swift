public import ReferenceData
public import WorkModel

/// A wage floor in force for the worker, turned into an hourly figure in its own currency and
/// in the spec's, with the hours basis and exchange rate that did it.
public struct AppliedFloor: Sendable, Hashable {
    public var record: WageFloor
    /// Hours in one period of the floor (1 for an hourly figure), from its hours basis.
    public var hoursPerPeriod: Double
    public var hoursDerivation: String
    /// Hourly, in the floor's own currency.
    public var hourly: Double
    /// Hourly, in the currency the spec states pay in.
    public var hourlyInSpecCurrency: Double
    /// The exchange rates used when the floor's currency differs from the spec's.
    public var exchangeRates: [ExchangeRate]
    /// Months between the figure's last check (`as_of`) and the evaluation date.
    public var ageMonths: Int
    /// Checked too long ago, or past its next expected revision: the figure may be superseded.
    public var stale: Bool
    /// The revision the floor's cycle expected by the evaluation date, when it has passed.
    public var overdueRevision: CalendarDate?
    public var matchedLocality: String?
    /// How the tier was chosen, for a floor set by occupation or skill.
    public var tierChoice: TierChoice?

    /// Whether the figure was last checked longer ago than the policy allows.
    public var checkedTooLongAgo = false
}

/// Which tier of a tiered wage order applied, and whether the spec chose it or it was assumed.
public struct TierChoice: Sendable, Hashable {
    public var field: TierField
    /// The spec's value of the field, as written; nil when the spec does not state it.
    public var stated: String?
    /// True when the spec did not name one of the order's tiers and the lowest was applied.
    public var assumed: Bool
    /// Every tier of the order in force for this place, lowest first.
    public var tiers: [WageFloor]
}

/// The floors that apply to one worker on one date.
public struct FloorSelection: Sendable, Hashable {
    /// The highest floor in force: the one effective pay must clear.
    public var binding: AppliedFloor?
    /// Every floor in force for the worker, highest first.
    public var applicable: [AppliedFloor]
    /// Announced rates not yet in force on the evaluation date.
    public var upcoming: [WageFloor]
    /// The worker's subdivision has no floor of its own in the reference data; its country's applies.
    public var countryFallback: Bool
    /// Locality-only rates applied because the spec does not say where the worker is.
    public var assumedLocalityRates: [WageFloor]
    /// The highest living-wage benchmark users supplied for the worker, if any.
    public var livingWage: AppliedFloor?
}

/// Finds the wage floors that bind a worker: their subdivision's and their country's rates in
/// force on the evaluation date, narrowed to their locality, the highest one binding.
public enum WageFloorLookup {
    public static func select(
        jurisdiction: String, location: String?, specCurrency: String, asOf: CalendarDate, reference: ReferenceSet,
        tiers stated: [TierField: String] = [:]
    ) -> FloorSelection {
        let chain = ReferenceSet.chain(jurisdiction)
        let place = location.map(Self.words)
        var assumed: [WageFloor] = []

        func inForce(_ records: [WageFloor], collectAssumed: Bool) -> (current: [AppliedFloor], upcoming: [WageFloor]) {
            var latest: [String: WageFloor] = [:]
            var upcoming: [WageFloor] = []
            for record in records where chain.contains(record.jurisdiction) {
                if !record.localities.isEmpty {
                    // A city rate applies in its cities; with no location stated it is assumed, and said so.
                    if let place {
                        guard record.localities.contains(where: { Self.names(place, $0) }) else { continue }
                    } else if collectAssumed, record.effective <= asOf {
                        assumed.append(record)
                    }
                }
                if record.effective > asOf {
                    upcoming.append(record)
                    continue
                }
                // One series per place, coverage and tier: a newer rate replaces the older one.
                let series = [
                    record.jurisdiction, record.localities.joined(separator: "|"), record.covers ?? "",
                    record.tier?.name ?? "",
                ].joined(separator: "/")
                if let existing = latest[series], existing.effective >= record.effective { continue }
                latest[series] = record
            }
            let (chosen, choices) = chooseTiers(Array(latest.values), stated: stated)
            let applied = chosen.compactMap { record -> AppliedFloor? in
                let locality = place.flatMap { place in record.localities.first { Self.names(place, $0) } }
                var floor = apply(
                    record, specCurrency: specCurrency, asOf: asOf, reference: reference, locality: locality)
                floor?.tierChoice = choices[record.id]
                return floor
            }
            return (applied.sorted(by: higher), upcoming.sorted { ($0.effective, $0.id) < ($1.effective, $1.id) })
        }

        let floors = inForce(reference.wageFloors, collectAssumed: true)
        let living = inForce(reference.livingWages, collectAssumed: false)
        let ownLevel = floors.current.contains { $0.record.jurisdiction == jurisdiction }
        return FloorSelection(
            binding: floors.current.first, applicable: floors.current, upcoming: floors.upcoming,
            countryFallback: chain.count > 1 && !ownLevel && !floors.current.isEmpty,
            // Only the tier that applies is reported as assumed, not its alternatives.
            assumedLocalityRates: assumed.filter { record in floors.current.contains { $0.record.id == record.id } }
                .sorted { $0.id < $1.id },
            livingWage: living.current.first)
    }

    /// Keeps one tier of each tiered order (same place and tier field): the one the spec names,
    /// else the lowest, marked assumed. A tiered order without the field stated must not bind its
    /// highest tier by default (the tiers are alternatives, not floors that stack).
    static func chooseTiers(_ records: [WageFloor], stated: [TierField: String]) -> ([WageFloor], [String: TierChoice])
    {
        var kept = records.filter { $0.tier == nil }
        var choices: [String: TierChoice] = [:]
        let tiered = Dictionary(grouping: records.filter { $0.tier != nil }) { record in
            [
                record.jurisdiction, record.localities.joined(separator: "|"), record.covers ?? "",
                record.tier?.by.rawValue ?? "",
            ].joined(separator: "/")
        }
        for (_, group) in tiered.sorted(by: { $0.key < $1.key }) {
            let ordered = group.sorted { ($0.tier?.rank ?? 0, $0.id) < ($1.tier?.rank ?? 0, $1.id) }
            guard let lowest = ordered.first, let field = lowest.tier?.by else { continue }
            let value = stated[field]
            let match = value.flatMap { value in ordered.first { $0.tier?.name == FloorTier.normalised(value) } }
            let record = match ?? lowest
            kept.append(record)
            choices[record.id] = TierChoice(field: field, stated: value, assumed: match == nil, tiers: ordered)
        }
        return (kept, choices)
    }

    /// The worker fields that choose a tier, as the spec states them.
    public static func tiers(of worker: Worker) -> [TierField: String] {
        var tiers: [TierField: String] = [:]
        tiers[.skillLevel] = worker.skillLevel
        tiers[.occupation] = worker.occupation
        return tiers
    }

    static func words(_ text: String) -> [Substring] { PlaceNames.words(text) }
    static func names(_ place: [Substring], _ locality: String) -> Bool { PlaceNames.names(place, locality) }

    /// Orders floors by their hourly value in the spec's currency, so rates in different currencies compare.
    static func higher(_ lhs: AppliedFloor, _ rhs: AppliedFloor) -> Bool {
        (lhs.hourlyInSpecCurrency, rhs.record.id) > (rhs.hourlyInSpecCurrency, lhs.record.id)
    }

    public static func apply(
        _ record: WageFloor, specCurrency: String, asOf: CalendarDate, reference: ReferenceSet, locality: String? = nil
    ) -> AppliedFloor? {
        guard let period = hoursPerPeriod(record, asOf: asOf, reference: reference), period.hours > 0,
            let converted = reference.convert(
                record.amount * (1 + (record.allowancePercent ?? 0) / 100) / period.hours, from: record.currency,
                to: specCurrency)
        else { return nil }
        // An allowance the law makes part of the minimum (Kenya's housing allowance) is part of the floor.
        let allowance = 1 + (record.allowancePercent ?? 0) / 100
        let hourly = record.amount * allowance / period.hours
        let checked = record.checkedDate
        let age = checked.map { $0.months(until: asOf) } ?? Int.max
        let checkedStale = checked.map { $0.isOlder(thanMonths: reference.policy.floorMaxAgeMonths, on: asOf) } ?? true
        // An annual or semi-annual floor is expected to have been revised by its next revision
        // date; past it, the figure may have been superseded even if checked recently.
        let overdue = record.cycle?.nextRevision(after: record.effective).flatMap { $0 <= asOf ? $0 : nil }
        var floor = AppliedFloor(
            record: record, hoursPerPeriod: period.hours,
            hoursDerivation: (record.period == .hour
                ? "hourly figure"
                : "\(Format.number(record.amount)) \(record.currency) per \(record.period.rawValue) / \(period.derivation)")
                + (record.allowancePercent.map {
                    " x (1 + \(Format.number($0))% \(record.allowanceNote ?? "allowance"))"
                } ?? ""),
            hourly: hourly, hourlyInSpecCurrency: converted,
            exchangeRates: record.currency == specCurrency
                ? [] : [record.currency, specCurrency].filter { $0 != "USD" }.compactMap(reference.exchangeRate),
            ageMonths: age, stale: checkedStale || overdue != nil, overdueRevision: overdue,
            matchedLocality: locality)
        floor.checkedTooLongAgo = checkedStale
        return floor
    }

    /// Hours in one period of the floor. A day rate with a paid rest day (Mexico, LFT art. 69)
    /// pays `paid_days_per_week` days for the maximum week in force on the date, so one day's
    /// pay covers week / paid days hours: 7 x 315.04 / 48 = 45.94 MXN/h in 2026.
    static func hoursPerPeriod(_ record: WageFloor, asOf: CalendarDate, reference: ReferenceSet) -> (
        hours: Double, derivation: String
    )? {
        if record.period == .day, let paidDays = record.paidDaysPerWeek, let week = record.weeklyHours(on: asOf) {
            return (
                week.hours / paidDays,
                "\(Format.number(week.hours / paidDays, maxPlaces: 4)) h per paid day (\(Format.number(week.hours)) h maximum week from \(week.from) / \(Format.number(paidDays)) paid days, rest day included)"
            )
        }
        let basis = record.hours.filled(from: reference.statutoryHours(record.jurisdiction))
        return basis.hours(per: record.period)
    }
}
