public import WorkModel

/// One entry of the source ledger: the publication a figure came from.
public struct SourceEntry: Sendable, Hashable {
    public var key: String
    public var title: String
    public var publisher: String
    public var signal: String
    public var implication: String?
    public var ref: SourceRef

    public init(
        key: String, title: String, publisher: String, signal: String, implication: String? = nil, ref: SourceRef
    ) {
        self.key = key
        self.title = title
        self.publisher = publisher
        self.signal = signal
        self.implication = implication
        self.ref = ref
    }
}

public struct Segment: Sendable, Hashable {
    public var id: LaborSegment
    public var name: String
    public var mainOutput: String
    public var qualityRisk: String
    public var employmentModel: String
    public var payLogic: String
    public var ref: SourceRef
}

/// A work layer with everything the compensation map says about it.
public struct LayerProfile: Sendable, Hashable {
    public var id: WorkLayer
    public var name: String
    public var segment: LaborSegment
    public var directions: [Direction]
    public var payAnchor: String
    public var anchorCategory: String?
    public var anchor: String?
    public var premiumTriggers: [String]
    public var mainRisk: String
    public var governanceOwner: String
    public var next: [WorkLayer]
    public var qualifyingEvidence: [String]
    /// Factor levels of a typical role in this layer; prices the path upward.
    public var typicalProfile: [String: String]
    public var ref: SourceRef
}

/// A market job category with its published hourly rate card.
public struct JobCategory: Sendable, Hashable {
    public var id: String
    public var name: String
    public var tierRole: String
    public var rateLow: Double
    public var rateHigh: Double
    public var currency: String
    public var layer: WorkLayer
    public var ref: SourceRef
}

/// A market pay point other than a rate card: a salaried anchor or a public rate point.
public struct MarketAnchor: Sendable, Hashable {
    public var id: String
    public var name: String
    public var low: Double
    public var high: Double?
    public var basis: PayBasis
    public var currency: String
    public var benefits: String?
    public var layer: WorkLayer?
    public var ref: SourceRef
}

/// Where a factor's points go. Complexity (skills), consequence (responsibility) and conditions
/// (effort and working conditions) are the job-value axes the EU Pay Transparency Directive's
/// equal-value test names (Art. 4(4)); `market` factors are market facts, not job value: they
/// score no points and may only trigger premiums, so one fact is never paid twice.
public enum Axis: String, Sendable, Hashable, Codable, CaseIterable {
    case complexity, consequence, conditions, market
}

public struct FactorLevel: Sendable, Hashable {
    public var id: String
    public var points: Double
    public var description: String
}

/// One point-factor table on one of the two axes.
public struct EvaluationFactor: Sendable, Hashable {
    public var id: String
    public var axis: Axis
    public var name: String
    public var question: String
    public var levels: [FactorLevel]
    /// The level a spec that does not state this factor gets (only factors added after specs
    /// were written have one, e.g. night work); the decision file says it was assumed.
    public var defaultLevel: String?
    public var ref: SourceRef

    public func level(_ id: String) -> FactorLevel? { levels.first { $0.id == id } }
}

public struct PremiumTrigger: Sendable, Hashable {
    public var id: String
    public var name: String
    public var percent: Double
    public var factor: String
    public var levels: [String]
    public var ref: SourceRef

    public func applies(to factors: [String: String]) -> Bool {
        factors[factor].map(levels.contains) ?? false
    }
}

/// A role with a sourced market P50 that the pay line is fitted on.
public struct BenchmarkRole: Sendable, Hashable {
    public var id: String
    public var title: String
    public var category: String?
    public var anchor: String?
    public var p50HourlyUSD: Double
    public var derivation: String
    public var factors: [String: String]
    /// The labour market the P50 was observed in (a jurisdiction, with a locality where the
    /// survey was a metro's); the pay line divides its differential out.
    public var market: String
    public var locality: String?
    /// Benchmarks whose evidence this one replaces (survey data a customer bought for a job the
    /// shipped rate cards priced); a replaced benchmark leaves the pay line.
    public var replaces: [String] = []
    public var ref: SourceRef

