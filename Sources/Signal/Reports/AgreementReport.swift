/// What `wagefile agree` reports (`wagefile.agreement/v1`): how much the reviewers agree
/// beyond chance, how good each reviewer is, and, when asked, aggregated labels and
/// preference scores. Pure: built from a `JudgmentSet` and options, rendered elsewhere.
public struct AgreementReport: Sendable, Codable {
    /// The report format's identifier, `wagefile.agreement/v1`.
    public var schema = "wagefile.agreement/v1"
    /// The input files, as named to `AgreementAnalysis.report` (the command line's paths).
    public var files: [String]
    /// The level of measurement alpha was computed at.
    public var level: MeasurementLevel
    /// The rubric (question) measured, when the judgments carry one; nil when they carry none.
    public var rubric: String?
    /// Items with at least one value; `pairableUnits` have two or more and enter alpha.
    public var units: Int
    /// Items with two or more values: the only ones that enter alpha, the kappas, AC1 and percent
    /// agreement.
    public var pairableUnits: Int
    /// Judgments read (of the measured rubric), with or without a value.
    public var judgments: Int
    /// Judgments whose value is null (opened, not answered); no statistic uses them.
    public var missingValues: Int
    /// Judgments of an item by a reviewer who had already judged it; each still counts as a value.
    public var repeatedJudgments: Int
    /// Distinct reviewers.
    public var reviewerCount: Int
    /// The value domain as text, in code order (the first 200 values at most).
    public var values: [String]
    /// Krippendorff's alpha at `level`, at most 1, as the `krippendorff` package 0.9.0 computes
    /// it; nil when undefined, and `alphaUndefined` says why.
    public var alpha: Double?
    /// Why `alpha` is nil (a `KrippendorffAlpha.Undefined` sentence); nil when alpha is defined.
    public var alphaUndefined: String?
    /// The seeded Poisson bootstrap interval for alpha; nil when alpha is undefined, when no
    /// replicates were asked for, or when fewer than two replicates gave an alpha.
    public var alphaCI: BootstrapInterval?
    /// Fleiss' kappa (statsmodels' `fleiss_kappa` when every item has as many ratings), at most 1;
    /// nil when no item has two values or every pairable value is the same.
    public var fleissKappa: Double?
    /// Gwet's AC1: chance-corrected agreement that stays meaningful when one label dominates.
    public var gwetAC1: Double?
    /// The mean over pairable items of the share of agreeing value pairs, 0-1; nil when no item has
    /// two or more values.
    public var percentAgreement: Double?
    /// Cohen's kappas when the set has exactly two reviewers; nil otherwise.
    public var cohenKappa: CohenKappaResult?
    /// One entry per reviewer, in reviewer code order (sorted by id).
    public var reviewers: [ReviewerQuality]
    /// The Dawid-Skene fit's summary; nil unless `AgreementOptions.dawidSkene` was set.
    public var dawidSkene: DawidSkeneSummary?
    /// Bradley-Terry scores and useful pairs; nil unless the judgments are pairwise (name options
    /// `a` and `b`).
    public var pairs: PairwiseSummary?
    /// Model reviewers (`--judge`) held to the human consensus and gold; the human figures above
    /// leave their judgments out. nil when no judge is named.
    public var judges: [JudgeAgreement]?
    /// Ids of the reviewers with a `ReviewerQuality.drift` finding; nil when the judgments carry no
    /// time (calibration was not computed), empty when nobody drifted.
    public var driftedReviewers: [String]?
    /// Set when the judgments were also stored (`agree --store`): alpha counted by the database.
    public var storedSet: StoredSetSummary?
    /// Plain-language remarks on the data: bootstrap replicates cut, repeated judgments, items
    /// with a single value.
    public var notes: [String]

    /// Where `agree --store` saved the judgments, and alpha recomputed from the database's counts.
    public struct StoredSetSummary: Sendable, Codable, Hashable {
        /// The stored judgment set's id.
        public var id: String
        /// The database URL, with any password redacted.
        public var database: String
        /// Judgments stored.
        public var judgments: Int
        /// Alpha from the coincidence matrix the database counted; equals `alpha`.
        public var alphaFromDatabase: Double?

        /// A summary of a stored judgment set; `alphaFromDatabase` is nil when alpha is undefined.
        public init(id: String, database: String, judgments: Int, alphaFromDatabase: Double?) {
            self.id = id
            self.database = database
            self.judgments = judgments
            self.alphaFromDatabase = alphaFromDatabase
        }
    }

    /// One reviewer's volume, agreement with the others, gold accuracy and, when computed, the
    /// Dawid-Skene estimate and calibration over time.
    public struct ReviewerQuality: Sendable, Codable, Hashable {
        /// The reviewer's id, as in the input.
        public var id: String
        /// All this reviewer's judgments, with or without a value.
        public var judgments: Int
        /// Share of this reviewer's pairs with others on the same item that agree; nil when
        /// the reviewer never shares an item with anyone.
        public var agreementWithOthers: Double?
        /// This reviewer's valued judgments on items with a gold answer.
        public var goldJudgments: Int
        /// Share 0-1 of those judgments equal to the gold answer; nil when `goldJudgments` is 0.
        public var goldAccuracy: Double?
        /// Dawid-Skene's estimate of how often this reviewer gives the true label.
        public var estimatedAccuracy: Double?
        /// Accuracy per time window, oldest first; nil when the judgments carry no time.
        public var calibration: [CalibrationWindow]?
        /// The first window where accuracy dropped significantly; nil when none did or there are no times.
        public var drift: DriftFinding?
    }
}

