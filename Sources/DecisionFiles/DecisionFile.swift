public import Compliance
public import Pricing
public import WorkModel

/// The wage file for one role or vendor contract: the document users review, approve and
/// keep. Its JSON form is versioned by `schema`; fields are only ever added within a version.
public struct DecisionFile: Sendable, Codable, Hashable {
    /// The schema this version of Wagefile writes into `schema`; readers key on it.
    public static let schemaVersion = "wagefile.decision/v1"

    /// The document's schema id (`wagefile.decision/v1`).
    public var schema: String = DecisionFile.schemaVersion
    /// The spec the file prices: its id, title, kind, worker status and jurisdiction.
    public var spec: SpecSummary
    /// The date wage floors, staleness and pending laws were judged on.
    public var evaluatedOn: String
    /// The work layer the tasks put the role in (`annotation`, `evaluation`, `expert-review`, ...),
    /// inferred from the share of task time, not from the title.
    public var layer: String
    /// The layer's display name from the reference table `layers`.
    public var layerName: String
    /// The labour segment of the layer (from the reference table `layers`); empty when the layer has none.
    public var segment: String
    /// Why the tasks put the role in this layer, in words a reviewer can check.
    public var layerReasons: [String]
    /// Each layer's share of the role's task time (0-1, four places) and the tasks behind it.
    public var taskShares: [LayerInference.Share]
    /// The job category whose public rate card the role is compared with; nil when no category fits.
    public var category: CategorySummary?
    /// The job-evaluation points the band is priced from.
    public var scores: Scores
    /// The pay band: hourly and annual, in the spec's currency and in US dollars an hour.
    public var band: Band
    /// The market evidence behind the band: the pay line, the rate card and the published anchors.
    public var market: Market
    /// The offer the spec states, placed in the band; nil when the spec states no pay.
    public var offered: Offered?
    /// Wage floors, effective pay, Fairwork, worker status, data rights and vendor oversight in figures.
    public var compliance: ComplianceSection
    /// The ten questions every wage file answers, in order (question 1 first).
    public var questions: [Answer]
    /// Pricing and compliance findings, most severe first; any `blocking` one makes ``blocking`` true.
    public var findings: [Finding]
    /// Who owns the pay decision: the spec's `governance_owner`, else the layer's default owner.
    public var governanceOwner: String
    /// The budget the spend comes from, as the spec names it (procurement, headcount, ...).
    public var budgetOwner: String?
    /// The next layers up with their bands, and the internal people who could do this work.
    public var pathUpward: PathUpward
    /// Where every figure comes from: a source and date for each reference figure, a derivation
    /// for each computed one.
    public var provenance: [Provenance]
    /// The decision-support disclaimer every rendering prints (``DecisionFileBuilder/disclaimer``).
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

    /// True when any finding is blocking: the file should not be approved as it stands.
    public var blocking: Bool { findings.contains { $0.severity == .blocking } }

    /// The spec a decision file was computed from, as the file names it.
    public struct SpecSummary: Sendable, Codable, Hashable {
        /// The spec's id, the key wage files, people records and vendors are linked by.
        public var id: String
        public var title: String
        /// `role` (a job one organization pays) or `vendor-contract` (work bought from a vendor).
        public var kind: String
        /// The spec's file name as it was read, for traceability.
        public var file: String
        /// The worker status the spec declares (`employee`, `contractor`, `vendor-employee`, ...).
        public var workerStatus: String
        /// Where the work is done, as a jurisdiction code (`US-CA`, `DE`, `IN-KA`, ...): it selects floors and rule packs.
        public var jurisdiction: String
        /// Workers the spec says do this work (`worker.headcount`); nil when not stated.
        public var headcount: Int?
        /// The vendor's name, for a vendor contract.
        public var vendor: String?
    }

