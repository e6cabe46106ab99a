import DecisionFiles
import Signal
import WorkModel

/// What qualifies a reviewer for the next tier, on evidence from judgment files.
public struct QualificationPolicy: Sendable, Codable, Hashable {
    /// Share (0-1) of gold items a reviewer must judge right.
    public var minimumGoldAccuracy: Double = 0.9
    /// Gold judgments needed before gold accuracy counts.
    public var minimumGoldJudgments: Int = 20
    /// Share (0-1) of agreement with other reviewers needed.
    public var minimumAgreement: Double = 0.8
    /// Calibration windows without drift, in months, before a step: one good week is not a record.
    public var minimumCalibrationMonths: Int = 3
    /// Months in the current role before a step, so the evidence covers the work as it varies.
    public var minimumMonthsInRole: Int = 12
    /// The default policy: 90 % gold accuracy on 20 gold judgments, 80 % agreement, 3 months of calibration, 12 months in role.
    public init() {}
}

/// For each person doing AI work: the step up (the next layer that pays more, else the next
/// grade of the job architecture), the lateral moves beside it, the pay change, the evidence
/// that would qualify them (gold accuracy, agreement with other reviewers and calibration
/// history from `wagefile agree`, plus what the wage file lists) and the months it takes, so
/// promotion follows the work and never cuts pay.
public struct PathUpwardReport: Sendable, Codable {
    /// The report's schema id, `wagefile.path-upward/v1`.
    public var schema = "wagefile.path-upward/v1"
    /// The snapshot date.
    public var asOf: String
    /// The report currency: every pay figure is per hour (or a year, where named) in it.
    public var currency: String
    /// The qualification thresholds used.
    public var policy: QualificationPolicy
    /// One entry per person placed in a band, by layer then name.
    public var people: [Entry]
    /// People whose evidence meets the policy for a step up.
    public var ready: Int
    /// How the figures were made, in words.
    public var notes: [String]
    /// Decision support, not legal advice.
    public var disclaimer: String

    /// A move: another layer's typical role, or the next grade of the same work, with its band and the pay change.
    public struct Step: Sendable, Codable, Hashable {
        /// The layer of the step.
        public var layer: String
        /// The layer's name, or the grade's id and name.
        public var name: String
        /// `layer` (the next layer's typical role) or `grade` (the next grade up, same work).
        public var kind: String
        /// `up` when the step's band midpoint is above the person's band midpoint on the same
        /// location basis; `lateral` when it pays the same or less.
        public var direction: String
        /// The step's band per hour in the report currency, on the person's location basis.
        public var band: HourlyBand
        /// Step midpoint / current band midpoint - 1: the pay change of the move itself.
        public var payChange: Double
        /// Step midpoint over the person's current pay, hourly and over a year of their hours.
        public var gapHourly: Double
        /// ``gapHourly`` / the person's current hourly pay.
        public var gapPercent: Double
        /// ``gapHourly`` x the person's annual hours.
        public var annualGap: Double
        /// What the policy asks for, then what the wage file lists for the step.
        public var evidenceNeeded: [String]
        /// Months until the step, at the earliest: time in role and calibration history still needed.
        public var months: Int
    }

    /// A reviewer's measured quality from `wagefile agree` reports (the snapshot's reviewer evidence).
    public struct Evidence: Sendable, Codable, Hashable {
        /// The reviewer id the judgments use.
        public var reviewerId: String
        /// Judgments the reviewer made in the report kept.
        public var judgments: Int
        /// Agreement with the other reviewers of the same items (0-1), from the agreement report.
        public var agreementWithOthers: Double?
        /// Judgments on gold items.
        public var goldJudgments: Int
        /// Share (0-1) of gold items judged right.
        public var goldAccuracy: Double?
        /// The drift in gold accuracy the calibration found (the window against the baseline before it),
        /// in words; nil without drift.
        public var drift: String?
        /// Months from the first calibration window to the report date.
        public var calibrationMonths: Int?
    }

    /// One person: their pay, the steps above and beside them, the evidence and whether they are ready.
    public struct Entry: Sendable, Codable, Hashable {
        public var personId: String
        public var name: String
        /// The employment model on record.
        public var employment: String
        /// The layer of their work.
        public var layer: String
        /// Current pay per hour in the report currency.
        public var hourly: Double
        /// Steps that pay more, the path upward first: layers from the wage file, else the next grade.
        public var next: [Step]
        /// Moves that pay the same or less: named, with their pay change, never the path upward.
        public var lateral: [Step]
        /// Their reviewer evidence; nil when they have no reviewer id or no report.
        public var evidence: Evidence?
        /// ready, not-yet, no-evidence, top-of-ladder.
        public var readiness: String
        /// Why they are or are not ready, in words.
        public var reasons: [String]
    }
}

