public import WorkModel
public import ReferenceData

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
    public var stale: Bool
    public var matchedLocality: String?
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
        jurisdiction: String, location: String?, specCurrency: String, asOf: CalendarDate, reference: ReferenceSet
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
                // One series per place and coverage: a newer rate replaces the older one.
                let series = [record.jurisdiction, record.localities.joined(separator: "|"), record.covers ?? ""].joined(separator: "/")
                if let existing = latest[series], existing.effective >= record.effective { continue }
                latest[series] = record
            }
            let applied = latest.values.compactMap { record -> AppliedFloor? in
                let locality = place.flatMap { place in record.localities.first { Self.names(place, $0) } }
                return apply(record, specCurrency: specCurrency, asOf: asOf, reference: reference, locality: locality)
            }
            return (applied.sorted(by: higher), upcoming.sorted { ($0.effective, $0.id) < ($1.effective, $1.id) })
        }

        let floors = inForce(reference.wageFloors, collectAssumed: true)
        let living = inForce(reference.livingWages, collectAssumed: false)
        let ownLevel = floors.current.contains { $0.record.jurisdiction == jurisdiction }
        return FloorSelection(
            binding: floors.current.first, applicable: floors.current, upcoming: floors.upcoming,
            countryFallback: chain.count > 1 && !ownLevel && !floors.current.isEmpty,
            assumedLocalityRates: assumed.sorted { $0.id < $1.id }, livingWage: living.current.first)
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
        let basis = record.hours.filled(from: reference.statutoryHours(record.jurisdiction))
        guard let period = basis.hours(per: record.period), period.hours > 0,
            let converted = reference.convert(record.amount * (1 + (record.allowancePercent ?? 0) / 100) / period.hours, from: record.currency, to: specCurrency)
        else { return nil }
        // An allowance the law makes part of the minimum (Kenya's housing allowance) is part of the floor.
        let allowance = 1 + (record.allowancePercent ?? 0) / 100
        let hourly = record.amount * allowance / period.hours
        let checked = CalendarDate(record.ref.asOf)
        let age = checked.map { $0.months(until: asOf) } ?? Int.max
        return AppliedFloor(
            record: record, hoursPerPeriod: period.hours,
            hoursDerivation: (record.period == .hour ? "hourly figure" : "\(Format.number(record.amount)) \(record.currency) per \(record.period.rawValue) / \(period.derivation)")
                + (record.allowancePercent.map { " x (1 + \(Format.number($0))% \(record.allowanceNote ?? "allowance"))" } ?? ""),
            hourly: hourly, hourlyInSpecCurrency: converted,
            exchangeRates: record.currency == specCurrency ? [] : [record.currency, specCurrency].filter { $0 != "USD" }.compactMap(reference.exchangeRate),
            ageMonths: age, stale: checked.map { $0.isOlder(thanMonths: reference.policy.floorMaxAgeMonths, on: asOf) } ?? true,
            matchedLocality: locality)
    }
}
