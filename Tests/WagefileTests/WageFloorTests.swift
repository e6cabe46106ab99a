import Compliance
import ReferenceData
import Testing
import WorkModel

/// Which wage floor binds a worker, how a day or month floor becomes hourly, and the floor
/// findings: location, fallback, upcoming rates, staleness, confidence, standing, living wages.
@Suite struct WageFloorTests {
    let reference: ReferenceSet

    init() throws { reference = try ComplianceFixture.reference() }

    func select(
        _ jurisdiction: String, location: String? = nil, currency: String = "USD", asOf: CalendarDate = Shipped.asOf,
        reference: ReferenceSet? = nil
    ) -> FloorSelection {
        WageFloorLookup.select(
            jurisdiction: jurisdiction, location: location, specCurrency: currency, asOf: asOf,
            reference: reference ?? self.reference)
    }

    func assess(
        _ jurisdiction: String, location: String? = nil, currency: String = "USD", offered: Double? = nil,
        status: WorkerStatus = .employee, asOf: CalendarDate = Shipped.asOf
    ) throws -> ComplianceReport {
        let spec = ComplianceFixture.spec(
            status: status, jurisdiction: jurisdiction, location: location, currency: currency,
            offered: offered.map { ComplianceFixture.hourly($0, currency) })
        return try ComplianceFixture.assess(spec, asOf: asOf)
    }

    static let floorRules = [
        "wage-floor.none", "wage-floor.low-confidence", "wage-floor.stale", "wage-floor.not-binding",
        "wage-floor.country-fallback", "wage-floor.location-not-stated", "wage-floor.upcoming",
    ]

    func floorRules(_ report: ComplianceReport) -> [String] { report.rules.filter { Self.floorRules.contains($0) } }

    // MARK: Locality