    public init(
        id: String, title: String, category: String? = nil, anchor: String? = nil, p50HourlyUSD: Double,
        derivation: String,
        factors: [String: String], market: String = "US", locality: String? = nil, replaces: [String] = [],
        ref: SourceRef
    ) {
        self.id = id
        self.title = title
        self.category = category
        self.anchor = anchor
        self.p50HourlyUSD = p50HourlyUSD
        self.derivation = derivation
        self.factors = factors
        self.market = market
        self.locality = locality
        self.replaces = replaces
        self.ref = ref
    }
}

public struct TaskKind: Sendable, Hashable {
    public var id: String
    public var layer: WorkLayer
    public var category: String?
    public var description: String
    public var ref: SourceRef
}

public struct TitleHint: Sendable, Hashable {
    public var pattern: String
    public var layer: WorkLayer
    public var note: String?
    public var ref: SourceRef
}

/// Which labour market a role is priced in.
public enum LocationPolicy: String, Sendable, Hashable, CaseIterable {
    /// One rate everywhere: the benchmarks' market (US) for every worker.
    case global
    /// The worker's own labour market: their country's differential, their metro's where one is sourced.
    case workerMarket = "worker-market"
    /// The hirer's labour market (`policy.hirer_market`), e.g. remote experts paid on the hirer's rates.
    case hirerMarket = "hirer-market"

    /// `location-factors`, the name before worker-market existed, still reads as worker-market.
    public init?(name: String) {
        if name == "location-factors" {
            self = .workerMarket
        } else {
            self.init(rawValue: name)
        }
    }
}

public struct PricingPolicy: Sendable, Hashable {
    /// The default location policy, and per layer where a layer differs.
    public var locationPolicy: LocationPolicy
    public var locationPolicyByLayer: [WorkLayer: LocationPolicy] = [:]
    /// The hirer's labour market for `hirer-market`: a jurisdiction and optionally a locality.
    public var hirerMarket: String = "US"
    public var hirerLocality: String?
    /// An offer below the band minimum and under this compa-ratio, outside the category's
    /// published market range, is pay far below the market: a blocking finding.
    public var farBelowMarketCompaRatio: Double = 0.8
    /// The least share of what a buyer pays for recorded footage that should reach the recorded
    /// worker: a policy choice (no market rate for worker data payment is sourced).
    public var dataPaymentMinWorkerShare: Double = 0.1
    public var hoursPerWeek: Double
    public var weeksPerYear: Double
    public var hoursPerDay: Double
    public var budgetOwners: [String]
    /// (max - min) / min per layer, stated against the minimum.
    public var rangeSpreads: [WorkLayer: Double]
    /// A wage floor last checked longer ago than this is flagged as stale.
    public var floorMaxAgeMonths: Int
    /// An exchange rate older than this is flagged as stale where a conversion uses it.
    public var exchangeRateMaxAgeMonths: Int = 6
    /// The engagement one-off unpaid hours are spread over when a spec does not say.
    public var defaultEngagementWeeks: Double
    /// A vendor whose last audit is older than this is flagged.
    public var vendorAuditMaxAgeMonths: Int
    public var ref: SourceRef

    public func locationPolicy(for layer: WorkLayer) -> LocationPolicy {
        locationPolicyByLayer[layer] ?? locationPolicy
    }

    /// The loader guarantees a spread for every layer; 0.4 only guards a hand-built policy.
    public func rangeSpread(for layer: WorkLayer) -> Double { rangeSpreads[layer] ?? 0.4 }

    public var hours: HoursBasis {
        HoursBasis(hoursPerDay: hoursPerDay, hoursPerWeek: hoursPerWeek, weeksPerYear: weeksPerYear, source: ref.source)
    }
}

public struct ExchangeRate: Sendable, Hashable {
    public var currency: String
    /// Units of `currency` per US dollar.
    public var perUSD: Double
    public var ref: SourceRef
}

/// A labour market's pay level relative to the US national level (1.0), for a country, a
/// subdivision, or named localities (a metro) within one.
public struct LocationFactor: Sendable, Hashable {
    public var id: String
    public var jurisdiction: String
    /// Cities or areas this differential covers; empty for the whole jurisdiction.
    public var localities: [String]
    public var factor: Double
    /// How the figure was computed from its source, e.g. "OECD average wage 58,940 / US 77,463".
    public var basis: String?
    public var ref: SourceRef

