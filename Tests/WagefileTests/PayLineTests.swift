import Foundation
import Testing
import WorkModel
import ReferenceData
import Pricing

/// The market pay line: ln(P50 / premium multiplier) = intercept + slope x points, least squares.
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
        expectClose(line.midpointUSD(points: 150), 28.284271247461902, tolerance: 1e-9, "geometric midpoint of 20 and 40")
        expectClose(line.midpointUSD(points: 300), 80, tolerance: 1e-9, "the line extrapolates: doubling every 100 points")
        #expect(line.points.map(\.id) == ["low", "high"])
    }

    @Test func threePointsAgainstHandWorkedLeastSquares() throws {
        // x = 100, 200, 300; y = ln 20, ln 30, ln 80 (numpy.polyfit(x, log(y), 1)).
        let line = try PayLine.fit([
            try point("a", points: 100, p50: 20), try point("b", points: 200, p50: 30), try point("c", points: 300, p50: 80),
        ])
        expectClose(line.slope, 0.0069314718055994515, tolerance: 1e-12)
        expectClose(line.intercept, 2.206691068843452, tolerance: 1e-12)
        expectClose(line.rSquared, 0.9456991746642839, tolerance: 1e-12)
    }

    @Test func benchmarkPremiumsAreDividedOutBeforeFitting() throws {
        // 46 USD/h earned with a 15% premium is 40 USD/h net: the same line as 20 -> 40.
        let line = try PayLine.fit([try point("low", points: 100, p50: 20), try point("high", points: 200, p50: 46, premium: 1.15)])
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
        #expect(throws: PayLine.FitError.tooFewBenchmarks(1)) { try PayLine.fit([try point("only", points: 100, p50: 20)]) }
        #expect(throws: PayLine.FitError.tooFewBenchmarks(0)) { try PayLine.fit([]) }
        #expect(PayLine.FitError.tooFewBenchmarks(1).description == "the pay line needs at least two benchmark roles, found 1")
    }

    @Test func shippedLineMatchesAHandFitOfTheSevenBenchmarks() throws {
        // Points per benchmark from factors.yaml, P50s from benchmarks.yaml, premiums from premiums.yaml:
        // 95/19.36, 260/33.17, 310/57.01, 310/50.99, 560/(141.42/1.15), 660/(360.56/1.2), 300/40.87.
        let line = try Shipped.get().pricer.payLine
        #expect(line.points.count == 7)
        expectClose(line.intercept, 2.433916962065825, tolerance: 1e-9)
        expectClose(line.slope, 0.004661321759287668, tolerance: 1e-12)
        expectClose(line.rSquared, 0.9664728843713539, tolerance: 1e-9)
        let byID = Dictionary(uniqueKeysWithValues: line.points.map { ($0.id, $0) })
        #expect(byID["volume-annotator"]?.points == 95)
        #expect(byID["red-teamer"]?.points == 560)
        expectClose(byID["red-teamer"]?.premiumMultiplier, 1.15, tolerance: 1e-12)
        expectClose(byID["domain-expert-evaluator"]?.premiumMultiplier, 1.2, tolerance: 1e-12)
        // The RLHF specialist's 310 points sit on the line at 48.37 USD/h.
        expectClose(line.midpointUSD(points: 310), 48.3722696031562, tolerance: 1e-6)
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
        // slope = ln(50/20) / (310 - 95); intercept = ln 20 - 95 x slope.
        let slope = log(2.5) / 215
        expectClose(line.slope, slope, tolerance: 1e-12)
        expectClose(line.intercept, log(20) - 95 * slope, tolerance: 1e-12)
        #expect(line.points.map(\.points) == [95, 310])
    }
}
