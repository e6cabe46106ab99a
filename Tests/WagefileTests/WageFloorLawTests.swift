import Compliance
import ReferenceData
import Specs
import Testing
import WagefileTestSupport
import WorkModel

/// The wage floors as counsel would check them: each rule on both sides of its threshold, with
/// the arithmetic worked by hand in the test and the section, article or order in the test name.
@Suite struct WageFloorLawTests {
    let reference: ReferenceSet

    init() throws { reference = try ComplianceFixture.reference() }

    func select(
        _ jurisdiction: String, location: String? = nil, currency: String, on date: CalendarDate = Shipped.asOf,
        skill: String? = nil, occupation: String? = nil
    ) -> FloorSelection {
        var tiers: [TierField: String] = [:]
        tiers[.skillLevel] = skill
        tiers[.occupation] = occupation
        return WageFloorLookup.select(
            jurisdiction: jurisdiction, location: location, specCurrency: currency, asOf: date, reference: reference,
            tiers: tiers)
    }

    func assess(
        _ jurisdiction: String, location: String? = nil, currency: String, offered: Double? = nil,
        on date: CalendarDate = Shipped.asOf,
        skill: String? = nil, occupation: String? = nil
    ) throws -> ComplianceReport {
        var spec = ComplianceFixture.spec(
            status: .employee, jurisdiction: jurisdiction, location: location, currency: currency,
            offered: offered.map { ComplianceFixture.hourly($0, currency) })
        spec.worker.skillLevel = skill
        spec.worker.occupation = occupation
        return try ComplianceFixture.assess(spec, asOf: date)
    }

    func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate { ComplianceFixture.date(year, month, day) }

    // MARK: Mexico: the paid seventh day and the shrinking week