extension PathUpwardReport {
    /// The path upward of everyone placed in a band, judged by `policy`, in `currency`.
    // Long because: one pass per person: next layer or grade, lateral moves, the pay change and readiness, each read from the same position and band.
    public static func build(
        _ snapshot: PortfolioSnapshot, currency: String = "USD", policy: QualificationPolicy = QualificationPolicy()
    ) -> PathUpwardReport {
        let (positions, _) = PayPositions.build(snapshot, currency: currency, requireBand: true)
        var entries: [Entry] = []
        for position in positions.sorted(by: {
            ($0.layer, $0.person.name, $0.person.id) < ($1.layer, $1.person.name, $1.person.id)
        }) {
            guard let file = position.wageFile, let current = position.band else { continue }
            let quality = position.person.reviewerId.flatMap { snapshot.reviewerEvidence[$0] }
            let history = quality.flatMap { calibrationMonths($0, asOf: snapshot.asOf) }
            let months = max(
                0, policy.minimumMonthsInRole - (position.tenureMonths ?? 0),
                policy.minimumCalibrationMonths - (history ?? 0))
            let measured = [
                "agreement with other reviewers of \(Format.percent(policy.minimumAgreement, places: 0)) or more",
                "gold accuracy of \(Format.percent(policy.minimumGoldAccuracy, places: 0)) or more on at least \(policy.minimumGoldJudgments) gold judgments",
                "\(policy.minimumCalibrationMonths) months of calibration history without drift",
                "\(policy.minimumMonthsInRole) months in the current role",
            ]
            func step(layer: String, name: String, kind: String, band: HourlyBand, evidence: [String]) -> Step {
                let gap = band.mid - position.hourly
                let change = current.mid > 0 ? band.mid / current.mid - 1 : 0
                return Step(
                    layer: layer, name: name, kind: kind, direction: change > 0 ? "up" : "lateral",
                    band: HourlyBand(
                        min: Statistics.round(band.min), mid: Statistics.round(band.mid),
                        max: Statistics.round(band.max)),
                    payChange: Statistics.round(change, 4), gapHourly: Statistics.round(gap),
                    gapPercent: Statistics.round(position.hourly > 0 ? gap / position.hourly : 0, 4),
                    annualGap: Statistics.round(gap * position.annualHours, 0), evidenceNeeded: measured + evidence,
                    months: months)
            }
            let source = file.band.currency
            func convert(_ band: HourlyBand) -> HourlyBand? {
                guard let min = snapshot.currencies.convert(band.min, from: source, to: currency),
                    let mid = snapshot.currencies.convert(band.mid, from: source, to: currency),
                    let max = snapshot.currencies.convert(band.max, from: source, to: currency)
                else { return nil }
                return HourlyBand(min: min, mid: mid, max: max)
            }
            var steps: [Step] = file.pathUpward.nextLayers.compactMap { next in
                convert(HourlyBand(min: next.hourly.min, mid: next.hourly.mid, max: next.hourly.max)).map {
                    step(layer: next.layer, name: next.name, kind: "layer", band: $0, evidence: next.evidence)
                }
            }
            // No layer pays more: the way up is the same work a grade higher.
            if !steps.contains(where: { $0.direction == "up" }), let band = nextGradeBand(file).flatMap(convert),
                let upper = file.grade?.upper
            {
                steps.append(
                    step(
                        layer: position.layer, name: "\(upper.id) \(upper.name)", kind: "grade", band: band,
                        evidence: ["the same work at the scope and judgment the job architecture places in \(upper.id)"]
                    ))
            }
            let up = steps.filter { $0.direction == "up" }
            let lateral = steps.filter { $0.direction == "lateral" }
            let evidence = quality.map {
                Evidence(
                    reviewerId: $0.id, judgments: $0.judgments,
                    agreementWithOthers: $0.agreementWithOthers.map { Statistics.round($0, 4) },
                    goldJudgments: $0.goldJudgments, goldAccuracy: $0.goldAccuracy.map { Statistics.round($0, 4) },
                    drift: $0.drift.map {
                        "gold accuracy \(Format.percent($0.accuracy)) in \($0.window) against \(Format.percent($0.baseline)) before"
                    },
                    calibrationMonths: history)
            }
            var reasons: [String] = []
            let readiness: String
            if up.isEmpty {
                readiness = "top-of-ladder"
                reasons.append(
                    file.pathUpward.nextLayers.isEmpty
                        ? "the top AI training layer and grade; the next step is model risk or product management"
                        : "no next layer or grade pays more than this band; the moves listed are lateral")
            } else if let quality {
                if let accuracy = quality.goldAccuracy, quality.goldJudgments >= policy.minimumGoldJudgments {
                    reasons.append(
                        accuracy >= policy.minimumGoldAccuracy
                            ? "gold accuracy \(Format.percent(accuracy)) on \(quality.goldJudgments) gold items meets \(Format.percent(policy.minimumGoldAccuracy, places: 0))"
                            : "gold accuracy \(Format.percent(accuracy)) is under \(Format.percent(policy.minimumGoldAccuracy, places: 0))"
                    )
                } else {
                    reasons.append(
                        "\(quality.goldJudgments) gold judgments; \(policy.minimumGoldJudgments) are needed to judge accuracy"
                    )
                }
                if let agreement = quality.agreementWithOthers {
                    reasons.append(
                        agreement >= policy.minimumAgreement
                            ? "agreement with other reviewers \(Format.percent(agreement)) meets \(Format.percent(policy.minimumAgreement, places: 0))"
                            : "agreement with other reviewers \(Format.percent(agreement)) is under \(Format.percent(policy.minimumAgreement, places: 0))"
                    )
                }
                if quality.drift != nil { reasons.append("calibration drift is flagged; recalibrate before promotion") }
                let accurate =
                    quality.goldJudgments >= policy.minimumGoldJudgments
                    && (quality.goldAccuracy ?? 0) >= policy.minimumGoldAccuracy
                let agrees = (quality.agreementWithOthers ?? 0) >= policy.minimumAgreement
                readiness = accurate && agrees && quality.drift == nil ? "ready" : "not-yet"
            } else {
                readiness = "no-evidence"
                reasons.append(
                    position.person.reviewerId == nil
                        ? "no reviewer id on record: link the person to their judgments to use calibration evidence"
                        : "reviewer '\(position.person.reviewerId ?? "")' is in no agreement report given")
            }
            if !up.isEmpty && months > 0 {
                reasons.append("\(months) month\(months == 1 ? "" : "s") to go: time in role and calibration history")
            }
            entries.append(
                Entry(
                    personId: position.person.id, name: position.person.name, employment: position.person.employment,
                    layer: position.layer, hourly: Statistics.round(position.hourly), next: up, lateral: lateral,
                    evidence: evidence,
                    readiness: readiness, reasons: reasons))
        }
        return PathUpwardReport(
            asOf: snapshot.asOf.description, currency: currency, policy: policy, people: entries,
            ready: entries.filter { $0.readiness == "ready" }.count,
            notes: [
                "Next layers and their bands come from each person's wage file: the typical profile of the next layer on the same pay line, in the same market and currency as the person's band.",
                "A step goes up when its band midpoint is above the person's band midpoint on that same basis (pay change = step mid / band mid - 1); one that pays the same or less is lateral, listed with its pay change and never as the path upward. When no next layer pays more, the step up is the next grade of the job architecture, localised as the person's grade is.",
                "Time to the step: the most of the months still needed in the role (\(policy.minimumMonthsInRole)) and of calibration history without drift (\(policy.minimumCalibrationMonths)).",
                "Evidence: reviewer quality from `wagefile agree` reports, matched on the person's reviewer id.",
            ],
            disclaimer: Disclaimer.text)
    }

    /// The next grade's band in the wage file's currency, localised by the ratio the file's own
    /// grade was (local midpoint over US midpoint), so it sits on the person's location basis.
    static func nextGradeBand(_ file: DecisionFile) -> HourlyBand? {
        guard let grade = file.grade, let upper = grade.upper, grade.usdHourly.mid > 0 else { return nil }
        let mid = upper.midUSD * grade.hourly.mid / grade.usdHourly.mid
        guard let spread = upper.rangeSpread else { return HourlyBand(min: mid, mid: mid, max: mid) }
        let min = mid / (1 + spread / 2)
        return HourlyBand(min: min, mid: mid, max: min * (1 + spread))
    }

    /// Months from the reviewer's first calibration window to `asOf`; nil without windows.
    static func calibrationMonths(_ quality: AgreementReport.ReviewerQuality, asOf: CalendarDate) -> Int? {
        guard let first = quality.calibration?.compactMap({ CalendarDate($0.start) }).min() else { return nil }
        return max(0, first.months(until: asOf))
    }
}
