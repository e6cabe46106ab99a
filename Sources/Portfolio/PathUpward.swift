import WorkModel
import DecisionFiles
import Signal

/// What qualifies a reviewer for the next tier, on evidence from judgment files.
public struct QualificationPolicy: Sendable, Codable, Hashable {
    public var minimumGoldAccuracy: Double = 0.9
    public var minimumGoldJudgments: Int = 20
    public var minimumAgreement: Double = 0.8
    public init() {}
}

/// For each person doing AI work: the next layer up, the pay gap to it, and the evidence that
/// would qualify them (gold accuracy, agreement with other reviewers and calibration drift from
/// `wagefile agree`, plus what the wage file lists), so promotion follows the work.
public struct PathUpwardReport: Sendable, Codable {
    public var schema = "wagefile.path-upward/v1"
    public var asOf: String
    public var currency: String
    public var policy: QualificationPolicy
    public var people: [Entry]
    public var ready: Int
    public var notes: [String]
    public var disclaimer: String

    public struct Step: Sendable, Codable, Hashable {
        public var layer: String
        public var name: String
        public var band: HourlyBand
        /// Next layer's midpoint over current pay, hourly and over a year of the person's hours.
        public var gapHourly: Double
        public var gapPercent: Double
        public var annualGap: Double
        public var evidenceNeeded: [String]
    }

    public struct Evidence: Sendable, Codable, Hashable {
        public var reviewerId: String
        public var judgments: Int
        public var agreementWithOthers: Double?
        public var goldJudgments: Int
        public var goldAccuracy: Double?
        public var drift: String?
    }

    public struct Entry: Sendable, Codable, Hashable {
        public var personId: String
        public var name: String
        public var employment: String
        public var layer: String
        public var hourly: Double
        public var next: [Step]
        public var evidence: Evidence?
        /// ready, not-yet, no-evidence, top-of-ladder.
        public var readiness: String
        public var reasons: [String]
    }
}

extension PathUpwardReport {
    public static func build(_ snapshot: PortfolioSnapshot, currency: String = "USD", policy: QualificationPolicy = QualificationPolicy()) -> PathUpwardReport {
        let (positions, _) = PayPositions.build(snapshot, currency: currency, requireBand: true)
        var entries: [Entry] = []
        for position in positions.sorted(by: { ($0.layer, $0.person.name, $0.person.id) < ($1.layer, $1.person.name, $1.person.id) }) {
            guard let file = position.wageFile else { continue }
            let source = file.band.currency
            let steps: [Step] = file.pathUpward.nextLayers.compactMap { step in
                guard let min = snapshot.currencies.convert(step.hourly.min, from: source, to: currency),
                      let mid = snapshot.currencies.convert(step.hourly.mid, from: source, to: currency),
                      let max = snapshot.currencies.convert(step.hourly.max, from: source, to: currency) else { return nil }
                let gap = mid - position.hourly
                return Step(layer: step.layer, name: step.name,
                            band: HourlyBand(min: Statistics.round(min), mid: Statistics.round(mid), max: Statistics.round(max)),
                            gapHourly: Statistics.round(gap), gapPercent: Statistics.round(position.hourly > 0 ? gap / position.hourly : 0, 4),
                            annualGap: Statistics.round(gap * position.annualHours, 0), evidenceNeeded: step.evidence)
            }
            let quality = position.person.reviewerId.flatMap { snapshot.reviewerEvidence[$0] }
            let evidence = quality.map {
                Evidence(reviewerId: $0.id, judgments: $0.judgments, agreementWithOthers: $0.agreementWithOthers.map { Statistics.round($0, 4) },
                         goldJudgments: $0.goldJudgments, goldAccuracy: $0.goldAccuracy.map { Statistics.round($0, 4) },
                         drift: $0.drift.map { "gold accuracy \(Format.percent($0.accuracy)) in \($0.window) against \(Format.percent($0.baseline)) before" })
            }
            var reasons: [String] = []
            let readiness: String
            if steps.isEmpty {
                readiness = "top-of-ladder"
                reasons.append("the top AI training layer; the next step is model risk or product management")
            } else if let quality {
                if let accuracy = quality.goldAccuracy, quality.goldJudgments >= policy.minimumGoldJudgments {
                    reasons.append(accuracy >= policy.minimumGoldAccuracy
                        ? "gold accuracy \(Format.percent(accuracy)) on \(quality.goldJudgments) gold items meets \(Format.percent(policy.minimumGoldAccuracy, places: 0))"
                        : "gold accuracy \(Format.percent(accuracy)) is under \(Format.percent(policy.minimumGoldAccuracy, places: 0))")
                } else {
                    reasons.append("\(quality.goldJudgments) gold judgments; \(policy.minimumGoldJudgments) are needed to judge accuracy")
                }
                if let agreement = quality.agreementWithOthers {
                    reasons.append(agreement >= policy.minimumAgreement
                        ? "agreement with other reviewers \(Format.percent(agreement)) meets \(Format.percent(policy.minimumAgreement, places: 0))"
                        : "agreement with other reviewers \(Format.percent(agreement)) is under \(Format.percent(policy.minimumAgreement, places: 0))")
                }
                if quality.drift != nil { reasons.append("calibration drift is flagged; recalibrate before promotion") }
                let accurate = quality.goldJudgments >= policy.minimumGoldJudgments && (quality.goldAccuracy ?? 0) >= policy.minimumGoldAccuracy
                let agrees = (quality.agreementWithOthers ?? 0) >= policy.minimumAgreement
                readiness = accurate && agrees && quality.drift == nil ? "ready" : "not-yet"
            } else {
                readiness = "no-evidence"
                reasons.append(position.person.reviewerId == nil
                    ? "no reviewer id on record: link the person to their judgments to use calibration evidence"
                    : "reviewer '\(position.person.reviewerId ?? "")' is in no agreement report given")
            }
            entries.append(Entry(personId: position.person.id, name: position.person.name, employment: position.person.employment,
                                 layer: position.layer, hourly: Statistics.round(position.hourly), next: steps, evidence: evidence,
                                 readiness: readiness, reasons: reasons))
        }
        return PathUpwardReport(
            asOf: snapshot.asOf.description, currency: currency, policy: policy, people: entries,
            ready: entries.filter { $0.readiness == "ready" }.count,
            notes: [
                "Next layers and their bands come from each person's wage file (the typical profile of the next layer on the same pay line, location and currency).",
                "Evidence: reviewer quality from `wagefile agree` reports, matched on the person's reviewer id.",
            ],
            disclaimer: Disclaimer.text)
    }
}
