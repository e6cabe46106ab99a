/// How the work is actually paid, beyond the quoted rate: the inputs of effective pay
/// (question 6). Every field is optional; an unstated field is treated as "none" in the
/// arithmetic and listed as unstated in the decision file, so nothing is assumed silently.
public struct PayPractice: Sendable, Hashable {
    /// Share of gross pay the platform keeps or the worker pays to it, 0 to below 1.
    public var platformFee: Double?
    /// Costs the worker bears to do the work (equipment, connectivity), per month, in the spec currency.
    public var workerCostsPerMonth: Double?
    public var unpaidQualificationHours: Double?
    public var unpaidOnboardingHours: Double?
    /// The engagement the one-off unpaid hours are spread over.
    public var engagementWeeks: Double?
    /// Share of all working time spent searching for tasks or waiting, unpaid (0 to below 1).
    public var unpaidSearchShare: Double?
    /// Share of submitted work that is rejected.
    public var rejectedShare: Double?
    public var rejectedPaid: Bool?
    /// Unpaid rework as a share of task time (rejected work included).
    public var unpaidReworkShare: Double?
    /// Fairwork Fair Pay point 1: paid on time.
    public var paidOnTime: Bool?
    /// Fairwork Fair Pay point 1: a clear rejection process with reasons and appeal.
    public var rejectionProcess: Bool?
    /// Fairwork Fair Pay point 2: per-task pay shows an estimated task time before acceptance.
    public var taskTimeEstimateShown: Bool?
    /// When the one-off unpaid hours (qualification, onboarding) fall: in the first week, or
    /// spread over the engagement. Minimum-wage law judges each workweek, so the worst week
    /// matters; unstated is read as the first week, where onboarding usually falls.
    public var oneOffTiming: OneOffTiming?

    public enum OneOffTiming: String, Sendable, Hashable, CaseIterable {
        case firstWeek = "first-week"
        case spread
    }

    public init(
        platformFee: Double? = nil, workerCostsPerMonth: Double? = nil, unpaidQualificationHours: Double? = nil,
        unpaidOnboardingHours: Double? = nil, engagementWeeks: Double? = nil, unpaidSearchShare: Double? = nil,
        rejectedShare: Double? = nil, rejectedPaid: Bool? = nil, unpaidReworkShare: Double? = nil,
        paidOnTime: Bool? = nil, rejectionProcess: Bool? = nil, taskTimeEstimateShown: Bool? = nil,
        oneOffTiming: OneOffTiming? = nil
    ) {
        self.platformFee = platformFee
        self.workerCostsPerMonth = workerCostsPerMonth
        self.unpaidQualificationHours = unpaidQualificationHours
        self.unpaidOnboardingHours = unpaidOnboardingHours
        self.engagementWeeks = engagementWeeks
        self.unpaidSearchShare = unpaidSearchShare
        self.rejectedShare = rejectedShare
        self.rejectedPaid = rejectedPaid
        self.unpaidReworkShare = unpaidReworkShare
        self.paidOnTime = paidOnTime
        self.rejectionProcess = rejectionProcess
        self.taskTimeEstimateShown = taskTimeEstimateShown
        self.oneOffTiming = oneOffTiming
    }
}
