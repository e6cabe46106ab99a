import DecisionFiles
import Foundation
import PropertyBased
import Specs
import Testing
import WagefileTestSupport
import WorkModel

/// Number formatting shared by every rendering: no locale, the same text on every machine.
struct FormatTests {
    @Test func moneyGroupsThousandsAndKeepsCents() {
        #expect(Format.money(85000, places: 0) == "85,000")
        #expect(Format.money(1_234_567.891) == "1,234,567.89")
        #expect(Format.money(100) == "100.00")
        #expect(Format.money(999.999) == "1,000.00", "rounding can carry into a new group")
        #expect(Format.money(0.5) == "0.50")
        #expect(Format.money(0) == "0.00")
        #expect(Format.money(123_456) == "123,456.00")
        #expect(Format.money(4_771_767.28, places: 0) == "4,771,767")
    }

    @Test func negativeMoneyKeepsItsSignButNotANegativeZero() {
        #expect(Format.money(-1234.5) == "-1,234.50")
        #expect(Format.money(-0.001) == "0.00", "a value that rounds to zero is not shown as -0.00")
        #expect(Format.money(-999_999.5, places: 0) == "-1,000,000")
    }

    @Test func percentShowsOneDecimalByDefault() {
        #expect(Format.percent(0.125) == "12.5%")
        #expect(Format.percent(0.911045) == "91.1%")
        #expect(Format.percent(1) == "100%")
        #expect(Format.percent(0.7, places: 0) == "70%")
        #expect(Format.percent(-0.05) == "-5%")
        #expect(Format.percent(1.319) == "131.9%")
    }

    @Test func numberDropsTrailingZeros() {
        #expect(Format.number(2.5) == "2.5")
        #expect(Format.number(85000) == "85000")
        #expect(Format.number(1.0 / 3.0) == "0.3333")
        #expect(Format.number(0.1 + 0.2) == "0.3")
        #expect(Format.number(48.3722696, maxPlaces: 2) == "48.37")
        #expect(Format.number(0.004661321759, maxPlaces: 6) == "0.004661")
        #expect(Format.number(0.00004) == "0", "rounds to zero, shown without a sign or decimals")
        #expect(Format.number(-2.5) == "-2.5")
        #expect(Format.number(1e15) == "1000000000000000")
    }

    @Test func numberShowsNonFiniteValuesAsText() {
        #expect(Format.number(.infinity) == "inf")
        #expect(Format.number(.nan) == "nan")
        #expect(Format.fixed(-.infinity, places: 2) == "-inf")
    }

    @Test func fixedPadsToTheRequestedDecimals() {
        #expect(Format.fixed(3.14159, places: 2) == "3.14")
        #expect(Format.fixed(1.5, places: 3) == "1.500")
        #expect(Format.fixed(0.007, places: 2) == "0.01")
        #expect(Format.fixed(0.0625, places: 3) == "0.063")
        #expect(Format.fixed(12, places: 0) == "12")
        #expect(Format.fixed(1.05, places: 1) == "1.1")
        #expect(Format.fixed(-0.004, places: 2) == "0.00")
        #expect(Format.fixed(-7.25, places: 1) == "-7.3")
    }

    @Test func roundingIsHalfAwayFromZero() {
        #expect(Format.fixed(2.5, places: 0) == "3")
        #expect(Format.fixed(-2.5, places: 0) == "-3")
        #expect(Format.fixed(0.5, places: 0) == "1")
        #expect(Format.round(-1.25, places: 1) == -1.3)
        #expect(Format.round(1.25, places: 1) == 1.3)
        #expect(Format.round(2_294.1188847, places: 2) == 2294.12)
        #expect(Format.round(4_771_767.28, places: 0) == 4_771_767)
        #expect(Format.round(.infinity, places: 2) == .infinity)
    }

    @Test(.bug(id: "format-int64-overflow", "Format.fixed traps on values beyond Int64"))
    func hugeValuesFormatInsteadOfCrashing() async {
        // Format.fixed converts the whole part with Int64(_:), which traps above 9.2e18.
        await #expect(processExitsWith: .success) {
            _ = Format.money(6e19)
            _ = Format.number(1e19)
        }
    }

    @Test(.bug(id: "format-int64-overflow", "A spec that passes validation crashes the decision-file build"))
    func aValidSpecWithAnExtremePerTaskRateDoesNotCrash() async {
        // amount 1e12 (the reader's maximum) per task at 0.000001 minutes (accepted: only > 0 is
        // required) is 6e19 per hour; the red-circle finding formats it with Format.money.
        await #expect(processExitsWith: .success) {
            let shipped = try Shipped.get()
            let spec = try readSpec(
                BaseSpec.with(line: 21, "offered: {amount: 1000000000000, basis: per-task, minutes_per_task: 0.000001}")
            )
            _ = shipped.builder.build(spec)
        }
    }
}

