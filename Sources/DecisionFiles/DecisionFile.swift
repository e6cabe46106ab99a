public import WorkModel
public import Pricing
public import Compliance

/// The wage file for one role or vendor contract: the document users review, approve and
/// keep. Its JSON form is versioned by `schema`; fields are only ever added within a version.
public struct DecisionFile: Sendable, Codable, Hashable {
    public static let schemaVersion = "wagefile.decision/v1"

    public var schema: String = DecisionFile.schemaVersion
    public var spec: SpecSummary
    /// The date wage floors, staleness and pending laws were judged on.
    public var evaluatedOn: String
    public var layer: String
    public var layerName: String
    public var segment: String
    public var layerReasons: [String]
    public var taskShares: [LayerInference.Share]
    public var category: CategorySummary?
    public var scores: Scores
    public var band: Band
    public var market: Market
    public var offered: Offered?
    public var compliance: ComplianceSection
    public var questions: [Answer]
    public var findings: [Finding]
    public var governanceOwner: String
    public var budgetOwner: String?
    public var pathUpward: PathUpward
    public var provenance: [Provenance]
    public var disclaimer: String
    /// What this copy leaves out for its reader (individual pay, for roles that may not see it);
    /// absent in the file as computed and stored.
    public var withheld: [String]?
    /// The role's grade in the job architecture (GradeSection.swift); absent without a grade table.
    public var grade: GradeSection?
    /// Employee pay and contract rates on one loaded basis (LoadedCostSection.swift).
    public var loadedCost: LoadedCostSection?
    /// What the pay-range posting laws ask of the role's advertisement (PayTransparencySection.swift);
    /// absent where no such law reaches the role, and for vendor contracts.
    public var payTransparency: PayTransparencySection?
    /// Contract terms for a data vendor, for work that records the worker.
    public var dataClauses: [DataClause]?

    public var blocking: Bool { findings.contains { $0.severity == .blocking } }

