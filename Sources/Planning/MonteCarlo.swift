import Dispatch
import Signal
import WorkModel

/// P10, P50 and P90 (and the mean) of cost, duration and cost per useful pair, from seeded
/// draws of every tier's throughput, rate and agreement from their low-mode-high triangles.
package struct MonteCarloSummary: Sendable, Codable, Hashable {
    package struct Spread: Sendable, Codable, Hashable {
        package var mean: Double
        package var p10: Double
        package var p50: Double
        package var p90: Double
    }

    package var draws: Int
    package var seed: UInt64
    package var cost: Spread
    package var weeks: Spread
    package var usefulPairs: Spread
    package var costPerUsefulPair: Spread?
    /// The share of draws costing no more than the point plan's total (its percentile), when the plan gives one.
    package var pointCostPercentile: Double?
}

/// SAFETY: the draw buffers are borrowed from three local arrays for the length of the concurrent loop,
/// which returns before they are read; chunks write disjoint index ranges (see `Output`).
package enum MonteCarlo {
    /// The value of rank `k` (0-based) in ascending order; reorders `values` around it (Hoare
    /// partitioning with a median-of-three pivot).
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        var low = 0, high = values.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            let a = values[low], b = values[middle], c = values[high]
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }

    /// A triangular draw by inverting its distribution function.
    @inline(__always)
    static func triangular(_ estimate: Estimate, _ u: Double) -> Double {
        let low = estimate.low, mode = estimate.mode, high = estimate.high
        guard high > low else { return mode }
        let split = (mode - low) / (high - low)
        return u < split
            ? low + ((u * (high - low) * (mode - low))).squareRoot()
            : high - (((1 - u) * (high - low) * (high - mode))).squareRoot()
    }

    /// Draws run in this many fixed chunks, each with its own stream from the seed, so the numbers
    /// depend on the seed alone and not on how many cores the machine has.
    static let chunks = 8

    /// Every draw's outcome, in draw order (the same seed gives the same draws, whether the chunks
    /// run side by side or one after another).
    static func outcomes<Failure>(_ spec: ProgramSpec, budget: PlanBudget<Failure>) throws(Failure)
        -> (cost: [Double], weeks: [Double], useful: [Double])
    {
        let model = PlanModel(spec)
        let count = spec.draws
        var costs = [Double](repeating: 0, count: count)
        var weeks = [Double](repeating: 0, count: count)
        var useful = [Double](repeating: 0, count: count)
        let stop: @Sendable () -> Bool = { budget.stopReason() != nil }
        costs.withUnsafeMutableBufferPointer { costBuffer in
            weeks.withUnsafeMutableBufferPointer { weekBuffer in
                useful.withUnsafeMutableBufferPointer { usefulBuffer in
                    let output = Output(cost: costBuffer, weeks: weekBuffer, useful: usefulBuffer)
                    let seed = spec.seed
                    let runChunk: @Sendable (Int) -> Void = { chunk in
                        let range = (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
                        draw(
                            model, range: range, seed: seed ^ (UInt64(chunk) &* 0x9E37_79B9_7F4A_7C15), into: output,
                            stop: stop)
                    }
                    if budget.parallel {
                        DispatchQueue.concurrentPerform(iterations: chunks, execute: runChunk)
                    } else {
                        for chunk in 0..<chunks { runChunk(chunk) }
                    }
                }
            }
        }
        // A chunk that stopped early left zeros behind; the budget says why, and nothing is summarised.
        try budget.check()
        return (costs, weeks, useful)
    }

    /// Where the chunks write.
    ///
    /// SAFETY: `@unchecked Sendable` holds because chunk `c` writes only the elements of its
    /// own draw range (ranges are disjoint), the buffers outlive the concurrent loop that
    /// writes them, and they are read only after it returns.
    struct Output: @unchecked Sendable {
        let cost: UnsafeMutableBufferPointer<Double>
        let weeks: UnsafeMutableBufferPointer<Double>
        let useful: UnsafeMutableBufferPointer<Double>
    }

    static func draw(
        _ model: PlanModel, range: Range<Int>, seed: UInt64, into output: Output, stop: () -> Bool = { false }
    ) {
        var random = SeededRandom(seed: seed)
        for draw in range {
            if (draw - range.lowerBound) % BudgetCheck.everyDraws == 0 && stop() { return }
            var cost = model.autoCost
            var slowest = 0.0
            var pairs = model.autoUseful
            for load in model.loads {
                let result = model.tier(
                    load, throughput: triangular(load.throughput, random.uniform()),
                    rate: triangular(load.rate, random.uniform()),
                    agreement: triangular(load.agreement, random.uniform()))
                cost += result.cost
                slowest = max(slowest, result.weeks)
                pairs += result.useful
            }
            output.cost[draw] = cost
            output.weeks[draw] = slowest
            output.useful[draw] = pairs
        }
    }

    package static func run(_ spec: ProgramSpec) -> MonteCarloSummary {
        run(spec, budget: PlanBudget<Never>.unlimited)
    }

    /// As `run(_:)`, stopping with the budget's reason when it runs out.
    package static func run<Failure>(_ spec: ProgramSpec, budget: PlanBudget<Failure>, pointCost: Double? = nil)
        throws(Failure) -> MonteCarloSummary
    {
        let (costs, weeks, useful) = try outcomes(spec, budget: budget)
        let perPair = zip(costs, useful).compactMap { cost, pairs in pairs > 0 ? cost / pairs : nil }
        let percentile = pointCost.flatMap { point in
            costs.isEmpty
                ? nil : Format.round(Double(costs.lazy.filter { $0 <= point }.count) / Double(costs.count), places: 4)
        }
        return MonteCarloSummary(
            draws: spec.draws, seed: spec.seed, cost: spread(costs, places: 0), weeks: spread(weeks, places: 2),
            usefulPairs: spread(useful, places: 0),
            costPerUsefulPair: perPair.count == costs.count ? spread(perPair, places: 4) : nil,
            pointCostPercentile: percentile)
    }

    /// Percentiles by the nearest-rank rule, found by selection rather than a full sort: three
    /// ranks out of a hundred thousand draws need only a few partitioning passes.
    static func spread(_ values: [Double], places: Int) -> MonteCarloSummary.Spread {
        var work = values
        func percentile(_ p: Double) -> Double {
            guard !work.isEmpty else { return 0 }
            let rank = min(max(Int((p * Double(work.count)).rounded(.up)) - 1, 0), work.count - 1)
            return select(&work, rank)
        }
        let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        return .init(
            mean: Format.round(mean, places: places), p10: Format.round(percentile(0.1), places: places),
            p50: Format.round(percentile(0.5), places: places), p90: Format.round(percentile(0.9), places: places))
    }
}
