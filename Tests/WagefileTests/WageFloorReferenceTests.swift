import Foundation
import ReferenceData
import Testing
import WorkModel

/// The wage-floor, jurisdiction and policy tables: what ships, what a user file may add or
/// replace, and how a broken floor is reported when the reference data is built.
@Suite struct WageFloorReferenceTests {
    let reference: ReferenceSet

    init() throws { reference = try Shipped.get().reference }

    /// The shipped documents with `user` added after them as `file`, built.
    static func build(_ user: String, file: String = "user/floors.yaml") throws -> ReferenceSet {
        var parser = try ReferenceDataTests.shippedParser()
        parser.add(user, file: file)
        return try parser.build()
    }

    /// The diagnostics from building the shipped documents plus `user` (as `file`).
    static func problems(
        _ user: String, file: String = "user/floors.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> [Diagnostic] {
        try ReferenceDataTests.problems(user, file: file, sourceLocation: sourceLocation)
    }

    /// Hours in one period of `floor`, from its own basis and then its jurisdiction's.
    func hours(_ floor: WageFloor, in set: ReferenceSet? = nil) -> (hours: Double, derivation: String)? {
        let set = set ?? reference
        return floor.hours.filled(from: set.statutoryHours(floor.jurisdiction)).hours(per: floor.period)
    }

    func wageFloor(_ id: String, in set: ReferenceSet? = nil) throws -> WageFloor {
        try #require((set ?? reference).wageFloors.first { $0.id == id }, "no wage floor '\(id)'")
    }

    /// A monthly UK floor that is valid as written; tests remove or replace its lines.
    static let gbMonthly = [
        "wage_floors:",  // 1
        "  - id: gb-monthly",  // 2
        "    jurisdiction: GB",  // 3
        "    amount: 2200",  // 4
        "    currency: GBP",  // 5
        "    period: month",  // 6
        "    effective: 2026-04-01",  // 7
        "    hours_per_week: 40",  // 8
        "    source: floor-gb-nmw",  // 9
        "    as_of: 2026-06",  // 10
        "    confidence: high",  // 11
    ]

