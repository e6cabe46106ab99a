import Compliance
import ReferenceData
import Testing
import WorkModel

/// Fairwork's two Fair Pay points: paid on time and for all completed work (1), at least the
/// local minimum after costs with a task-time estimate for piece rates (2), and who they apply to.
@Suite struct FairworkTests {
    /// Effective pay for `rate` an hour over 40 task hours with nothing unpaid.
    static func effective(_ rate: Double) -> EffectivePay {
        EffectivePay.compute(
            nominalHourly: rate, taskHoursPerWeek: 40, practice: PayPractice(), defaultEngagementWeeks: 13, perUSD: 1,
            headcount: nil)
    }

    static func evaluate(
        _ practice: PayPractice, effective: EffectivePay? = effective(20), floor: Double? = 16.90, perTask: Bool = false
    ) -> FairworkFairPay {
        FairworkFairPay.evaluate(
            practice: practice, effective: effective, floorHourly: floor, currency: "USD", perTask: perTask)
    }

    // MARK: Point 1

    @Test func point1IsMetWhenPaidOnTimeForAllWorkWithAClearRejectionProcess() {
        let point = Self.evaluate(
            PayPractice(rejectedShare: 0.1, rejectedPaid: true, paidOnTime: true, rejectionProcess: true)
        ).point1
        #expect(point.met == true)
        #expect(point.reasons == ["paid on time", "rejected work is paid", "clear rejection process"])
        #expect(point.missing.isEmpty)
        let nothingRejected = Self.evaluate(PayPractice(rejectedShare: 0, paidOnTime: true, rejectionProcess: true))
            .point1
        #expect(nothingRejected.met == true)
        #expect(nothingRejected.reasons == ["paid on time", "no work is rejected", "clear rejection process"])
    }

