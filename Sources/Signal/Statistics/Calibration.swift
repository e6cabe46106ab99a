/// Calibration over time: each reviewer's accuracy per time window, against gold answers where
/// the item has one and otherwise against the other reviewers' majority on the item (ties and
/// items with no other reviewer are skipped). Drift is flagged when a window falls below the
/// reviewer's earlier windows by at least `driftThreshold` and a two-proportion z-test says
/// the drop is not noise (z >= 1.96), with at least `minimumJudgments` in both.
public struct CalibrationOptions: Sendable, Hashable {
    public var windowDays = 7
    public var driftThreshold = 0.10
    public var minimumJudgments = 20

    public init(windowDays: Int = 7, driftThreshold: Double = 0.10, minimumJudgments: Int = 20) {
        self.windowDays = windowDays
        self.driftThreshold = driftThreshold
        self.minimumJudgments = minimumJudgments
    }
}

public struct CalibrationWindow: Sendable, Codable, Hashable {
    /// First day of the window, YYYY-MM-DD (UTC).
    public var start: String
    public var judged: Int
    public var correct: Int
    public var accuracy: Double
    /// `gold` when every checked judgment in the window was on a gold item, `consensus` when
    /// none was, `mixed` otherwise.
    public var against: String
}

public struct DriftFinding: Sendable, Codable, Hashable {
    public var window: String
    public var accuracy: Double
    public var baseline: Double
    public var drop: Double
    public var z: Double
}

public enum Calibration {
    public static func windows(_ set: JudgmentSet, options: CalibrationOptions) -> (windows: [[CalibrationWindow]], drift: [DriftFinding?]) {
        let width = Int64(max(1, options.windowDays)) * 86_400
        // reviewer -> window index -> (judged, correct, gold checks)
        var tallies = [[Int64: (Int, Int, Int)]](repeating: [:], count: set.reviewers.count)
        for shard in set.shards where !shard.time.isEmpty {
            UnitGroups.forEachUnit(shard) { unit, members in
                let gold: Int32 = Int(unit) < shard.gold.count ? shard.gold[Int(unit)] : -1
                var counts: [Int32: Int] = [:]
                if gold < 0 { for j in members where shard.value[Int(j)] >= 0 { counts[shard.value[Int(j)], default: 0] += 1 } }
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
                list.append(CalibrationWindow(
                    start: EpochTime.day(window * width), judged: judged, correct: correct, accuracy: accuracy,
                    against: goldChecks == judged ? "gold" : goldChecks == 0 ? "consensus" : "mixed"))
                if earlierJudged >= options.minimumJudgments, judged >= options.minimumJudgments {
                    let baseline = Double(earlierCorrect) / Double(earlierJudged)
                    let pooled = Double(earlierCorrect + correct) / Double(earlierJudged + judged)
                    let se = (pooled * (1 - pooled) * (1 / Double(earlierJudged) + 1 / Double(judged))).squareRoot()
                    let z = se > 0 ? (baseline - accuracy) / se : 0
                    if baseline - accuracy >= options.driftThreshold, z >= 1.96, finding == nil {
                        finding = DriftFinding(window: EpochTime.day(window * width), accuracy: accuracy, baseline: baseline, drop: baseline - accuracy, z: z)
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
