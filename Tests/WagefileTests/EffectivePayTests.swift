import Compliance
import ReferenceData
import Testing
import WorkModel

/// Specs built in code for the compliance tests, and the engine over the shipped reference data.
/// Compliance reads no factor levels except `content_exposure` (vendor checklist), so `factors`
/// is empty unless a test needs it.
enum ComplianceFixture {
    static func reference() throws -> ReferenceSet { try Shipped.get().reference }

    /// The hours basis pricing hands the engine: `perWeek` task hours, 8 h a day, 52 weeks.
    static func hours(_ perWeek: Double = 40) -> HoursBasis {
        HoursBasis(hoursPerDay: 8, hoursPerWeek: perWeek, weeksPerYear: 52, source: "spec")
    }

    static func spec(
        status: WorkerStatus = .contractor, jurisdiction: String = "US-CA", location: String? = nil,
        headcount: Int? = nil,
        currency: String = "USD", offered: PayQuote? = nil, practice: PayPractice = PayPractice(),
        engagement: Engagement = Engagement(), dataRights: DataRights = DataRights(),
        kind: SpecKind = .role, vendor: VendorTerms? = nil, factors: [String: String] = [:]
    ) -> RoleSpec {
        RoleSpec(
            id: "compliance-fixture", kind: kind, title: "Compliance fixture",
            judgmentPurchased: "Labels checked against a guideline",
            tasks: [TaskShare(task: "label-images")], direction: .train, factors: factors,
            worker: Worker(status: status, jurisdiction: jurisdiction, location: location, headcount: headcount),
            currency: currency, offered: offered, payPractice: practice, engagement: engagement, dataRights: dataRights,
            vendor: vendor)
    }

    /// An hourly offer in the spec's currency.
    static func hourly(_ amount: Double, _ currency: String = "USD") -> PayQuote {
        PayQuote(amount: amount, currency: currency, basis: .hourly)
    }

    static func assess(
        _ spec: RoleSpec, hours: HoursBasis = hours(), layer: WorkLayer = .annotation,
        asOf: CalendarDate = Shipped.asOf,
        reference: ReferenceSet? = nil
    ) throws -> ComplianceReport {
        ComplianceEngine(reference: try reference ?? Self.reference()).assess(
            spec, hours: hours, layer: layer, asOf: asOf)
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)
    }
}

extension ComplianceReport {
    var rules: [String] { findings.map(\.rule) }

    func finding(_ rule: String) -> Finding? { findings.first { $0.rule == rule } }

    func count(_ rule: String) -> Int { findings.filter { $0.rule == rule }.count }
}

/// Effective pay worked by hand: net pay over paid and unpaid time, the cost the worker carries,
/// the cost to reach the floor and the rate that would.
@Suite struct EffectivePayTests {
    let reference: ReferenceSet

    init() throws { reference = try ComplianceFixture.reference() }

    /// 5 KES per task at 3 minutes a task: 5 x 60 / 3 = 100 KES/h nominal.
    static let nairobiPractice = PayPractice(
        platformFee: 0.10, workerCostsPerMonth: 1300, unpaidQualificationHours: 40, unpaidOnboardingHours: 12,
        engagementWeeks: 26, unpaidSearchShare: 0.2, rejectedShare: 0.15, rejectedPaid: false, unpaidReworkShare: 0.05)

    static func nairobi(_ practice: PayPractice = nairobiPractice, amount: Double = 5) -> RoleSpec {
        ComplianceFixture.spec(
            status: .platformWorker, jurisdiction: "KE", location: "Nairobi", headcount: 200, currency: "KES",
            offered: PayQuote(amount: amount, currency: "KES", basis: .perTask, minutesPerTask: 3), practice: practice)
    }

    // The Nairobi annotator, per worker-week with T = 40 task hours:
    //   rejected 15% unpaid      40 x 0.15 = 6 h, so paid hours = 34
    //   rework                   40 x 0.05 = 2 h
    //   qualification+onboarding (40 + 12) / 26 weeks = 2 h
    //   all working hours        (40 + 2 + 2) / (1 - 0.2) = 55 h, so search and idle = 11 h
    //   gross                    100 x 34 = 3,400 KES
    //   platform fee             3,400 x 0.10 = 340 KES
    //   worker costs             1,300 / (52 / 12) = 300 KES
    //   net                      3,400 - 340 - 300 = 2,760 KES
    //   effective                2,760 / 55 = 50.1818 KES/h (/ 129.2 KES per USD = 0.3884 USD/h)
    // The Kenyan floor: 16,113.75 KES a month / (52 h x 52 / 12 = 225.33 h) = 71.5107 KES/h.
    /// The city basic minimum plus the 15% housing allowance (Employment Act s.31), over 52 x 52 / 12 h.
    static let keFloorHourly = 16113.75 * 1.15 / (52 * 52 / 12.0)

