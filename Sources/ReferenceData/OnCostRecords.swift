public import WorkModel

/// The period an on-cost's money bounds and fixed amounts are stated per.
public enum OnCostPeriod: String, Sendable, Hashable, CaseIterable {
    case month, year

    public var perYear: Double { self == .month ? 12 : 1 }
}

/// One employer on-cost: a rate on a slice of gross pay, or a fixed amount, possibly owed only
/// for pay at or below (or at or above) a level.
public struct OnCostComponent: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Share of the pay between `earningsFrom` and `earningsTo`; nil for a fixed amount.
    public var rate: Double?
    /// A fixed amount per `period`, whatever the pay; nil for a rate.
    public var amount: Double?
    /// Pay per `period` below which nothing is charged (a threshold).
    public var earningsFrom: Double?
    /// Pay per `period` above which nothing more is charged (a cap).
    public var earningsTo: Double?
    /// Owed only when pay per `period` is at or below this.
    public var appliesUpTo: Double?
    /// Owed only when pay per `period` is at or above this.
    public var appliesFrom: Double?
    /// The period the money figures above are per; nil when there are none.
    public var period: OnCostPeriod?
    public var note: String?
    public var ref: SourceRef

    public init(
        id: String, name: String, rate: Double? = nil, amount: Double? = nil, earningsFrom: Double? = nil,
        earningsTo: Double? = nil,
        appliesUpTo: Double? = nil, appliesFrom: Double? = nil, period: OnCostPeriod? = nil, note: String? = nil,
        ref: SourceRef
    ) {
        self.id = id
        self.name = name
        self.rate = rate
        self.amount = amount
        self.earningsFrom = earningsFrom
        self.earningsTo = earningsTo
        self.appliesUpTo = appliesUpTo
        self.appliesFrom = appliesFrom
        self.period = period
        self.note = note
        self.ref = ref
    }

    /// Whether the cost depends on the pay level (a cap, threshold, eligibility or fixed amount).
    public var dependsOnPay: Bool {
        amount != nil || earningsFrom != nil || earningsTo != nil || appliesUpTo != nil || appliesFrom != nil
    }

    /// The employer's cost a year on `annualGross`, both in the row's currency.
    public func annualCost(annualGross: Double) -> Double {
        let periods = period?.perYear ?? 1
        let pay = annualGross / periods
        if let appliesUpTo, pay > appliesUpTo { return 0 }
        if let appliesFrom, pay < appliesFrom { return 0 }
        if let amount { return amount * periods }
        let slice = max(0, min(pay, earningsTo ?? .infinity) - (earningsFrom ?? 0))
        return (rate ?? 0) * slice * periods
    }

    /// The rule in words: "6.2% up to 184,500 a year", "PHP 30 a month".
    public func describe(currency: String?) -> String {
        let per = period.map { " a \($0.rawValue)" } ?? ""
        let money = { (value: Double) in
            (currency.map { "\($0) " } ?? "") + Format.money(value, places: value == value.rounded() ? 0 : 2)
        }
        var text = amount.map { money($0) + per } ?? Format.percent(rate ?? 0, places: 3)
        if amount == nil {
            switch (earningsFrom, earningsTo) {
            case let (from?, to?): text += " of pay between \(money(from)) and \(money(to))\(per)"
            case let (from?, nil): text += " of pay above \(money(from))\(per)"
            case let (nil, to?): text += " of pay up to \(money(to))\(per)"
            case (nil, nil): text += " of gross pay"
            }
        }
        if let appliesUpTo { text += ", only for pay up to \(money(appliesUpTo))\(per)" }
        if let appliesFrom { text += ", only for pay from \(money(appliesFrom))\(per)" }
        return text
    }
}

/// Statutory paid annual leave, in days a year.
public struct PaidLeave: Sendable, Hashable {
    public enum Counting: String, Sendable, Hashable, CaseIterable {
        case working, calendar
    }

    public var days: Double
    public var counted: Counting
    public var note: String?
    public var ref: SourceRef

    /// The leave in working days: calendar days x 5/7 where the law counts calendar days.
    public var workingDays: Double { counted == .calendar ? days * 5 / 7 : days }
}

/// A jurisdiction's employer on-costs: contributions on pay, extras paid on top of it (13th
/// month, bonuses) and paid leave, each sourced; what the sources name without a figure is
/// listed in `gaps`, never counted as zero.
public struct OnCostRow: Sendable, Hashable {
    /// 52 weeks x 5 days, the working year when a row states none.
    public static let defaultWorkingDays = 260.0

    public var jurisdiction: String
    public var name: String
    /// The currency of the row's money bounds and amounts; nil when it has none.
    public var currency: String?
    public var workingDays: Double
    /// True when the row states its own working days; otherwise `defaultWorkingDays`.
    public var workingDaysStated: Bool
    public var contributions: [OnCostComponent]
    public var extras: [OnCostComponent]
    public var paidLeave: PaidLeave?
    public var gaps: [String]
    public var note: String?
    public var ref: SourceRef

    /// The load on `annualGross` a year in the row's currency.
    public func load(annualGross: Double) -> LoadFactor {
        let gross = max(annualGross, 0)
        func rate(_ components: [OnCostComponent]) -> [LoadFactor.Part] {
            components.map { component in
                let cost = component.annualCost(annualGross: gross)
                return LoadFactor.Part(component: component, annualCost: cost, rate: gross > 0 ? cost / gross : 0)
            }
        }
        return LoadFactor(
            row: self, annualGross: gross, contributions: rate(contributions), extras: rate(extras),
            leaveDays: paidLeave?.workingDays ?? 0, workingDays: workingDays)
    }

