import Foundation

/// How long Dawid-Skene's EM runs (`--ds-iterations`, `--ds-tolerance`).
public struct DawidSkeneOptions: Sendable, Hashable {
    /// crowd-kit's defaults: at most 100 EM iterations, stop when the evidence lower bound
    /// per label improves by less than 1e-5. A tolerance of -infinity runs every iteration.
    public var maxIterations = 100
    /// Stop when the evidence lower bound per label improves by less than this (1e-5);
    /// `-Double.infinity` runs all `maxIterations`.
    public var tolerance = 1e-5

    /// Options with crowd-kit 1.4.2's defaults: 100 iterations, tolerance 1e-5.
    public init(maxIterations: Int = 100, tolerance: Double = 1e-5) {
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }
}

/// Dawid & Skene (1979): each reviewer has a confusion matrix, each item a latent true label;
/// EM estimates both. This follows crowd-kit 1.4.2's `DawidSkene` step for step so the results
/// match it: majority-vote shares to start, confusion counts clipped at 1e-10 for the labels a
/// reviewer used, priors clipped at 1e-10, the E-step in base 2, convergence on the evidence
/// lower bound per label (whose prior term crowd-kit counts once per label, not per item).
///
/// The M-step needs only expected counts (per reviewer, observed label and true label) and the
/// bound needs only those counts and per-item entropies; each shard computes its part and the
/// parts add up, so items can be spread over workers or machines.
public struct DawidSkeneFit: Sendable {
    /// K, the number of classes: the value domain's size (1 for an empty domain).
    public let classCount: Int
    /// Reviewers in the set; `errors` is indexed by their codes.
    public let reviewerCount: Int
    /// EM iterations run (E-step and M-step), at most `DawidSkeneOptions.maxIterations`.
    public let iterations: Int
    /// Whether the bound per label improved by less than the tolerance before the iterations ran out.
    public let converged: Bool
    /// The evidence lower bound divided by the number of labels after each iteration (crowd-kit's
    /// `loss_history_`; higher is better).
    public let lossHistory: [Double]
    /// Prior of each true class (clipped at 1e-10, as crowd-kit reports it).
    public let priors: [Double]
    /// errors[reviewer][observed * K + true]: P(reviewer says observed | item is true).
    public let errors: [[Double]]
    /// Per shard, per unit: K posteriors (clipped at 1e-10), or empty for an unlabelled unit.
    let posteriors: [[Double]]
    let shardUnits: [Int]
    let labelled: [[Bool]]
    let shards: [JudgmentShard]

    /// How often the reviewer gives the true label, weighted by the class priors.
    public func reviewerAccuracy(_ reviewer: Int) -> Double? {
        let e = errors[reviewer]
        guard !e.isEmpty else { return nil }
        var accuracy = 0.0
        for c in 0..<classCount { accuracy += priors[c] * e[c * classCount + c] }
        return accuracy
    }

    /// Classes in the order exact ties are broken: first appearance in the input.
    let tieOrder: [Int]

    /// The aggregated label of every labelled item: (item, code, posterior of that code); an
    /// exact tie goes to the class that appeared first in the input, as in crowd-kit.
    public func labels() -> [(item: String, code: Int, posterior: Double)] {
        var result: [(String, Int, Double)] = []
        for s in posteriors.indices {
            let k = classCount
            for u in 0..<shardUnits[s] where labelled[s][u] {
                var best = tieOrder[0]
                for c in tieOrder.dropFirst() where posteriors[s][u * k + c] > posteriors[s][u * k + best] { best = c }
                result.append((shards[s].items.string(Int32(u)), best, posteriors[s][u * k + best]))
            }
        }
        return result
    }

    /// Posteriors by item name (tests and small exports).
    public func posteriorsByItem() -> [String: [Double]] {
        var result: [String: [Double]] = [:]
        for s in posteriors.indices {
            for u in 0..<shardUnits[s] where labelled[s][u] {
                result[shards[s].items.string(Int32(u))] = Array(
                    posteriors[s][(u * classCount)..<((u + 1) * classCount)])
            }
        }
        return result
    }