    public struct SpecSummary: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var kind: String
        public var file: String
        public var workerStatus: String
        public var jurisdiction: String
        public var headcount: Int?
        public var vendor: String?
    }

    public struct CategorySummary: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var declared: Bool
    }

    public struct Scores: Sendable, Codable, Hashable {
        public var complexity: Double
        public var consequence: Double
        /// Effort and working conditions (content exposure, night work, physical strain).
        public var conditions: Double?
        public var total: Double
        public var factors: [FactorScore]
    }

    public struct Range: Sendable, Codable, Hashable {
        public var min: Double
        public var mid: Double
        public var max: Double
    }

    public struct AppliedPremium: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var percent: Double
        public var trigger: String
    }

    public struct Band: Sendable, Codable, Hashable {
        public var currency: String
        public var hourly: Range
        public var annual: Range
        public var usdHourly: Range
        public var hoursPerYear: Double
        public var hoursBasis: String
        public var rangeSpread: Double
        public var premiums: [AppliedPremium]
        public var premiumMultiplier: Double
        public var locationPolicy: String
        public var locationFactor: Double
        public var exchangeRate: Double
        /// The labour market the band is priced in, and how its differential was computed.
        public var locationMarket: String?
        public var locationBasis: String?
        /// The band the market gives before the lift to the wage floor; present only when lifted.
        public var floorLift: FloorLiftSummary?
    }

    public struct FloorLiftSummary: Sendable, Codable, Hashable {
        public var floor: String
        public var floorHourly: Double
        public var marketHourly: Range
        public var factor: Double
        public var note: String
    }

    public struct PayLineSummary: Sendable, Codable, Hashable {
        /// The least-squares reference line; it sets the slope beyond the benchmarks.
        public var intercept: Double
        public var slope: Double
        public var rSquared: Double
        public var benchmarks: Int
        public var formula: String
        /// How the midpoint was found: slotted between benchmarks, or extended beyond them.
        public var placement: String?
    }

    public struct RateCard: Sendable, Codable, Hashable {
        public var category: String
        public var currency: String
        public var low: Double
        public var mid: Double
        public var high: Double
        public var lowUSD: Double
        public var highUSD: Double
        public var source: String
        /// The differential that moved the published (US) card into the role's market; absent at 1.
        public var locationFactor: Double?
    }

    public struct Anchor: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var low: Double
        public var high: Double?
        public var basis: String
        public var currency: String
        public var note: String?
        public var source: String
    }

    public struct Market: Sendable, Codable, Hashable {
        public var payLine: PayLineSummary
        public var lineMidUSD: Double
        public var payAnchor: String
        public var rateCard: RateCard?
        public var anchors: [Anchor]
    }

    public struct Offered: Sendable, Codable, Hashable {
        public var amount: Double
        public var basis: String
        public var currency: String
        public var minutesPerTask: Double?
        public var hourly: Double
        public var annual: Double
        public var compaRatio: Double
        public var rangePenetration: Double
        public var marketRatio: Double?
        public var circle: String
    }

    public struct WageFloorFigure: Sendable, Codable, Hashable {
        public var id: String
        public var jurisdiction: String
        public var locality: String?
        public var amount: Double
        public var currency: String
        public var period: String
        public var hourly: Double
        /// The same floor per hour in the spec's currency.
        public var hourlyInSpecCurrency: Double
        public var hoursBasis: String
        public var effective: String
        public var standing: String
        public var covers: String?
        public var note: String?
        public var source: String
        public var asOf: String
        public var confidence: Confidence
        public var ageMonths: Int
        public var stale: Bool
        /// The occupation or skill tier the rate is for, where the order sets rates by tier.
        public var tier: String?
        /// The spec field that chose the tier (`worker.skill_level`, `worker.occupation`).
        public var tierField: String?
        /// True when the spec did not name the tier and the lowest was applied.
        public var tierAssumed: Bool?
        /// When the figure was last checked against its primary source.
        public var checked: String?
        /// How often the rate is revised, e.g. "annual (January)", "irregular".
        public var cycle: String?
        /// The next revision the cycle expects after `effective`; past it the figure may be superseded.
        public var nextRevision: String?
        public var revisionOverdue: Bool?
    }

    public struct UnpaidHours: Sendable, Codable, Hashable {
        public var searchAndIdle: Double
        public var qualificationAndOnboarding: Double
        public var rework: Double
        public var rejected: Double
        public var total: Double
    }

    public struct EffectivePayFigures: Sendable, Codable, Hashable {
        /// `offered` or `vendor.worker_pay`.
        public var payField: String
        public var nominalHourly: Double
        public var effectiveHourly: Double
        public var effectiveHourlyUSD: Double
        public var taskHoursPerWeek: Double
        public var paidHoursPerWeek: Double
        public var unpaidHoursPerWeek: UnpaidHours
        public var totalHoursPerWeek: Double
        public var grossPerWeek: Double
        public var feesPerWeek: Double
        public var workerCostsPerWeek: Double
        public var netPerWeek: Double
        /// 1 - effective / nominal.
        public var shiftedShare: Double
        public var shiftedCostPerWorkerMonth: Double
        public var shiftedCostForHeadcountPerMonth: Double?
        /// Effective pay minus the binding floor, per hour; negative means below it.
        public var gapToFloor: Double?
        public var costToFloorPerWorkerMonth: Double?
        public var engagementWeeks: Double
        public var engagementAssumed: Bool
        public var unstated: [String]
    }

    /// Questions 5 to 8 in figures: floors, effective pay, Fairwork, status, data rights, vendor.
    public struct ComplianceSection: Sendable, Codable, Hashable {
        public var wageFloor: WageFloorFigure?
        public var floorsInForce: [WageFloorFigure]
        public var livingWage: WageFloorFigure?
        public var effectivePay: EffectivePayFigures?
        public var fairwork: FairworkFairPay?
        public var classification: ClassificationReport
        public var dataRights: DataRightsReport
        public var vendor: VendorOversightReport?
    }

    public struct Answer: Sendable, Codable, Hashable {
        public var number: Int
        public var question: String
        public var answer: String
        public var facts: [String]
    }

    public struct Step: Sendable, Codable, Hashable {
        public var layer: String
        public var name: String
        public var hourly: Range
        public var annual: Range
        public var gapHourly: Double
        public var gapPercent: Double
        public var evidence: [String]
        /// `up` when the step's midpoint is above this band's on the same location basis,
        /// `lateral` when it pays the same or less; absent in files computed before it was kept.
        public var direction: String?
    }

    public struct Candidate: Sendable, Codable, Hashable {
        public var name: String
        public var currentTitle: String?
        public var currentLayer: String?
        public var hourly: Double?
        public var compaRatio: Double?
        public var rangePenetration: Double?
        public var circle: String?
        public var annualCostToMinimum: Double?
        public var annualCostToMidpoint: Double?
        public var evidence: [String]
    }

    public struct PathUpward: Sendable, Codable, Hashable {
        public var nextLayers: [Step]
        public var internalCandidates: [Candidate]
    }
}
