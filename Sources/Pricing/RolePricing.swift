public import Compliance
public import ReferenceData
public import WorkModel

/// Everything pricing found for one spec, in the spec's currency unless a name says USD.
public struct RolePricing: Sendable {
    public var spec: RoleSpec
    public var inference: LayerInference
    public var score: PointScore
    public var premiums: Premiums
    /// The pay line's midpoint at this role's points, USD per hour, before location and premiums.
    public var lineMidUSD: Double
    /// Where the points sit among the benchmarks, in words.
    public var lineDescription: String
    /// The line the role was priced on: its market's own where it has evidence, the pooled one otherwise.
    public var payLine: PayLine
    public var location: LocationAdjustment
    public var exchangeRate: ExchangeRate?
    public var hours: HoursBasis
    public var rangeSpread: Double
    /// The band the market gives, in USD, before any lift to the wage floor.
    public var marketBandUSDHourly: PayBand
    /// Set when the market band's minimum was below the statutory floor and the band was lifted.
    public var floorLift: FloorLift?
    /// The worker's wage floors on the date priced, passed on so compliance does not look again.
    public var floors: FloorSelection
    public var evaluatedOn: CalendarDate
    public var bandUSDHourly: PayBand
    public var bandHourly: PayBand
    public var bandAnnual: PayBand
    /// The job category's rate card in the spec's currency, when the work has a category.
    public var rateCard: RateCardPosition?
    public var offered: OfferAnalysis?
    /// A vendor contract's bill rate, hourly in the spec's currency.
    public var billRateHourly: Double?
    public var candidates: [CandidateAnalysis]
    public var pathUpward: [NextLayer]
}

public struct LocationAdjustment: Sendable, Hashable {
    public var policy: LocationPolicy
    /// The labour market priced in: a jurisdiction, with a locality where one was named.
    public var jurisdiction: String
    public var locality: String?
    public var factor: Double
    public var record: LocationFactor?
    /// True when the policy wants a factor and none exists for the jurisdiction (1.0 was used).
    public var missing: Bool

    /// The market in words: "KE (Nairobi)".
    public var market: String { jurisdiction + (locality.map { " (\($0))" } ?? "") }
}

/// The band lifted to the statutory wage floor because the market would price below it.
public struct FloorLift: Sendable, Hashable {
    public var floor: AppliedFloor
    /// The market band's minimum, hourly in the spec's currency, before the lift.
    public var marketMin: Double
    /// floor / market minimum: every band figure was multiplied by it.
    public var factor: Double
}

/// The rate card of the role's job category, converted to the spec's currency.
public struct RateCardPosition: Sendable, Hashable {
    public var category: String
    public var low: Double
    public var mid: Double
    public var high: Double
    /// The differential applied to the published card (1 in the card's own market).
    public var locationFactor: Double
    public var market: String
    public var ref: SourceRef
}

public struct OfferAnalysis: Sendable, Hashable {
    public var quote: PayQuote
    public var hourly: Double
    public var annual: Double
    public var compaRatio: Double
    public var rangePenetration: Double
    public var circle: Circle
    /// Offered hourly pay / the category rate card's geometric midpoint.
    public var marketRatio: Double?
    public var rateCard: RateCardPosition?
    public var derivation: String
}

public struct CandidateAnalysis: Sendable, Hashable {
    public var name: String
    public var currentTitle: String?
    public var currentLayer: String?
    public var hourly: Double?
    public var compaRatio: Double?
    public var rangePenetration: Double?
    public var circle: Circle?
    public var annualCostToMinimum: Double?
    public var annualCostToMidpoint: Double?
    public var evidence: [String]
}

public struct NextLayer: Sendable, Hashable {
    public var layer: String
    public var name: String
    public var typicalPoints: Double
    public var bandHourly: PayBand
    public var bandAnnual: PayBand
    public var gapHourly: Double
    public var gapPercent: Double
    public var evidence: [String]
    /// The typical role of the next layer pays the same or less than this band's midpoint: a
    /// lateral move, never the path upward.
    public var lateral: Bool
}
