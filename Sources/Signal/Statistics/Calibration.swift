/// Calibration over time: each reviewer's accuracy per time window, against gold answers where
/// the item has one and otherwise against the other reviewers' majority on the item (ties and
/// items with no other reviewer are skipped). Drift is flagged when a window falls below the
/// reviewer's earlier windows by at least `driftThreshold` and a two-proportion z-test says
/// the drop is not noise (z >= 1.96), with at least `minimumJudgments` in both.
public struct CalibrationOptions: Sendable, Hashable {
    /// Width of a calibration window in days (`--window-days`, 7); windows start on 1970-01-01 UTC
    /// plus whole multiples of it. Values below 1 are read as 1.
    public var windowDays = 7
    /// The least drop in accuracy (a share 0-1, `--drift-threshold`, 0.10) below the earlier
    /// windows' pooled accuracy that counts as drift.
    public var driftThreshold = 0.10
    /// The least number of checked judgments both the window and the earlier windows need before
    /// drift is tested (20).
    public var minimumJudgments = 20

    /// Calibration options; the defaults are the command line's: 7-day windows, a 0.10 drop, 20 judgments.
    public init(windowDays: Int = 7, driftThreshold: Double = 0.10, minimumJudgments: Int = 20) {
        self.windowDays = windowDays
        self.driftThreshold = driftThreshold
        self.minimumJudgments = minimumJudgments
    }
}

/// One reviewer's accuracy in one time window (judgments with a time and a value whose item
/// has a gold answer or a clear leave-one-out majority of the other reviewers).
public struct CalibrationWindow: Sendable, Codable, Hashable {
    /// First day of the window, YYYY-MM-DD (UTC).
    public var start: String
    /// Judgments checked in the window (against gold or the others' majority).
    public var judged: Int
    /// Checked judgments equal to the reference value.
    public var correct: Int
    /// `correct / judged`, a share 0-1.
    public var accuracy: Double
    /// `gold` when every checked judgment in the window was on a gold item, `consensus` when
    /// none was, `mixed` otherwise.
    public var against: String
}

/// The first window in which a reviewer's accuracy fell significantly below their earlier
/// windows (see `CalibrationOptions`).
public struct DriftFinding: Sendable, Codable, Hashable {
    /// First day of the drifted window, YYYY-MM-DD (UTC).
    public var window: String
    /// Accuracy in that window, a share 0-1.
    public var accuracy: Double
    /// Pooled accuracy of all the reviewer's earlier windows, a share 0-1.
    public var baseline: Double
    /// `baseline - accuracy`, at least `driftThreshold`.
    public var drop: Double
    /// The two-proportion z statistic (pooled standard error) of the drop, at least 1.96.
    public var z: Double
}

/// Per-reviewer accuracy over time windows and drift detection; see `CalibrationOptions`.
public enum Calibration {
    /// Each reviewer's calibration windows, in time order, and their first drift finding (nil when
    /// none), both indexed by reviewer code. Judgments without a time or without a value are
    /// skipped; a set without times gives empty lists.
    public static func windows(_ set: JudgmentSet, options: CalibrationOptions) -> (
        windows: [[CalibrationWindow]], drift: [DriftFinding?]
    ) {
        let width = Int64(max(1, options.windowDays)) * 86_400
        // reviewer -> window index -> (judged, correct, gold checks)
        var tallies = [[Int64: (Int, Int, Int)]](repeating: [:], count: set.reviewers.count)
        for shard in set.shards where !shard.time.isEmpty {
            UnitGroups.forEachUnit(shard) { unit, members in
                let gold: Int32 = Int(unit) < shard.gold.count ? shard.gold[Int(unit)] : -1
                var counts: [Int32: Int] = [:]
                if gold < 0 {
                    for j in members where shard.value[Int(j)] >= 0 { counts[shard.value[Int(j)], default: 0] += 1 }
                }
                for j in members {
                    let v = shard.value[Int(j)], t = shard.time[Int(j)]
                    guard v >= 0, t != Int64.min else { continue }
                    let reference: Int32
                    if gold >= 0 {
                        reference = gold
                    } else {
                        // Leave-one-out majority of the others.
                        var others = counts
                        others[v, default: 0] -= 1
                        guard let best = others.values.max(), best > 0 else { continue }
                        let leaders = others.filter { $0.value == best }
                        guard leaders.count == 1, let leader = leaders.first else { continue }
                        reference = leader.key
                    }
                    let window = t >= 0 ? t / width : (t - width + 1) / width
                    let r = Int(shard.reviewer[Int(j)])
                    var tally = tallies[r][window, default: (0, 0, 0)]
                    tally.0 += 1
                    if v == reference { tally.1 += 1 }
                    if gold >= 0 { tally.2 += 1 }
                    tallies[r][window] = tally
                }
            }
        }
        var windows: [[CalibrationWindow]] = []
        var drift: [DriftFinding?] = []
        for r in set.reviewers.indices {
            let ordered = tallies[r].sorted { $0.key < $1.key }
            var list: [CalibrationWindow] = []
            var finding: DriftFinding?
            var earlierJudged = 0, earlierCorrect = 0
            for (window, tally) in ordered {
                let (judged, correct, goldChecks) = tally
                let accuracy = Double(correct) / Double(judged)
                list.append(
                    CalibrationWindow(
                        start: EpochTime.day(window * width), judged: judged, correct: correct, accuracy: accuracy,
                        against: goldChecks == judged ? "gold" : goldChecks == 0 ? "consensus" : "mixed"))
                if earlierJudged >= options.minimumJudgments, judged >= options.minimumJudgments {
                    let baseline = Double(earlierCorrect) / Double(earlierJudged)
                    let pooled = Double(earlierCorrect + correct) / Double(earlierJudged + judged)
                    let se = (pooled * (1 - pooled) * (1 / Double(earlierJudged) + 1 / Double(judged))).squareRoot()
                    let z = se > 0 ? (baseline - accuracy) / se : 0
                    if baseline - accuracy >= options.driftThreshold, z >= 1.96, finding == nil {
                        finding = DriftFinding(
                            window: EpochTime.day(window * width), accuracy: accuracy, baseline: baseline,
                            drop: baseline - accuracy, z: z)
                    }
                }
                earlierJudged += judged
                earlierCorrect += correct
            }
            windows.append(list)
            drift.append(finding)
        }
        return (windows, drift)
    }
}
