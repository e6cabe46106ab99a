import Pricing
import Specs
import Testing
import WagefileTestSupport
import WorkModel

/// Every pay basis converts to an hourly figure through a stated hours basis.
struct PayQuoteTests {
    let fullTime = HoursBasis(hoursPerDay: 8, hoursPerWeek: 40, weeksPerYear: 52, source: "wagefile-defaults")

    @Test func hoursBasisDerivesYearAndMonth() {
        #expect(fullTime.hoursPerYear == 2080)
        expectClose(fullTime.hoursPerMonth, 173.33333333333334)
        let partTime = HoursBasis(hoursPerDay: 6, hoursPerWeek: 30, weeksPerYear: 52, source: "spec")
        #expect(partTime.hoursPerYear == 1560)
        #expect(partTime.hoursPerMonth == 130)
    }

    @Test func hourlyPayIsTakenAsQuoted() {
        let quote = PayQuote(amount: 55, currency: "USD", basis: .hourly)
        #expect(quote.hourly(hours: fullTime) == 55)
        #expect(quote.hourlyDerivation(hours: fullTime) == "quoted hourly")
    }

    @Test func perTaskPayUsesMinutesPerTask() {
        // 2.5 per task at 6 minutes per task is 10 tasks an hour: 25 per hour.
        let quote = PayQuote(amount: 2.5, currency: "USD", basis: .perTask, minutesPerTask: 6)
        expectClose(quote.hourly(hours: fullTime), 25)
        #expect(quote.hourlyDerivation(hours: fullTime) == "2.5 per task x 60 / 6 min per task")
        // 60 KES at 4 minutes per task: 15 tasks an hour, 900 KES per hour.
        expectClose(
            PayQuote(amount: 60, currency: "KES", basis: .perTask, minutesPerTask: 4).hourly(hours: fullTime), 900)
    }

    @Test func perTaskPayWithoutTaskTimeHasNoHourlyFigure() {
        #expect(PayQuote(amount: 2.5, currency: "USD", basis: .perTask).hourly(hours: fullTime) == nil)
        #expect(
            PayQuote(amount: 2.5, currency: "USD", basis: .perTask, minutesPerTask: 0).hourly(hours: fullTime) == nil)
    }

    @Test func dayPayDividesByHoursPerDay() {
        let quote = PayQuote(amount: 200, currency: "USD", basis: .day)
        expectClose(quote.hourly(hours: fullTime), 25)
        #expect(quote.hourlyDerivation(hours: fullTime) == "200 per day / 8 h per day")
    }

    @Test func monthPayDividesByATwelfthOfTheYear() {
        // 4,000 / (40 x 52 / 12) = 4,000 / 173.333 = 23.0769...
        let quote = PayQuote(amount: 4000, currency: "USD", basis: .month)
        expectClose(quote.hourly(hours: fullTime), 23.076923076923077)
        #expect(quote.hourlyDerivation(hours: fullTime) == "4000 per month / (40 h/week x 52 weeks / 12)")
    }

    @Test func annualPayDividesByHoursPerYear() {
        // The Claude Corps salary: 85,000 / 2,080 h = 40.865... (the benchmark's 40.87).
        let quote = PayQuote(amount: 85000, currency: "USD", basis: .annual)
        expectClose(quote.hourly(hours: fullTime), 40.86538461538461)
        #expect(quote.hourlyDerivation(hours: fullTime) == "85000 per year / (40 h/week x 52 weeks)")
        // The same salary on a 30-hour week is worth more per hour: 85,000 / 1,560.
        let partTime = HoursBasis(hoursPerDay: 6, hoursPerWeek: 30, weeksPerYear: 52, source: "spec")
        expectClose(quote.hourly(hours: partTime), 54.48717948717949)
    }

    @Test func aZeroHoursBasisGivesNoHourlyFigureInsteadOfInfinity() {
        let none = HoursBasis(hoursPerDay: 0, hoursPerWeek: 0, weeksPerYear: 52, source: "test")
        #expect(PayQuote(amount: 200, currency: "USD", basis: .day).hourly(hours: none) == nil)
        #expect(PayQuote(amount: 4000, currency: "USD", basis: .month).hourly(hours: none) == nil)
        #expect(PayQuote(amount: 85000, currency: "USD", basis: .annual).hourly(hours: none) == nil)
        #expect(PayQuote(amount: 20, currency: "USD", basis: .hourly).hourly(hours: none) == 20)
    }

    @Test func specHoursReplaceThePolicyHours() throws {
        let shipped = try Shipped.get()
        let policy = shipped.pricer.hoursBasis(
            for: try readSpec(BaseSpec.with(line: 19, "worker: {status: contractor, jurisdiction: US-CA}")))
        #expect(policy.hoursPerYear == 2080)
        #expect(policy.hoursPerDay == 8)
        #expect(policy.source == "wagefile-defaults")

        let stated = shipped.pricer.hoursBasis(
            for: try readSpec(
                BaseSpec.with(
                    line: 19, "worker: {status: employee, jurisdiction: US-CA, hours_per_week: 30, hours_per_day: 6}")))
        #expect(stated.hoursPerYear == 1560)
        #expect(stated.hoursPerDay == 6)
        #expect(stated.source == "spec")
    }

    @Test func payBasisNamesMatchTheSpecFormat() {
        #expect(PayBasis.allCases.map(\.rawValue) == ["hourly", "per-task", "day", "month", "annual"])
    }
}
