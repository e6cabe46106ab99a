import Foundation

/// Pairwise preferences as counts: how often option i beat j, and how often they tied. The
/// win and tie matrices add up across files and shards.
public struct PairTallies: Sendable, Hashable {
    /// The number of options compared (n): the matrices are n x n, indexed by option code.
    public let optionCount: Int
    /// wins[i * n + j]: judgments preferring i over j.
    public var wins: [Double]
    /// ties[i * n + j] (symmetric).
    public var ties: [Double]

    /// Empty tallies for `optionCount` options.
    public init(optionCount: Int) {
        self.optionCount = optionCount
        wins = [Double](repeating: 0, count: optionCount * optionCount)
        ties = wins
    }

    /// Counts one judgment between options `a` and `b` (option codes): `.a` is a win of `a` over
    /// `b`, `.b` a win of `b` over `a`, `.tie` a tie in both cells. A judgment comparing an option
    /// with itself is ignored.
    public mutating func add(a: Int, b: Int, choice: PairChoice) {
        guard a != b else { return }
        switch choice {
        case .a: wins[a * optionCount + b] += 1
        case .b: wins[b * optionCount + a] += 1
        case .tie:
            ties[a * optionCount + b] += 1
            ties[b * optionCount + a] += 1
        }
    }

    /// Adds another part's tallies; both must have the same `optionCount`.
    public mutating func merge(_ other: PairTallies) {
        for i in wins.indices {
            wins[i] += other.wins[i]
            ties[i] += other.ties[i]
        }
    }

    /// The number of tie judgments (each is stored twice in the symmetric `ties` matrix).
    public var tieCount: Double { ties.reduce(0, +) / 2 }
}

/// Bradley-Terry strengths by maximum likelihood, with Davidson's (1970) extension when the
/// judgments contain ties: P(i over j) = p_i / D, P(tie) = nu sqrt(p_i p_j) / D,
/// D = p_i + p_j + nu sqrt(p_i p_j). Without ties this is Hunter's (2004) MM iteration
/// p_i = W_i / sum_j n_ij / (p_i + p_j), scores normalised to sum to 1, which is crowd-kit's
/// `BradleyTerry` update. crowd-kit 1.4.2 stops after its second iteration (its convergence
/// check compares the score array with itself), so `maxIterations: 2` reproduces its scores;
/// by default this runs to convergence.
public struct BradleyTerryFit: Sendable, Hashable {
    /// Strength of each option, indexed by option code: positive shares summing to 1 (empty when
    /// there are no options). Higher means more often preferred.
    public var scores: [Double]
    /// Davidson's tie parameter; 0 when there are no ties.
    public var tieParameter: Double
    /// MM updates run, at most `maxIterations`.
    public var iterations: Int
    /// Whether the summed absolute change of the scores (and of the tie parameter) fell below
    /// `tolerance` before `maxIterations` ran out.
    public var converged: Bool
    /// Log-likelihood (natural log) of the tallies at the fitted scores and tie parameter.
    public var logLikelihood: Double
}

