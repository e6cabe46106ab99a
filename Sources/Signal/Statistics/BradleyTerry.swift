import Foundation

/// Pairwise preferences as counts: how often option i beat j, and how often they tied. The
/// win and tie matrices add up across files and shards.
public struct PairTallies: Sendable, Hashable {
    public let optionCount: Int
    /// wins[i * n + j]: judgments preferring i over j.
    public var wins: [Double]
    /// ties[i * n + j] (symmetric).
    public var ties: [Double]

    public init(optionCount: Int) {
        self.optionCount = optionCount
        wins = [Double](repeating: 0, count: optionCount * optionCount)
        ties = wins
    }

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

    public mutating func merge(_ other: PairTallies) {
        for i in wins.indices {
            wins[i] += other.wins[i]
            ties[i] += other.ties[i]
        }
    }

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
    public var scores: [Double]
    /// Davidson's tie parameter; 0 when there are no ties.
    public var tieParameter: Double
    public var iterations: Int
    public var converged: Bool
    public var logLikelihood: Double
}

public enum BradleyTerry {
    public static func fit(_ t: PairTallies, maxIterations: Int = 10_000, tolerance: Double = 1e-12) -> BradleyTerryFit {
        let n = t.optionCount
        guard n > 0 else { return BradleyTerryFit(scores: [], tieParameter: 0, iterations: 0, converged: true, logLikelihood: 0) }
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
                        denominator += comparisons * (1 + nu * (p[j] / max(p[i], .leastNormalMagnitude)).squareRoot() / 2) / d
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
        return BradleyTerryFit(scores: p, tieParameter: nu, iterations: iterations, converged: converged, logLikelihood: logLikelihood(t, p, nu))
    }

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
    public var pairItems: Int
    public var comparisons: Int
    public var ties: Int
    public var usefulAgreement: Double
    public var usefulPairs: Int
    public var usefulShare: Double?
    public var tieParameter: Double
    public var converged: Bool
    public var iterations: Int
    public var scores: [OptionScore]

    public struct OptionScore: Sendable, Codable, Hashable {
        public var option: String
        public var score: Double
        public var wins: Int
        public var losses: Int
        public var ties: Int
    }
}

public enum PairwiseAnalysis {
    public static func tallies(_ set: JudgmentSet) -> PairTallies {
        var tallies = PairTallies(optionCount: set.options.count)
        for shard in set.shards where !shard.optionA.isEmpty {
            for i in 0..<shard.judgmentCount {
                let a = shard.optionA[i], b = shard.optionB[i], v = shard.value[i]
                guard a >= 0, b >= 0, v >= 0, let choice = PairChoice(rawValue: set.domain.values[Int(v)].description) else { continue }
                tallies.add(a: Int(a), b: Int(b), choice: choice)
            }
        }
        return tallies
    }

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
                if m >= 2, top > counts[2], counts[0] != counts[1], Double(top) / Double(m) >= usefulAgreement { useful += 1 }
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
            return PairwiseSummary.OptionScore(option: set.options[i], score: fit.scores[i], wins: Int(wins), losses: Int(losses), ties: Int(ties))
        }.sorted { ($0.score, $1.option) > ($1.score, $0.option) }
        return PairwiseSummary(
            pairItems: pairItems, comparisons: comparisons, ties: Int(t.tieCount), usefulAgreement: usefulAgreement, usefulPairs: useful,
            usefulShare: pairItems > 0 ? Double(useful) / Double(pairItems) : nil, tieParameter: fit.tieParameter,
            converged: fit.converged, iterations: fit.iterations, scores: scores)
    }
}
