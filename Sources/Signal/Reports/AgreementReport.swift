/// What `wagefile agree` reports (`wagefile.agreement/v1`): how much the reviewers agree
/// beyond chance, how good each reviewer is, and, when asked, aggregated labels and
/// preference scores. Pure: built from a `JudgmentSet` and options, rendered elsewhere.
public struct AgreementReport: Sendable, Codable {
    public var schema = "wagefile.agreement/v1"
    public var files: [String]
    public var level: MeasurementLevel
    public var rubric: String?
    /// Items with at least one value; `pairableUnits` have two or more and enter alpha.
    public var units: Int
    public var pairableUnits: Int
    public var judgments: Int
    public var missingValues: Int
    public var repeatedJudgments: Int
    public var reviewerCount: Int
    public var values: [String]
    public var alpha: Double?
    public var alphaUndefined: String?
    public var alphaCI: BootstrapInterval?
    public var fleissKappa: Double?
    /// Gwet's AC1: chance-corrected agreement that stays meaningful when one label dominates.
    public var gwetAC1: Double?
    public var percentAgreement: Double?
    public var cohenKappa: CohenKappaResult?
    public var reviewers: [ReviewerQuality]
    public var dawidSkene: DawidSkeneSummary?
    public var pairs: PairwiseSummary?
    public var driftedReviewers: [String]?
    /// Set when the judgments were also stored (`agree --store`): alpha counted by the database.
    public var storedSet: StoredSetSummary?
    public var notes: [String]

    public struct StoredSetSummary: Sendable, Codable, Hashable {
        public var id: String
        public var database: String
        public var judgments: Int
        /// Alpha from the coincidence matrix the database counted; equals `alpha`.
        public var alphaFromDatabase: Double?

        public init(id: String, database: String, judgments: Int, alphaFromDatabase: Double?) {
            self.id = id
            self.database = database
            self.judgments = judgments
            self.alphaFromDatabase = alphaFromDatabase
        }
    }

    public struct ReviewerQuality: Sendable, Codable, Hashable {
        public var id: String
        public var judgments: Int
        /// Share of this reviewer's pairs with others on the same item that agree; nil when
        /// the reviewer never shares an item with anyone.
        public var agreementWithOthers: Double?
        public var goldJudgments: Int
        public var goldAccuracy: Double?
        /// Dawid-Skene's estimate of how often this reviewer gives the true label.
        public var estimatedAccuracy: Double?
        public var calibration: [CalibrationWindow]?
        public var drift: DriftFinding?
    }
}

public struct AgreementOptions: Sendable {
    public var bootstrapReplicates = 1000
    public var seed: UInt64 = 20_240_601
    public var confidence = 0.95
    public var dawidSkene: DawidSkeneOptions?
    public var usefulAgreement = 0.8
    public var calibration = CalibrationOptions()

    public init() {}
}

public enum AgreementAnalysis {
    public static func report(_ set: JudgmentSet, files: [String], options: AgreementOptions = AgreementOptions()) -> AgreementReport {
        run(set, files: files, options: options).report
    }

    /// The report, and the Dawid-Skene fit behind it when one was asked for (for label exports).
    public static func run(_ set: JudgmentSet, files: [String], options: AgreementOptions = AgreementOptions())
        -> (report: AgreementReport, dawidSkene: DawidSkeneFit?)
    {
        let counts = AgreementCounts.count(set)
        var notes: [String] = []
        var alpha: Double?
        var undefined: String?
        switch KrippendorffAlpha.alpha(counts.coincidences, domain: set.domain, level: set.level) {
        case .success(let value): alpha = value
        case .failure(let reason): undefined = reason.rawValue
        }
        let ci = alpha == nil ? nil : BootstrapInterval.alpha(
            counts, domain: set.domain, level: set.level, replicates: options.bootstrapReplicates, seed: options.seed, confidence: options.confidence)
        if let ci, ci.replicates < options.bootstrapReplicates {
            notes.append("The bootstrap ran \(ci.replicates) replicates, not \(options.bootstrapReplicates): the data has very many distinct unit patterns.")
        }
        if counts.repeatedJudgments > 0 {
            notes.append("\(counts.repeatedJudgments) judgments repeat a reviewer on an item they had already judged; each is counted as a value.")
        }
        if counts.units > counts.pairableUnits {
            notes.append("\(counts.units - counts.pairableUnits) items have a single value and do not enter alpha or kappa.")
        }
        let tallies = counts.reviewers
        var quality = set.reviewers.indices.map { r in
            AgreementReport.ReviewerQuality(
                id: set.reviewers[r], judgments: tallies.judgments[r],
                agreementWithOthers: tallies.pairs[r] > 0 ? tallies.agreeingPairs[r] / tallies.pairs[r] : nil,
                goldJudgments: tallies.goldTotal[r],
                goldAccuracy: tallies.goldTotal[r] > 0 ? Double(tallies.goldCorrect[r]) / Double(tallies.goldTotal[r]) : nil)
        }
        var dawidSkene: DawidSkeneSummary?
        var dsFit: DawidSkeneFit?
        if let dsOptions = options.dawidSkene {
            let fit = DawidSkene.fit(set, options: dsOptions)
            dsFit = fit
            dawidSkene = fit.summary(domain: set.domain)
            for r in quality.indices { quality[r].estimatedAccuracy = fit.reviewerAccuracy(r) }
        }
        var drifted: [String]?
        if set.hasTime {
            let calibration = Calibration.windows(set, options: options.calibration)
            for r in quality.indices {
                quality[r].calibration = calibration.windows[r]
                quality[r].drift = calibration.drift[r]
            }
            drifted = quality.filter { $0.drift != nil }.map(\.id)
        }
        let pairs = set.hasPairs ? PairwiseAnalysis.summary(set, usefulAgreement: options.usefulAgreement) : nil
        let report = AgreementReport(
            files: files, level: set.level, rubric: set.rubric, units: counts.units, pairableUnits: counts.pairableUnits,
            judgments: counts.judgments, missingValues: counts.judgments - counts.values, repeatedJudgments: counts.repeatedJudgments,
            reviewerCount: set.reviewers.count, values: set.domain.values.prefix(200).map(\.description),
            alpha: alpha, alphaUndefined: undefined, alphaCI: ci,
            fleissKappa: FleissKappa.kappa(counts), gwetAC1: GwetAC1.ac1(set, agreement: counts), percentAgreement: counts.pairableUnits > 0 ? counts.sumUnitAgreement / Double(counts.pairableUnits) : nil,
            cohenKappa: set.reviewers.count == 2 ? CohenKappa.compute(set) : nil,
            reviewers: quality, dawidSkene: dawidSkene, pairs: pairs, driftedReviewers: drifted, storedSet: nil, notes: notes)
        return (report, dsFit)
    }
}