/// Bradley-Terry (and, with ties, Davidson) maximum-likelihood fitting over `PairTallies`; see
/// `BradleyTerryFit` for the model and how it relates to crowd-kit 1.4.2.
public enum BradleyTerry {
    /// Fits scores to the tallies by Hunter's (2004) MM iteration from equal scores 1/n, updating
    /// Davidson's tie parameter after each step when there are ties.
    ///
    /// - Parameters:
    /// - t: win and tie counts between options.
    /// - maxIterations: the most updates to run; 2 reproduces crowd-kit 1.4.2's `BradleyTerry`.
    /// - tolerance: stop when the summed absolute change of the scores (and tie parameter) in
    /// one update is below this.
    public static func fit(_ t: PairTallies, maxIterations: Int = 10_000, tolerance: Double = 1e-12) -> BradleyTerryFit
    {
        let n = t.optionCount
        guard n > 0 else {
            return BradleyTerryFit(scores: [], tieParameter: 0, iterations: 0, converged: true, logLikelihood: 0)
        }
        var p = [Double](repeating: 1 / Double(n), count: n)
        let totalTies = t.tieCount
        var nu = totalTies > 0 ? 1.0 : 0.0
        // W_i + T_i / 2: wins, and half of each tie, for the numerator of the update.
        var credit = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n {
                credit[i] += t.wins[i * n + j] + t.ties[i * n + j] / 2
            }
        }
        var iterations = 0
        var converged = false
        var next = p
        while iterations < maxIterations {
            iterations += 1
            for i in 0..<n {
                var denominator = 0.0
                for j in 0..<n where j != i {
                    let comparisons = t.wins[i * n + j] + t.wins[j * n + i] + t.ties[i * n + j]
                    guard comparisons > 0 else { continue }
                    if nu == 0 {
                        denominator += comparisons / (p[i] + p[j])
                    } else {
                        let root = (p[i] * p[j]).squareRoot()
                        let d = p[i] + p[j] + nu * root
                        // d/dp_i of ln D, times p_i: (p_i + nu sqrt(p_i p_j) / 2) / D.
                        denominator +=
                            comparisons * (1 + nu * (p[j] / max(p[i], .leastNormalMagnitude)).squareRoot() / 2) / d
                    }
                }
                next[i] = denominator > 0 ? credit[i] / denominator : 0
            }
            let sum = next.reduce(0, +)
            guard sum > 0 else { break }
            for i in 0..<n { next[i] /= sum }
            var change = 0.0
            for i in 0..<n { change += abs(next[i] - p[i]) }
            p = next
            if nu > 0 {
                var s = 0.0
                for i in 0..<n {
                    for j in (i + 1)..<n {
                        let comparisons = t.wins[i * n + j] + t.wins[j * n + i] + t.ties[i * n + j]
                        guard comparisons > 0 else { continue }
                        let root = (p[i] * p[j]).squareRoot()
                        s += comparisons * root / (p[i] + p[j] + nu * root)
                    }
                }
                let newNu = s > 0 ? totalTies / s : nu
                change += abs(newNu - nu)
                nu = newNu
            }
            if change < tolerance {
                converged = true
                break
            }
        }
        return BradleyTerryFit(
            scores: p, tieParameter: nu, iterations: iterations, converged: converged,
            logLikelihood: logLikelihood(t, p, nu))
    }

    /// Log-likelihood (natural log) of the tallies under Davidson's model with scores `p` and tie
    /// parameter `nu` (`nu` 0: plain Bradley-Terry; the tallies must then hold no ties).
    public static func logLikelihood(_ t: PairTallies, _ p: [Double], _ nu: Double) -> Double {
        let n = t.optionCount
        var ll = 0.0
        for i in 0..<n {
            for j in 0..<n where j != i {
                let root = (p[i] * p[j]).squareRoot()
                let d = p[i] + p[j] + nu * root
                let w = t.wins[i * n + j]
                if w > 0 { ll += w * (log(p[i]) - log(d)) }
                if j > i {
                    let tie = t.ties[i * n + j]
                    if tie > 0 { ll += tie * (log(nu * root) - log(d)) }
                }
            }
        }
        return ll
    }
}

/// What the pairwise judgments buy: preference scores per option and the share of compared
/// pairs whose judges agree enough for the pair to be used (`usefulAgreement`, default 0.8):
/// at least two judgments, the most common choice is a or b, and that choice has at least
/// the agreement share.
public struct PairwiseSummary: Sendable, Codable, Hashable {
    /// Items with at least one valued pairwise judgment (a, b or tie).
    public var pairItems: Int
    /// Valued pairwise judgments on those items.
    public var comparisons: Int
    /// Judgments that chose `tie`, among those with both options named.
    public var ties: Int
    /// The share of an item's judgments its winning choice needs for the pair to be useful, 0-1
    /// (`--useful-agreement`, 0.8 by default).
    public var usefulAgreement: Double
    /// Pair items with at least two judgments whose most common choice is a or b (more often than
    /// tie, and a and b not level) and reaches `usefulAgreement` of the judgments.
    public var usefulPairs: Int
    /// `usefulPairs / pairItems`, a share 0-1; nil when there is no pair item.
    public var usefulShare: Double?
    /// Davidson's tie parameter nu of the fit; 0 when no judgment is a tie.
    public var tieParameter: Double
    /// Whether the Bradley-Terry fit converged (change below 1e-12 within 10,000 updates).
    public var converged: Bool
    /// MM updates the Bradley-Terry fit ran.
    public var iterations: Int
    /// Every option, highest score first (ties in score by option name).
    public var scores: [OptionScore]