    /// The gross pay a year whose loaded cost is `annualLoaded`, both in the row's currency:
    /// gross x load factor(gross) = loaded, solved by bisection because caps and fixed
    /// amounts make the factor depend on the pay. Loaded cost never falls below gross, so the
    /// answer lies between 0 and `annualLoaded`.
    public func grossEquivalent(ofLoaded annualLoaded: Double) -> LoadFactor {
        let target = max(annualLoaded, 0)
        var low = 0.0, high = target
        // 64 halvings take any pay to well under a cent; each step sums without allocating.
        for _ in 0..<64 {
            let middle = (low + high) / 2
            if loaded(annualGross: middle) < target { low = middle } else { high = middle }
        }
        return load(annualGross: (low + high) / 2)
    }

    /// `load(annualGross:).annualLoaded` without building the parts, for the bisection.
    func loaded(annualGross gross: Double) -> Double {
        var contributions = 0.0, extras = 0.0
        for component in self.contributions { contributions += component.annualCost(annualGross: gross) }
        for component in self.extras { extras += component.annualCost(annualGross: gross) }
        let leave = paidLeave?.workingDays ?? 0
        let leaveFactor = workingDays > leave ? workingDays / (workingDays - leave) : 1
        // gross x (1 + c/gross) x (1 + e/gross) x leave factor, kept finite at a zero gross.
        return gross > 0 ? (gross + contributions) * (1 + extras / gross) * leaveFactor : 0
    }
}

/// The load of one row at one pay level: loaded cost per worked hour = gross hourly x
/// (1 + contributions) x (1 + extras) x W / (W - L).
public struct LoadFactor: Sendable, Hashable {
    public struct Part: Sendable, Hashable {
        public var component: OnCostComponent
        /// The employer's cost a year, in the row's currency.
        public var annualCost: Double
        /// annualCost / gross.
        public var rate: Double
    }

    public var row: OnCostRow
    /// Gross pay a year in the row's currency, the level the parts were computed at.
    public var annualGross: Double
    public var contributions: [Part]
    public var extras: [Part]
    /// Paid leave in working days.
    public var leaveDays: Double
    public var workingDays: Double

    public var contributionRate: Double { contributions.reduce(0) { $0 + $1.rate } }
    public var extrasRate: Double { extras.reduce(0) { $0 + $1.rate } }
    /// W / (W - L): the paid days per worked day.
    public var leaveFactor: Double { workingDays > leaveDays ? workingDays / (workingDays - leaveDays) : 1 }
    /// Loaded cost per worked hour / gross hourly pay.
    public var factor: Double { (1 + contributionRate) * (1 + extrasRate) * leaveFactor }
    /// Loaded cost a year at the same worked time, in the row's currency.
    public var annualLoaded: Double { annualGross * factor }

    /// The formula with this row's figures in it.
    public var derivation: String {
        "(1 + \(Format.number(contributionRate, maxPlaces: 4)) contributions) x (1 + \(Format.number(extrasRate, maxPlaces: 4)) extras) x \(Format.number(workingDays)) / (\(Format.number(workingDays)) - \(Format.number(leaveDays, maxPlaces: 2)) leave days) = \(Format.number(factor, maxPlaces: 4))"
    }
}

/// The on-cost rows by jurisdiction with the exchange rates that bring pay into each row's
/// currency, so the portfolio views can load pay without the whole reference set.
public struct OnCostTable: Sendable {
    public private(set) var rows: [String: OnCostRow]
    /// Units of each currency per US dollar.
    public private(set) var perUSD: [String: Double]

    public init(rows: [OnCostRow] = [], perUSD: [String: Double] = ["USD": 1]) {
        var byCode: [String: OnCostRow] = [:]
        for row in rows { byCode[row.jurisdiction] = row }
        self.rows = byCode
        self.perUSD = perUSD
    }

    /// The row for `jurisdiction`: its own, else its country's (US-CA uses US).
    public func row(for jurisdiction: String) -> OnCostRow? {
        ReferenceSet.chain(jurisdiction).lazy.compactMap { rows[$0] }.first
    }

    /// The load on `annualGross` a year in `currency`; nil without a row or an exchange rate.
    public func load(_ jurisdiction: String, annualGross: Double, currency: String) -> LoadFactor? {
        guard let row = row(for: jurisdiction),
            let local = convert(annualGross, from: currency, to: row.currency ?? currency)
        else { return nil }
        return row.load(annualGross: local)
    }

    /// The load at the gross pay whose loaded cost is `annualLoaded` a year in `currency`.
    public func grossEquivalent(_ jurisdiction: String, annualLoaded: Double, currency: String) -> LoadFactor? {
        guard let row = row(for: jurisdiction),
            let local = convert(annualLoaded, from: currency, to: row.currency ?? currency)
        else { return nil }
        return row.grossEquivalent(ofLoaded: local)
    }

    func convert(_ amount: Double, from: String, to: String) -> Double? {
        if from == to { return amount }
        guard let source = perUSD[from], let target = perUSD[to], source > 0 else { return nil }
        return amount / source * target
    }
}
