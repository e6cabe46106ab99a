public import WorkModel
public import ReferenceData
import Foundation

/// The market pay line: ln(hourly P50 in USD, net of premiums) = intercept + slope x points,
/// fitted by least squares over the benchmark roles. The line gives a grade midpoint for any
/// point total, which is how layers without a rate card still get a market-anchored band.
public struct PayLine: Sendable, Hashable {
    public var intercept: Double
    public var slope: Double
    public var rSquared: Double
    public var points: [BenchmarkPoint]

    public struct BenchmarkPoint: Sendable, Hashable {
        public var id: String
        public var points: Double
        public var p50HourlyUSD: Double
        /// The benchmark's own premium multiplier, divided out before fitting.
        public var premiumMultiplier: Double
        public var ref: SourceRef
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
                "the fitted pay line falls as points rise (slope \(Format.number(slope, maxPlaces: 6))); check the benchmark roles and factor tables"
            }
        }
    }

    /// Midpoint in USD per hour for a point total, before location and premiums.
    public func midpointUSD(points: Double) -> Double { exp(intercept + slope * points) }

    public static func fit(reference: ReferenceSet) throws(FitError) -> PayLine {
        let samples = reference.benchmarks.map { benchmark in
            BenchmarkPoint(
                id: benchmark.id,
                points: PointScore.score(benchmark.factors, tables: reference.factors).total,
                p50HourlyUSD: benchmark.p50HourlyUSD,
                premiumMultiplier: Premiums.applicable(to: benchmark.factors, in: reference).multiplier,
                ref: benchmark.ref)
        }
        return try fit(samples)
    }

    public static func fit(_ samples: [BenchmarkPoint]) throws(FitError) -> PayLine {
        guard samples.count >= 2 else { throw .tooFewBenchmarks(samples.count) }
        let n = Double(samples.count)
        let xs = samples.map(\.points)
        let ys = samples.map { log($0.p50HourlyUSD / $0.premiumMultiplier) }
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
        return PayLine(intercept: meanY - slope * meanX, slope: slope, rSquared: rSquared, points: samples)
    }
}