    /// One option's Bradley-Terry score and its raw record.
    public struct OptionScore: Sendable, Codable, Hashable {
        /// The option's name, as given in the `a` / `b` fields.
        public var option: String
        /// Bradley-Terry strength: a share of 1 across all options.
        public var score: Double
        /// Judgments that preferred this option over the other.
        public var wins: Int
        /// Judgments that preferred the other option over this one.
        public var losses: Int
        /// Tie judgments between this option and another.
        public var ties: Int
    }
}

/// Pairwise preference judgments (values `a`, `b`, `tie` with both options named) of a
/// `JudgmentSet`: their tallies, Bradley-Terry scores and useful-pair share.
public enum PairwiseAnalysis {
    /// Win and tie counts over the set's options (codes index `JudgmentSet.options`), from every
    /// valued judgment that names both options.
    public static func tallies(_ set: JudgmentSet) -> PairTallies {
        var tallies = PairTallies(optionCount: set.options.count)
        for shard in set.shards where !shard.optionA.isEmpty {
            for i in 0..<shard.judgmentCount {
                let a = shard.optionA[i], b = shard.optionB[i], v = shard.value[i]
                guard a >= 0, b >= 0, v >= 0, let choice = PairChoice(rawValue: set.domain.values[Int(v)].description)
                else { continue }
                tallies.add(a: Int(a), b: Int(b), choice: choice)
            }
        }
        return tallies
    }

    /// The pairwise part of the agreement report: Bradley-Terry scores fitted to convergence and
    /// the share of useful pairs at `usefulAgreement` (a share 0-1).
    public static func summary(_ set: JudgmentSet, usefulAgreement: Double) -> PairwiseSummary {
        let t = tallies(set)
        let fit = BradleyTerry.fit(t)
        var pairItems = 0, useful = 0, comparisons = 0
        let codeA = set.domain.code(of: .label("a")), codeB = set.domain.code(of: .label("b"))
        for shard in set.shards {
            UnitGroups.forEachUnit(shard) { _, members in
                var counts = [0, 0, 0]  // a, b, tie
                for j in members {
                    let v = Int(shard.value[Int(j)])
                    guard v >= 0, !shard.optionA.isEmpty, shard.optionA[Int(j)] >= 0 else { continue }
                    counts[v == codeA ? 0 : v == codeB ? 1 : 2] += 1
                }
                let m = counts.reduce(0, +)
                guard m > 0 else { return }
                pairItems += 1
                comparisons += m
                let top = max(counts[0], counts[1])
                if m >= 2, top > counts[2], counts[0] != counts[1], Double(top) / Double(m) >= usefulAgreement {
                    useful += 1
                }
            }
        }
        let n = t.optionCount
        let scores = (0..<n).map { i -> PairwiseSummary.OptionScore in
            var wins = 0.0, losses = 0.0, ties = 0.0
            for j in 0..<n {
                wins += t.wins[i * n + j]
                losses += t.wins[j * n + i]
                ties += t.ties[i * n + j]
            }
            return PairwiseSummary.OptionScore(
                option: set.options[i], score: fit.scores[i], wins: Int(wins), losses: Int(losses), ties: Int(ties))
        }.sorted { ($0.score, $1.option) > ($1.score, $0.option) }
        return PairwiseSummary(
            pairItems: pairItems, comparisons: comparisons, ties: Int(t.tieCount), usefulAgreement: usefulAgreement,
            usefulPairs: useful,
            usefulShare: pairItems > 0 ? Double(useful) / Double(pairItems) : nil, tieParameter: fit.tieParameter,
            converged: fit.converged, iterations: fit.iterations, scores: scores)
    }
}