    static func gbMonthly(_ changes: [Int: String?]) -> String {
        var out: [String] = []
        for (index, line) in gbMonthly.enumerated() {
            if let change = changes[index + 1] {
                if let replacement = change { out.append(replacement) }
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Shipped floors

    @Test func everyFACTSPlaceHasAFloor() {
        let counts = Dictionary(grouping: reference.wageFloors, by: \.jurisdiction).mapValues(\.count)
        #expect(
            counts == [
                // California: the state rate and 39 city and county ordinances; Haryana: six skill tiers;
                // Kenya: two occupations in each of three areas.
                "US": 1, "US-CA": 40, "US-NY": 2, "US-WA": 2, "US-TX": 1, "GB": 1, "DE": 2, "IN": 1, "IN-HR": 6,
                "IN-KA": 1,
                "KE": 6, "PH-00": 1, "NG": 1, "UG": 1, "VE": 1, "CO": 1, "BR": 1, "MX": 2, "ID-JK": 1, "PK": 1,
                "PK-PB": 1,
                "PK-SD": 1,
            ])
        #expect(reference.wageFloors.count == 75)
        #expect(Set(reference.wageFloors.map(\.id)).count == 75, "ids are unique")
        #expect(reference.livingWages.isEmpty, "no living wages ship")
    }

    @Test func everyShippedFloorHasCurrencyPeriodEffectiveDateAndProvenance() throws {
        let ledger = Set(reference.sources.map(\.key))
        for floor in reference.wageFloors {
            #expect(floor.amount > 0, "\(floor.id) has an amount")
            #expect(
                reference.exchangeRate(floor.currency) != nil,
                "\(floor.id) is in \(floor.currency), which has an exchange rate")
            #expect(WagePeriod.allCases.contains(floor.period))
            #expect(
                floor.effective.year >= 1984 && floor.effective.year <= 2027,
                "\(floor.id) takes effect \(floor.effective)")
            #expect(
                ledger.contains(floor.ref.source),
                "\(floor.id) cites '\(floor.ref.source)', which is not in sources.yaml")
            #expect(CalendarDate(floor.ref.asOf) != nil, "\(floor.id) was checked on a date: '\(floor.ref.asOf)'")
            #expect(Confidence.allCases.contains(floor.ref.confidence))
            let origin = try #require(reference.origins["wage_floors/\(floor.id)"])
            #expect(origin.file == "reference/wage-floors.yaml")
            #expect(origin.shipped && !origin.overridesShipped)
        }
    }

    @Test func theShippedFloorsReadTheirFields() throws {
        let federal = try wageFloor("us-federal")
        #expect(federal.amount == 7.25)
        #expect(federal.currency == "USD")
        #expect(federal.period == .hour)
        #expect(federal.effective == CalendarDate(year: 2009, month: 7, day: 24))
        #expect(federal.standing == .statutory, "statutory unless stated")
        #expect(federal.ref == SourceRef(source: "floor-us-dol-whd", asOf: "2026-06", confidence: .high))

        let india = try wageFloor("in-national-floor")
        #expect(india.period == .day)
        #expect(india.standing == .advisory)
        #expect(india.effective == CalendarDate(year: 2017, month: 6))
        #expect(try wageFloor("in-ka-unskilled-draft").standing == .draft)
        #expect(try wageFloor("ug-1984").effective == CalendarDate(year: 1984), "year precision")

        #expect(try wageFloor("gb-nlw").covers == "workers 21 and over")
        #expect(try wageFloor("us-wa-seattle").localities == ["Seattle"])
        #expect(try wageFloor("us-ny-nyc-li-westchester").localities.contains("Westchester"))
        #expect(
            try wageFloor("mx-northern-border-2026").localities.contains("Ciudad Juárez"),
            "non-ASCII localities survive")
        #expect(
            try wageFloor("de-2027").effective == CalendarDate(year: 2027, month: 1, day: 1),
            "an announced rate is kept with its future date")
        #expect(
            reference.wageFloors.allSatisfy { $0.hours.isEmpty },
            "no shipped floor states its own hours; the jurisdictions do")
        let mexico = try wageFloor("mx-general-2026")
        #expect(mexico.paidDaysPerWeek == 7, "LFT art. 69: the rest day is paid")
        #expect(mexico.weeklyHoursSchedule.map(\.hours) == [48, 46, 44, 42, 40])
        #expect(mexico.weeklyHoursSchedule.first?.from == CalendarDate(year: 2026, month: 1, day: 1))
        #expect(try wageFloor("in-hr-skilled-a").tier == FloorTier(by: .skillLevel, name: "skilled-a", rank: 4))
        #expect(
            try wageFloor("ke-night-watchman-cities").tier
                == FloorTier(by: .occupation, name: "night-watchman", rank: 2))
        #expect(try wageFloor("in-hr-unskilled").cycle == AdjustmentCycle(kind: .semiAnnual, months: [1, 7]))
        #expect(try wageFloor("us-ca-san-francisco").cycle == AdjustmentCycle(kind: .annual, months: [7]))
        #expect(try wageFloor("ph-ncr-26").checked == CalendarDate(year: 2026, month: 12, day: 5))
    }

    @Test func theUnverifiedFloorsAreLowConfidence() {
        let low = reference.wageFloors.filter { $0.ref.confidence == .low }
        #expect(Set(low.map(\.jurisdiction)) == ["IN", "IN-HR", "IN-KA", "UG", "VE", "CO"])
        #expect(
            low.count == 11,
            "India's advisory floor, Haryana's six tiers, Karnataka's draft, Uganda, Venezuela, Colombia")
        // Figures whose primary text was not read (secondary reports agree): Kenya's order, Manila's
        // NCR-26 and California's local ordinances.
        let medium = reference.wageFloors.filter { $0.ref.confidence == .medium }
        #expect(Set(medium.map(\.jurisdiction)) == ["KE", "PH-00", "US-CA"])
        #expect(medium.filter { $0.jurisdiction == "US-CA" }.count == 39, "the local ordinances, not the state rate")
    }

    // MARK: Jurisdictions

    @Test func euMembersHaveTheEUGroup() {
        let members: Set<String> = [
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT",
            "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
        ]
        #expect(Set(reference.jurisdictions.filter { $0.groups.contains("eu") }.map(\.code)) == members)
        #expect(members.allSatisfy { reference.jurisdiction($0, isIn: "eu") })
        #expect(reference.jurisdiction("DE-BY", isIn: "eu"), "a subdivision is in its country's groups")
        #expect(!reference.jurisdiction("GB", isIn: "eu"))
        #expect(!reference.jurisdiction("US-CA", isIn: "eu"))
        #expect(!reference.jurisdiction("ZZ", isIn: "eu"), "an unknown code is in no group")
    }

    @Test func everyFloorsJurisdictionAndItsCountryAreDefined() {
        for floor in reference.wageFloors {
            #expect(
                ReferenceSet.chain(floor.jurisdiction).allSatisfy { reference.jurisdiction($0) != nil },
                "\(floor.id): \(floor.jurisdiction)")
        }
    }

    @Test func aSubdivisionInheritsItsCountrysHoursBasis() throws {
        #expect(try #require(reference.jurisdiction("IN-HR")).hours.isEmpty, "Haryana states no hours of its own")
        #expect(reference.statutoryHours("IN-HR") == StatutoryHours(hoursPerDay: 8, daysPerMonth: 26))
        #expect(reference.statutoryHours("IN-HR") == reference.statutoryHours("IN"))
        #expect(reference.statutoryHours("US-CA") == StatutoryHours(hoursPerDay: 8, hoursPerWeek: 40))
        #expect(reference.statutoryHours("PH-00") == StatutoryHours(hoursPerDay: 8, hoursPerWeek: 48))
        #expect(
            reference.statutoryHours("ID-JK") == StatutoryHours(hoursPerDay: 8, hoursPerWeek: 40, hoursPerMonth: 173))
        #expect(reference.statutoryHours("PK-SD") == StatutoryHours(hoursPerDay: 8, daysPerMonth: 26))
        #expect(reference.statutoryHours("CO") == StatutoryHours(hoursPerDay: 8, hoursPerWeek: 42, hoursPerMonth: 210))
        #expect(reference.statutoryHours("GB").isEmpty, "the UK ships no basis; its floor is hourly")
        #expect(reference.statutoryHours("ZZ-01").isEmpty)
    }

    // MARK: Hourly figures

    @Test func everyShippedFloorConvertsToAnHourlyFigure() throws {
        for floor in reference.wageFloors {
            let basis = try #require(
                hours(floor), "\(floor.id) (\(floor.period.rawValue), \(floor.jurisdiction)) has no hours basis")
            #expect(basis.hours > 0)
            #expect((floor.amount / basis.hours).isFinite)
        }
    }

    @Test(
        arguments: [
            ("us-federal", 1.0, "hourly figure"),
            ("in-national-floor", 8.0, "8 h per day"),
            ("in-hr-unskilled", 208.0, "26 days x 8 h per month"),
            ("in-ka-unskilled-draft", 8.0, "8 h per day"),
            ("ke-general-labourer-cities", 2704.0 / 12, "52 h per week x 52 / 12 per month"),
            ("ph-ncr-26", 8.0, "8 h per day"),
            ("ng-2024", 2080.0 / 12, "40 h per week x 52 / 12 per month"),
            ("ug-1984", 208.0, "48 h per week x 52 / 12 per month"),
            ("co-2026", 210.0, "210 h per month"),
            ("br-2026", 220.0, "220 h per month"),
            // The jurisdiction's day; the lookup uses the paid week (WageFloorLawTests).
            ("mx-northern-border-2026", 8.0, "8 h per day"),
            ("id-jk-2026", 173.0, "173 h per month"),
            ("pk-pb-2025", 208.0, "26 days x 8 h per month"),
        ] as [(String, Double, String)])
    func aFloorUsesTheRightHoursBasis(id: String, expected: Double, derivation: String) throws {
        let basis = try #require(hours(try wageFloor(id)))
        expectClose(basis.hours, expected, tolerance: 1e-9, id)
        #expect(basis.derivation == derivation)
    }

    @Test func theBrazilianMonthlyFloorMatchesItsPublishedHourlyRate() throws {
        let brazil = try wageFloor("br-2026")
        let basis = try #require(hours(brazil))
        expectClose(
            brazil.amount / basis.hours, 7.37, tolerance: 0.005, "BRL 7.37/h on the 220-hour month, as the note says")
    }

    // MARK: A user reference file

    static let userFloors = """
        sources:
          - {key: acme-pay-survey, title: Acme pay survey, publisher: Acme, signal: Our own survey, source: acme-pay-survey, as_of: 2026-10, confidence: medium}
        exchange_rates:
          - {currency: ZAR, per_usd: 17.5, source: wagefile-fx-approx, as_of: 2026-10, confidence: medium}
        jurisdictions:
          - {code: ZA, name: South Africa, hours_per_day: 9, hours_per_week: 45, source: acme-pay-survey, as_of: 2026-10, confidence: medium}
          - {code: IN-MH, name: Maharashtra, days_per_month: 30, source: acme-pay-survey, as_of: 2026-10, confidence: medium}
        wage_floors:
          - {id: za-floor, jurisdiction: ZA, amount: 5000, currency: ZAR, period: month, effective: 2026-03-01, source: acme-pay-survey, as_of: 2026-10, confidence: medium}
          - {id: in-mh-floor, jurisdiction: IN-MH, amount: 12000, currency: INR, period: month, effective: 2026-04, source: acme-pay-survey, as_of: 2026-10, confidence: low}
          - {id: gb-nlw, jurisdiction: GB, amount: 13.10, currency: GBP, period: hour, effective: 2027-04-01, covers: workers 21 and over, source: floor-gb-nmw, as_of: 2026-12, confidence: medium}
        living_wages:
          - {id: ke-nairobi-living, jurisdiction: KE, localities: [Nairobi], amount: 35000, currency: KES, period: month, effective: 2026, hours_per_week: 45, source: acme-pay-survey, as_of: 2026-10, confidence: low}
          - {id: za-living, jurisdiction: ZA, amount: 9000, currency: ZAR, period: month, effective: 2026, source: acme-pay-survey, as_of: 2026-10, confidence: low}
        """

    @Test func aUserFileAddsAJurisdictionWithItsOwnHoursAndAFloor() throws {
        let set = try Self.build(Self.userFloors)
        let southAfrica = try #require(set.jurisdiction("ZA"))
        #expect(southAfrica.name == "South Africa")
        #expect(southAfrica.hours == StatutoryHours(hoursPerDay: 9, hoursPerWeek: 45))
        #expect(set.exchangeRate("ZAR")?.perUSD == 17.5)
        #expect(set.vocabulary.currencies.contains("ZAR"))

        let floor = try wageFloor("za-floor", in: set)
        #expect(floor.amount == 5000)
        #expect(floor.currency == "ZAR")
        #expect(floor.period == .month)
        #expect(floor.effective == CalendarDate(year: 2026, month: 3, day: 1))
        #expect(floor.ref == SourceRef(source: "acme-pay-survey", asOf: "2026-10", confidence: .medium))
        let basis = try #require(hours(floor, in: set))
        expectClose(basis.hours, 195, tolerance: 1e-9, "45 h a week over 52 / 12")
        #expect(basis.derivation == "45 h per week x 52 / 12 per month")
        let origin = try #require(set.origins["wage_floors/za-floor"])
        #expect(origin.file == "user/floors.yaml")
        #expect(!origin.shipped && !origin.overridesShipped)
        #expect(set.origins["jurisdictions/ZA"]?.file == "user/floors.yaml")
    }

    @Test func aUserSubdivisionFillsOnlyTheHoursItStates() throws {
        let set = try Self.build(Self.userFloors)
        #expect(
            set.statutoryHours("IN-MH") == StatutoryHours(hoursPerDay: 8, daysPerMonth: 30),
            "days from Maharashtra, hours per day from India")
        let basis = try #require(hours(try wageFloor("in-mh-floor", in: set), in: set))
        #expect(basis.hours == 240)
        #expect(basis.derivation == "30 days x 8 h per month")
    }

    @Test func aUserFileOverridesAShippedFloorById() throws {
        let set = try Self.build(Self.userFloors)
        let floor = try wageFloor("gb-nlw", in: set)
        #expect(floor.amount == 13.10)
        #expect(floor.effective == CalendarDate(year: 2027, month: 4, day: 1))
        #expect(floor.ref.confidence == .medium)
        #expect(set.wageFloors.count(where: { $0.id == "gb-nlw" }) == 1, "replaced, not added")
        #expect(set.wageFloors.count == 75 + 2)
        #expect(
            set.wageFloors.firstIndex { $0.id == "gb-nlw" } == reference.wageFloors.firstIndex { $0.id == "gb-nlw" },
            "the floor keeps its place")
        let origin = try #require(set.origins["wage_floors/gb-nlw"])
        #expect(origin.file == "user/floors.yaml")
        #expect(origin.location == SourceLocation(line: 11, column: 5))
        #expect(!origin.shipped)
        #expect(origin.overridesShipped)
        #expect(set.origins["wage_floors/de-2026"]?.overridesShipped == false, "other floors are untouched")
    }

    @Test func aUserFileAddsLivingWages() throws {
        let set = try Self.build(Self.userFloors)
        #expect(set.livingWages.map(\.id) == ["ke-nairobi-living", "za-living"])
        #expect(!set.wageFloors.contains { $0.id == "ke-nairobi-living" }, "a living wage is not a floor")
        let nairobi = try #require(set.livingWages.first)
        #expect(nairobi.localities == ["Nairobi"])
        #expect(nairobi.hours == StatutoryHours(hoursPerWeek: 45), "its own basis")
        let basis = try #require(hours(nairobi, in: set))
        expectClose(basis.hours, 195, tolerance: 1e-9, "the living wage's 45 h week wins over Kenya's 52")
        #expect(set.origins["living_wages/ke-nairobi-living"]?.file == "user/floors.yaml")
    }

    @Test func theValidMonthlyTemplateLoads() throws {
        let set = try Self.build(Self.gbMonthly([:]))
        let floor = try wageFloor("gb-monthly", in: set)
        #expect(floor.hours == StatutoryHours(hoursPerWeek: 40))
        expectClose(hours(floor, in: set)?.hours, 40.0 * 52 / 12, tolerance: 1e-9)
    }

    // MARK: Broken floors

    @Test(arguments: [(9, "source"), (10, "as_of"), (11, "confidence")])
    func aFloorWithoutProvenanceIsRejected(line: Int, field: String) throws {
        let found = try Self.problems(Self.gbMonthly([line: nil]))
        #expect(
            found.map(\.description) == ["user/floors.yaml:2:5: wage_floors[0].\(field): required field is missing"])
    }

    @Test func aFloorWithoutAnyProvenanceNamesAllThree() throws {
        let found = try Self.problems(Self.gbMonthly([9: nil, 10: nil, 11: nil]))
        #expect(found.map(\.field) == ["wage_floors[0].source", "wage_floors[0].as_of", "wage_floors[0].confidence"])
        #expect(found.allSatisfy { $0.file == "user/floors.yaml" && $0.location == SourceLocation(line: 2, column: 5) })
    }

    @Test(arguments: ["2026-02-30", "2026-13", "01/04/2026", "soon", "26-04-01"])
    func aBadEffectiveDateIsRejected(text: String) throws {
        let found = try Self.problems(Self.gbMonthly([7: "    effective: \(text)"]))
        #expect(
            found.map(\.description) == [
                "user/floors.yaml:7:16: wage_floors[0].effective: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found '\(text)'"
            ])
    }

    @Test func aMissingEffectiveDateIsRejected() throws {
        let found = try Self.problems(Self.gbMonthly([7: nil]))
        #expect(
            found.map(\.description) == ["user/floors.yaml:2:5: wage_floors[0].effective: required field is missing"])
    }

    @Test func aCurrencyWithoutAnExchangeRateIsRejected() throws {
        let found = try Self.problems(Self.gbMonthly([5: "    currency: ZAR"]))
        #expect(
            found.map(\.description) == [
                "user/floors.yaml:2:5: wage_floors.currency: no exchange rate for ZAR; add one to exchange_rates"
            ])
        let living = try Self.problems(Self.gbMonthly([1: "living_wages:", 5: "    currency: ZAR"]))
        #expect(
            living.map(\.description) == [
                "user/floors.yaml:2:5: living_wages.currency: no exchange rate for ZAR; add one to exchange_rates"
            ])
    }

    @Test func aCurrencyThatIsNotACodeIsRejected() throws {
        let found = try Self.problems(Self.gbMonthly([5: "    currency: pounds"]))
        #expect(found.map(prefix).contains("user/floors.yaml:5:15: wage_floors[0].currency"))
        #expect(found.first?.message == "expected a three-letter ISO 4217 code, found 'pounds'")
    }

    @Test func anUnknownPeriodIsRejected() throws {
        let found = try Self.problems(Self.gbMonthly([6: "    period: fortnight"]))
        #expect(
            found.map(\.description) == [
                "user/floors.yaml:6:13: wage_floors[0].period: 'fortnight' is not one of: hour, day, week, month"
            ])
        let typo = try Self.problems(Self.gbMonthly([6: "    period: monthly"]))
        #expect(typo.first?.message.hasSuffix("; did you mean 'month'?") == true)
    }

    @Test func aMonthFigureWithNoHoursBasisAnywhereIsRejected() throws {
        let found = try Self.problems(Self.gbMonthly([8: nil]))
        #expect(
            found.map(\.description) == [
                "user/floors.yaml:2:5: wage_floors.gb-monthly: a month figure needs an hours basis: add hours_per_day, days_per_month, hours_per_week or hours_per_month here or on jurisdiction GB"
            ])
    }

    @Test func aDayFigureNeedsHoursPerDay() throws {
        // Germany ships no hours basis: a day rate there cannot become hourly.
        let found = try Self.problems(
            Self.gbMonthly([3: "    jurisdiction: DE", 5: "    currency: EUR", 6: "    period: day", 8: nil]))
        #expect(found.map(prefix) == ["user/floors.yaml:2:5: wage_floors.gb-monthly"])
        #expect(found.first?.message.hasPrefix("a day figure needs an hours basis") == true)
        // hours_per_week alone does not give a day.
        let week = try Self.problems(
            Self.gbMonthly([3: "    jurisdiction: DE", 5: "    currency: EUR", 6: "    period: day"]))
        #expect(week.map(prefix) == ["user/floors.yaml:2:5: wage_floors.gb-monthly"])
    }

    @Test func aLivingWageWithNoHoursBasisIsRejected() throws {
        let found = try Self.problems(Self.gbMonthly([1: "living_wages:", 8: nil]))
        #expect(found.map(prefix) == ["user/floors.yaml:2:5: living_wages.gb-monthly"])
    }

    @Test func anOutOfRangeHoursBasisIsRejected() throws {
        let found = try Self.problems(Self.gbMonthly([8: "    hours_per_week: 200"]))
        #expect(found.map(prefix).first == "user/floors.yaml:8:21: wage_floors[0].hours_per_week")
        #expect(found.first?.message == "expected a number from 0 to 168, found 200")
    }

    @Test func anUnknownFloorFieldIsRejectedWithAHint() throws {
        let found = try Self.problems(Self.gbMonthly([8: "    hours_per_wek: 40"]))
        let typo = try #require(found.first { $0.field == "wage_floors[0].hours_per_wek" })
        #expect(prefix(typo) == "user/floors.yaml:8:5: wage_floors[0].hours_per_wek")
        #expect(typo.message.hasPrefix("unknown field; did you mean 'hours_per_week'?"))
    }

    @Test func everyBrokenFloorInAFileIsReported() throws {
        let text =
            Self.gbMonthly([11: nil]) + """
                  - {id: gb-weekly, jurisdiction: GB, amount: 500, currency: XYZ, period: week, effective: 2026, hours_per_week: 40, source: floor-gb-nmw, as_of: 2026-06, confidence: high}
                  - {id: gb-daily, jurisdiction: GB, amount: 100, currency: GBP, period: day, effective: 2026, source: floor-gb-nmw, as_of: 2026-06, confidence: high}
                  - {id: gb-hourly, jurisdiction: GB, amount: 13, currency: GBP, period: hour, effective: soon, source: floor-gb-nmw, as_of: 2026-06, confidence: high}
                """
        let found = try Self.problems(text)
        // Problems found while reading come before those found while cross-checking; each names the file.
        #expect(
            Set(found.map(prefix)) == [
                "user/floors.yaml:2:5: wage_floors[0].confidence",
                "user/floors.yaml:11:5: wage_floors.currency",
                "user/floors.yaml:12:5: wage_floors.gb-daily",
                "user/floors.yaml:13:91: wage_floors[3].effective",
            ])
        #expect(found.count == 4)
    }

    @Test func aFloorWithSeveralProblemsReportsThemAll() throws {
        let found = try Self.problems(Self.gbMonthly([7: "    effective: soon", 11: nil]))
        #expect(found.map(\.field) == ["wage_floors[0].confidence", "wage_floors[0].effective"])
    }

    // MARK: Policy

    @Test func thePolicyLoadsTheComplianceLimits() {
        #expect(reference.policy.floorMaxAgeMonths == 18)
        #expect(reference.policy.defaultEngagementWeeks == 13)
        #expect(reference.policy.vendorAuditMaxAgeMonths == 12)
    }

    @Test(arguments: [
        ("floor_max_age_months: 24", 24, 13.0, 12),
        ("default_engagement_weeks: 26", 18, 26.0, 12),
        ("vendor_audit_max_age_months: 6", 18, 13.0, 6),
    ])
    func aUserPolicyCanChangeJustOneLimit(field: String, maxAge: Int, weeks: Double, auditAge: Int) throws {
        let set = try Self.build(
            "policy: {\(field), source: wagefile-defaults, as_of: 2026-12, confidence: high}\n",
            file: "user/policy.yaml")
        #expect(set.policy.floorMaxAgeMonths == maxAge)
        #expect(set.policy.defaultEngagementWeeks == weeks)
        #expect(set.policy.vendorAuditMaxAgeMonths == auditAge)
        #expect(set.policy.hoursPerWeek == reference.policy.hoursPerWeek, "the rest is kept")
        #expect(set.policy.rangeSpreads == reference.policy.rangeSpreads)
        #expect(set.policy.budgetOwners == reference.policy.budgetOwners)
        #expect(set.policy.ref == SourceRef(source: "wagefile-defaults", asOf: "2026-12", confidence: .high))
        let origin = try #require(set.origins["policy/policy"])
        #expect(origin.file == "user/policy.yaml")
        #expect(origin.overridesShipped)
    }

    @Test(arguments: [
        (
            "floor_max_age_months: 0",
            "user.yaml:1:32: policy.floor_max_age_months: expected a whole number of at least 1, found 0"
        ),
        (
            "floor_max_age_months: 1.5",
            "user.yaml:1:32: policy.floor_max_age_months: expected a whole number of at least 1, found 1.5"
        ),
        (
            "default_engagement_weeks: 0",
            "user.yaml:1:36: policy.default_engagement_weeks: expected a number above 0, found 0"
        ),
        (
            "default_engagement_weeks: 600",
            "user.yaml:1:36: policy.default_engagement_weeks: expected a number from 0 to 520, found 600"
        ),
        (
            "vendor_audit_max_age_months: -1",
            "user.yaml:1:39: policy.vendor_audit_max_age_months: expected a whole number of at least 1, found -1"
        ),
        (
            "vendor_audit_max_age_months: yearly",
            "user.yaml:1:39: policy.vendor_audit_max_age_months: expected a number, found 'yearly'"
        ),
    ])
    func aBadLimitIsRejected(field: String, expected: String) throws {
        let found = try Self.problems(
            "policy: {\(field), source: wagefile-defaults, as_of: 2026-12, confidence: high}\n", file: "user.yaml")
        #expect(found.map(\.description) == [expected])
    }

    @Test func theFirstPolicyMustStateEveryLimit() throws {
        var parser = ReferenceParser()
        for document in try ReferenceLoader.shippedDocuments() where document.name != "policy.yaml" {
            parser.add(document.text, file: "reference/" + document.name, shipped: true)
        }
        let shippedPolicy = try #require(try ReferenceLoader.shippedDocuments().first { $0.name == "policy.yaml" }).text
        parser.add(
            shippedPolicy.replacingOccurrences(of: "  vendor_audit_max_age_months: 12\n", with: ""),
            file: "own/policy.yaml")
        let error = #expect(throws: InputError.self) { try parser.build() }
        let policy = try #require(error?.diagnostics.first { $0.field == "policy" })
        #expect(policy.file == "own/policy.yaml")
        #expect(policy.message.hasPrefix("the first policy needs location_policy,"))
        #expect(policy.message.contains("vendor_audit_max_age_months"))
    }
}