    @Test func point1IsNotMetWhenRejectedWorkIsUnpaid() {
        let point = Self.evaluate(
            PayPractice(rejectedShare: 0.15, rejectedPaid: false, paidOnTime: true, rejectionProcess: true)
        ).point1
        #expect(point.met == false)
        #expect(
            point.reasons == [
                "paid on time", "15% of submitted work is rejected without pay", "clear rejection process",
            ])
    }

    @Test func point1IsNotMetOnAnyFailureEvenWithGaps() {
        let late = Self.evaluate(PayPractice(paidOnTime: false)).point1
        #expect(late.met == false, "a known failure decides, whatever else is missing")
        #expect(late.reasons == ["not paid on time"])
        #expect(late.missing == ["pay_practice.rejected_share", "pay_practice.rejection_process"])
        #expect(
            Self.evaluate(PayPractice(rejectedShare: 0, paidOnTime: true, rejectionProcess: false)).point1.met == false)
    }

    @Test func point1IsUndeterminedWhenAFactIsMissing() {
        let point = Self.evaluate(PayPractice(rejectedShare: 0, rejectionProcess: true)).point1
        #expect(point.met == nil)
        #expect(point.missing == ["pay_practice.paid_on_time"])
        let unknownRejections = Self.evaluate(PayPractice(paidOnTime: true, rejectionProcess: true)).point1
        #expect(unknownRejections.met == nil)
        #expect(unknownRejections.missing == ["pay_practice.rejected_share"])
        let unknownPayment = Self.evaluate(PayPractice(rejectedShare: 0.1, paidOnTime: true, rejectionProcess: true))
            .point1
        #expect(unknownPayment.met == nil)
        #expect(unknownPayment.missing == ["pay_practice.rejected_paid"])
    }

    // MARK: Point 2

    @Test func point2IsMetWhenEffectivePayClearsTheFloor() {
        let point = Self.evaluate(PayPractice()).point2
        #expect(point.met == true)
        #expect(point.reasons == ["effective pay 20.00 USD/h after fees and costs clears the minimum of 16.90 USD/h"])
        #expect(
            Self.evaluate(PayPractice(), effective: Self.effective(16.90)).point2.met == true, "at the floor is enough")
    }

    @Test func point2IsNotMetBelowTheFloor() {
        let point = Self.evaluate(PayPractice(), effective: Self.effective(16.89)).point2
        #expect(point.met == false)
        #expect(point.reasons == ["effective pay 16.89 USD/h after fees and costs is below the minimum of 16.90 USD/h"])
    }

    @Test func point2IsUndeterminedWithoutPayOrAFloor() {
        let noFloor = Self.evaluate(PayPractice(), floor: nil).point2
        #expect(noFloor.met == nil)
        #expect(noFloor.missing == ["a wage floor for the jurisdiction"])
        let noPay = Self.evaluate(PayPractice(), effective: nil).point2
        #expect(noPay.met == nil)
        #expect(noPay.missing == ["offered pay"])
    }

    @Test func perTaskPayWithATaskTimeEstimateCanMeetPoint2() {
        let point = Self.evaluate(PayPractice(taskTimeEstimateShown: true), perTask: true).point2
        #expect(point.met == true)
        #expect(point.reasons.last == "a task-time estimate is shown before acceptance")
    }

    @Test func perTaskPayWithoutATaskTimeEstimateFailsPoint2() {
        let point = Self.evaluate(PayPractice(taskTimeEstimateShown: false), perTask: true).point2
        #expect(point.met == false, "even though effective pay clears the floor")
        #expect(point.reasons.last == "piece rates are offered without a task-time estimate")
    }

    @Test func perTaskPayWithAnUnstatedEstimateIsUndetermined() {
        let clears = Self.evaluate(PayPractice(), perTask: true).point2
        #expect(clears.met == nil)
        #expect(clears.missing == ["pay_practice.task_time_estimate_shown"])
        let below = Self.evaluate(PayPractice(), effective: Self.effective(10), perTask: true).point2
        #expect(below.met == false, "pay below the floor fails whatever the estimate")
        #expect(
            Self.evaluate(PayPractice(), perTask: false).point2.met == true,
            "the estimate matters only for per-task pay")
    }

    // MARK: In the engine

    static func spec(
        _ status: WorkerStatus, offered: PayQuote = ComplianceFixture.hourly(20), practice: PayPractice = PayPractice()
    ) -> RoleSpec {
        // Fresno has no local ordinance: California's 16.90 binds (with no location stated, the
        // highest city rate would be assumed).
        ComplianceFixture.spec(
            status: status, jurisdiction: "US-CA", location: "Fresno", offered: offered, practice: practice)
    }

    @Test(arguments: [WorkerStatus.platformWorker, .contractor, .vendorEmployee])
    func theEngineEvaluatesFairworkForPlatformContractAndVendorWork(_ status: WorkerStatus) throws {
        let report = try ComplianceFixture.assess(Self.spec(status))
        let fairwork = try #require(report.fairwork)
        #expect(fairwork.point2.met == true, "20 USD/h clears California's 16.90")
    }

    @Test(arguments: [WorkerStatus.employee, .consultant, .fellow, .dataByproduct])
    func theEngineSkipsFairworkForOtherStatusesPaidByTime(_ status: WorkerStatus) throws {
        let report = try ComplianceFixture.assess(Self.spec(status))
        #expect(report.fairwork == nil)
        #expect(!report.rules.contains { $0.hasPrefix("fairwork.") })
    }

    @Test func theEngineEvaluatesFairworkForAnyPerTaskPay() throws {
        // 1 USD per 3-minute task = 20 USD/h.
        let perTask = PayQuote(amount: 1, currency: "USD", basis: .perTask, minutesPerTask: 3)
        let report = try ComplianceFixture.assess(Self.spec(.employee, offered: perTask))
        let fairwork = try #require(report.fairwork)
        #expect(fairwork.point2.met == nil, "no task-time estimate stated")
        #expect(fairwork.point2.missing == ["pay_practice.task_time_estimate_shown"])
        #expect(
            !report.rules.contains("fairwork.fair-pay-2-undetermined"),
            "undetermined points are reported for platform workers only")
    }

    @Test func theNairobiAnnotatorFailsBothPoints() throws {
        var practice = EffectivePayTests.nairobiPractice
        practice.paidOnTime = true
        practice.rejectionProcess = false
        practice.taskTimeEstimateShown = false
        let report = try ComplianceFixture.assess(EffectivePayTests.nairobi(practice))
        let fairwork = try #require(report.fairwork)
        #expect(fairwork.point1.met == false)
        #expect(
            fairwork.point1.reasons == [
                "paid on time", "15% of submitted work is rejected without pay", "no clear rejection process",
            ])
        #expect(fairwork.point2.met == false)
        #expect(
            fairwork.point2.reasons == [
                "effective pay 50.18 KES/h after fees and costs is below the minimum of 82.24 KES/h",
                "piece rates are offered without a task-time estimate",
            ])
        let one = try #require(report.finding("fairwork.fair-pay-1"))
        #expect(one.severity == .warning)
        #expect(
            one.message
                == "Fairwork Fair Pay point 1 is not met: paid on time and for all completed work, with a clear rejection process."
        )
        #expect(one.evidence.last == "source: fairwork-cloudwork-2024")
        #expect(report.finding("fairwork.fair-pay-2")?.severity == .warning)
    }

    @Test func undeterminedPointsAreReportedForPlatformWorkers() throws {
        let report = try ComplianceFixture.assess(Self.spec(.platformWorker))
        let finding = try #require(report.finding("fairwork.fair-pay-1-undetermined"))
        #expect(finding.severity == .info)
        #expect(
            finding.evidence == [
                "not stated: pay_practice.paid_on_time", "not stated: pay_practice.rejected_share",
                "not stated: pay_practice.rejection_process",
            ])
        #expect(!report.rules.contains("fairwork.fair-pay-2-undetermined"), "point 2 is met")
        let contractor = try ComplianceFixture.assess(Self.spec(.contractor))
        #expect(contractor.fairwork?.point1.met == nil)
        #expect(!contractor.rules.contains("fairwork.fair-pay-1-undetermined"))
    }
}