/// The byte-buffer formatting against the string-building one it replaced (kept here as the
/// oracle), over random magnitudes, signs and places.
struct FormatOracleTests {
    static func oracleFixed(_ value: Double, places: Int) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(describing: value) }
        let negative = value < 0
        let rounded = Format.round(abs(value), places: places)
        var scale: Double = 1
        for _ in 0..<max(0, places) { scale *= 10 }
        let scaled = (rounded * scale).rounded()
        let whole = (scaled / scale).rounded(.towardZero)
        let fraction = Int64(scaled - whole * scale)
        var text = String(Int64(whole))
        if places > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: max(0, places - digits.count)) + digits
        }
        return (negative && scaled != 0 ? "-" : "") + text
    }

    static func oracleMoney(_ value: Double, places: Int) -> String {
        let text = oracleFixed(value, places: places)
        guard value.isFinite, abs(value) < 1e15 else { return text }
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = Array(parts.first.map(String.init) ?? "0")
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        if parts.count > 1 { grouped += "." + parts[1] }
        return (negative ? "-" : "") + grouped
    }

    static func oracleNumber(_ value: Double, maxPlaces: Int) -> String {
        guard value.isFinite else { return String(describing: value) }
        let rounded = Format.round(value, places: maxPlaces)
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = oracleFixed(rounded, places: maxPlaces)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// The string oracle scales before it splits, so its last digit is exact only while
    /// `|value| × 10^places` stays far enough below 2^53 for the scaled value's rounding error
    /// (up to `|value| × 10^places × 2^-52`) to stay under half a unit: 2^50 leaves room.
    /// Within that range the two must agree digit for digit.
    static func oracleIsExact(_ value: Double, places: Int) -> Bool {
        !value.isFinite || abs(value) * pow(10, Double(places)) < 0x1p50
    }

    @Test func theBufferFormattingMatchesTheStringFormatting() async {
        await propertyCheck(count: 2000, input: Gen.double(in: -1...1), Gen.int(in: -3...15), Gen.int(in: 0...8)) {
            unit, exponent, places in
            let value = unit * pow(10, Double(exponent))
            if Self.oracleIsExact(value, places: places) {
                #expect(
                    Format.fixed(value, places: places) == Self.oracleFixed(value, places: places), "\(value) \(places)"
                )
                #expect(
                    Format.money(value, places: places) == Self.oracleMoney(value, places: places), "\(value) \(places)"
                )
                #expect(
                    Format.number(value, maxPlaces: places) == Self.oracleNumber(value, maxPlaces: places),
                    "\(value) \(places)")
            } else {
                Self.expectCloseToTheValue(value, places: places)
            }
        }
        for value in [
            0.0, -0.0, 0.5, -0.5, 999.995, -999_999.5, 1e15, -1e15, 9.999999e14, .infinity, -.infinity, .nan,
            123_456_789.125,
        ] {
            for places in 0...6 where Self.oracleIsExact(value, places: places) {
                #expect(
                    Format.fixed(value, places: places) == Self.oracleFixed(value, places: places), "\(value) \(places)"
                )
                #expect(
                    Format.money(value, places: places) == Self.oracleMoney(value, places: places), "\(value) \(places)"
                )
                #expect(
                    Format.number(value, maxPlaces: places) == Self.oracleNumber(value, maxPlaces: places),
                    "\(value) \(places)")
            }
        }
    }

    /// Past the oracle's exact range (a CI run found 995513125191864.1 at 4 places printed as
    /// ".0240" by the scaled split): the digits still read back as the value, to half the last
    /// place plus the Double's own spacing, with exactly `places` decimals.
    static func expectCloseToTheValue(_ value: Double, places: Int) {
        let text = Format.fixed(value, places: places)
        guard abs(value) < 1e15 else { return }
        let decimals = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        #expect(decimals == places, "\(value) at \(places) places: \(text)")
        guard let back = Double(text) else {
            Issue.record("\(text) does not read back as a number")
            return
        }
        #expect(
            abs(back - value) <= 0.5 * pow(10, -Double(places)) + 2 * value.ulp, "\(value) at \(places) places: \(text)"
        )
    }

    @Test func largeValuesKeepTheirFractionDigits() {
        #expect(Format.fixed(995_513_125_191_864.125, places: 4) == "995513125191864.1250")
        #expect(Format.fixed(-995_513_125_191_864.125, places: 2) == "-995513125191864.13")
        #expect(Format.money(9_007_199_254_740.99, places: 2) == "9,007,199,254,740.99")
    }
}
