import ReferenceData
public import WorkModel

/// Everything the compliance engine found for one spec on one date: the floor, effective pay,
/// Fairwork's Fair Pay points, classification, data rights and vendor oversight, with the
/// findings they raise.
public struct ComplianceReport: Sendable, Hashable {
    public var asOf: CalendarDate
    public var floors: FloorSelection
    /// The pay effective pay was computed from: the offer, or a vendor's disclosed worker pay.
    public var assessedPay: AssessedPay?
    public var effectivePay: EffectivePay?
    /// Nil when the Fairwork cloudwork principles do not apply to the engagement.
    public var fairwork: FairworkFairPay?
    public var classification: ClassificationReport
    public var dataRights: DataRightsReport
    public var vendor: VendorOversightReport?
    public var findings: [Finding]

    public struct AssessedPay: Sendable, Hashable {
        public var quote: PayQuote
        /// `offered` or `vendor.worker_pay`.
        public var field: String
        public var hourly: Double
        public var derivation: String
    }

    /// Effective pay minus the binding floor, in the spec's currency per hour.
    public var gapToFloor: Double? {
        guard let effectivePay, let floor = floors.binding else { return nil }
        return effectivePay.effectiveHourly - floor.hourlyInSpecCurrency
    }

    /// The quoted rate at which effective pay would just reach `floorHourly`, given the same
    /// unpaid time, fees and costs: effective pay is linear in the rate.
    public func rateReaching(_ floorHourly: Double) -> Double? {
        guard let pay = effectivePay, pay.paidHoursPerWeek > 0 else { return nil }
        let fee = pay.grossPerWeek > 0 ? pay.feesPerWeek / pay.grossPerWeek : 0
        guard fee < 1 else { return nil }
        return (floorHourly * pay.totalHoursPerWeek + pay.workerCostsPerWeek) / (pay.paidHoursPerWeek * (1 - fee))
    }
}
