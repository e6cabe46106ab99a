import Compliance
import ReferenceData
import Testing
import WorkModel

/// The overtime exemption for salaried employees treated as exempt, each salary level on both
/// sides of its threshold with the figures worked by hand.
@Suite struct OvertimeExemptionTests {
    typealias F = StatusLawFixture

    func report(
        _ salary: PayQuote?, jurisdiction: String = "US-CA", location: String? = nil,
        exemption: Worker.OvertimeExemptionClass? = .administrative,
        dutiesMet: Bool? = true, status: WorkerStatus = .employee, overtime: Bool? = false,
        engagement: Engagement = Engagement()
    ) throws -> ComplianceReport {
        try F.assess(
            F.spec(
                status: status, jurisdiction: jurisdiction, location: location, offered: salary, engagement: engagement,
                overtime: overtime, exemption: exemption, dutiesMet: dutiesMet))
    }

    func exemptionRules(_ report: ComplianceReport) -> [String] {
        report.rules.filter { $0.hasPrefix("overtime-exemption.") }
    }

    @Test func labCode515_70303USDAYearFailsCaliforniasExemptSalaryAnd70304Passes() throws {
        // 2 x 16.90 x 2,080 = 70,304.
        let below = try report(F.annual(70_303))
        #expect(exemptionRules(below) == ["overtime-exemption.salary-below-level"])
        let finding = try #require(below.finding("overtime-exemption.salary-below-level"))
        #expect(finding.severity == .blocking)
        #expect(
            finding.message
                == "The role is treated as exempt from overtime, but a salary of 70,303 USD a year is below California Labor Code 515(a) (twice the state minimum wage for full-time work) (70,304.00): the exemption fails and overtime is owed."
        )
        #expect(finding.fix == "Raise the salary to at least 70,304.00 USD a year, or pay overtime.")
        #expect(exemptionRules(try report(F.annual(70_304))) == ["overtime-exemption.holds"])
    }

    @Test func cfr541_600_35567USDFailsTheFederalLevelIn2026And35568PassesTheVacated2024LevelIsNotApplied() throws {
        // 684 x 52 = 35,568; the vacated 2024 rule's 1,128 x 52 = 58,656 is not applied.
        #expect(
            exemptionRules(try report(F.annual(35_567), jurisdiction: "US-TX")) == [
                "overtime-exemption.salary-below-level"
            ])
        let passes = try report(F.annual(35_568), jurisdiction: "US-TX")
        #expect(exemptionRules(passes) == ["overtime-exemption.holds"])
        #expect(
            passes.finding("overtime-exemption.holds")?.evidence.contains { $0.contains("Texas v. U.S. DOL") } == true)
    }

    @Test func cfr541_601_107431USDFailsTheHighlyCompensatedLevelAnd107432Passes() throws {
        #expect(
            exemptionRules(try report(F.annual(107_431), jurisdiction: "US-TX", exemption: .highlyCompensated)) == [
                "overtime-exemption.salary-below-level"
            ])
        #expect(
            exemptionRules(try report(F.annual(107_432), jurisdiction: "US-TX", exemption: .highlyCompensated)) == [
                "overtime-exemption.holds"
            ])
    }

    @Test func nycrr142_2_14_66299USDFailsInNewYorkCityAnd66300PassesUpstate62353_20Passes() throws {
        // 1,275 x 52 = 66,300 downstate; 1,199.10 x 52 = 62,353.20 elsewhere.
        #expect(
            exemptionRules(try report(F.annual(66_299), jurisdiction: "US-NY", location: "Brooklyn")) == [
                "overtime-exemption.salary-below-level"
            ])
        #expect(
            exemptionRules(try report(F.annual(66_300), jurisdiction: "US-NY", location: "Brooklyn")) == [
                "overtime-exemption.holds"
            ])
        #expect(
            exemptionRules(try report(F.annual(62_353.20), jurisdiction: "US-NY", location: "Albany")) == [
                "overtime-exemption.holds"
            ])
        #expect(
            exemptionRules(try report(F.annual(62_353.19), jurisdiction: "US-NY", location: "Albany")) == [
                "overtime-exemption.salary-below-level"
            ])
        // Location unstated: the higher downstate level, said so.
        let unstated = try report(F.annual(64_000), jurisdiction: "US-NY")
        #expect(exemptionRules(unstated) == ["overtime-exemption.salary-below-level"])
        #expect(
            unstated.finding("overtime-exemption.salary-below-level")?.evidence.last
                == "worker.location not stated: the New York City, Long Island and Westchester level is used (the higher one)"
        )
        // New York sets no salary level for professionals: the federal one applies.
        #expect(
            exemptionRules(
                try report(F.annual(40_000), jurisdiction: "US-NY", location: "Brooklyn", exemption: .professional))
                == ["overtime-exemption.holds"])
    }

    @Test func wac296_128_545_80168USDFailsWashingtonsLevelAnd80168_40Passes() throws {
        // 2.25 x 17.13 x 40 = 1,541.70 a week x 52 = 80,168.40.
        #expect(
            exemptionRules(try report(F.annual(80_168), jurisdiction: "US-WA")) == [
                "overtime-exemption.salary-below-level"
            ])
        #expect(exemptionRules(try report(F.annual(80_168.40), jurisdiction: "US-WA")) == ["overtime-exemption.holds"])
    }

    @Test func cfr541_602AnHourlyEmployeeTreatedAsExemptFailsTheSalaryBasis() throws {
        let hourly = try report(PayQuote(amount: 60, currency: "USD", basis: .hourly), jurisdiction: "US-TX")
        #expect(exemptionRules(hourly) == ["overtime-exemption.not-salaried"])
        #expect(hourly.finding("overtime-exemption.not-salaried")?.severity == .blocking)
    }

    @Test func dutiesNotMetBlocksDutiesNotStatedWarnsAndNoExemptionClaimedBlocks() throws {
        #expect(
            try report(F.annual(90_000), dutiesMet: false).finding("overtime-exemption.duties-not-met")?.severity
                == .blocking)
        let unstated = try report(F.annual(90_000), exemption: nil, dutiesMet: nil)
        #expect(unstated.finding("overtime-exemption.duties-not-stated")?.severity == .warning)
        #expect(
            try report(F.annual(90_000), exemption: Worker.OvertimeExemptionClass.none).finding(
                "overtime-exemption.none-claimed")?.severity == .blocking)
    }

    @Test func overtimePaidContractorsAndNonUSRolesGetNoExemptionCheck() throws {
        #expect(exemptionRules(try report(F.annual(20_000), overtime: true)).isEmpty)
        #expect(exemptionRules(try report(F.annual(20_000), status: .contractor)).isEmpty)
        #expect(exemptionRules(try report(F.annual(20_000), jurisdiction: "DE")).isEmpty)
        #expect(
            exemptionRules(try report(F.annual(20_000), status: .fellow)) == ["overtime-exemption.salary-below-level"],
            "fellows are employees too")
    }

    // MARK: Cases written from published guidance

    @Test func dolFactSheet17A_employeesPractisingMedicineHaveNoFederalSalaryRequirement() throws {
        // Fact Sheet 17A (rev. 2019): "salary requirements do not apply to ... employees practicing law or medicine".
        let physician = try report(
            PayQuote(amount: 150, currency: "USD", basis: .hourly), jurisdiction: "US-TX", exemption: .professional,
            engagement: Engagement(licensedProfession: .physician))
        #expect(exemptionRules(physician) == ["overtime-exemption.holds"])
    }

    @Test func dolFactSheet17A_computerEmployeesPaidHourlyAtLeast27_63AreExemptAnd27_62IsNot() throws {
        // Fact Sheet 17A: computer employees may be paid "on an hourly basis at a rate not less than $27.63 an hour".
        #expect(
            exemptionRules(
                try report(
                    PayQuote(amount: 27.63, currency: "USD", basis: .hourly), jurisdiction: "US-TX",
                    exemption: .computer)) == ["overtime-exemption.holds"])
        #expect(
            exemptionRules(
                try report(
                    PayQuote(amount: 27.62, currency: "USD", basis: .hourly), jurisdiction: "US-TX",
                    exemption: .computer)) == ["overtime-exemption.not-salaried"])
    }

    @Test func dolFactSheet17A_684AWeekOnASalaryBasisMeetsTheStandardLevel() throws {
        // Fact Sheet 17A: "paid on a salary basis at not less than $684 per week"; 684 x 12 x 52 / 12 a month = 2,964.
        #expect(
            exemptionRules(try report(PayQuote(amount: 2_964, currency: "USD", basis: .month), jurisdiction: "US-TX"))
                == ["overtime-exemption.holds"])
        #expect(
            exemptionRules(
                try report(PayQuote(amount: 2_963.99, currency: "USD", basis: .month), jurisdiction: "US-TX")) == [
                    "overtime-exemption.salary-below-level"
                ])
    }
}

