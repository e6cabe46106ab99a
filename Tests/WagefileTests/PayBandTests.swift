import Pricing
import Testing

/// The band formulas: range spread is stated against the minimum, so
/// min = mid / (1 + RS / 2) and max = min x (1 + RS).
struct PayBandTests {
    @Test func midpointAndSpreadGiveMinAndMax() {
        let band = PayBand(midpoint: 100, rangeSpread: 0.4)
        expectClose(band.min, 83.33333333333333)  // 100 / 1.2
        expectClose(band.mid, 100)
        expectClose(band.max, 116.66666666666666)  // 83.333 x 1.4
        expectClose(band.rangeSpread, 0.4)
    }

    @Test func annotationSpreadOfThirtyPercent() {
        let band = PayBand(midpoint: 20, rangeSpread: 0.3)
        expectClose(band.min, 17.391304347826086)  // 20 / 1.15
        expectClose(band.max, 22.608695652173914)  // 17.3913 x 1.3
        // The midpoint sits halfway between min and max in money terms.
        expectClose(band.mid - band.min, band.max - band.mid)
    }

    @Test func zeroSpreadCollapsesTheBand() {
        let band = PayBand(midpoint: 42, rangeSpread: 0)
        #expect(band.min == 42)
        #expect(band.max == 42)
        #expect(band.rangePenetration(42) == 0, "a band with no width has no penetration to report")
        #expect(band.circle(42) == .inRange)
    }

    @Test func compaRatioIsPayOverMidpoint() {
        let band = PayBand(midpoint: 100, rangeSpread: 0.4)
        expectClose(band.compaRatio(90), 0.9)
        expectClose(band.compaRatio(100), 1)
        expectClose(band.compaRatio(137.5), 1.375)
        #expect(PayBand(min: 0, mid: 0, max: 0).compaRatio(50) == 0, "no division by a zero midpoint")
    }

    @Test func rangePenetrationIsPositionBetweenMinAndMax() {
        let band = PayBand(midpoint: 100, rangeSpread: 0.4)
        expectClose(band.rangePenetration(band.min), 0)
        expectClose(band.rangePenetration(100), 0.5)
        expectClose(band.rangePenetration(band.max), 1)
        // Outside the band the figure leaves 0...1: (60 - 83.333) / 33.333 and (150 - 83.333) / 33.333.
        expectClose(band.rangePenetration(60), -0.7, tolerance: 1e-12)
        expectClose(band.rangePenetration(150), 2.0, tolerance: 1e-12)
    }

    @Test func circlesAreJudgedAtCentPrecision() {
        let band = PayBand(midpoint: 100, rangeSpread: 0.4)  // 83.3333... to 116.6666...
        #expect(band.circle(band.min) == .inRange, "pay exactly at the minimum is in range")
        #expect(band.circle(83.33) == .inRange, "83.33 is the minimum as displayed")
        #expect(band.circle(83.32) == .green, "a cent below the displayed minimum is a green circle")
        #expect(band.circle(50) == .green)
        #expect(band.circle(100) == .inRange)
        #expect(band.circle(band.max) == .inRange, "pay exactly at the maximum is in range")
        #expect(band.circle(116.67) == .inRange, "116.67 is the maximum as displayed")
        #expect(band.circle(116.68) == .red, "a cent above the displayed maximum is a red circle")
        #expect(band.circle(400) == .red)
    }

    @Test func scalingConvertsEveryPoint() {
        let band = PayBand(midpoint: 20, rangeSpread: 0.3).scaled(by: 129.2)
        expectClose(band.min, 17.391304347826086 * 129.2, tolerance: 1e-9)
        expectClose(band.mid, 2584, tolerance: 1e-9)
        expectClose(band.max, 22.608695652173914 * 129.2, tolerance: 1e-9)
        expectClose(band.rangeSpread, 0.3, tolerance: 1e-12, "scaling keeps the spread")
    }

    @Test func circleNamesMatchTheDecisionFileVocabulary() {
        #expect(Circle.green.rawValue == "green")
        #expect(Circle.red.rawValue == "red")
        #expect(Circle.inRange.rawValue == "in-range")
    }
}
