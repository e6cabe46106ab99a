package import WorkModel

/// A range a planner is unsure of: the most likely value and, when given, the low and high
/// ends of a triangular distribution the Monte Carlo draws from.
package struct Estimate: Sendable, Hashable, Codable {
    package var mode: Double
    package var low: Double
    package var high: Double

    package init(_ mode: Double, low: Double? = nil, high: Double? = nil) {
        self.mode = mode
        self.low = low ?? mode
        self.high = high ?? mode
    }

    /// The triangular distribution's mean: (low + mode + high) / 3.
    package var mean: Double { (low + mode + high) / 3 }
    package var isFixed: Bool { low == high }
}

/// Where a tier's hourly rate comes from.
package enum RateSource: Sendable, Hashable, Codable {
    /// A job category's public rate card, low to high around its geometric midpoint.
    case card(String)
    /// The organization's own band for a role spec (min, mid, max of its newest wage file).
    case band(String)
    /// Given in the program spec.
    case given
}

/// One reviewer tier: who judges, how many per item, how fast, at what rate, how reliably.
package struct ReviewerTier: Sendable, Hashable, Codable {
    package var id: String
    package var name: String
    /// Higher levels take harder items; the optimizer never routes a harder class lower.
    package var level: Int
    package var judgesPerItem: Int
    /// Items one reviewer judges per hour.
    package var throughput: Estimate
    package var rateSource: RateSource
    /// Hourly, in `currency`; filled from the source when the plan is built.
    package var rate: Estimate
    package var currency: String
    /// The chance two judges of this tier agree on an item (pairwise agreement).
    package var agreement: Estimate
    /// Agreement on particular classes where it differs (harder items, lower agreement); the
    /// Monte Carlo moves it with the tier's drawn agreement.
    package var agreementByClass: [String: Double] = [:]
    /// Reviewers available now; more take `hiringLeadWeeks` to arrive.
    package var capacity: Int?
    package var hiringLeadWeeks: Double
    /// Share bought from a managed pool rather than staffed internally, and the pool's markup on the rate.
    package var managedShare: Double
    package var managedMarkup: Double
    /// Share of staffed reviewers rotating out per quarter, and the hours to calibrate each replacement.
    package var rotationPerQuarter: Double
    package var recalibrationHours: Double
    /// Loaded cost over gross pay for the staffed share when it is employees paid the band (set by
    /// `RateResolver` from the wage file); 1 for a rate that is already what an hour costs.
    package var staffedLoadFactor: Double = 1
}

/// A class of items by difficulty, its share of the volume, and the tier it goes to.
package struct DifficultyClass: Sendable, Hashable, Codable {
    package var id: String
    package var share: Double
    /// `auto-grader` or a tier id.
    package var route: String
    /// How often the auto-grader's label matches the humans' on this class (from the audit sample).
    package var autoAgreement: Double?
}

/// When a judged pair counts as useful: a choice of the program, since it decides what the
/// budget buys. The default, `posterior(0.9)`, keeps a split vote when the judges are accurate
/// enough for its majority to be trusted and drops it when they are not.
package enum UsefulPairRule: Sendable, Hashable, Codable {
    /// Every judge picks the same response.
    case unanimous
    /// More than half the judges pick the same response (a tie is not useful).
    case majority
    /// The larger side holds at least this share of the votes.
    case share(Double)
    /// The chance that the majority's pick is the better response, given the votes and the
    /// tier's judge accuracy (the one-coin Dawid-Skene posterior with an even prior), is at least this.
    case posterior(Double)

    package static let `default` = UsefulPairRule.posterior(0.9)

    package var description: String {
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
package struct ProgramSpec: Sendable, Hashable, Codable {
    package static let autoGrader = "auto-grader"

    package var id: String
    package var title: String
    package var items: Int
    package var classes: [DifficultyClass]
    package var tiers: [ReviewerTier]
    /// Share of auto-graded items also sent to humans, and the tier that checks them.
    package var auditSample: Double
    package var auditTier: String?
    package var autoGraderCostPerItem: Double
    package var currency: String
    package var agreementTarget: Double
    package var usefulPair: UsefulPairRule = .default
    package var horizonWeeks: Double
    package var hoursPerWeek: Double
    package var start: CalendarDate?
    package var draws: Int
    package var seed: UInt64

    package func tier(_ id: String) -> ReviewerTier? { tiers.first { $0.id == id } }
}
