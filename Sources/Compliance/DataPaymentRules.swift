public import ReferenceData
public import WorkModel

/// The data payment priced beside the wage, per recorded worker, in the spec's currency: what
/// the buyer pays for an hour of footage, who receives what of it, and how it compares with the
/// wage. A pure reading of `data_rights.payment`; the threshold is the policy's.
public struct DataPaymentFigures: Sendable, Hashable, Codable {
    public var currency: String
    public var recordedHoursPerWeek: Double
    public var recordedHoursPerMonth: Double
    /// What the buyer pays per hour of footage (from a per-licence price when that is given).
    public var buyerPerFootageHour: Double?
    public var buyerPerWorkerMonth: Double?
    /// The worker's data payment per recorded hour: the per-hour premium plus their share of the sale.
    public var workerPerRecordedHour: Double
    public var workerPerMonth: Double
    public var workerPerConsent: Double?
    public var workerRoyaltyShare: Double?
    /// The worker's data payment as a share of what the buyer pays.
    public var workerShareOfBuyerPrice: Double?
    /// The facility's access fee and share of sale, per hour of footage, as a share of what the buyer pays.
    public var facilityPerFootageHour: Double?
    public var facilityShareOfBuyerPrice: Double?
    public var facilityAccessFeePerMonth: Double?
    public var fundName: String?
    public var fundShareOfBuyerPrice: Double?
    /// What the data company keeps: 1 less the worker's, the facility's and the fund's shares.
    public var sellerShareOfBuyerPrice: Double?
    public var monthlyWage: Double?
    /// The worker's monthly data payment as a share of their monthly wage.
    public var shareOfWage: Double?
    public var threshold: Double
    public var thresholdBasis: String
    public var notes: [String]
}