/// Minimum wage judged per workweek (29 CFR 778.104: each workweek stands alone; California,
/// Armenta v. Osmose): spreading one-off unpaid hours must not hide a week-one violation.
@Suite struct WorkweekMinimumWageTests {
    typealias F = StatusLawFixture

    /// 30 task hours a week, 6 unpaid onboarding hours, a 12-week engagement, in Fresno, where
    /// California's state-wide 16.90 binds (no local ordinance).
    func report(_ rate: Double, timing: PayPractice.OneOffTiming? = nil, jurisdiction: String = "US-CA") throws
        -> ComplianceReport
    {
        let practice = PayPractice(
            platformFee: 0, workerCostsPerMonth: 0, unpaidQualificationHours: 0, unpaidOnboardingHours: 6,
            engagementWeeks: 12,
            unpaidSearchShare: 0, rejectedShare: 0, unpaidReworkShare: 0, oneOffTiming: timing)
        return try F.assess(
            F.spec(
                status: .employee, jurisdiction: jurisdiction, location: jurisdiction == "US-CA" ? "Fresno" : nil,
                offered: ComplianceFixture.hourly(rate), practice: practice, overtime: true),
            hoursPerWeek: 30)
    }

    @Test func cfr778_104SixUnpaidHoursSpreadOverTwelveWeeksHideAWeekOneViolationInCalifornia() throws {
        // Average week: 17.50 x 30 = 525 over 30 + 6/12 = 30.5 h = 17.21 USD/h, above 16.90.
        // Week one: 525 over 30 + 6 = 36 h = 14.58 USD/h, below it.
        let report = try report(17.50)
        #expect(report.effectivePay.map { ($0.effectiveHourly * 100).rounded() / 100 } == 17.21)
        #expect(report.finding("wage-floor.effective-below-floor") == nil)
        let finding = try #require(report.finding("wage-floor.workweek-below-floor"))
        #expect(finding.severity == .blocking)
        #expect(
            finding.message.hasPrefix(
                "Averaged over 12 weeks effective pay clears the US-CA minimum, but in the worst week it is 14.58 USD/h, below 16.90: California pays every hour at the minimum (Armenta v. Osmose (2005) 135 Cal.App.4th 314)"
            ))
        #expect(
            finding.evidence.contains(
                "worst week: 30 h of tasks plus all 6 one-off unpaid hours, 36 h for 525.00 USD net = 14.58 USD/h (pay_practice.one_off_timing not stated: the one-off hours are assumed to fall in week one)"
            ))
    }

    @Test func armenta20_28USDAnHourClears16_90InWeekOneAnd20_27DoesNot() throws {
        // 20.28 x 30 / 36 = 16.90; 20.27 x 30 / 36 = 16.89.
        #expect(try report(20.28).finding("wage-floor.workweek-below-floor") == nil)
        #expect(try report(20.27).finding("wage-floor.workweek-below-floor") != nil)
    }

    @Test func hoursStatedAsSpreadAreJudgedOnTheAverageWeek() throws {
        #expect(try report(17.50, timing: .spread).finding("wage-floor.workweek-below-floor") == nil)
        #expect(
            try report(17.50, timing: .firstWeek).finding("wage-floor.workweek-below-floor")?.evidence.contains {
                $0.hasSuffix("(pay_practice.one_off_timing: first-week)")
            } == true)
    }

    @Test func theFederalWorkweekStandardCitesTheFLSAOutsideCalifornia() throws {
        // Texas applies 7.25: 8 x 30 = 240 over 36 h = 6.67 in week one; over 30.5 h = 7.87 on average.
        let report = try report(8, jurisdiction: "US-TX")
        #expect(
            report.finding("wage-floor.workweek-below-floor")?.message.contains(
                "the FLSA judges each workweek alone and allows no averaging across weeks (29 CFR 776.4, 778.104)")
                == true)
    }
}