    /// The report's summary of the fit, with priors and label counts keyed by the domain's value
    /// text.
    public func summary(domain: ValueDomain) -> DawidSkeneSummary {
        let labels = self.labels()
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label.code] += 1 }
        // An empty set is fitted with one placeholder class that has no name: report none.
        let named = 0..<min(classCount, domain.values.count)
        return DawidSkeneSummary(
            iterations: iterations, converged: converged, finalLossPerLabel: lossHistory.last,
            priors: Dictionary(uniqueKeysWithValues: named.map { (domain.values[$0].description, priors[$0]) }),
            labelCounts: Dictionary(uniqueKeysWithValues: named.map { (domain.values[$0].description, counts[$0]) }),
            meanPosterior: labels.isEmpty ? nil : labels.reduce(0) { $0 + $1.posterior } / Double(labels.count))
    }
}

/// The Dawid-Skene part of the agreement report (`agree --dawid-skene`).
public struct DawidSkeneSummary: Sendable, Codable, Hashable {
    /// EM iterations run.
    public var iterations: Int
    /// Whether EM stopped on the tolerance rather than the iteration limit.
    public var converged: Bool
    /// The last evidence lower bound per label; nil when no iteration ran.
    public var finalLossPerLabel: Double?
    /// Estimated prior of each true class, by value text; shares 0-1 (clipped at 1e-10).
    public var priors: [String: Double]
    /// Items given each value as their aggregated label, by value text.
    public var labelCounts: [String: Int]
    /// Mean posterior of the chosen label: how sure the aggregate is.
    public var meanPosterior: Double?
}

/// Dawid-Skene aggregation: fits reviewer confusion matrices and item posteriors by EM; see
/// `DawidSkeneFit`.
public enum DawidSkene {
    static let epsilon = 1e-10

    /// A shard's labels grouped by unit, contiguous for the EM loops.
    struct Grouped: Sendable {
        var starts: [Int32] = [0]
        var reviewer: [Int32] = []
        var value: [Int32] = []
        var units = 0
    }

    static func group(_ shard: JudgmentShard) -> Grouped {
        var g = Grouped()
        g.units = shard.unitCount
        g.starts = [Int32](repeating: 0, count: shard.unitCount + 1)
        g.reviewer.reserveCapacity(shard.judgmentCount)
        g.value.reserveCapacity(shard.judgmentCount)
        var filled = 0
        UnitGroups.forEachUnit(shard) { unit, members in
            for u in filled...Int(unit) { g.starts[u] = Int32(g.reviewer.count) }
            for j in members where shard.value[Int(j)] >= 0 {
                g.reviewer.append(shard.reviewer[Int(j)])
                g.value.append(shard.value[Int(j)])
            }
            filled = Int(unit) + 1
        }
        for u in filled...shard.unitCount { g.starts[u] = Int32(g.reviewer.count) }
        return g
    }

    /// Per-shard sums of one EM round.
    struct Partial: Sendable {
        var expected: [Double]  // reviewer * K * K + observed * K + true
        var priorSums: [Double]  // sum over labelled units of the posterior
        var units = 0
        var labels = 0
        var entropy = 0.0
    }

