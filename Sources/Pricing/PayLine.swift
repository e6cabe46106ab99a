import Foundation
public import ReferenceData
public import WorkModel

/// The market pay line: pay at any point total, running through the benchmark roles' own P50s.
///
/// Each benchmark's P50, net of its premiums and of its market's location differential, is a
/// knot at its points. Between two knots the midpoint is interpolated in log space (slotting a
/// role between its neighbouring benchmarks); beyond the first and last knot it follows the
/// least-squares slope of ln(P50) on points over all benchmarks. Benchmarks at equal points are
/// pooled (geometric mean), and knots that would make pay fall as points rise are pooled by
/// isotonic regression, so pay never falls when points rise; `calibration` shows any residual
/// that pooling leaves.
public struct PayLine: Sendable, Hashable {
    /// The least-squares reference fit: the slope used beyond the benchmarks, and R² as a measure
    /// of how well one straight line alone would explain them.
    public var intercept: Double
    public var slope: Double
    public var rSquared: Double
    public var points: [BenchmarkPoint]
    /// Knots in ascending points, with non-decreasing ln(midpoint USD/h) in the US national market.
    public var knots: [Knot]

    public struct BenchmarkPoint: Sendable, Hashable {
        public var id: String
        public var points: Double
        public var p50HourlyUSD: Double
        /// The benchmark's own premium multiplier, divided out before the knot is placed.
        public var premiumMultiplier: Double
        /// Its market's differential against the US national level, divided out likewise.
        public var marketFactor: Double
        /// The market in words, e.g. "IN (Bengaluru)".
        public var market: String
        public var jurisdiction: String
        public var locality: String?
        public var ref: SourceRef

        public init(
            id: String, points: Double, p50HourlyUSD: Double, premiumMultiplier: Double, marketFactor: Double = 1,
            jurisdiction: String = "US", locality: String? = nil, ref: SourceRef
        ) {
            self.id = id
            self.points = points
            self.p50HourlyUSD = p50HourlyUSD
            self.premiumMultiplier = premiumMultiplier
            self.marketFactor = marketFactor
            self.jurisdiction = jurisdiction
            self.locality = locality
            self.market = jurisdiction + (locality.map { " (\($0))" } ?? "")
            self.ref = ref
        }

        /// Whether this benchmark was observed in the market a role is priced in: the same
        /// jurisdiction (or the role's country), and the same locality where the benchmark names one.
        public func observed(in jurisdiction: String, locality place: String?) -> Bool {
            guard ReferenceSet.chain(jurisdiction).contains(self.jurisdiction) else { return false }
            guard let locality else { return true }
            guard let place else { return false }
            return PlaceNames.names(PlaceNames.words(place), locality)
        }

        /// ln(P50) net of premiums and market: what the line must pass through at `points`.
        var netLog: Double { log(p50HourlyUSD / premiumMultiplier / marketFactor) }
    }

    public struct Knot: Sendable, Hashable {
        public var points: Double
        public var logMidUSD: Double
        /// The benchmarks pooled into this knot.
        public var benchmarks: [String]
        public var midUSD: Double { exp(logMidUSD) }
    }

    /// Where a point total sits on the line, in words a reviewer can check.
    public enum Placement: Sendable, Hashable {
        case at(Knot)
        case between(Knot, Knot)
        case below(Knot)
        case above(Knot)
    }

    public enum FitError: Error, Sendable, CustomStringConvertible, Equatable {
        case tooFewBenchmarks(Int)
        case identicalPoints
        case nonPositiveSlope(Double)

        public var description: String {
            switch self {
            case .tooFewBenchmarks(let count): "the pay line needs at least two benchmark roles, found \(count)"
            case .identicalPoints: "the benchmark roles all score the same points; the pay line has no slope"
            case .nonPositiveSlope(let slope):
                "the benchmark roles' pay falls as points rise (least-squares slope \(Format.number(slope, maxPlaces: 6))); check the benchmark roles and factor tables"
            }
        }
    }

    /// Midpoint in USD per hour in the US national market for a point total, before premiums.
    public func midpointUSD(points: Double) -> Double {
        guard let first = knots.first, let last = knots.last else { return exp(intercept + slope * points) }
        if points <= first.points { return exp(first.logMidUSD + slope * (points - first.points)) }
        if points >= last.points { return exp(last.logMidUSD + slope * (points - last.points)) }
        // Knots are few (one per benchmark); a linear walk is as fast as a search here.
        var lower = first
        for upper in knots.dropFirst() {
            if points <= upper.points {
                let share = (points - lower.points) / (upper.points - lower.points)
                return exp(lower.logMidUSD + (upper.logMidUSD - lower.logMidUSD) * share)
            }
            lower = upper
        }
        return exp(last.logMidUSD)
    }

    public func placement(points: Double) -> Placement {
        guard let first = knots.first, let last = knots.last else {
            return .below(Knot(points: 0, logMidUSD: 0, benchmarks: []))
        }
        if let exact = knots.first(where: { $0.points == points }) { return .at(exact) }
        if points < first.points { return .below(first) }
        if points > last.points { return .above(last) }
        for (lower, upper) in zip(knots, knots.dropFirst()) where points > lower.points && points < upper.points {
            return .between(lower, upper)
        }
        return .above(last)
    }