    @Test("LFT art. 69: the paid seventh day makes 315.04 MXN/day 45.94 MXN/h")
    func mexicoPaysSevenDaysForTheFortyEightHourWeek() throws {
        // Six worked days plus the paid rest day: 7 x 315.04 = 2,205.28 MXN for a 48-hour week,
        // 2,205.28 / 48 = 45.9433 MXN/h. Dividing the day by 8 (39.38) would forget the rest day.
        let floor = try #require(select("MX", location: "Guadalajara", currency: "MXN", on: date(2026, 6, 1)).binding)
        #expect(floor.record.id == "mx-general-2026")
        expectClose(floor.hourly, 7 * 315.04 / 48, "7 x 315.04 / 48")
        expectClose(floor.hourly, 45.94, tolerance: 0.005)
        #expect(
            floor.hoursDerivation
                == "315.04 MXN per day / 6.8571 h per paid day (48 h maximum week from 2026-01-01 / 7 paid days, rest day included)"
        )
    }

    @Test("LFT art. 69: the northern border's 440.87 MXN/day is 64.29 MXN/h")
    func mexicoNorthernBorderPaysSevenDays() throws {
        // 7 x 440.87 = 3,086.09 MXN a week; / 48 = 64.2935 MXN/h.
        let floor = try #require(
            select("MX", location: "Tijuana, Baja California", currency: "MXN", on: date(2026, 6, 1)).binding)
        #expect(floor.record.id == "mx-northern-border-2026")
        expectClose(floor.hourly, 64.29, tolerance: 0.005)
    }

    @Test("LFT art. 69: pay of 45.93 MXN/h is below the 45.94 floor, 45.95 is not")
    func mexicoFloorOnBothSides() throws {
        let below = try assess("MX", location: "Monterrey", currency: "MXN", offered: 45.93, on: date(2026, 6, 1))
        #expect(below.rules.contains("wage-floor.effective-below-floor"))
        let above = try assess("MX", location: "Monterrey", currency: "MXN", offered: 45.95, on: date(2026, 6, 1))
        #expect(!above.rules.contains("wage-floor.effective-below-floor"))
    }

    @Test("Const. art. 123 (2026 reform): the week is 48 h on 2026-12-31 and 46 h from 2027-01-01")
    func mexicoWeekShrinksOnItsDate() throws {
        // 2026-12-31: 7 x 315.04 / 48 = 45.94. 2027-01-01: 7 x 315.04 / 46 = 2,205.28 / 46 = 47.94.
        let lastDay = try #require(select("MX", location: "Puebla", currency: "MXN", on: date(2026, 12, 31)).binding)
        expectClose(lastDay.hourly, 45.94, tolerance: 0.005)
        let firstDay = try #require(select("MX", location: "Puebla", currency: "MXN", on: date(2027, 1, 1)).binding)
        expectClose(firstDay.hourly, 47.94, tolerance: 0.005)
        // 2030 onwards: 40 h, 2,205.28 / 40 = 55.13 (if the 2026 daily rate were still the latest).
        expectClose(
            try #require(select("MX", location: "Puebla", currency: "MXN", on: date(2030, 1, 1)).binding).hourly,
            55.132, tolerance: 0.001)
    }

    // MARK: Kenya: area and occupation tiers, and the housing allowance

    // Monthly hours on Kenya's 52-hour week: 52 x 52 / 12 = 225.333 h.

    @Test(
        "Regulation of Wages (General) Order 2024 and Employment Act s.31: a Nakuru general labourer is owed 16,113.75 + 15% = 82.24 KES/h"
    )
    func kenyaNakuruIsACity() throws {
        // 16,113.75 x 1.15 = 18,530.81 KES a month; / 225.333 h = 82.2373 KES/h.
        let floor = try #require(
            select("KE", location: "Nakuru", currency: "KES", occupation: "general-labourer").binding)
        #expect(floor.record.id == "ke-general-labourer-cities")
        expectClose(floor.hourly, 16113.75 * 1.15 / (52.0 * 52 / 12))
        expectClose(floor.hourly, 82.24, tolerance: 0.005)
        #expect(floor.tierChoice?.assumed == false)
    }

    @Test("Regulation of Wages (General) Order 2024: a Nairobi night watchman is owed 17,976.54 + 15% = 91.74 KES/h")
    func kenyaNightWatchmanTier() throws {
        // 17,976.54 x 1.15 = 20,673.02; / 225.333 = 91.7442.
        let report = try assess("KE", location: "Nairobi", currency: "KES", occupation: "night-watchman")
        let floor = try #require(report.floors.binding)
        #expect(floor.record.id == "ke-night-watchman-cities")
        expectClose(floor.hourly, 91.74, tolerance: 0.005)
        #expect(!report.rules.contains("wage-floor.tier-assumed"), "the spec named the occupation")
    }

    @Test("Regulation of Wages (General) Order 2024: Ruiru 14,866.92 and other areas 8,596.49 KES/month, each + 15%")
    func kenyaAreaTiers() throws {
        // Ruiru: 14,866.92 x 1.15 / 225.333 = 75.87. Nyeri (all other areas): 8,596.49 x 1.15 / 225.333 = 43.87.
        let ruiru = try #require(
            select("KE", location: "Ruiru", currency: "KES", occupation: "general-labourer").binding)
        #expect(ruiru.record.id == "ke-general-labourer-mavoko-ruiru-limuru")
        expectClose(ruiru.hourly, 75.87, tolerance: 0.005)
        let nyeri = try #require(
            select("KE", location: "Nyeri", currency: "KES", occupation: "general-labourer").binding)
        #expect(nyeri.record.id == "ke-general-labourer-other-areas")
        expectClose(nyeri.hourly, 43.87, tolerance: 0.005)
    }

    @Test(
        "Regulation of Wages (General) Order 2024: without worker.occupation the general-labourer tier is assumed and said"
    )
    func kenyaOccupationAssumed() throws {
        let report = try assess("KE", location: "Mombasa", currency: "KES")
        #expect(report.floors.binding?.record.id == "ke-general-labourer-cities")
        #expect(report.floors.binding?.tierChoice?.assumed == true)
        let finding = try #require(report.finding("wage-floor.tier-assumed"))
        #expect(finding.severity == .warning)
        #expect(
            finding.message
                == "The spec does not state worker.occupation; KE's minimum wage differs by occupation, so the lowest tier, general-labourer, was assumed. A worker in a higher tier is owed more."
        )
        #expect(
            finding.fix
                == "Set worker.occupation to the tier the work is classed in (one of: general-labourer, night-watchman)."
        )
    }

    // MARK: Haryana: skill tiers

    // Haryana's monthly rates are daily x 26 (433.64 x 26 = 11,274.64 for the unskilled), hourly on 26 days x 8 h = 208 h.

    @Test(
        "Haryana minimum wages 2025-07-01: a skilled-A sewing operator is owed 13,051.71 INR/month = 62.75 INR/h, not the unskilled 54.20"
    )
    func haryanaSkilledIsNotUnskilled() throws {
        // 13,051.71 / 208 = 62.7486; unskilled 11,274.60 / 208 = 54.2048.
        let skilled = try #require(select("IN-HR", location: "Gurugram", currency: "INR", skill: "skilled-a").binding)
        #expect(skilled.record.id == "in-hr-skilled-a")
        expectClose(skilled.hourly, 62.75, tolerance: 0.005)
        let unskilled = try #require(select("IN-HR", location: "Gurugram", currency: "INR", skill: "unskilled").binding)
        expectClose(unskilled.hourly, 54.20, tolerance: 0.005)
        #expect(
            select("IN-HR", currency: "INR", skill: "skilled-a").applicable.filter { $0.record.tier != nil }.count == 1,
            "one tier applies, not all six")
    }

    @Test("Haryana minimum wages 2025-07-01: 62.74 INR/h is below the skilled-A floor, 62.75 is not")
    func haryanaSkilledFloorOnBothSides() throws {
        #expect(
            try assess("IN-HR", currency: "INR", offered: 62.74, skill: "skilled-a").rules.contains(
                "wage-floor.effective-below-floor"))
        #expect(
            !(try assess("IN-HR", currency: "INR", offered: 62.75, skill: "skilled-a")).rules.contains(
                "wage-floor.effective-below-floor"))
    }

    @Test("Haryana minimum wages 2025-07-01: highly skilled 14,389.52 INR/month is 69.18 INR/h")
    func haryanaHighlySkilled() throws {
        // 14,389.52 / 208 = 69.1804.
        expectClose(
            try #require(select("IN-HR", currency: "INR", skill: "highly-skilled").binding).hourly, 69.18,
            tolerance: 0.005)
    }

    @Test("Haryana minimum wages: without worker.skill_level the unskilled tier is assumed; an unknown level says so")
    func haryanaSkillAssumed() throws {
        let missing = try assess("IN-HR", currency: "INR")
        #expect(missing.floors.binding?.record.id == "in-hr-unskilled")
        #expect(
            try #require(missing.finding("wage-floor.tier-assumed")).message.hasPrefix(
                "The spec does not state worker.skill_level; IN-HR's minimum wage differs by skill level, so the lowest tier, unskilled, was assumed."
            ))
        let unknown = try assess("IN-HR", currency: "INR", skill: "master-tailor")
        #expect(unknown.floors.binding?.record.id == "in-hr-unskilled")
        #expect(
            try #require(unknown.finding("wage-floor.tier-assumed")).message.hasPrefix(
                "The spec's worker.skill_level 'master-tailor' is not a tier of IN-HR's wage order (unskilled, semi-skilled-a, semi-skilled-b, skilled-a, skilled-b, highly-skilled)"
            ))
        #expect(!(try assess("IN-HR", currency: "INR", skill: "skilled-b")).rules.contains("wage-floor.tier-assumed"))
    }

    @Test(
        "Haryana VDA is revised each January 1 and July 1: the 2025-07-01 rates are current on 2025-12-31 and overdue on 2026-01-01"
    )
    func haryanaSemiAnnualRevision() throws {
        let before = try #require(select("IN-HR", currency: "INR", on: date(2025, 12, 31), skill: "unskilled").binding)
        #expect(before.overdueRevision == nil)
        #expect(!before.stale)
        let after = try #require(select("IN-HR", currency: "INR", on: date(2026, 1, 1), skill: "unskilled").binding)
        #expect(after.overdueRevision == date(2026, 1, 1))
        #expect(after.stale)
        let finding = try #require(
            try assess("IN-HR", currency: "INR", on: date(2026, 1, 1), skill: "unskilled").finding("wage-floor.stale"))
        #expect(
            finding.message
                == "The wage floor for IN-HR (in-hr-unskilled, effective 2025-07-01) is revised twice a year (January, July); the revision expected on 2026-01-01 has passed by 2026-01-01, so the figure may have been superseded."
        )
    }

    // MARK: India: the Code on Wages

    @Test("Code on Wages 2019 s.9: no floor wage is fixed; the pre-Code 176 INR/day is advisory, 176 / 8 = 22 INR/h")
    func indiaNationalFloorIsAdvisory() throws {
        let report = try assess("IN", currency: "INR")
        let floor = try #require(report.floors.binding)
        #expect(floor.record.id == "in-national-floor")
        #expect(floor.record.standing == .advisory)
        expectClose(floor.hourly, 22, "Central Rules 2026: hourly = daily / 8")
        #expect(floor.record.note?.contains("no amount fixed") == true)
        #expect(report.rules.contains("wage-floor.not-binding"))
        #expect(report.rules.contains("wage-floor.low-confidence"))
    }

    // MARK: California: local minimums

    @Test("San Francisco Minimum Wage Ordinance: 19.17 USD/h is below the 19.18 city floor, 19.18 is not")
    func sanFranciscoOnBothSides() throws {
        #expect(
            try assess("US-CA", location: "San Francisco", currency: "USD", offered: 19.17, on: date(2026, 3, 1)).rules
                .contains("wage-floor.effective-below-floor"))
        #expect(
            !(try assess("US-CA", location: "San Francisco", currency: "USD", offered: 19.18, on: date(2026, 3, 1)))
                .rules.contains("wage-floor.effective-below-floor"))
        #expect(
            try assess("US-CA", location: "San Francisco", currency: "USD", offered: 19.18, on: date(2026, 3, 1)).floors
                .binding?.record.id == "us-ca-san-francisco")
    }

    @Test(
        "California local minimum wage ordinances in force 2026-01-01",
        arguments: [
            ("Los Angeles", "us-ca-los-angeles", 17.87),
            ("unincorporated Los Angeles County", "us-ca-los-angeles-county", 17.81),
            ("San Diego", "us-ca-san-diego", 17.75), ("San Jose", "us-ca-san-jose", 18.45),
            ("Oakland", "us-ca-oakland", 17.34),
            ("Berkeley", "us-ca-berkeley", 19.18), ("Mountain View", "us-ca-mountain-view", 19.70),
            ("Sunnyvale", "us-ca-sunnyvale", 19.50),
            ("West Hollywood", "us-ca-west-hollywood", 20.25), ("San Mateo", "us-ca-san-mateo", 18.60),
            ("Fresno", "us-ca", 16.90),
        ] as [(String, String, Double)])
    func californiaCityBinds(location: String, id: String, amount: Double) throws {
        let floor = try #require(select("US-CA", location: location, currency: "USD", on: date(2026, 3, 1)).binding)
        #expect(floor.record.id == id)
        expectClose(floor.hourly, amount)
    }

    @Test("A county is not the city of the same name: San Mateo County does not get San Mateo city's 18.60")
    func aCountyIsNotItsCity() throws {
        #expect(
            select("US-CA", location: "unincorporated San Mateo County", currency: "USD", on: date(2026, 3, 1)).binding?
                .record.id == "us-ca-san-mateo-county")
        #expect(
            select("US-CA", location: "Los Angeles County", currency: "USD", on: date(2026, 3, 1)).binding?.record.id
                == "us-ca", "a county name alone does not claim the city's rate")
        #expect(
            select("US-CA", location: "San Francisco County", currency: "USD", on: date(2026, 3, 1)).binding?.record.id
                == "us-ca-san-francisco", "San Francisco is a city and county")
    }

    @Test("July-cycle ordinances: the 2025-07-01 San Francisco rate is current on 2026-06-30 and overdue on 2026-07-01")
    func julyCycleCitiesAge() throws {
        let june = try #require(
            select("US-CA", location: "San Francisco", currency: "USD", on: date(2026, 6, 30)).binding)
        #expect(!june.stale)
        let july = try #require(
            select("US-CA", location: "San Francisco", currency: "USD", on: date(2026, 7, 1)).binding)
        #expect(july.overdueRevision == date(2026, 7, 1))
        #expect(july.stale)
        let finding = try #require(
            try assess("US-CA", location: "San Francisco", currency: "USD", on: date(2026, 7, 1)).finding(
                "wage-floor.stale"))
        #expect(
            finding.message.contains(
                "the revision expected on 2026-07-01 has passed by 2026-07-01, so the figure may have been superseded"))
    }

    @Test("Labor Code 1182.12: the state rate of 2026-01-01 is current on 2026-12-31 and overdue on 2027-01-01")
    func californiaAnnualRevision() throws {
        #expect(select("US-CA", location: "Fresno", currency: "USD", on: date(2026, 12, 31)).binding?.stale == false)
        #expect(
            select("US-CA", location: "Fresno", currency: "USD", on: date(2027, 1, 1)).binding?.overdueRevision
                == date(2027, 1, 1))
    }

    // MARK: Metro Manila

    @Test(
        "Wage Order NCR-26: 695 PHP/day for up to 8 hours is 86.88 PHP/h; the yearly revision due 2026-07-18 is flagged"
    )
    func metroManila() throws {
        // 695 / 8 = 86.875.
        let before = try #require(select("PH-00", location: "Makati", currency: "PHP", on: date(2026, 7, 17)).binding)
        #expect(before.record.id == "ph-ncr-26")
        expectClose(before.hourly, 86.875)
        #expect(before.overdueRevision == nil)
        #expect(
            select("PH-00", location: "Makati", currency: "PHP", on: date(2026, 7, 18)).binding?.overdueRevision
                == date(2026, 7, 18))
    }

    // MARK: Exchange rates

    @Test("Exchange rates as of 2025-10 are current to 2026-04-01 and stale from 2026-04-02 (6-month policy)")
    func exchangeRatesAge() throws {
        #expect(reference.policy.exchangeRateMaxAgeMonths == 6)
        #expect(
            !(try assess("KE", location: "Nairobi", currency: "KES", on: date(2026, 4, 1))).rules.contains(
                "exchange-rate.stale"))
        let stale = try #require(
            try assess("KE", location: "Nairobi", currency: "KES", on: date(2026, 4, 2)).finding("exchange-rate.stale"))
        #expect(
            stale.message
                == "The exchange rate used to convert pay or the floor (KES) dates from more than 6 months before 2026-04-02; converted figures may be off by the currency's move since."
        )
        #expect(stale.evidence == ["KES: 129.2 per USD (wagefile-fx-approx, as of 2025-10, confidence low)"])
        #expect(
            !(try assess("US-CA", location: "Fresno", currency: "USD", on: date(2026, 12, 5))).rules.contains(
                "exchange-rate.stale"), "no conversion, no exchange rate")
    }

    // MARK: Revision cycles

    @Test("Revision cycles: the next expected revision after an effective date")
    func nextRevisions() {
        let annualJanuary = AdjustmentCycle(kind: .annual, months: [1])
        #expect(annualJanuary.nextRevision(after: date(2026, 1, 1)) == date(2027, 1, 1))
        #expect(AdjustmentCycle(kind: .annual, months: [7]).nextRevision(after: date(2025, 7, 1)) == date(2026, 7, 1))
        #expect(
            AdjustmentCycle(kind: .semiAnnual, months: [1, 7]).nextRevision(after: date(2025, 7, 1)) == date(2026, 1, 1)
        )
        #expect(
            AdjustmentCycle(kind: .semiAnnual, months: [1, 7]).nextRevision(after: date(2026, 1, 1)) == date(2026, 7, 1)
        )
        #expect(
            AdjustmentCycle(kind: .annual).nextRevision(after: date(2025, 7, 18)) == date(2026, 7, 18),
            "no fixed month: one year on")
        #expect(AdjustmentCycle(kind: .triennial).nextRevision(after: date(2024, 7, 29)) == date(2027, 7, 29))
        #expect(AdjustmentCycle(kind: .irregular).nextRevision(after: date(2024, 11, 1)) == nil)
        #expect(AdjustmentCycle(kind: .none).nextRevision(after: CalendarDate(year: 1984)) == nil)
    }

    // MARK: Every shipped floor

    @Test("Every shipped floor has a source in the ledger, an effective date, a checked date, a cycle and a confidence")
    func everyShippedFloorIsDatedAndSourced() throws {
        let ledger = Set(reference.sources.map(\.key))
        for floor in reference.wageFloors {
            #expect(ledger.contains(floor.ref.source), "\(floor.id): source '\(floor.ref.source)' is in sources.yaml")
            #expect(floor.effective.year >= 1984, "\(floor.id): effective")
            let checked = try #require(floor.checked, "\(floor.id) states when it was checked")
            #expect(
                checked >= floor.effective || floor.effective.year >= 2027, "\(floor.id): checked after it took effect")
            #expect(checked <= CalendarDate(year: 2026, month: 12, day: 5), "\(floor.id): checked no later than today")
            let cycle = try #require(floor.cycle, "\(floor.id) states its adjustment cycle")
            if cycle.kind == .semiAnnual {
                #expect(cycle.months.count == 2, "\(floor.id): a semi-annual cycle names its two months")
            }
            #expect(Confidence.allCases.contains(floor.ref.confidence))
        }
    }

    @Test("Every tiered wage order ships a lowest tier (rank 1) and distinct tier names per place")
    func everyTieredOrderHasALowestTier() {
        let tiered = Dictionary(grouping: reference.wageFloors.filter { $0.tier != nil }) {
            "\($0.jurisdiction)/\($0.localities.joined(separator: "|"))/\($0.tier?.by.rawValue ?? "")"
        }
        #expect(tiered.count == 4, "Haryana; Kenya's three areas")
        for (place, records) in tiered {
            #expect(records.contains { $0.tier?.rank == 1 }, "\(place) has a rank-1 tier")
            #expect(Set(records.compactMap { $0.tier?.name }).count == records.count, "\(place) names each tier once")
        }
    }
}