    @Test func newYorkCityBindsTheCityRate() throws {
        let floors = select("US-NY", location: "New York City")
        let binding = try #require(floors.binding)
        #expect(binding.record.id == "us-ny-nyc-li-westchester")
        #expect(binding.hourlyInSpecCurrency == 17)
        #expect(binding.matchedLocality == "New York City")
        #expect(
            floors.applicable.map(\.record.id) == ["us-ny-nyc-li-westchester", "us-ny-rest-of-state", "us-federal"])
        #expect(floors.assumedLocalityRates.isEmpty)
        #expect(!floors.countryFallback)
        #expect(
            select("US-NY", location: "Brooklyn, NY").binding?.hourlyInSpecCurrency == 17,
            "a borough in a longer address")
    }

    @Test func elsewhereInNewYorkBindsTheRestOfStateRate() throws {
        let floors = select("US-NY", location: "Buffalo")
        let binding = try #require(floors.binding)
        #expect(binding.record.id == "us-ny-rest-of-state")
        #expect(binding.hourlyInSpecCurrency == 16)
        #expect(binding.matchedLocality == nil)
        #expect(floors.applicable.map(\.record.id) == ["us-ny-rest-of-state", "us-federal"])
        let report = try assess("US-NY", location: "Buffalo")
        #expect(floorRules(report).isEmpty)
    }

    @Test func aCityRateMatchesWholeWordsOnly() {
        #expect(
            select("US-NY", location: "Queensbury").binding?.record.id == "us-ny-rest-of-state",
            "Queensbury is upstate, not Queens")
        #expect(select("US-NY", location: "Queens").binding?.record.id == "us-ny-nyc-li-westchester")
        #expect(
            select("US-NY", location: "long island city").binding?.matchedLocality == "Long Island",
            "case does not matter; words do")
        #expect(select("US-WA", location: "Seattle, WA").binding?.hourlyInSpecCurrency == 21.30)
        #expect(select("US-WA", location: "Seattleton").binding?.record.id == "us-wa")
    }

    @Test func noLocationAssumesTheCityRateAndSaysSo() throws {
        let floors = select("US-NY")
        #expect(floors.binding?.record.id == "us-ny-nyc-li-westchester", "the cautious, higher rate")
        #expect(floors.assumedLocalityRates.map(\.id) == ["us-ny-nyc-li-westchester"])
        let report = try assess("US-NY")
        #expect(floorRules(report) == ["wage-floor.location-not-stated"])
        let finding = try #require(report.finding("wage-floor.location-not-stated"))
        #expect(finding.severity == .warning)
        #expect(
            finding.evidence == [
                "us-ny-nyc-li-westchester: 17.00 USD per hour in New York City, NYC, Manhattan, Brooklyn, Queens, Bronx, Staten Island, Long Island, Nassau, Suffolk, Westchester"
            ])
        #expect(!(try assess("US-NY", location: "Queens")).rules.contains("wage-floor.location-not-stated"))
    }

    @Test func aStateWithoutAFloorFallsBackToTheFederalRate() throws {
        let floors = select("US-IL")
        let binding = try #require(floors.binding)
        #expect(binding.record.id == "us-federal")
        #expect(binding.hourlyInSpecCurrency == 7.25)
        #expect(floors.countryFallback)
        let report = try assess("US-IL")
        #expect(floorRules(report) == ["wage-floor.country-fallback"])
        #expect(report.finding("wage-floor.country-fallback")?.severity == .info)

        // Fresno has no local ordinance: the state rate binds.
        let california = select("US-CA", location: "Fresno")
        #expect(california.binding?.hourlyInSpecCurrency == 16.90)
        #expect(!california.countryFallback, "California has its own rate")
        #expect(california.applicable.map(\.record.id) == ["us-ca", "us-federal"])
    }

    // MARK: Dates

    @Test func germanyUsesTheCurrentRateAndAnnouncesTheNextOne() throws {
        let floors = select("DE", currency: "EUR")
        #expect(floors.binding?.record.id == "de-2026")
        #expect(floors.binding?.hourlyInSpecCurrency == 13.90)
        #expect(floors.upcoming.map(\.id) == ["de-2027"])
        let report = try assess("DE", currency: "EUR")
        #expect(floorRules(report) == ["wage-floor.upcoming"])
        let finding = try #require(report.finding("wage-floor.upcoming"))
        #expect(finding.severity == .info)
        #expect(finding.message == "The wage floor rises to 14.60 EUR per hour on 2027-01-01; budget for it.")
        #expect(finding.evidence == ["de-2027 (floor-de-milog)"])
    }

    @Test func germanyUsesTheNewRateOnceItIsInForce() throws {
        let after = select("DE", currency: "EUR", asOf: ComplianceFixture.date(2027, 1, 2))
        #expect(after.binding?.record.id == "de-2027")
        #expect(after.binding?.hourlyInSpecCurrency == 14.60)
        #expect(after.applicable.map(\.record.id) == ["de-2027"], "the newer rate replaces the older one")
        #expect(after.upcoming.isEmpty)
        #expect(
            !(try assess("DE", currency: "EUR", asOf: ComplianceFixture.date(2027, 1, 2))).rules.contains(
                "wage-floor.upcoming"))
        // In force on its effective date, announced the day before.
        #expect(select("DE", currency: "EUR", asOf: ComplianceFixture.date(2027, 1, 1)).binding?.record.id == "de-2027")
        #expect(
            select("DE", currency: "EUR", asOf: ComplianceFixture.date(2026, 12, 31)).binding?.record.id == "de-2026")
    }

    // MARK: Hours bases

    @Test func aDayFloorDividesByTheStatutoryDay() throws {
        // Metro Manila: 695 PHP a day / 8 h (the Philippines' day, inherited by PH-00) = 86.875 PHP/h.
        let floor = try #require(select("PH-00", currency: "PHP").binding)
        #expect(floor.record.id == "ph-ncr-26")
        #expect(floor.hoursPerPeriod == 8)
        #expect(floor.hourly == 86.875)
        #expect(floor.hourlyInSpecCurrency == 86.875)
        #expect(floor.hoursDerivation == "695 PHP per day / 8 h per day")
        #expect(floor.exchangeRates.isEmpty)
    }

    @Test func aMonthFloorDividesByStatutoryDaysTimesHours() throws {
        // Haryana: 11,274.60 INR a month / (26 days x 8 h = 208 h) = 54.2048 INR/h.
        let floors = select("IN-HR", currency: "INR")
        let floor = try #require(floors.binding)
        #expect(floor.record.id == "in-hr-unskilled")
        #expect(floor.hoursPerPeriod == 208)
        expectClose(floor.hourly, 11274.60 / 208, tolerance: 1e-12)
        expectClose(floor.hourly, 54.20480769230769, tolerance: 1e-9)
        #expect(floor.hoursDerivation == "11274.6 INR per month / 26 days x 8 h per month")
        // India's advisory 176 INR a day / 8 h = 22 INR/h also applies but does not bind.
        #expect(floors.applicable.map(\.record.id) == ["in-hr-unskilled", "in-national-floor"])
        expectClose(floors.applicable.last?.hourly, 22)
        #expect(!floors.countryFallback)
    }

    @Test func brazilsMonthFloorUsesTheTwoHundredTwentyHourMonth() throws {
        // 1,621 BRL / 220 h = 7.3682 BRL/h, the 7.37 the record's note gives.
        let floor = try #require(select("BR", currency: "BRL").binding)
        #expect(floor.hoursPerPeriod == 220)
        expectClose(floor.hourly, 1621.0 / 220, tolerance: 1e-12)
        expectClose(floor.hourly, 7.37, tolerance: 0.005)
        #expect(floor.hoursDerivation == "1621 BRL per month / 220 h per month")
    }

    @Test func aMonthFloorWithOnlyAWeekUsesFiftyTwoWeeksOverTwelve() throws {
        // Uganda: 6,000 UGX / (48 h x 52 / 12 = 208 h) = 28.8462 UGX/h.
        let floor = try #require(select("UG", currency: "UGX").binding)
        #expect(floor.hoursPerPeriod == 208)
        expectClose(floor.hourly, 6000.0 / 208, tolerance: 1e-12)
        #expect(floor.hoursDerivation == "6000 UGX per month / 48 h per week x 52 / 12 per month")
    }

    // MARK: Currency

    @Test func aFloorInAnotherCurrencyIsConverted() throws {
        // 13.90 EUR / 0.86 EUR per USD = 16.1628 USD/h.
        let floor = try #require(select("DE", currency: "USD").binding)
        #expect(floor.hourly == 13.90)
        expectClose(floor.hourlyInSpecCurrency, 13.90 / 0.86, tolerance: 1e-12)
        expectClose(floor.hourlyInSpecCurrency, 16.162790697674417, tolerance: 1e-9)
        #expect(floor.exchangeRates.map(\.currency) == ["EUR"], "USD, the pivot, is not listed")
        // Neither currency the dollar: 86.875 PHP / 58.5 x 0.86 = 1.2771 EUR/h.
        let manila = try #require(select("PH-00", currency: "EUR").binding)
        expectClose(manila.hourlyInSpecCurrency, 86.875 / 58.5 * 0.86, tolerance: 1e-12)
        #expect(manila.exchangeRates.map(\.currency) == ["PHP", "EUR"])
    }

    @Test func anOfferIsCheckedAgainstTheConvertedFloor() throws {
        let report = try assess("DE", currency: "USD", offered: 15)
        let finding = try #require(report.finding("wage-floor.effective-below-floor"))
        #expect(finding.severity == .blocking)
        #expect(
            finding.message
                == "Effective pay of 15.00 USD/h is below the DE minimum of 16.16 USD/h; even the quoted rate is below it."
        )
        #expect(
            finding.evidence.contains(
                "floor de-2026: 13.90 EUR per hour = 16.16 USD/h, effective 2026-01-01 (floor-de-milog, checked 2026-06, confidence high)"
            ))
        #expect(!(try assess("DE", currency: "USD", offered: 16.17)).rules.contains("wage-floor.effective-below-floor"))
    }

    // MARK: Staleness: checked 2026-06, policy 18 months

    @Test func aFloorCheckedEighteenMonthsAgoIsNotStale() throws {
        #expect(reference.policy.floorMaxAgeMonths == 18)
        let date = ComplianceFixture.date(2027, 12, 1)
        let floor = try #require(select("DE", currency: "EUR", asOf: date).binding)
        #expect(floor.record.ref.asOf == "2026-06")
        #expect(floor.ageMonths == 18)
        #expect(!floor.stale)
        #expect(!(try assess("DE", currency: "EUR", asOf: date)).rules.contains("wage-floor.stale"))
    }

    @Test func aFloorCheckedLongerAgoThanEighteenMonthsIsStale() throws {
        // 2026-06(-01) to 2027-12-31 is 18 months and 30 days: longer ago than 18 months.
        let date = ComplianceFixture.date(2027, 12, 31)
        let floor = try #require(select("DE", currency: "EUR", asOf: date).binding)
        #expect(floor.ageMonths == 18, "whole months")
        #expect(floor.stale)
        let finding = try #require(try assess("DE", currency: "EUR", asOf: date).finding("wage-floor.stale"))
        #expect(finding.severity == .warning)
        #expect(
            finding.message
                == "The wage floor for DE was last checked more than 18 months before 2027-12-31, beyond the 18-month policy."
        )

        let later = ComplianceFixture.date(2028, 1, 1)
        #expect(select("DE", currency: "EUR", asOf: later).binding?.ageMonths == 19)
        // On 2028-01-01 the 2027 rate is also past its yearly revision: both reasons are given.
        #expect(
            try assess("DE", currency: "EUR", asOf: later).finding("wage-floor.stale")?.message
                == "The wage floor for DE (de-2027, effective 2027-01-01) is revised every year (January); the revision expected on 2028-01-01 has passed by 2028-01-01, so the figure may have been superseded. The wage floor for DE was last checked 19 months before 2028-01-01, beyond the 18-month policy."
        )
    }

    // MARK: Confidence, standing, absence

    @Test func lowConfidenceFloorsAreFlagged() throws {
        let uganda = try assess("UG", currency: "UGX")
        let finding = try #require(uganda.finding("wage-floor.low-confidence"))
        #expect(finding.severity == .warning)
        #expect(finding.evidence.contains("note: set in 1984 and never updated"))
        #expect(try assess("IN-HR", currency: "INR").rules.contains("wage-floor.low-confidence"))
        #expect(!(try assess("DE", currency: "EUR")).rules.contains("wage-floor.low-confidence"))
        #expect(!(try assess("KE", location: "Nairobi", currency: "KES")).rules.contains("wage-floor.low-confidence"))
    }

    @Test func aJurisdictionWithoutAFloorSaysSo() throws {
        #expect(select("FR", currency: "EUR").binding == nil)
        #expect(select("FR", currency: "EUR").applicable.isEmpty)
        let report = try assess("FR", currency: "EUR", offered: 5, status: .contractor)
        #expect(floorRules(report) == ["wage-floor.none"])
        let finding = try #require(report.finding("wage-floor.none"))
        #expect(finding.severity == .warning)
        #expect(
            finding.message
                == "No wage floor for FR is in the reference data, so effective pay cannot be checked against a legal minimum."
        )
        #expect(!report.rules.contains("wage-floor.effective-below-floor"), "nothing to be below")
        #expect(report.gapToFloor == nil)
        #expect(report.fairwork?.point2.missing == ["a wage floor for the jurisdiction"])
    }

    @Test func aCityOnlyFloorDoesNotReachOtherTowns() throws {
        // Kenya's city rate covers the five cities (Nairobi, Mombasa, Kisumu, Nakuru, Eldoret) only;
        // another town gets the order's "all other areas" rate, not the city one.
        #expect(select("KE", location: "Nakuru", currency: "KES").binding?.record.id == "ke-general-labourer-cities")
        #expect(
            select("KE", location: "Thika", currency: "KES").binding?.record.id == "ke-general-labourer-other-areas")
        let report = try assess("KE", location: "Thika", currency: "KES")
        #expect(!report.rules.contains("wage-floor.none"))
        #expect(!report.rules.contains("wage-floor.location-not-stated"))
    }

    @Test func aDraftFloorIsUsedButNotBinding() throws {
        // Karnataka's draft: 743 INR a day / 8 h = 92.875 INR/h.
        let floor = try #require(select("IN-KA", currency: "INR").binding)
        #expect(floor.record.standing == .draft)
        #expect(floor.hourly == 92.875)
        let report = try assess("IN-KA", currency: "INR", offered: 50)
        let finding = try #require(report.finding("wage-floor.not-binding"))
        #expect(finding.severity == .info)
        #expect(finding.message == "The floor used for IN-KA is a draft, not a binding statutory minimum.")
        #expect(
            report.finding("wage-floor.effective-below-floor")?.severity == .warning, "a draft warns, it does not block"
        )
    }

    @Test func anAdvisoryFloorIsUsedButNotBinding() throws {
        let floor = try #require(select("IN", currency: "INR").binding)
        #expect(floor.record.id == "in-national-floor")
        #expect(floor.record.standing == .advisory)
        let report = try assess("IN", currency: "INR", offered: 20)
        #expect(
            report.finding("wage-floor.not-binding")?.message
                == "The floor used for IN is advisory, not a binding statutory minimum.")
        #expect(report.finding("wage-floor.effective-below-floor")?.severity == .warning)
        #expect(
            !(try assess("DE", currency: "EUR")).rules.contains("wage-floor.not-binding"), "a statutory floor binds")
    }

    // MARK: Living wage

    /// The shipped data plus a user living-wage benchmark for Nairobi: 20,000 KES a month /
    /// 225.33 h = 88.7574 KES/h, above the 71.51 KES/h floor.
    static func withNairobiLivingWage() throws -> ReferenceSet {
        var parser = try ReferenceDataTests.shippedParser()
        parser.add(
            """
            sources:
              - {key: test-living-wage, title: Nairobi living wage estimate, publisher: Test, signal: A living wage for tests., source: test-living-wage, as_of: 2026-06, confidence: medium}
            living_wages:
              - {id: ke-nairobi-living, jurisdiction: KE, localities: [Nairobi], amount: 20000, currency: KES, period: month, effective: 2026-01-01, source: test-living-wage, as_of: 2026-06, confidence: medium}

            """, file: "user/living-wages.yaml")
        return try parser.build()
    }

    static let livingHourly = 20000 / (52 * 52 / 12.0)

    func nairobiReport(_ reference: ReferenceSet, rate: Double) throws -> ComplianceReport {
        let spec = ComplianceFixture.spec(
            status: .platformWorker, jurisdiction: "KE", location: "Nairobi", currency: "KES",
            offered: ComplianceFixture.hourly(rate, "KES"))
        return try ComplianceFixture.assess(spec, reference: reference)
    }

    @Test func effectivePayBelowALivingWageIsFlagged() throws {
        let custom = try Self.withNairobiLivingWage()
        let floors = select("KE", location: "Nairobi", currency: "KES", reference: custom)
        let living = try #require(floors.livingWage)
        #expect(living.record.id == "ke-nairobi-living")
        expectClose(living.hourlyInSpecCurrency, Self.livingHourly, tolerance: 1e-12)
        expectClose(living.hourlyInSpecCurrency, 88.75739644970415, tolerance: 1e-9)
        #expect(
            floors.binding?.record.id == "ke-general-labourer-cities", "a living wage never becomes the binding floor")

        // 85 KES/h clears the 71.51 floor but not the 88.76 living wage.
        let report = try nairobiReport(custom, rate: 85)
        #expect(!report.rules.contains("wage-floor.effective-below-floor"))
        let finding = try #require(report.finding("effective-pay.below-living-wage"))
        #expect(finding.severity == .warning)
        #expect(finding.message == "Effective pay of 85.00 KES/h is below the living wage of 88.76 KES/h.")
        // 88.7574 - 85 = 3.7574.
        #expect(finding.fix == "Close the gap of 3.76 KES/h, or record why not.")
        #expect(
            finding.evidence.last
                == "living wage ke-nairobi-living: 20,000.00 KES per month = 88.76 KES/h (20000 KES per month / 52 h per week x 52 / 12 per month), effective 2026-01-01 (test-living-wage, checked 2026-06, confidence medium)"
        )
    }

    @Test func effectivePayAtOrAboveTheLivingWageIsNotFlagged() throws {
        let custom = try Self.withNairobiLivingWage()
        #expect(!(try nairobiReport(custom, rate: 100)).rules.contains("effective-pay.below-living-wage"))
        #expect(!(try nairobiReport(custom, rate: 88.76)).rules.contains("effective-pay.below-living-wage"))
        #expect(
            !(try nairobiReport(try ComplianceFixture.reference(), rate: 85)).rules.contains(
                "effective-pay.below-living-wage"), "no benchmark shipped")
        #expect(
            select("KE", location: "Mombasa", currency: "KES", reference: custom).livingWage == nil,
            "the benchmark is Nairobi's")
    }
}