/// New York's Freelance Isn't Free Act (General Business Law art. 44-A).
@Suite struct NewYorkFreelanceIsntFreeTests {
    typealias F = StatusLawFixture

    /// 10 h a week for 2 weeks.
    func report(_ rate: Double, engagement: Engagement, paidOnTime: Bool? = nil) throws -> ComplianceReport {
        try F.assess(
            F.spec(
                jurisdiction: "US-NY", offered: ComplianceFixture.hourly(rate),
                practice: PayPractice(engagementWeeks: 2, paidOnTime: paidOnTime), engagement: engagement),
            hoursPerWeek: 10)
    }

    func fifa(_ report: ComplianceReport) -> [String] { report.rules.filter { $0.hasPrefix("ny-fifa.") } }

    @Test func gblArt44A_799_80USDOver120DaysIsBelowTheThresholdAnd800IsCovered() throws {
        // 39.99 x 10 x 2 = 799.80; 40 x 10 x 2 = 800.
        #expect(fifa(try report(39.99, engagement: Engagement(writtenContract: false))) == ["ny-fifa.below-threshold"])
        #expect(fifa(try report(40, engagement: Engagement(writtenContract: false))) == ["ny-fifa.no-written-contract"])
        #expect(
            try report(40, engagement: Engagement(writtenContract: false)).finding("ny-fifa.no-written-contract")?
                .severity == .blocking)
    }

    @Test func gblArt44AWithoutAContractDatePaymentIsDueIn30DaysNot31() throws {
        #expect(
            fifa(try report(40, engagement: Engagement(writtenContract: false, paymentDueDays: 30))) == [
                "ny-fifa.no-written-contract"
            ])
        #expect(
            fifa(try report(40, engagement: Engagement(writtenContract: false, paymentDueDays: 31))) == [
                "ny-fifa.no-written-contract", "ny-fifa.late-payment",
            ])
        #expect(
            fifa(try report(40, engagement: Engagement(writtenContract: true, paymentDueDays: 45))).isEmpty,
            "a contract may set its own date")
        #expect(
            fifa(try report(40, engagement: Engagement(writtenContract: true), paidOnTime: false)) == [
                "ny-fifa.paid-late"
            ])
    }

    @Test func gblArt44AExcludesLawyersAndLicensedMedicalProfessionals() throws {
        #expect(
            fifa(try report(100, engagement: Engagement(writtenContract: false, licensedProfession: .lawyer))) == [
                "ny-fifa.excluded"
            ])
        #expect(
            fifa(try report(100, engagement: Engagement(writtenContract: false, licensedProfession: .physician))) == [
                "ny-fifa.excluded"
            ])
        #expect(
            fifa(try report(100, engagement: Engagement(writtenContract: false, licensedProfession: .engineer))) == [
                "ny-fifa.no-written-contract"
            ])
    }

    @Test func anUnstatedContractIsAWarning() throws {
        #expect(try report(40, engagement: Engagement()).finding("ny-fifa.contract-not-stated")?.severity == .warning)
    }
}
