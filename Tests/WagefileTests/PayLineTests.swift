import Foundation
import Pricing
import ReferenceData
import Testing
import WorkModel

/// The market pay line: through each benchmark's ln(P50 / premiums / market differential) at its
/// points, log-linear between them, the least-squares slope beyond them.
struct PayLineTests {
    /// A benchmark point with hand-chosen numbers. `BenchmarkPoint` has no public initializer,
    /// so a fitted point from the shipped line serves as the template and its public fields are set.
    func point(_ id: String, points: Double, p50: Double, premium: Double = 1) throws -> PayLine.BenchmarkPoint {
        var sample = try #require(try Shipped.get().pricer.payLine.points.first)
        sample.id = id
        sample.points = points
        sample.p50HourlyUSD = p50
        sample.premiumMultiplier = premium
        return sample
    }

    @Test func twoPointsDefineTheLineExactly() throws {
        // ln 20 = a + 100 b and ln 40 = a + 200 b: b = ln 2 / 100, a = ln 10.
        let line = try PayLine.fit([try point("low", points: 100, p50: 20), try point("high", points: 200, p50: 40)])
        expectClose(line.slope, 0.006931471805599453, tolerance: 1e-12)
        expectClose(line.intercept, 2.302585092994046, tolerance: 1e-12)
        expectClose(line.rSquared, 1, tolerance: 1e-12)
        expectClose(
            line.midpointUSD(points: 150), 28.284271247461902, tolerance: 1e-9, "geometric midpoint of 20 and 40")
        expectClose(
            line.midpointUSD(points: 300), 80, tolerance: 1e-9, "the line extrapolates: doubling every 100 points")
        #expect(line.points.map(\.id) == ["low", "high"])
    }

    @Test func threePointsAgainstHandWorkedLeastSquares() throws {
        // x = 100, 200, 300; y = ln 20, ln 30, ln 80 (numpy.polyfit(x, log(y), 1)).
        let line = try PayLine.fit([
            try point("a", points: 100, p50: 20), try point("b", points: 200, p50: 30),
            try point("c", points: 300, p50: 80),
        ])
        expectClose(line.slope, 0.0069314718055994515, tolerance: 1e-12)
        expectClose(line.intercept, 2.206691068843452, tolerance: 1e-12)
        expectClose(line.rSquared, 0.9456991746642839, tolerance: 1e-12)
    }

    @Test func benchmarkPremiumsAreDividedOutBeforeFitting() throws {
        // 46 USD/h earned with a 15% premium is 40 USD/h net: the same line as 20 -> 40.
        let line = try PayLine.fit([
            try point("low", points: 100, p50: 20), try point("high", points: 200, p50: 46, premium: 1.15),
        ])
        expectClose(line.slope, 0.006931471805599453, tolerance: 1e-12)
        expectClose(line.intercept, 2.302585092994046, tolerance: 1e-12)
    }

