import Testing
import WagefileTestSupport
import WorkModel
import Specs
import DecisionFiles

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
                BaseSpec.with(line: 21, "offered: {amount: 1000000000000, basis: per-task, minutes_per_task: 0.000001}"))
            _ = shipped.builder.build(spec)
        }
    }
}