    public init(
        id: String? = nil, jurisdiction: String, localities: [String] = [], factor: Double, basis: String? = nil,
        ref: SourceRef
    ) {
        self.id = id ?? jurisdiction
        self.jurisdiction = jurisdiction
        self.localities = localities
        self.factor = factor
        self.basis = basis
        self.ref = ref
    }
}

/// The statutory hours that turn a day, week or month wage figure into an hourly one. Kept as
/// data per jurisdiction (and per floor where a floor states its own), never a hidden constant.
public struct StatutoryHours: Sendable, Hashable {
    public var hoursPerDay: Double?
    public var daysPerMonth: Double?
    public var hoursPerWeek: Double?
    public var hoursPerMonth: Double?

    public init(
        hoursPerDay: Double? = nil, daysPerMonth: Double? = nil, hoursPerWeek: Double? = nil,
        hoursPerMonth: Double? = nil
    ) {
        self.hoursPerDay = hoursPerDay
        self.daysPerMonth = daysPerMonth
        self.hoursPerWeek = hoursPerWeek
        self.hoursPerMonth = hoursPerMonth
    }

    public var isEmpty: Bool {
        hoursPerDay == nil && daysPerMonth == nil && hoursPerWeek == nil && hoursPerMonth == nil
    }

    /// Fields this basis states, falling back to `other` for the ones it leaves out.
    public func filled(from other: StatutoryHours) -> StatutoryHours {
        StatutoryHours(
            hoursPerDay: hoursPerDay ?? other.hoursPerDay, daysPerMonth: daysPerMonth ?? other.daysPerMonth,
            hoursPerWeek: hoursPerWeek ?? other.hoursPerWeek, hoursPerMonth: hoursPerMonth ?? other.hoursPerMonth)
    }

    /// Hours in one `period`, with the arithmetic written out; nil when this basis cannot say.
    public func hours(per period: WagePeriod) -> (hours: Double, derivation: String)? {
        switch period {
        case .hour:
            return (1, "hourly figure")
        case .day:
            return hoursPerDay.map { ($0, "\(Format.number($0)) h per day") }
        case .week:
            return hoursPerWeek.map { ($0, "\(Format.number($0)) h per week") }
        case .month:
            if let hoursPerMonth { return (hoursPerMonth, "\(Format.number(hoursPerMonth)) h per month") }
            if let daysPerMonth, let hoursPerDay {
                return (
                    daysPerMonth * hoursPerDay,
                    "\(Format.number(daysPerMonth)) days x \(Format.number(hoursPerDay)) h per month"
                )
            }
            if let hoursPerWeek {
                return (hoursPerWeek * 52 / 12, "\(Format.number(hoursPerWeek)) h per week x 52 / 12 per month")
            }
            return nil
        }
    }
}

public enum WagePeriod: String, Sendable, Hashable, CaseIterable {
    case hour, day, week, month
}

/// Whether a wage floor binds: a statute in force, an advisory national floor, or a draft.
public enum FloorStanding: String, Sendable, Hashable, CaseIterable {
    case statutory, advisory, draft
}

/// A country or subdivision: its name, groups (e.g. `eu`) that select rule packs, and its
/// statutory hours basis.
public struct Jurisdiction: Sendable, Hashable {
    public var code: String
    public var name: String
    public var groups: [String]
    public var hours: StatutoryHours
    public var ref: SourceRef
}

/// A minimum or living wage for a jurisdiction, optionally only in named localities.
public struct WageFloor: Sendable, Hashable {
    public var id: String
    public var jurisdiction: String
    /// Cities or areas where this rate applies instead of the jurisdiction's general one.
    public var localities: [String]
    public var amount: Double
    public var currency: String
    public var period: WagePeriod
    public var effective: CalendarDate
    public var standing: FloorStanding
    /// The floor's own hours basis, where it differs from its jurisdiction's.
    public var hours: StatutoryHours
    /// An allowance the law makes part of the minimum, as a percentage of the amount (Kenya's
    /// 15 % housing allowance where housing is not provided); the hourly floor includes it.
    public var allowancePercent: Double?
    public var allowanceNote: String?
    /// Who the rate covers when that is narrower than everyone, e.g. "workers 21 and over".
    public var covers: String?
    public var note: String?
    /// The occupation or skill tier this rate is for, where the law sets rates by tier.
    public var tier: FloorTier?
    /// When the figure was last checked against its primary source; `ref.asOf` when not stated.
    public var checked: CalendarDate?
    /// How often the issuing authority revises the rate; nil in user files that do not say.
    public var cycle: AdjustmentCycle?
    /// Days paid per week when the law pays a rest day (Mexico's paid seventh day, LFT art. 69):
    /// a day rate then spreads over the maximum week, not over the hours of one day.
    public var paidDaysPerWeek: Double?
    /// The maximum working week by the date it takes effect (Mexico's 2026 reform: 48 h in 2026
    /// down to 40 h in 2030); the divisor is the one in force on the evaluation date.
    public var weeklyHoursSchedule: [DatedHours] = []
    public var ref: SourceRef