    @Test func theNairobiAnnotatorEarnsHalfTheQuotedRate() throws {
        let report = try ComplianceFixture.assess(Self.nairobi())
        let assessed = try #require(report.assessedPay)
        #expect(assessed.hourly == 100)
        #expect(assessed.field == "offered")
        #expect(assessed.derivation == "5 per task x 60 / 3 min per task")

        let pay = try #require(report.effectivePay)
        #expect(pay.nominalHourly == 100)
        #expect(pay.taskHoursPerWeek == 40)
        expectClose(pay.unpaid.rejected, 6, "rejected hours")
        expectClose(pay.paidHoursPerWeek, 34, "paid hours")
        expectClose(pay.unpaid.rework, 2, "rework hours")
        expectClose(pay.unpaid.qualificationAndOnboarding, 2, "one-off hours a week")
        expectClose(pay.unpaid.searchAndIdle, 11, "search hours")
        expectClose(pay.unpaid.total, 21, "unpaid hours")
        expectClose(pay.totalHoursPerWeek, 55, "all working hours")
        expectClose(pay.grossPerWeek, 3400, "gross")
        expectClose(pay.feesPerWeek, 340, "fees")
        expectClose(pay.workerCostsPerWeek, 300, "worker costs a week")
        expectClose(pay.netPerWeek, 2760, "net")
        expectClose(pay.effectiveHourly, 2760.0 / 55, "effective KES/h")
        expectClose(pay.effectiveHourly, 50.18181818181818, tolerance: 1e-12)
        expectClose(pay.effectiveHourlyUSD, 2760.0 / 55 / 129.2, "effective USD/h")
        // 1 - 50.1818 / 100 of the rate is lost.
        expectClose(pay.shiftedShare, 0.49818181818181817, tolerance: 1e-12)
        #expect(pay.engagementWeeks == 26)
        #expect(!pay.engagementAssumed)
        #expect(pay.unstated.isEmpty, "every pay-practice field is stated")
    }