/// The spec fields that choose a wage order's tier: read as written, refused with their line and
/// field when not a tier name.
@Suite struct WageFloorTierFieldTests {
    @Test("worker.skill_level and worker.occupation are read as tier names")
    func tierFieldsRead() throws {
        let text = BaseSpec.edit([
            19: "worker: {status: employee, jurisdiction: IN-HR, skill_level: skilled-a, occupation: night-watchman}"
        ])
        let spec = try readSpec(text)
        #expect(spec.worker.skillLevel == "skilled-a")
        #expect(spec.worker.occupation == "night-watchman")
        #expect(try readSpec(BaseSpec.text).worker.skillLevel == nil, "older specs stay valid without the field")
    }

    @Test("A tier name that is not lower case with hyphens is refused at its line and field")
    func badTierNameIsLocated() throws {
        let found = try diagnostics(
            BaseSpec.edit([19: "worker: {status: employee, jurisdiction: IN-HR, skill_level: Skilled A}"]))
        let diagnostic = try #require(found.first)
        #expect(found.count == 1)
        #expect(diagnostic.field == "worker.skill_level")
        #expect(diagnostic.location.line == 19)
        #expect(
            diagnostic.message
                == "expected a tier name in lower case with hyphens, such as 'skilled-a' or 'general-labourer', found 'Skilled A'"
        )
    }
}
