public import WorkModel

/// The two Fair Pay points of the Fairwork Cloudwork Principles (2024): point 1, paid on time
/// and for all completed work with a clear rejection process; point 2, at least the local
/// minimum wage after costs, with a task-time estimate shown before a piece-rate task is taken.
public struct FairworkFairPay: Sendable, Hashable, Codable {
    public var point1: Point
    public var point2: Point

    public struct Point: Sendable, Hashable, Codable {
        public var title: String
        /// Met, not met, or nil when the spec does not give the facts to decide.
        public var met: Bool?
        public var reasons: [String]
        public var missing: [String]
    }

    public static let source = "fairwork-cloudwork-2024"

    public static func evaluate(
        practice: PayPractice, effective: EffectivePay?, floorHourly: Double?, currency: String, perTask: Bool
    ) -> FairworkFairPay {
        var reasons1: [String] = []
        var missing1: [String] = []
        var failed1 = false
        func check(_ value: Bool?, _ field: String, yes: String, no: String) {
            switch value {
            case true?: reasons1.append(yes)
            case false?:
                reasons1.append(no)
                failed1 = true
            case nil: missing1.append(field)
            }
        }
        check(practice.paidOnTime, "pay_practice.paid_on_time", yes: "paid on time", no: "not paid on time")
        if let share = practice.rejectedShare, share > 0 {
            check(
                practice.rejectedPaid, "pay_practice.rejected_paid", yes: "rejected work is paid",
                no: "\(Format.percent(share)) of submitted work is rejected without pay")
        } else if practice.rejectedShare == 0 || practice.rejectedPaid == true {
            reasons1.append(practice.rejectedPaid == true ? "rejected work is paid" : "no work is rejected")
        } else {
            missing1.append("pay_practice.rejected_share")
        }
        check(
            practice.rejectionProcess, "pay_practice.rejection_process", yes: "clear rejection process",
            no: "no clear rejection process")
        let point1 = Point(
            title: "Paid on time and for all completed work, with a clear rejection process",
            met: failed1 ? false : (missing1.isEmpty ? true : nil), reasons: reasons1, missing: missing1)

        var reasons2: [String] = []
        var missing2: [String] = []
        var met2: Bool?
        if let effective, let floorHourly {
            let clears = effective.effectiveHourly >= floorHourly
            reasons2.append(
                "effective pay \(Format.money(effective.effectiveHourly)) \(currency)/h after fees and costs \(clears ? "clears" : "is below") the minimum of \(Format.money(floorHourly)) \(currency)/h"
            )
            met2 = clears
        } else {
            if effective == nil { missing2.append("offered pay") }
            if floorHourly == nil { missing2.append("a wage floor for the jurisdiction") }
        }
        if perTask {
            switch practice.taskTimeEstimateShown {
            case true?: reasons2.append("a task-time estimate is shown before acceptance")
            case false?:
                reasons2.append("piece rates are offered without a task-time estimate")
                met2 = false
            case nil:
                missing2.append("pay_practice.task_time_estimate_shown")
                if met2 == true { met2 = nil }
            }
        }
        let point2 = Point(
            title: "At least the local minimum wage after costs", met: met2, reasons: reasons2, missing: missing2)
        return FairworkFairPay(point1: point1, point2: point2)
    }
}