    /// Runs EM from majority-vote shares until the bound per label improves by less than
    /// `options.tolerance` or `options.maxIterations` have run, one shard per worker. Matches
    /// crowd-kit 1.4.2's `DawidSkene` (iterations, loss history, priors, errors, posteriors to 1e-9).
    public static func fit(_ set: JudgmentSet, options: DawidSkeneOptions = DawidSkeneOptions()) -> DawidSkeneFit {
        let k = max(1, set.domain.count)
        let reviewers = set.reviewers.count
        let shards = set.shards
        let groups = ParallelShards.map(shards.count) { s in group(shards[s]) }

        // Start: majority-vote shares.
        var posteriors = ParallelShards.map(groups.count) { s in majorityShares(groups[s], k: k) }
        var partials = mStepPartials(groups: groups, posteriors: posteriors, k: k, reviewers: reviewers, entropy: false)
        var (priors, errors, _, _) = combine(partials, k: k, reviewers: reviewers)
        var history: [Double] = []
        var loss = -Double.infinity
        var converged = false
        var iterations = 0
        for _ in 0..<options.maxIterations {
            iterations += 1
            let clippedPriors = priors.map { max($0, epsilon) }
            let logPriors2 = clippedPriors.map { log2($0) }
            let logErrors2 = errors.map { max($0, 0) > 0 ? log2($0) : -Double.infinity }
            let shardPosteriors = ParallelShards.map(groups.count) { s in
                eStep(groups[s], logPriors: logPriors2, logErrors: logErrors2, k: k)
            }
            posteriors = shardPosteriors
            partials = mStepPartials(groups: groups, posteriors: posteriors, k: k, reviewers: reviewers, entropy: true)
            let combined = combine(partials, k: k, reviewers: reviewers)
            priors = combined.priors
            errors = combined.errors
            let newLoss = combined.elbo / Double(max(1, combined.labels))
            history.append(newLoss)
            if newLoss - loss < options.tolerance {
                converged = true
                break
            }
            loss = newLoss
        }
        let finalPosteriors = posteriors.map { $0.map { max($0, epsilon) } }
        var perReviewer = [[Double]](repeating: [], count: reviewers)
        for r in 0..<reviewers
        where partials.contains(where: { p in (0..<(k * k)).contains { p.expected[r * k * k + $0] != 0 } }) {
            perReviewer[r] = Array(errors[(r * k * k)..<((r + 1) * k * k)])
        }
        let labelled = groups.map { g in (0..<g.units).map { g.starts[$0 + 1] > g.starts[$0] } }
        return DawidSkeneFit(
            classCount: k, reviewerCount: reviewers, iterations: iterations, converged: converged, lossHistory: history,
            priors: priors.map { max($0, epsilon) }, errors: perReviewer, posteriors: finalPosteriors,
            shardUnits: groups.map(\.units),
            labelled: labelled, shards: shards,
            tieOrder: set.appearanceRank.count == k
                ? (0..<k).sorted { set.appearanceRank[$0] < set.appearanceRank[$1] } : Array(0..<k))
    }

    /// Majority-vote shares: each unit's posterior starts as the share of its labels in each class.
    static func majorityShares(_ g: Grouped, k: Int) -> [Double] {
        var post = [Double](repeating: 0, count: g.units * k)
        let starts = g.starts.span, value = g.value.span
        for u in 0..<g.units {
            let lo = Int(starts[u]), hi = Int(starts[u + 1])
            guard hi > lo else { continue }
            for j in lo..<hi { post[u * k + Int(value[j])] += 1 }
            let share = 1 / Double(hi - lo)
            for c in 0..<k { post[u * k + c] *= share }
        }
        return post
    }

    /// SAFETY (the `unchecked:` reads in the E- and M-steps): reviewer codes are below
    /// `reviewers` and value codes below `k` (`JudgmentSetFinisher` wrote them), so
    /// `reviewer * k * k + value * k + c` is below `reviewers * k * k`, the size of the error and
    /// expected-count tables; `u * k + c` is below `units * k`, the size of the posteriors; and
    /// `c` is below `k`, the size of the row and of the priors; `starts` (from `group`) rises
    /// from 0 to the label count in `units + 1` entries, so `u + 1 <= units` and every `j` in
    /// `starts[u]..<starts[u + 1]` indexes the reviewer and value columns.
    ///
    /// The E-step: each unit's posterior over true classes, proportional to
    /// prior(c) * product over its labels l by reviewer r of error_r(l | c), in base 2 and
    /// shifted by the largest term before exponentiating (as crowd-kit computes it).
    static func eStep(_ g: Grouped, logPriors: [Double], logErrors: [Double], k: Int) -> [Double] {
        var posteriors = [Double](repeating: 0, count: g.units * k)
        var rowValues = [Double](repeating: 0, count: k)
        let starts = g.starts.span, reviewer = g.reviewer.span, value = g.value.span
        let logErrors = logErrors.span, logPriors = logPriors.span
        var post = posteriors.mutableSpan
        var row = rowValues.mutableSpan
        for u in 0..<g.units {
            let lo = Int(starts[unchecked: u]), hi = Int(starts[unchecked: u + 1])
            guard hi > lo else { continue }
            for c in 0..<k { row[unchecked: c] = 0 }
            for j in lo..<hi {
                let base = Int(reviewer[unchecked: j]) * k * k + Int(value[unchecked: j]) * k
                for c in 0..<k { row[unchecked: c] += logErrors[unchecked: base + c] }
            }
            // crowd-kit adds the log prior to the summed log likelihoods.
            var top = -Double.infinity
            for c in 0..<k {
                row[unchecked: c] = logPriors[unchecked: c] + row[unchecked: c]
                if row[unchecked: c] > top { top = row[unchecked: c] }
            }
            var sum = 0.0
            for c in 0..<k {
                row[unchecked: c] = exp2(row[unchecked: c] - top)
                sum += row[unchecked: c]
            }
            for c in 0..<k { post[unchecked: u * k + c] = row[unchecked: c] / sum }
        }
        _ = consume post
        _ = consume row
        return posteriors
    }