    @Test func identicalPointsHaveNoSlope() throws {
        #expect(throws: PayLine.FitError.identicalPoints) {
            try PayLine.fit([try point("a", points: 150, p50: 20), try point("b", points: 150, p50: 40)])
        }
    }

    @Test func aFallingLineIsRejected() throws {
        let error = #expect(throws: PayLine.FitError.self) {
            try PayLine.fit([try point("a", points: 100, p50: 40), try point("b", points: 200, p50: 20)])
        }
        guard case .nonPositiveSlope(let slope) = error else {
            Issue.record("expected nonPositiveSlope, got \(String(describing: error))")
            return
        }
        expectClose(slope, -0.006931471805599453, tolerance: 1e-12)
        #expect(error?.description.contains("falls as points rise") == true)
    }

    @Test func aFlatLineIsRejectedToo() throws {
        #expect(throws: PayLine.FitError.nonPositiveSlope(0)) {
            try PayLine.fit([try point("a", points: 100, p50: 30), try point("b", points: 200, p50: 30)])
        }
    }

    @Test func oneOrNoBenchmarksAreTooFew() throws {
        #expect(throws: PayLine.FitError.tooFewBenchmarks(1)) {
            try PayLine.fit([try point("only", points: 100, p50: 20)])
        }
        #expect(throws: PayLine.FitError.tooFewBenchmarks(0)) { try PayLine.fit([]) }
        #expect(
            PayLine.FitError.tooFewBenchmarks(1).description
                == "the pay line needs at least two benchmark roles, found 1")
    }

    @Test func shippedLineRunsThroughTheSevenBenchmarks() throws {
        // Points per benchmark from factors.yaml, P50s from benchmarks.yaml; no shipped benchmark
        // has a premium, and all are US figures (differential 1):
        // 95/19.36, 260/33.17, 300/40.87, 310/50.99, 320/57.01, 560/141.42, 660/360.56.
        let line = try Shipped.get().pricer.payLine
        #expect(line.points.count == 7)
        #expect(line.knots.map(\.points) == [95, 260, 300, 310, 320, 560, 660])
        for (points, p50) in [
            (95.0, 19.36), (260, 33.17), (300, 40.87), (310, 50.99), (320, 57.01), (560, 141.42), (660, 360.56),
        ] {
            expectClose(line.midpointUSD(points: points), p50, tolerance: 1e-9)
        }
        // The reference least-squares fit (numpy.polyfit(points, log(p50), 1)) sets the slope beyond them.
        expectClose(line.intercept, 2.33080113157209, tolerance: 1e-9)
        expectClose(line.slope, 0.005059437964889419, tolerance: 1e-12)
        expectClose(line.rSquared, 0.9712195944861213, tolerance: 1e-9)
        expectClose(line.midpointUSD(points: 760), 360.56 * exp(100 * 0.005059437964889419), tolerance: 1e-9)
        expectClose(line.midpointUSD(points: 60), 19.36 * exp(-35 * 0.005059437964889419), tolerance: 1e-9)
        #expect(line.calibration.allSatisfy { abs($0.residual) < 1e-12 })
    }

    @Test func betweenTwoBenchmarksTheMidpointIsInterpolatedInLogSpace() throws {
        let line = try PayLine.fit([try point("low", points: 100, p50: 20), try point("high", points: 200, p50: 80)])
        // A quarter of the way: 20 x 4^(1/4) = 28.284.
        expectClose(line.midpointUSD(points: 125), 20 * pow(4, 0.25), tolerance: 1e-9)
        #expect(
            line.describe(points: 125).hasPrefix(
                "slotted between low (100 points, 20.00 USD/h) and high (200 points, 80.00 USD/h)"))
    }

    @Test func benchmarksAtEqualPointsArePooledAtTheirGeometricMean() throws {
        let line = try PayLine.fit([
            try point("a", points: 100, p50: 20), try point("b", points: 200, p50: 40),
            try point("c", points: 200, p50: 90),
        ])
        #expect(line.knots.map(\.benchmarks) == [["a"], ["b", "c"]])
        expectClose(line.midpointUSD(points: 200), 60, tolerance: 1e-9)  // sqrt(40 x 90)
        let residuals = Dictionary(uniqueKeysWithValues: line.calibration.map { ($0.benchmark.id, $0.residual) })
        expectClose(residuals["b"], 0.5, tolerance: 1e-9)
        expectClose(residuals["c"], 60.0 / 90 - 1, tolerance: 1e-9)
    }

    @Test func aBenchmarkThatWouldMakePayFallIsPooledSoPayNeverFalls() throws {
        // 150 points pays less than 100 points: pool-adjacent-violators gives both sqrt(30 x 24).
        let line = try PayLine.fit([
            try point("a", points: 100, p50: 30), try point("b", points: 150, p50: 24),
            try point("c", points: 300, p50: 90),
        ])
        let pooled = (30.0 * 24).squareRoot()
        expectClose(line.midpointUSD(points: 100), pooled, tolerance: 1e-9)
        expectClose(line.midpointUSD(points: 150), pooled, tolerance: 1e-9)
        expectClose(line.midpointUSD(points: 300), 90, tolerance: 1e-9)
        var previous = 0.0
        for points in stride(from: 50.0, through: 400, by: 5) {
            let mid = line.midpointUSD(points: points)
            #expect(mid >= previous, "pay never falls as points rise (\(points))")
            previous = mid
        }
    }

    @Test func fitFromAReferenceWithHandMadeBenchmarks() throws {
        // Replace the shipped benchmarks with two of our own: 95 points at 20 USD/h and
        // 310 points at 50 USD/h (profiles from factors.yaml).
        let benchmarks = """
            benchmarks:
              - id: low
                title: Low
                p50_hourly_usd: 20
                derivation: hand-made
                factors: {judgment: rule-following, expertise: none, scope: single-task, modality: image, language: common, impact: contained, authority: none, data_sensitivity: internal, content_exposure: none}
                source: wagefile-defaults
                as_of: 2026-11
                confidence: low
              - id: high
                title: High
                p50_hourly_usd: 50
                derivation: hand-made
                factors: {judgment: comparative, expertise: specialist, scope: task-set, modality: text, language: common, impact: product-quality, authority: recommends, data_sensitivity: internal, content_exposure: occasional}
                source: wagefile-defaults
                as_of: 2026-11
                confidence: low
            """
        var parser = ReferenceParser()
        for document in try ReferenceLoader.shippedDocuments() where document.name != "benchmarks.yaml" {
            parser.add(document.text, file: "reference/" + document.name, shipped: true)
        }
        parser.add(benchmarks, file: "benchmarks.yaml")
        let line = try PayLine.fit(reference: try parser.build())
        // slope = ln(50/20) / (320 - 95); intercept = ln 20 - 95 x slope.
        let slope = log(2.5) / 225
        expectClose(line.slope, slope, tolerance: 1e-12)
        expectClose(line.intercept, log(20) - 95 * slope, tolerance: 1e-12)
        #expect(line.points.map(\.points) == [95, 320])
        expectClose(line.midpointUSD(points: 320), 50, tolerance: 1e-9)
    }
}