    /// The job category (reference table `categories`) and whether the spec declared it.
    public struct CategorySummary: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        /// True when the spec declared the category; false when the pricer inferred it from the tasks.
        public var declared: Bool
    }

    /// The role's job-evaluation points (docs/PRICING.md): each axis is the sum of its factors'
    /// points; the pay line turns `total` into a US-market hourly midpoint.
    public struct Scores: Sendable, Codable, Hashable {
        /// Points on the complexity axis (knowledge, judgment, ...).
        public var complexity: Double
        /// Points on the consequence axis (what an error costs).
        public var consequence: Double
        /// Effort and working conditions (content exposure, night work, physical strain).
        public var conditions: Double?
        /// All points together: the figure the pay line prices.
        public var total: Double
        /// Each factor's level and points, so a reviewer can trace the total.
        public var factors: [FactorScore]
    }

    /// Minimum, midpoint and maximum of a band, in the unit the field holding it names
    /// (per hour or per year; the spec's currency unless the name says USD).
    public struct Range: Sendable, Codable, Hashable {
        public var min: Double
        public var mid: Double
        public var max: Double
    }

    /// A premium the spec's factors triggered (reference table `premiums`), applied to the midpoint.
    public struct AppliedPremium: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        /// The premium in percent (10 means +10 %), multiplied into ``DecisionFile/Band/premiumMultiplier``.
        public var percent: Double
        /// The spec factor and value that triggered it, as `factor: value`.
        public var trigger: String
    }

    /// The role's pay band. The pay line's US-dollar midpoint is multiplied by the premiums and the
    /// location factor, spread by the layer's range spread, converted at the exchange rate, and lifted
    /// to the statutory wage floor where the market would price below it. Rounded once, to cents
    /// (hourly) and whole units (annual).
    public struct Band: Sendable, Codable, Hashable {
        /// The spec's currency (ISO 4217): the unit of ``hourly`` and ``annual``.
        public var currency: String
        /// The band per hour in the spec's currency.
        public var hourly: Range
        /// The band per year in the spec's currency: hourly x ``hoursPerYear``.
        public var annual: Range
        /// The same band in US dollars an hour (after premiums, location and any floor lift).
        public var usdHourly: Range
        /// Paid hours a year that turn hourly into annual figures (spec or policy default).
        public var hoursPerYear: Double
        /// How ``hoursPerYear`` was derived, e.g. `40 h/week x 52 weeks = 2080 h/year; 8 h/day (policy default, ...)`.
        public var hoursBasis: String
        /// (max - min) / min for the layer, from the pricing policy (0.5 means the maximum is 150 % of the minimum).
        public var rangeSpread: Double
        /// The premiums applied to the midpoint.
        public var premiums: [AppliedPremium]
        /// The product of (1 + percent / 100) over ``premiums``; 1 when none applied.
        public var premiumMultiplier: Double
        /// Whose labour market the layer is priced in: `global` (the US benchmarks' market for everyone),
        /// `worker-market` or `hirer-market` (reference table `layers`).
        public var locationPolicy: String
        /// The location differential applied to the US-market midpoint (1 for the US market itself).
        public var locationFactor: Double
        /// Units of the spec's currency per US dollar (reference table `exchange_rates`); 1 for USD.
        public var exchangeRate: Double
        /// The labour market the band is priced in, and how its differential was computed.
        public var locationMarket: String?
        /// How the location differential was measured (the location record's basis); nil without one.
        public var locationBasis: String?
        /// The band the market gives before the lift to the wage floor; present only when lifted.
        public var floorLift: FloorLiftSummary?
    }

    /// The market band before it was lifted to the statutory wage floor.
    public struct FloorLiftSummary: Sendable, Codable, Hashable {
        /// The id of the binding wage-floor record (reference table `wage_floors`).
        public var floor: String
        /// The floor per hour in the spec's currency: the lifted band's minimum.
        public var floorHourly: Double
        /// The band the market alone gives, per hour in the spec's currency.
        public var marketHourly: Range
        /// The multiplier applied to the market band so its minimum is the floor (above 1).
        public var factor: Double
        /// The lift in one sentence, for the renderings.
        public var note: String
    }

    /// The market pay line the midpoint is read from: ln(USD/h) against job-evaluation points,
    /// through the benchmark roles (docs/PRICING.md).
    public struct PayLineSummary: Sendable, Codable, Hashable {
        /// The least-squares reference line; it sets the slope beyond the benchmarks.
        public var intercept: Double
        /// The rise in ln(USD/h) per point beyond the benchmarks (least-squares fit).
        public var slope: Double
        /// The least-squares fit's R² (0-1) over the benchmarks.
        public var rSquared: Double
        /// The benchmark roles the line runs through.
        public var benchmarks: Int
        /// The line in words, with its knots, slope and R².
        public var formula: String
        /// How the midpoint was found: slotted between benchmarks, or extended beyond them.
        public var placement: String?
    }

    /// The public rate card of the role's job category, moved into the role's market and currency.
    public struct RateCard: Sendable, Codable, Hashable {
        /// The job category id the card belongs to.
        public var category: String
        /// The spec's currency: the unit of ``low``, ``mid`` and ``high``.
        public var currency: String
        /// Low end of the card per hour, in the spec's currency and market.
        public var low: Double
        /// Midpoint of the card per hour, in the spec's currency and market; the offer's market ratio divides by it.
        public var mid: Double
        /// High end of the card per hour, in the spec's currency and market.
        public var high: Double
        /// Low end per hour as published (US dollars, US market).
        public var lowUSD: Double
        /// High end per hour as published (US dollars, US market).
        public var highUSD: Double
        /// The published source of the card.
        public var source: String
        /// The differential that moved the published (US) card into the role's market; absent at 1.
        public var locationFactor: Double?
    }

    /// A published pay figure for the layer (reference table `anchors`): a platform's minimum or
    /// recommended rate, a fellowship salary, shown beside the band for comparison; it does not set the band.
    public struct Anchor: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        /// The figure, or the low end of its range, in ``currency`` per ``basis``.
        public var low: Double
        /// The high end of the range, when the source gives one.
        public var high: Double?
        /// The period the figure is per: `hourly`, `per-task`, `day`, `month` or `annual`.
        public var basis: String
        /// The currency the source states the figure in (not converted).
        public var currency: String
        /// Benefits or conditions the source attaches to the figure.
        public var note: String?
        /// The published source of the figure.
        public var source: String
    }

    /// The market evidence the band is priced from and compared with.
    public struct Market: Sendable, Codable, Hashable {
        /// The market pay line the band's midpoint is read from.
        public var payLine: PayLineSummary
        /// The pay line's midpoint at the role's points, in US dollars an hour in the US market, before
        /// premiums and location.
        public var lineMidUSD: Double
        /// What the layer's pay is anchored to, in words (reference table `layers`, e.g. "QA, content
        /// operations, or product operations band").
        public var payAnchor: String
        /// The category's rate card; nil without a category.
        public var rateCard: RateCard?
        /// Published pay figures for this layer.
        public var anchors: [Anchor]
    }

    /// The pay the spec offers, converted to an hourly figure in the spec's currency and placed in the band.
    public struct Offered: Sendable, Codable, Hashable {
        /// The amount as quoted, in ``currency`` per ``basis``.
        public var amount: Double
        /// The quote's period: `hourly`, `per-task`, `day`, `month` or `annual`.
        public var basis: String
        /// The currency of the quote.
        public var currency: String
        /// Minutes a task takes, which turns a per-task rate into an hourly one.
        public var minutesPerTask: Double?
        /// The offer per hour in the spec's currency.
        public var hourly: Double
        /// The offer per year in the spec's currency: hourly x the band's hours a year.
        public var annual: Double
        /// Offer / band midpoint (1 is the midpoint).
        public var compaRatio: Double
        /// (offer - band minimum) / (band maximum - band minimum): 0 at the minimum, 1 at the maximum.
        public var rangePenetration: Double
        /// Offer / the rate card's midpoint; nil without a rate card.
        public var marketRatio: Double?
        /// `green` (below the band minimum), `red` (above the maximum) or `in-range`.
        public var circle: String
    }

    /// One statutory wage floor (or living wage) as it applies to the role on the evaluation date
    /// (reference table `wage_floors`, docs/LAW.md).
    public struct WageFloorFigure: Sendable, Codable, Hashable {
        /// The floor record's id.
        public var id: String
        /// The jurisdiction the floor is set for.
        public var jurisdiction: String
        /// The locality the floor was narrowed to (a city or county rate), when one matched.
        public var locality: String?
        /// The floor as the law states it, in ``currency`` per ``period``.
        public var amount: Double
        /// The floor's own currency.
        public var currency: String
        /// The period the law states the floor per (`hour`, `day`, `month`, ...).
        public var period: String
        /// The floor per hour in its own currency, via ``hoursBasis``.
        public var hourly: Double
        /// The same floor per hour in the spec's currency.
        public var hourlyInSpecCurrency: Double
        /// How the amount became an hourly figure (the statutory hours, allowances included).
        public var hoursBasis: String
        /// The date the rate took effect.
        public var effective: String
        /// `statutory` (binding law), `advisory` (a recommended or living-wage figure) or `draft`.
        public var standing: String
        /// Who the floor covers, when not everyone.
        public var covers: String?
        /// A caveat from the reference table.
        public var note: String?
        /// The primary source of the figure.
        public var source: String
        /// The date the source was read.
        public var asOf: String
        /// How sure the reference data is of the figure.
        public var confidence: Confidence
        /// Months between the figure's last check and the evaluation date.
        public var ageMonths: Int
        /// True when the figure was checked too long ago or is past its next expected revision.
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
        /// True when ``nextRevision`` is on or before the evaluation date; nil for floors without a regular cycle.
        public var revisionOverdue: Bool?
    }

    /// Unpaid working hours a week, by cause, from the spec's pay practice.
    public struct UnpaidHours: Sendable, Codable, Hashable {
        /// Hours a week searching for or waiting for tasks.
        public var searchAndIdle: Double
        /// Unpaid qualification and onboarding time, spread over the engagement, per week.
        public var qualificationAndOnboarding: Double
        /// Hours a week of unpaid rework.
        public var rework: Double
        /// Hours a week of task work rejected and not paid.
        public var rejected: Double
        /// All unpaid hours a week.
        public var total: Double
    }

    /// What the worker earns per hour once unpaid time, rejected work, fees and costs are counted
    /// (Compliance's `EffectivePay`). Money is in the spec's currency unless the name says USD;
    /// weekly figures are per worker-week, monthly ones x 52 / 12.
    public struct EffectivePayFigures: Sendable, Codable, Hashable {
        /// `offered` or `vendor.worker_pay`.
        public var payField: String
        /// The quoted pay as an hourly figure.
        public var nominalHourly: Double
        /// Net pay over all working hours, paid and unpaid.
        public var effectiveHourly: Double
        /// ``effectiveHourly`` in US dollars.
        public var effectiveHourlyUSD: Double
        /// Hours of task work a week, rejected work included.
        public var taskHoursPerWeek: Double
        /// Task hours a week that are paid.
        public var paidHoursPerWeek: Double
        /// Unpaid hours a week, by cause.
        public var unpaidHoursPerWeek: UnpaidHours
        /// Paid and unpaid hours a week.
        public var totalHoursPerWeek: Double
        /// Pay a week before fees and costs.
        public var grossPerWeek: Double
        /// Platform or payment fees the worker pays a week.
        public var feesPerWeek: Double
        /// Costs the worker carries a week (equipment, connectivity, ...).
        public var workerCostsPerWeek: Double
        /// Gross less fees and costs, a week.
        public var netPerWeek: Double
        /// 1 - effective / nominal.
        public var shiftedShare: Double
        /// What one worker carries a month that the rate does not pay for: every working hour at the
        /// nominal rate, less what they net.
        public var shiftedCostPerWorkerMonth: Double
        /// ``shiftedCostPerWorkerMonth`` x the spec's headcount; nil without a headcount.
        public var shiftedCostForHeadcountPerMonth: Double?
        /// Effective pay minus the binding floor, per hour; negative means below it.
        public var gapToFloor: Double?
        /// What it would cost a month to lift one worker's effective pay to the binding floor; 0 at or
        /// above it, nil without a floor.
        public var costToFloorPerWorkerMonth: Double?
        /// Weeks the engagement lasts, over which qualification and onboarding are spread.
        public var engagementWeeks: Double
        /// True when the engagement length came from the policy default, not the spec.
        public var engagementAssumed: Bool
        /// Pay-practice fields the spec leaves out, counted as zero.
        public var unstated: [String]
    }

    /// Questions 5 to 8 in figures: floors, effective pay, Fairwork, status, data rights, vendor.
    public struct ComplianceSection: Sendable, Codable, Hashable {
        /// The binding floor: the highest in force for the jurisdiction and locality; nil where none is known.
        public var wageFloor: WageFloorFigure?
        /// Every floor in force on the evaluation date, highest first.
        public var floorsInForce: [WageFloorFigure]
        /// A living-wage benchmark for the place, where the reference data has one (not a legal floor).
        public var livingWage: WageFloorFigure?
        /// Effective pay; nil when the spec states no pay to assess.
        public var effectivePay: EffectivePayFigures?
        /// The two Fairwork Fair Pay points.
        public var fairwork: FairworkFairPay?
        /// Worker status under each rule pack that reaches the jurisdiction.
        public var classification: ClassificationReport
        /// Data-rights duties for work that records the worker, and the data payment.
        public var dataRights: DataRightsReport
        /// Procurement checklist, supply-chain risks and audit age, for a vendor contract.
        public var vendor: VendorOversightReport?
    }

    /// One of the ten questions a wage file answers, with the facts behind the answer.
    public struct Answer: Sendable, Codable, Hashable {
        /// 1 to 10.
        public var number: Int
        public var question: String
        public var answer: String
        /// The figures and findings the answer rests on.
        public var facts: [String]
    }

    /// A next layer up: its band priced on this role's location basis and hours, and the gap to it.
    public struct Step: Sendable, Codable, Hashable {
        /// The next layer's id.
        public var layer: String
        public var name: String
        /// The next layer's band per hour in the spec's currency.
        public var hourly: Range
        /// The next layer's band per year in the spec's currency.
        public var annual: Range
        /// Next layer's midpoint - this band's midpoint, per hour in the spec's currency.
        public var gapHourly: Double
        /// ``gapHourly`` / this band's midpoint (0.2 is 20 %).
        public var gapPercent: Double
        /// What qualifies someone for the next layer.
        public var evidence: [String]
        /// `up` when the step's midpoint is above this band's on the same location basis,
        /// `lateral` when it pays the same or less; absent in files computed before it was kept.
        public var direction: String?
    }

    /// An internal person the spec names as able to do this work, with their pay placed in this band.
    /// Individual pay: ``DecisionFile/withholdingIndividualPay()`` removes it for readers who may not see it.
    public struct Candidate: Sendable, Codable, Hashable {
        public var name: String
        public var currentTitle: String?
        /// The layer of their current work.
        public var currentLayer: String?
        /// Current pay per hour in the spec's currency; nil when the spec gives none.
        public var hourly: Double?
        /// Current pay / band midpoint.
        public var compaRatio: Double?
        /// (current pay - band minimum) / (band maximum - band minimum).
        public var rangePenetration: Double?
        /// `green` (below the band minimum), `red` (above the maximum) or `in-range`.
        public var circle: String?
        /// A year's cost to bring them to the band minimum, in the spec's currency (0 when at or above it).
        public var annualCostToMinimum: Double?
        /// A year's cost to bring them to the band midpoint, in the spec's currency (0 when at or above it).
        public var annualCostToMidpoint: Double?
        /// Why they could qualify, from the spec.
        public var evidence: [String]
    }

    /// Question 9 and 10 in figures: where the work leads and who could do it.
    public struct PathUpward: Sendable, Codable, Hashable {
        /// The next layers, priced on this role's location basis; `direction` says whether each pays more.
        public var nextLayers: [Step]
        /// Internal people who could do the work; empty in a copy with individual pay withheld.
        public var internalCandidates: [Candidate]
    }
}
