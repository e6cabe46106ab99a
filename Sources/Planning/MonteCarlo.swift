import Signal
import WorkModel

/// P10, P50 and P90 (and the mean) of cost, duration and cost per useful pair, from seeded
/// draws of every tier's throughput, rate and agreement from their low-mode-high triangles.
public struct MonteCarloSummary: Sendable, Codable, Hashable {
    public struct Spread: Sendable, Codable, Hashable {
        public var mean: Double
        public var p10: Double
        public var p50: Double
        public var p90: Double
    }

    public var draws: Int
    public var seed: UInt64
    public var cost: Spread
    public var weeks: Spread
    public var usefulPairs: Spread
    public var costPerUsefulPair: Spread?
}

public enum MonteCarlo {
    /// A triangular draw by inverting its distribution function.
    @inline(__always)
    static func triangular(_ estimate: Estimate, _ u: Double) -> Double {
        let low = estimate.low, mode = estimate.mode, high = estimate.high
        guard high > low else { return mode }
        let split = (mode - low) / (high - low)
        return u < split ? low + ((u * (high - low) * (mode - low))).squareRoot()
                         : high - (((1 - u) * (high - low) * (high - mode))).squareRoot()
    }

    /// Every draw's outcome, in draw order (the same seed gives the same draws).
    static func outcomes(_ spec: ProgramSpec) -> (cost: [Double], weeks: [Double], useful: [Double]) {
        let model = PlanModel(spec)
        var random = SeededRandom(seed: spec.seed)
        var costs = [Double](repeating: 0, count: spec.draws)
        var weeks = [Double](repeating: 0, count: spec.draws)
        var useful = [Double](repeating: 0, count: spec.draws)
        for draw in 0..<spec.draws {
            var cost = model.autoCost
            var slowest = 0.0
            var pairs = model.autoUseful
            for load in model.loads {
                let tier = load.tier
                let result = model.tier(load, throughput: triangular(tier.throughput, random.uniform()),
                                        rate: triangular(tier.rate, random.uniform()), agreement: triangular(tier.agreement, random.uniform()))
                cost += result.cost
                slowest = max(slowest, result.weeks)
                pairs += result.useful
            }
            costs[draw] = cost
            weeks[draw] = slowest
            useful[draw] = pairs
        }
        return (costs, weeks, useful)
    }

    public static func run(_ spec: ProgramSpec) -> MonteCarloSummary {
        let (costs, weeks, useful) = outcomes(spec)
        let perPair = zip(costs, useful).compactMap { cost, pairs in pairs > 0 ? cost / pairs : nil }
        return MonteCarloSummary(draws: spec.draws, seed: spec.seed, cost: spread(costs, places: 0), weeks: spread(weeks, places: 2),
                                 usefulPairs: spread(useful, places: 0),
                                 costPerUsefulPair: perPair.count == costs.count ? spread(perPair, places: 4) : nil)
    }

    /// Percentiles by the nearest-rank rule on the sorted draws.
    static func spread(_ values: [Double], places: Int) -> MonteCarloSummary.Spread {
        let sorted = values.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(rank, 0), sorted.count - 1)]
        }
        let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        return .init(mean: Format.round(mean, places: places), p10: Format.round(percentile(0.1), places: places),
                     p50: Format.round(percentile(0.5), places: places), p90: Format.round(percentile(0.9), places: places))
    }
}
