public import WorkModel

/// What the worker really earns per hour once unpaid time, rejected work, fees and costs are
/// counted (FACTS section 4): effective hourly = net pay / (paid time + unpaid search,
/// qualification, onboarding, rejected-work and rework time). Everything is per worker-week
/// in the spec's currency, then scaled to a month (x 52 / 12).
public struct EffectivePay: Sendable, Hashable {
    /// The quoted rate as an hourly figure.
    public var nominalHourly: Double
    public var effectiveHourly: Double
    public var effectiveHourlyUSD: Double
    /// Hours of task work a week, rejected work included.
    public var taskHoursPerWeek: Double
    public var paidHoursPerWeek: Double
    public var unpaid: UnpaidTime
    public var totalHoursPerWeek: Double
    public var grossPerWeek: Double
    public var feesPerWeek: Double
    public var workerCostsPerWeek: Double
    public var netPerWeek: Double
    /// What the worker carries that the rate does not pay for: every working hour at the
    /// nominal rate, less what they net.
    public var shiftedCostPerWorkerMonth: Double
    public var headcount: Int?
    public var engagementWeeks: Double
    /// True when the engagement came from the policy default, not the spec.
    public var engagementAssumed: Bool
    /// Pay-practice fields the spec leaves out, counted as zero.
    public var unstated: [String]

    public struct UnpaidTime: Sendable, Hashable {
        public var searchAndIdle: Double
        public var qualificationAndOnboarding: Double
        public var rework: Double
        /// Task hours whose work was rejected and not paid.
        public var rejected: Double

        public var total: Double { searchAndIdle + qualificationAndOnboarding + rework + rejected }
    }

    public static let weeksPerMonth = 52.0 / 12.0

    /// The share of the nominal rate the worker loses: 1 - effective / nominal.
    public var shiftedShare: Double { nominalHourly > 0 ? 1 - effectiveHourly / nominalHourly : 0 }

    public var shiftedCostForHeadcountPerMonth: Double? { headcount.map { Double($0) * shiftedCostPerWorkerMonth } }

    /// Cost a month to lift one worker's effective pay to `floorHourly`; zero at or above it.
    public func costToReach(_ floorHourly: Double) -> Double {
        max(0, floorHourly - effectiveHourly) * totalHoursPerWeek * Self.weeksPerMonth
    }

    /// - Parameters:
    ///   - nominalHourly: the quoted pay as an hourly figure, in the spec's currency.
    ///   - taskHoursPerWeek: hours of task work a week (the spec's, or the policy's).
    ///   - perUSD: units of the spec's currency per US dollar.
    public static func compute(
        nominalHourly: Double, taskHoursPerWeek: Double, practice: PayPractice, defaultEngagementWeeks: Double,
        perUSD: Double, headcount: Int?, engagementOverride: Double? = nil
    ) -> EffectivePay {
        var unstated: [String] = []
        func value(_ field: Double?, _ name: String) -> Double {
            if field == nil { unstated.append(name) }
            return field ?? 0
        }
        let fee = value(practice.platformFee, "platform_fee")
        let costsPerMonth = value(practice.workerCostsPerMonth, "worker_costs_per_month")
        let qualification = value(practice.unpaidQualificationHours, "unpaid_qualification_hours")
        let onboarding = value(practice.unpaidOnboardingHours, "unpaid_onboarding_hours")
        let search = value(practice.unpaidSearchShare, "unpaid_search_share")
        let rejected = value(practice.rejectedShare, "rejected_share")
        let rework = value(practice.unpaidReworkShare, "unpaid_rework_share")
        // Rejected work counts as unpaid unless the spec says it is paid: the cautious reading.
        let rejectedUnpaid = practice.rejectedPaid != true
        if rejected > 0 && practice.rejectedPaid == nil { unstated.append("rejected_paid") }
        // The override puts every one-off hour in one week: the worst workweek.
        let engagementAssumed = engagementOverride == nil && practice.engagementWeeks == nil
        let engagement = engagementOverride ?? practice.engagementWeeks ?? defaultEngagementWeeks

        let task = taskHoursPerWeek
        let rejectedHours = rejectedUnpaid ? task * rejected : 0
        let paidHours = task - rejectedHours
        let reworkHours = task * rework
        let oneOffHours = engagement > 0 ? (qualification + onboarding) / engagement : 0
        let beforeSearch = task + reworkHours + oneOffHours
        // Search and idle time is a share of all working time, so it scales the whole.
        let total = search < 1 ? beforeSearch / (1 - search) : beforeSearch
        let gross = nominalHourly * paidHours
        let fees = gross * fee
        let costs = costsPerMonth / weeksPerMonth
        let net = gross - fees - costs
        let effective = total > 0 ? net / total : 0
        return EffectivePay(
            nominalHourly: nominalHourly, effectiveHourly: effective,
            effectiveHourlyUSD: perUSD > 0 ? effective / perUSD : effective,
            taskHoursPerWeek: task, paidHoursPerWeek: paidHours,
            unpaid: UnpaidTime(
                searchAndIdle: total - beforeSearch, qualificationAndOnboarding: oneOffHours, rework: reworkHours,
                rejected: rejectedHours),
            totalHoursPerWeek: total, grossPerWeek: gross, feesPerWeek: fees, workerCostsPerWeek: costs,
            netPerWeek: net,
            shiftedCostPerWorkerMonth: (nominalHourly * total - net) * weeksPerMonth, headcount: headcount,
            engagementWeeks: engagement, engagementAssumed: engagementAssumed && qualification + onboarding > 0,
            unstated: unstated)
    }
}