    /// The placement in words: "slotted between prompt-engineer (310 points, 50.99 USD/h) and ...".
    public func describe(points: Double) -> String {
        func knot(_ knot: Knot) -> String {
            "\(knot.benchmarks.joined(separator: " + ")) (\(Format.number(knot.points)) points, \(Format.money(knot.midUSD)) USD/h)"
        }
        switch placement(points: points) {
        case .at(let at): return "at the benchmark \(knot(at))"
        case .between(let lower, let upper):
            return "slotted between \(knot(lower)) and \(knot(upper)), interpolated in log space"
        case .below(let first):
            return
                "below the lowest benchmark \(knot(first)): extended at the fitted slope \(Format.number(slope, maxPlaces: 6)) ln(USD/h) per point"
        case .above(let last):
            return
                "above the highest benchmark \(knot(last)): extended at the fitted slope \(Format.number(slope, maxPlaces: 6)) ln(USD/h) per point"
        }
    }

    public static func fit(reference: ReferenceSet) throws(FitError) -> PayLine {
        try fit(samples(reference))
    }

    /// The benchmarks as points on the line: scored, with their premiums and market differential.
    public static func samples(_ reference: ReferenceSet) -> [BenchmarkPoint] {
        reference.pricedBenchmarks.map { benchmark in
            BenchmarkPoint(
                id: benchmark.id,
                points: PointScore.score(benchmark.factors, tables: reference.factors).total,
                p50HourlyUSD: benchmark.p50HourlyUSD,
                premiumMultiplier: Premiums.applicable(to: benchmark.factors, in: reference).multiplier,
                marketFactor: reference.locationFactor(benchmark.market, locality: benchmark.locality)?.factor ?? 1,
                jurisdiction: benchmark.market, locality: benchmark.locality,
                ref: benchmark.ref)
        }
    }

    /// `preferring` picks, among benchmarks at the same points, the ones observed in the market a
    /// role is priced in: a survey median for Bengaluru prices Bengaluru, not the pooled US
    /// equivalent of every market's median.
    public static func fit(_ samples: [BenchmarkPoint], preferring: (BenchmarkPoint) -> Bool = { _ in false })
        throws(FitError) -> PayLine
    {
        guard samples.count >= 2 else { throw .tooFewBenchmarks(samples.count) }
        let n = Double(samples.count)
        let xs = samples.map(\.points)
        let ys = samples.map(\.netLog)
        let meanX = xs.reduce(0, +) / n, meanY = ys.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) {
            sxx += (x - meanX) * (x - meanX)
            sxy += (x - meanX) * (y - meanY)
            syy += (y - meanY) * (y - meanY)
        }
        guard sxx > 0 else { throw .identicalPoints }
        let slope = sxy / sxx
        guard slope > 0 else { throw .nonPositiveSlope(slope) }
        let rSquared = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1
        return PayLine(
            intercept: meanY - slope * meanX, slope: slope, rSquared: rSquared, points: samples,
            knots: knots(samples, preferring: preferring))
    }

    /// Benchmarks at equal points pooled, then adjacent knots pooled (weighted by how many
    /// benchmarks each holds) wherever the later one would pay less: isotonic regression by
    /// pool-adjacent-violators in log space.
    static func knots(_ samples: [BenchmarkPoint], preferring: (BenchmarkPoint) -> Bool) -> [Knot] {
        // At each point total, the benchmarks observed in the preferred market, if there are any.
        let preferredPoints = Set(samples.filter(preferring).map(\.points))
        let chosen = samples.filter { !preferredPoints.contains($0.points) || preferring($0) }
        var groups: [(points: Double, sum: Double, count: Double, ids: [String])] = []
        for sample in chosen.sorted(by: { ($0.points, $0.id) < ($1.points, $1.id) }) {
            if let last = groups.last, last.points == sample.points {
                groups[groups.count - 1].sum += sample.netLog
                groups[groups.count - 1].count += 1
                groups[groups.count - 1].ids.append(sample.id)
            } else {
                groups.append((sample.points, sample.netLog, 1, [sample.id]))
            }
        }
        // Blocks of consecutive groups sharing one value.
        var blocks: [(sum: Double, count: Double, members: Range<Int>)] = []
        for (index, group) in groups.enumerated() {
            blocks.append((group.sum, group.count, index..<(index + 1)))
            while blocks.count >= 2 {
                let last = blocks[blocks.count - 1], previous = blocks[blocks.count - 2]
                guard previous.sum / previous.count > last.sum / last.count else { break }
                blocks.removeLast(2)
                blocks.append(
                    (
                        previous.sum + last.sum, previous.count + last.count,
                        previous.members.lowerBound..<last.members.upperBound
                    ))
            }
        }
        return blocks.flatMap { block in
            block.members.map {
                Knot(points: groups[$0].points, logMidUSD: block.sum / block.count, benchmarks: groups[$0].ids)
            }
        }
    }

    /// Each benchmark priced back from its own profile on this line, against its P50 (the
    /// Pricer prices each in its own market's line: `Pricer.calibration`).
    public var calibration: [Calibration] {
        points.map { sample in
            let priced = midpointUSD(points: sample.points) * sample.premiumMultiplier * sample.marketFactor
            return Calibration(benchmark: sample, pricedMidUSD: priced, residual: priced / sample.p50HourlyUSD - 1)
        }
    }

    public struct Calibration: Sendable, Hashable {
        public var benchmark: BenchmarkPoint
        public var pricedMidUSD: Double
        /// priced / P50 - 1.
        public var residual: Double
    }
}