    /// The date the figure was last checked against its source.
    public var checkedDate: CalendarDate? { checked ?? CalendarDate(ref.asOf) }

    /// The maximum week in force on `date`, from the schedule.
    public func weeklyHours(on date: CalendarDate) -> DatedHours? {
        weeklyHoursSchedule.filter { $0.from <= date }.max { $0.from < $1.from }
    }
}

/// Hours that apply from a date, e.g. a 46-hour maximum week from 2027-01-01.
public struct DatedHours: Sendable, Hashable {
    public var from: CalendarDate
    public var hours: Double

    public init(from: CalendarDate, hours: Double) {
        self.from = from
        self.hours = hours
    }
}

/// A rate for one occupation or skill tier of a wage order, chosen by the worker field `by`
/// (`skill_level` or `occupation`). `rank` orders the tiers from the lowest (1).
public struct FloorTier: Sendable, Hashable {
    public var by: TierField
    public var name: String
    public var rank: Int

    public init(by: TierField, name: String, rank: Int) {
        self.by = by
        self.name = name
        self.rank = rank
    }

    /// A spec's value in the form tiers are named: lower case, words joined by hyphens.
    public static func normalised(_ text: String) -> String {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: "-")
    }
}

/// The worker field a wage order's tiers are chosen by.
public enum TierField: String, Sendable, Hashable, CaseIterable {
    case skillLevel = "skill_level"
    case occupation
}

/// How often a minimum wage is revised, and in which months when the law fixes them.
public struct AdjustmentCycle: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case annual
        case semiAnnual = "semi-annual"
        case biennial, triennial, irregular, none
    }

    public var kind: Kind
    /// Months (1-12) revisions take effect in, e.g. [1, 7] for Haryana's January and July VDA.
    public var months: [Int]

    public init(kind: Kind, months: [Int] = []) {
        self.kind = kind
        self.months = months
    }

    /// Months between revisions; nil when no revision is expected on a schedule.
    public var intervalMonths: Int? {
        switch kind {
        case .annual: 12
        case .semiAnnual: 6
        case .biennial: 24
        case .triennial: 36
        case .irregular, .none: nil
        }
    }

    /// The first revision expected after a rate that took effect on `effective`: the first of the
    /// next revision month after it when months are fixed, else the same day one interval later.
    public func nextRevision(after effective: CalendarDate) -> CalendarDate? {
        guard let interval = intervalMonths else { return nil }
        let start = effective.year * 12 + (effective.month ?? 1) - 1
        if !months.isEmpty {
            // A schedule of months: the next listed month strictly after the effective month.
            for offset in 1...interval {
                let index = start + offset
                if months.contains(index % 12 + 1) {
                    return CalendarDate(year: index / 12, month: index % 12 + 1, day: 1)
                }
            }
        }
        let index = start + interval
        return CalendarDate(year: index / 12, month: index % 12 + 1, day: effective.day ?? 1)
    }

    /// The cycle in words for a sentence: "every year (January)", "twice a year (January, July)".
    public var phrase: String {
        let when: String
        switch kind {
        case .annual: when = "every year"
        case .semiAnnual: when = "twice a year"
        case .biennial: when = "every two years"
        case .triennial: when = "every three years"
        case .irregular: when = "on no fixed schedule"
        case .none: when = "never"
        }
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let listed = months.filter { (1...12).contains($0) }.map { names[$0 - 1] }
        return when + (listed.isEmpty ? "" : " (\(listed.joined(separator: ", ")))")
    }

    public var description: String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let listed = months.filter { (1...12).contains($0) }.map { names[$0 - 1] }
        return kind.rawValue + (listed.isEmpty ? "" : " (\(listed.joined(separator: ", ")))")
    }
}
