public import WorkModel

/// A range a planner is unsure of: the most likely value and, when given, the low and high
/// ends of a triangular distribution the Monte Carlo draws from.
public struct Estimate: Sendable, Hashable, Codable {
    public var mode: Double
    public var low: Double
    public var high: Double

    public init(_ mode: Double, low: Double? = nil, high: Double? = nil) {
        self.mode = mode
        self.low = low ?? mode
        self.high = high ?? mode
    }

    /// The triangular distribution's mean: (low + mode + high) / 3.
    public var mean: Double { (low + mode + high) / 3 }
    public var isFixed: Bool { low == high }
}

/// Where a tier's hourly rate comes from.
public enum RateSource: Sendable, Hashable, Codable {
    /// A job category's public rate card, low to high around its geometric midpoint.
    case card(String)
    /// The organization's own band for a role spec (min, mid, max of its newest wage file).
    case band(String)
    /// Given in the program spec.
    case given
}

/// One reviewer tier: who judges, how many per item, how fast, at what rate, how reliably.
public struct ReviewerTier: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// Higher levels take harder items; the optimizer never routes a harder class lower.
    public var level: Int
    public var judgesPerItem: Int
    /// Items one reviewer judges per hour.
    public var throughput: Estimate
    public var rateSource: RateSource
    /// Hourly, in `currency`; filled from the source when the plan is built.
    public var rate: Estimate
    public var currency: String
    /// The chance two judges of this tier agree on an item (pairwise agreement).
    public var agreement: Estimate
    /// Agreement on particular classes where it differs (harder items, lower agreement); the
    /// Monte Carlo moves it with the tier's drawn agreement.
    public var agreementByClass: [String: Double] = [:]
    /// Reviewers available now; more take `hiringLeadWeeks` to arrive.
    public var capacity: Int?
    public var hiringLeadWeeks: Double
    /// Share bought from a managed pool rather than staffed internally, and the pool's markup on the rate.
    public var managedShare: Double
    public var managedMarkup: Double
    /// Share of staffed reviewers rotating out per quarter, and the hours to calibrate each replacement.
    public var rotationPerQuarter: Double
    public var recalibrationHours: Double
    /// Loaded cost over gross pay for the staffed share when it is employees paid the band (set by
    /// `RateResolver` from the wage file); 1 for a rate that is already what an hour costs.
    public var staffedLoadFactor: Double = 1
}

/// A class of items by difficulty, its share of the volume, and the tier it goes to.
public struct DifficultyClass: Sendable, Hashable, Codable {
    public var id: String
    public var share: Double
    /// `auto-grader` or a tier id.
    public var route: String
    /// How often the auto-grader's label matches the humans' on this class (from the audit sample).
    public var autoAgreement: Double?
}

/// When a judged pair counts as useful: a choice of the program, since it decides what the
/// budget buys. The default, `posterior(0.9)`, keeps a split vote when the judges are accurate
/// enough for its majority to be trusted and drops it when they are not.
public enum UsefulPairRule: Sendable, Hashable, Codable {
    /// Every judge picks the same response.
    case unanimous
    /// More than half the judges pick the same response (a tie is not useful).
    case majority
    /// The larger side holds at least this share of the votes.
    case share(Double)
    /// The chance that the majority's pick is the better response, given the votes and the
    /// tier's judge accuracy (the one-coin Dawid-Skene posterior with an even prior), is at least this.
    case posterior(Double)

    public static let `default` = UsefulPairRule.posterior(0.9)

    public var description: String {
        switch self {
        case .unanimous: "unanimous: every judge picks the same response"
        case .majority: "majority: more than half the judges pick the same response"
        case .share(let share): "share: the larger side holds at least \(Format.percent(share, places: 0)) of the votes"
        case .posterior(let level):
            "posterior: the majority's pick is the better response with probability \(Format.percent(level, places: 0)) or more, given the votes and the tier's judge accuracy"
        }
    }
}

/// An alignment program: the workload, the routing policy and the tiers.
public struct ProgramSpec: Sendable, Hashable, Codable {
    public static let autoGrader = "auto-grader"

    public var id: String
    public var title: String
    public var items: Int
    public var classes: [DifficultyClass]
    public var tiers: [ReviewerTier]
    /// Share of auto-graded items also sent to humans, and the tier that checks them.
    public var auditSample: Double
    public var auditTier: String?
    public var autoGraderCostPerItem: Double
    public var currency: String
    public var agreementTarget: Double
    public var usefulPair: UsefulPairRule = .default
    public var horizonWeeks: Double
    public var hoursPerWeek: Double
    public var start: CalendarDate?
    public var draws: Int
    public var seed: UInt64

    public func tier(_ id: String) -> ReviewerTier? { tiers.first { $0.id == id } }
}