    @Test func theNairobiAnnotatorIsBelowTheKenyanFloor() throws {
        let report = try ComplianceFixture.assess(Self.nairobi())
        let floor = try #require(report.floors.binding)
        #expect(floor.record.id == "ke-general-labourer-cities")
        #expect(floor.matchedLocality == "Nairobi")
        expectClose(floor.hoursPerPeriod, 225.33333333333334, tolerance: 1e-9, "52 x 52 / 12")
        expectClose(floor.hourlyInSpecCurrency, Self.keFloorHourly)
        expectClose(floor.hourlyInSpecCurrency, 82.23733357988165, tolerance: 1e-9)
        // 50.1818 - 82.2373 = -32.0555 KES/h.
        expectClose(report.gapToFloor, 2760.0 / 55 - Self.keFloorHourly)
        expectClose(report.gapToFloor, -32.055515398, tolerance: 1e-6)

        let finding = try #require(report.finding("wage-floor.effective-below-floor"))
        #expect(finding.severity == .blocking, "KE's floor is statutory")
        #expect(
            finding.message.hasPrefix(
                "Effective pay of 50.18 KES/h is below the KE minimum of 82.24 KES/h once unpaid time"))
        #expect(
            finding.message.contains("Minimum-wage law covers contractors only if they are misclassified"),
            "a platform worker")
        // Cost to reach the floor: (71.5107 - 50.1818) x 55 h x 52 / 12 = 5,083.39 KES per worker-month;
        // x 200 workers = 1,016,677.88 KES a month.
        #expect(
            finding.evidence.contains(
                "cost to reach the floor: 7,640 KES per worker-month, 1,527,980 KES a month for 200 workers"))
        // Rate reaching the floor: (82.2373 x 55 + 300) / (34 x 0.9) = 157.62 KES/h.
        #expect(
            finding.fix
                == "Raise the rate to at least 157.62 KES/h equivalent, or pay the unpaid time (qualification, search, rejected work)."
        )
    }

    @Test func theShiftedCostIsCostedPerWorkerAndForTheHeadcount() throws {
        let report = try ComplianceFixture.assess(Self.nairobi())
        let pay = try #require(report.effectivePay)
        // (100 x 55 - 2,760) x 52 / 12 = 2,740 x 4.3333 = 11,873.33 KES per worker-month.
        expectClose(pay.shiftedCostPerWorkerMonth, 2740 * 52 / 12.0, tolerance: 1e-9)
        expectClose(pay.shiftedCostPerWorkerMonth, 11873.333333333334, tolerance: 1e-6)
        #expect(pay.headcount == 200)
        // x 200 = 2,374,666.67 KES a month.
        expectClose(pay.shiftedCostForHeadcountPerMonth, 2374666.6666666667, tolerance: 1e-6)
        // Cost to reach the floor, per worker-month: (82.2373 - 50.1818) x 55 x 52 / 12.
        expectClose(pay.costToReach(Self.keFloorHourly), 7639.897836538461, tolerance: 1e-6)
        #expect(pay.costToReach(50) == 0, "nothing to pay when effective pay already clears")

        let finding = try #require(report.finding("effective-pay.shifted-cost"))
        #expect(finding.severity == .warning, "49.8% is at least 10%")
        #expect(
            finding.message
                == "Unpaid time, rejections, fees and costs take 49.8% off the quoted rate: 11,873 KES per worker-month is carried by the worker, 2,374,667 KES a month across 200 workers."
        )
        #expect(
            finding.evidence.contains(
                "per worker-week: 40 h of tasks, 21 h unpaid (search and idle 11, qualification and onboarding 2, rework 2, rejected unpaid 6)"
            ))
        #expect(
            finding.evidence.contains("net 2,760.00 KES a week after 340.00 fees and 300.00 worker costs, over 55 h"))
        #expect(!finding.evidence.contains { $0.contains("engagement not stated") }, "engagement_weeks is stated")
    }

    @Test func theRateReachingTheFloorRecomputesToTheFloor() throws {
        let report = try ComplianceFixture.assess(Self.nairobi())
        let rate = try #require(report.rateReaching(Self.keFloorHourly))
        // (82.2373 x 55 + 300) / (34 x (1 - 0.1)) = 4,823.05 / 30.6.
        expectClose(rate, (Self.keFloorHourly * 55 + 300) / 30.6, tolerance: 1e-9)
        expectClose(rate, 157.6161224474997, tolerance: 1e-9)
        let recomputed = EffectivePay.compute(
            nominalHourly: rate, taskHoursPerWeek: 40, practice: Self.nairobiPractice,
            defaultEngagementWeeks: 13, perUSD: 129.2, headcount: 200)
        expectClose(recomputed.effectiveHourly, Self.keFloorHourly, tolerance: 1e-9)
        expectClose(recomputed.costToReach(Self.keFloorHourly), 0, tolerance: 1e-6)

        // The same through the engine: a per-task price of rate x 3 / 60 KES reaches the floor.
        let raised = try ComplianceFixture.assess(Self.nairobi(amount: rate * 3 / 60))
        expectClose(raised.effectivePay?.effectiveHourly, Self.keFloorHourly, tolerance: 1e-9)
        expectClose(raised.gapToFloor, 0, tolerance: 1e-9)
    }

    @Test func noOfferMeansNoEffectivePayAndNoRate() throws {
        let report = try ComplianceFixture.assess(Self.nairobi().withOffer(nil))
        #expect(report.assessedPay == nil)
        #expect(report.effectivePay == nil)
        #expect(report.rateReaching(Self.keFloorHourly) == nil)
        #expect(report.gapToFloor == nil)
        #expect(!report.rules.contains("wage-floor.effective-below-floor"))
        #expect(!report.rules.contains("effective-pay.shifted-cost"))
    }

    // A salaried employee in California with no unpaid time: 6,000 USD a month over
    // 40 h x 52 / 12 = 173.33 h is 34.6154 USD/h, and effective pay is the same.
    @Test func aSalariedRoleWithNoUnpaidTimeKeepsItsRate() throws {
        let none = PayPractice(
            platformFee: 0, workerCostsPerMonth: 0, unpaidQualificationHours: 0, unpaidOnboardingHours: 0,
            unpaidSearchShare: 0,
            rejectedShare: 0, unpaidReworkShare: 0)
        let spec = ComplianceFixture.spec(
            status: .employee, jurisdiction: "US-CA", offered: PayQuote(amount: 6000, currency: "USD", basis: .month),
            practice: none)
        let report = try ComplianceFixture.assess(spec)
        let pay = try #require(report.effectivePay)
        expectClose(pay.nominalHourly, 6000 / (40 * 52 / 12.0))
        expectClose(pay.nominalHourly, 34.61538461538461, tolerance: 1e-9)
        // net / hours = (rate x 40) / 40: the rate again, to the last bit or so.
        expectClose(pay.effectiveHourly, pay.nominalHourly, tolerance: 1e-12, "effective == nominal")
        #expect(pay.totalHoursPerWeek == 40)
        #expect(pay.paidHoursPerWeek == 40)
        #expect(pay.unpaid.total == 0)
        #expect(pay.shiftedCostPerWorkerMonth == 0)
        expectClose(pay.shiftedShare, 0, tolerance: 1e-12)
        #expect(pay.unstated.isEmpty)
        #expect(!pay.engagementAssumed)
        #expect(!report.rules.contains("effective-pay.shifted-cost"))
        #expect(!report.rules.contains("wage-floor.effective-below-floor"), "34.62 clears California's 16.90")
        #expect(report.fairwork == nil, "Fairwork's principles are for platform, contract and vendor work")
    }

    @Test func unstatedPayPracticeCountsAsNoneAndIsListed() throws {
        let spec = ComplianceFixture.spec(
            status: .employee, offered: PayQuote(amount: 6000, currency: "USD", basis: .month))
        let pay = try #require(try ComplianceFixture.assess(spec).effectivePay)
        expectClose(pay.effectiveHourly, pay.nominalHourly, tolerance: 1e-12, "effective == nominal")
        #expect(pay.shiftedCostPerWorkerMonth == 0)
        #expect(
            pay.unstated == [
                "platform_fee", "worker_costs_per_month", "unpaid_qualification_hours", "unpaid_onboarding_hours",
                "unpaid_search_share", "rejected_share", "unpaid_rework_share",
            ])
    }

    // 20 USD/h, 40 task hours, a quarter of the work rejected.
    //   unpaid: rejected 10 h, paid 30 h, gross 600, effective 600 / 40 = 15 USD/h,
    //           shifted (20 x 40 - 600) x 52 / 12 = 866.67 USD per worker-month;
    //   paid:   paid 40 h, gross 800, effective 20 USD/h, nothing shifted.
    static func rejecting(paid: Bool?) -> RoleSpec {
        ComplianceFixture.spec(
            offered: ComplianceFixture.hourly(20), practice: PayPractice(rejectedShare: 0.25, rejectedPaid: paid))
    }

    @Test func rejectedWorkThatIsNotPaidCostsTheWorker() throws {
        let pay = try #require(try ComplianceFixture.assess(Self.rejecting(paid: false)).effectivePay)
        #expect(pay.unpaid.rejected == 10)
        #expect(pay.paidHoursPerWeek == 30)
        #expect(pay.totalHoursPerWeek == 40)
        #expect(pay.grossPerWeek == 600)
        #expect(pay.effectiveHourly == 15)
        expectClose(pay.shiftedCostPerWorkerMonth, 200 * 52 / 12.0, tolerance: 1e-9)
        expectClose(pay.shiftedShare, 0.25)
        #expect(!pay.unstated.contains("rejected_paid"))
    }

    @Test func rejectedWorkThatIsPaidCostsTheWorkerNothing() throws {
        let report = try ComplianceFixture.assess(Self.rejecting(paid: true))
        let pay = try #require(report.effectivePay)
        #expect(pay.unpaid.rejected == 0)
        #expect(pay.paidHoursPerWeek == 40)
        #expect(pay.grossPerWeek == 800)
        #expect(pay.effectiveHourly == 20)
        #expect(pay.shiftedCostPerWorkerMonth == 0)
        #expect(!report.rules.contains("effective-pay.shifted-cost"))
    }

    @Test func rejectedWorkNotSaidToBePaidCountsAsUnpaid() throws {
        let pay = try #require(try ComplianceFixture.assess(Self.rejecting(paid: nil)).effectivePay)
        #expect(pay.effectiveHourly == 15, "the cautious reading")
        #expect(pay.unstated.contains("rejected_paid"))
    }

    // 20 USD/h, 40 task hours, 26 unpaid qualification hours and no engagement stated: spread over
    // the policy's 13 weeks that is 2 h a week, so 42 working hours and 800 / 42 = 19.0476 USD/h.
    // Shifted: (20 x 42 - 800) x 52 / 12 = 173.33 USD per worker-month, 4.8% of the rate (info).
    @Test func oneOffHoursAreSpreadOverThePolicysThirteenWeeksWhenTheEngagementIsNotStated() throws {
        #expect(reference.policy.defaultEngagementWeeks == 13)
        let spec = ComplianceFixture.spec(
            offered: ComplianceFixture.hourly(20), practice: PayPractice(unpaidQualificationHours: 26))
        let report = try ComplianceFixture.assess(spec)
        let pay = try #require(report.effectivePay)
        #expect(pay.engagementWeeks == 13)
        #expect(pay.engagementAssumed)
        #expect(pay.unpaid.qualificationAndOnboarding == 2)
        #expect(pay.totalHoursPerWeek == 42)
        expectClose(pay.effectiveHourly, 800.0 / 42, tolerance: 1e-12)
        expectClose(pay.shiftedCostPerWorkerMonth, 40 * 52 / 12.0, tolerance: 1e-9)
        let finding = try #require(report.finding("effective-pay.shifted-cost"))
        #expect(finding.severity == .info, "4.8% is under 10%")
        #expect(
            finding.message
                == "Unpaid time, rejections, fees and costs take 4.8% off the quoted rate: 173 USD per worker-month is carried by the worker."
        )
        #expect(
            finding.evidence.last == "one-off unpaid hours spread over the policy's 13 weeks (engagement not stated)")
    }

    @Test func aStatedEngagementIsUsedAndNotFlaggedAsAssumed() throws {
        // 26 h over 26 weeks = 1 h a week; 800 / 41 = 19.5122 USD/h.
        let spec = ComplianceFixture.spec(
            offered: ComplianceFixture.hourly(20),
            practice: PayPractice(unpaidQualificationHours: 26, engagementWeeks: 26))
        let report = try ComplianceFixture.assess(spec)
        let pay = try #require(report.effectivePay)
        #expect(pay.engagementWeeks == 26)
        #expect(!pay.engagementAssumed)
        #expect(pay.unpaid.qualificationAndOnboarding == 1)
        expectClose(pay.effectiveHourly, 800.0 / 41, tolerance: 1e-12)
        #expect(
            report.finding("effective-pay.shifted-cost")?.evidence.contains { $0.contains("engagement not stated") }
                == false)
    }

    @Test func noOneOffHoursMeansNothingIsAssumed() throws {
        let spec = ComplianceFixture.spec(
            offered: ComplianceFixture.hourly(20), practice: PayPractice(unpaidSearchShare: 0.2))
        let pay = try #require(try ComplianceFixture.assess(spec).effectivePay)
        #expect(pay.engagementWeeks == 13)
        #expect(!pay.engagementAssumed, "no qualification or onboarding hours to spread")
        // 40 / 0.8 = 50 h; 800 / 50 = 16 USD/h.
        expectClose(pay.totalHoursPerWeek, 50, tolerance: 1e-12)
        expectClose(pay.effectiveHourly, 16, tolerance: 1e-12)
    }

    @Test func aUserPolicyChangesTheDefaultEngagement() throws {
        var parser = try ReferenceDataTests.shippedParser()
        parser.add(
            "policy: {default_engagement_weeks: 26, source: wagefile-defaults, as_of: 2026-12, confidence: high}\n",
            file: "user/policy.yaml")
        let custom = try parser.build()
        let spec = ComplianceFixture.spec(
            offered: ComplianceFixture.hourly(20), practice: PayPractice(unpaidQualificationHours: 26))
        let pay = try #require(try ComplianceFixture.assess(spec, reference: custom).effectivePay)
        #expect(pay.engagementWeeks == 26)
        #expect(pay.engagementAssumed)
        #expect(pay.unpaid.qualificationAndOnboarding == 1)
    }

    @Test func aVendorContractIsAssessedOnTheDisclosedWorkerPayNotTheBillRate() throws {
        let vendor = VendorTerms(
            name: "Acme Data", billRate: ComplianceFixture.hourly(14), workerPayDisclosed: true,
            workerPay: PayQuote(amount: 500, currency: "KES", basis: .hourly))
        let spec = ComplianceFixture.spec(
            status: .vendorEmployee, jurisdiction: "KE", location: "Nairobi", currency: "USD", kind: .vendorContract,
            vendor: vendor)
        let assessed = try #require(try ComplianceFixture.assess(spec).assessedPay)
        #expect(assessed.field == "vendor.worker_pay")
        // 500 KES / 129.2 KES per USD = 3.8700 USD/h.
        expectClose(assessed.hourly, 500 / 129.2, tolerance: 1e-12)
        #expect(assessed.derivation == "quoted hourly; KES to USD at 129.2 and 1 per USD")
    }
}

extension RoleSpec {
    func withOffer(_ quote: PayQuote?) -> RoleSpec {
        var copy = self
        copy.offered = quote
        return copy
    }
}