/// What `AgreementAnalysis` computes beyond the always-on statistics, and how.
public struct AgreementOptions: Sendable {
    /// Bootstrap replicates for `alphaCI` (`--bootstrap`, 1000); 0 gives no interval.
    public var bootstrapReplicates = 1000
    /// Seed of the bootstrap's random draws (`--seed`): equal seeds give equal intervals.
    public var seed: UInt64 = 20_240_601
    /// Coverage of the alpha interval, a share in (0, 1) (0.95).
    public var confidence = 0.95
    /// Options for Dawid-Skene aggregation; nil (the default) does not run it.
    public var dawidSkene: DawidSkeneOptions?
    /// Share 0-1 of an item's judgments the winning choice needs for a useful pair
    /// (`--useful-agreement`, 0.8); used only for pairwise judgments.
    public var usefulAgreement = 0.8
    /// Calibration windows and drift test; used only when the judgments carry a time.
    public var calibration = CalibrationOptions()

    /// The defaults: 1000 replicates, seed 20240601, 95% interval, no Dawid-Skene, useful pairs at
    /// 0.8, 7-day calibration windows.
    public init() {}
}

/// Builds an `AgreementReport` from a finished `JudgmentSet`.
public enum AgreementAnalysis {
    /// The agreement report of `set`; `files` are recorded in it as given. See `run` for the
    /// Dawid-Skene fit behind it.
    public static func report(_ set: JudgmentSet, files: [String], options: AgreementOptions = AgreementOptions())
        -> AgreementReport
    {
        run(set, files: files, options: options).report
    }

    /// The report, and the Dawid-Skene fit behind it when one was asked for (for label exports).
    public static func run(_ set: JudgmentSet, files: [String], options: AgreementOptions = AgreementOptions())
        -> (report: AgreementReport, dawidSkene: DawidSkeneFit?)
    {
        let counts = AgreementCounts.count(set)
        var notes = set.notes
        var alpha: Double?
        var undefined: String?
        switch KrippendorffAlpha.alpha(counts.coincidences, domain: set.domain, level: set.level) {
        case .success(let value): alpha = value
        case .failure(let reason): undefined = reason.rawValue
        }
        let ci =
            alpha == nil
            ? nil
            : BootstrapInterval.alpha(
                counts, domain: set.domain, level: set.level, replicates: options.bootstrapReplicates,
                seed: options.seed, confidence: options.confidence)
        if let ci, ci.replicates < options.bootstrapReplicates {
            notes.append(
                "The bootstrap ran \(ci.replicates) replicates, not \(options.bootstrapReplicates): the data has very many distinct unit patterns."
            )
        }
        if counts.repeatedJudgments > 0 {
            notes.append(
                "\(counts.repeatedJudgments) judgments repeat a reviewer on an item they had already judged; each is counted as a value."
            )
        }
        if counts.units > counts.pairableUnits {
            notes.append(
                "\(counts.units - counts.pairableUnits) items have a single value and do not enter alpha or kappa.")
        }
        let tallies = counts.reviewers
        let judgeNames = Set(set.judgeJudgments.map(\.reviewer))
        var quality = set.reviewers.indices.map { r in
            AgreementReport.ReviewerQuality(
                id: set.reviewers[r], judgments: tallies.judgments[r],
                agreementWithOthers: tallies.pairs[r] > 0 ? tallies.agreeingPairs[r] / tallies.pairs[r] : nil,
                goldJudgments: tallies.goldTotal[r],
                goldAccuracy: tallies.goldTotal[r] > 0
                    ? Double(tallies.goldCorrect[r]) / Double(tallies.goldTotal[r]) : nil)
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
            files: files, level: set.level, rubric: set.rubric, units: counts.units,
            pairableUnits: counts.pairableUnits,
            judgments: counts.judgments, missingValues: counts.judgments - counts.values,
            repeatedJudgments: counts.repeatedJudgments,
            reviewerCount: set.reviewers.count - judgeNames.count,
            values: set.domain.values.prefix(200).map(\.description),
            alpha: alpha, alphaUndefined: undefined, alphaCI: ci,
            fleissKappa: FleissKappa.kappa(counts), gwetAC1: GwetAC1.ac1(set, agreement: counts),
            percentAgreement: counts.pairableUnits > 0 ? counts.sumUnitAgreement / Double(counts.pairableUnits) : nil,
            cohenKappa: set.reviewers.count == 2 ? CohenKappa.compute(set) : nil,
            reviewers: quality.filter { !judgeNames.contains($0.id) }, dawidSkene: dawidSkene, pairs: pairs,
            judges: judgeNames.isEmpty ? nil : JudgeAgreement.evaluate(set), driftedReviewers: drifted, storedSet: nil,
            notes: notes)
        return (report, dsFit)
    }
}