    /// One shard's part of the M-step for every shard: expected counts of (reviewer, observed
    /// label, true class), the posterior mass of each class, and the posteriors' entropy for
    /// the bound.
    static func mStepPartials(groups: [Grouped], posteriors: [[Double]], k: Int, reviewers: Int, entropy: Bool)
        -> [Partial]
    {
        ParallelShards.map(groups.count) { s in
            mStepPartial(groups[s], posteriors: posteriors[s], k: k, reviewers: reviewers, entropy: entropy)
        }
    }

    static func mStepPartial(_ g: Grouped, posteriors: [Double], k: Int, reviewers: Int, entropy: Bool) -> Partial {
        var expectedCounts = [Double](repeating: 0, count: reviewers * k * k)
        var priorSums = [Double](repeating: 0, count: k)
        var units = 0, labels = 0
        var entropySum = 0.0
        let starts = g.starts.span, reviewer = g.reviewer.span, value = g.value.span
        let post = posteriors.span
        var expected = expectedCounts.mutableSpan
        for u in 0..<g.units {
            let lo = Int(starts[unchecked: u]), hi = Int(starts[unchecked: u + 1])
            guard hi > lo else { continue }
            units += 1
            labels += hi - lo
            for c in 0..<k {
                let p = post[unchecked: u * k + c]
                priorSums[c] += p
                if entropy {
                    let clipped = max(p, epsilon)
                    entropySum -= log(clipped) * clipped
                }
            }
            for j in lo..<hi {
                let base = Int(reviewer[unchecked: j]) * k * k + Int(value[unchecked: j]) * k
                for c in 0..<k { expected[unchecked: base + c] += post[unchecked: u * k + c] }
            }
        }
        _ = consume expected
        return Partial(
            expected: expectedCounts, priorSums: priorSums, units: units, labels: labels, entropy: entropySum)
    }

    /// The M-step from merged partials, and the evidence lower bound of the posteriors the
    /// partials came from under the new parameters (crowd-kit's order).
    static func combine(_ partials: [Partial], k: Int, reviewers: Int) -> (
        priors: [Double], errors: [Double], elbo: Double, labels: Int
    ) {
        var expected = [Double](repeating: 0, count: reviewers * k * k)
        var priorSums = [Double](repeating: 0, count: k)
        var units = 0, labels = 0
        var entropy = 0.0
        for p in partials {
            for i in expected.indices { expected[i] += p.expected[i] }
            for c in 0..<k { priorSums[c] += p.priorSums[c] }
            units += p.units
            labels += p.labels
            entropy += p.entropy
        }
        var errors = [Double](repeating: 0, count: reviewers * k * k)
        for r in 0..<reviewers {
            let base = r * k * k
            // Only the labels this reviewer used have rows; those are clipped, then columns normalised.
            var used = [Bool](repeating: false, count: k)
            for l in 0..<k {
                for c in 0..<k where expected[base + l * k + c] != 0 { used[l] = true }
            }
            for c in 0..<k {
                var column = 0.0
                for l in 0..<k where used[l] { column += max(expected[base + l * k + c], epsilon) }
                guard column > 0 else { continue }
                for l in 0..<k where used[l] {
                    errors[base + l * k + c] = max(expected[base + l * k + c], epsilon) / column
                }
            }
        }
        let priors = priorSums.map { units > 0 ? $0 / Double(units) : 0 }
        // Joint expectation: sum over labels of posterior * (ln error + ln prior), which is
        // sum of expected counts * ln error plus per-label prior mass * ln prior.
        var joint = 0.0
        var labelMass = [Double](repeating: 0, count: k)
        for i in expected.indices where expected[i] != 0 {
            joint += expected[i] * log(errors[i])
            labelMass[i % k] += expected[i]
        }
        for c in 0..<k { joint += labelMass[c] * log(max(priors[c], epsilon)) }
        return (priors, errors, joint + entropy, labels)
    }
}