public enum DataPaymentRules {
    // Long because: one chain of figures (buyer price to worker, facility and fund shares, then monthly sums) whose every step the findings quote.
    /// - Parameters:
    ///   - weeklyHours: the worker's weekly hours, which recorded hours default to.
    ///   - monthlyWage: the wage per month in the spec's currency, when an offer is stated.
    public static func evaluate(_ spec: RoleSpec, weeklyHours: Double, monthlyWage: Double?, reference: ReferenceSet)
        -> (DataPaymentFigures?, [Finding])
    {
        let rights = spec.dataRights
        guard rights.workerDataRecorded || spec.direction == .physicalData else { return (nil, []) }
        let policy = reference.policy
        guard let payment = rights.payment else {
            return (
                nil,
                [
                    Finding(
                        severity: .info, rule: "data-payment.not-modelled",
                        message:
                            "The spec does not model a data payment, so Wagefile cannot say what the recording is worth to the worker beside the wage.",
                        evidence: ["data_rights.payment: not stated"],
                        fix:
                            "Add data_rights.payment: what the buyer pays for the footage and what reaches the worker, the facility and any fund."
                    )
                ]
            )
        }
        let currency = spec.currency
        let from = payment.currency ?? currency
        var notes: [String] = []
        var findings: [Finding] = []
        func inSpecCurrency(_ amount: Double?) -> Double? {
            guard let amount else { return nil }
            return from == currency ? amount : reference.convert(amount, from: from, to: currency)
        }
        if from != currency && reference.convert(1, from: from, to: currency) == nil {
            return (
                nil,
                [
                    Finding(
                        severity: .warning, rule: "data-payment.no-exchange-rate",
                        message:
                            "The data payment is stated in \(from), and no exchange rate to \(currency) is in the reference data.",
                        evidence: ["data_rights.payment.currency: \(from)"],
                        fix: "State the amounts in \(currency), or add the rate under --reference.")
                ]
            )
        }
        let weekly = payment.recordedHoursPerWeek ?? weeklyHours
        if payment.recordedHoursPerWeek == nil {
            notes.append(
                "Recorded hours are the worker's weekly hours (\(Format.number(weeklyHours))): data_rights.payment.recorded_hours_per_week is not stated."
            )
        }
        let monthly = weekly * 52 / 12
        let buyer =
            inSpecCurrency(payment.buyerPerFootageHour)
            ?? zip2(inSpecCurrency(payment.buyerPerLicence), payment.licenceFootageHours).map { $0 / $1 }
        let premium = inSpecCurrency(payment.worker.perRecordedHour) ?? 0
        var workerHourly = premium
        if let share = payment.worker.shareOfSale {
            if let buyer {
                workerHourly += share * buyer
            } else {
                notes.append(
                    "The worker's share of the sale (\(Format.percent(share, places: 1))) is not priced: the spec does not say what the buyer pays."
                )
            }
        }
        let headcount = spec.worker.headcount
        let accessFee = inSpecCurrency(payment.facility.accessFeePerMonth)
        var facilityHourly: Double?
        if payment.facility.shareOfSale != nil || accessFee != nil {
            var total = 0.0
            if let share = payment.facility.shareOfSale, let buyer { total += share * buyer }
            if let accessFee {
                if let headcount, headcount > 0, monthly > 0 {
                    total += accessFee / (Double(headcount) * monthly)
                } else {
                    notes.append(
                        "The facility's access fee is not spread per hour of footage: worker.headcount is not stated.")
                }
            }
            facilityHourly = total
        }
        let workerShare = buyer.flatMap { $0 > 0 ? workerHourly / $0 : nil }
        let facilityShare = zip2(facilityHourly, buyer).flatMap { $1 > 0 ? $0 / $1 : nil }
        let fundShare = payment.fundShareOfSale
        let sellerShare = workerShare.map { 1 - $0 - (facilityShare ?? 0) - (fundShare ?? 0) }
        let workerMonthly = workerHourly * monthly
        let ofWage = monthlyWage.flatMap { $0 > 0 ? workerMonthly / $0 : nil }
        let basis =
            "policy.data_payment_min_worker_share (\(policy.ref.source), \(policy.ref.asOf), \(policy.ref.confidence.rawValue)): a policy choice, not a market rate; no sourced market figure for worker data payment exists"
        let figures = DataPaymentFigures(
            currency: currency, recordedHoursPerWeek: weekly, recordedHoursPerMonth: monthly,
            buyerPerFootageHour: buyer,
            buyerPerWorkerMonth: buyer.map { $0 * monthly }, workerPerRecordedHour: workerHourly,
            workerPerMonth: workerMonthly,
            workerPerConsent: inSpecCurrency(payment.worker.perConsent),
            workerRoyaltyShare: payment.worker.royaltyShare,
            workerShareOfBuyerPrice: workerShare, facilityPerFootageHour: facilityHourly,
            facilityShareOfBuyerPrice: facilityShare,
            facilityAccessFeePerMonth: accessFee, fundName: payment.fundName, fundShareOfBuyerPrice: fundShare,
            sellerShareOfBuyerPrice: sellerShare,
            monthlyWage: monthlyWage, shareOfWage: ofWage, threshold: policy.dataPaymentMinWorkerShare,
            thresholdBasis: basis, notes: notes)

        let c = currency
        let paysWorker =
            workerHourly > 0 || (payment.worker.perConsent ?? 0) > 0 || (payment.worker.royaltyShare ?? 0) > 0
        let paysFacility = (facilityHourly ?? 0) > 0 || (accessFee ?? 0) > 0
        if paysFacility && !paysWorker {
            findings.append(
                Finding(
                    severity: .blocking, rule: "data-payment.facility-paid-worker-not",
                    message:
                        "The facility is paid for access to the recordings and the recorded workers are paid nothing for them.",
                    evidence: [
                        "facility: \(accessFee.map { "\(Format.money($0)) \(c) a month for access" } ?? "a share of the sale")",
                        "worker: no per-hour premium, consent payment, share of sale or royalty",
                    ],
                    fix:
                        "Pay each recorded worker directly: a premium per recorded hour or a share of what the buyer pays, on top of the wage."
                ))
        }
        // A worker paid nothing while the facility is paid is already the blocking finding above.
        if let workerShare, workerShare + 1e-12 < policy.dataPaymentMinWorkerShare, !(paysFacility && !paysWorker) {
            findings.append(
                Finding(
                    severity: .warning, rule: "data-payment.worker-share-below-policy",
                    message:
                        "The recorded worker receives \(Format.percent(workerShare, places: 1)) of what the buyer pays for an hour of footage (\(Format.money(workerHourly)) of \(Format.money(buyer ?? 0)) \(c)), under the policy's \(Format.percent(policy.dataPaymentMinWorkerShare, places: 0)).",
                    evidence: [
                        "worker per recorded hour: \(Format.money(workerHourly)) \(c)",
                        "buyer per footage hour: \(Format.money(buyer ?? 0)) \(c)", "threshold: \(basis)",
                    ],
                    fix:
                        "Raise the worker's premium to at least \(Format.money(policy.dataPaymentMinWorkerShare * (buyer ?? 0))) \(c) per recorded hour, or give them that share of the sale."
                ))
        }
        if buyer == nil {
            findings.append(
                Finding(
                    severity: .info, rule: "data-payment.buyer-price-unknown",
                    message:
                        "What the buyer pays for the footage is not stated, so the worker's share of its value cannot be shown.",
                    evidence: ["data_rights.payment.buyer_pays: not stated"],
                    fix: "Ask the data company or buyer for the price per hour of footage or per licence."))
        }
        if payment.worker.paidToWorker == false && paysWorker {
            findings.append(
                Finding(
                    severity: .warning, rule: "data-payment.paid-through-facility",
                    message: "The worker's data payment is paid to the facility on their behalf, not to the worker.",
                    evidence: ["data_rights.payment.worker.paid_to_worker: no"],
                    fix:
                        "Pay the worker directly, or require the facility's payroll record per worker cohort as proof that it reached them."
                ))
        }
        return (figures, findings)
    }

    static func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}
