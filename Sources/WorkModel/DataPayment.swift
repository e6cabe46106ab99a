/// What recorded work pays, apart from the wage (`data_rights.payment`): what the buyer pays
/// for the footage, and who receives what of it: the worker, the facility or vendor that gave
/// access, and a worker council or fund. Amounts are in `currency` (the spec's when absent).
public struct DataPayment: Sendable, Hashable {
    public var currency: String?
    /// Hours of recording a worker produces each week; the worker's weekly hours when absent.
    public var recordedHoursPerWeek: Double?
    /// What the buyer pays: per hour of footage, or per licence covering some hours of footage.
    public var buyerPerFootageHour: Double?
    public var buyerPerLicence: Double?
    public var licenceFootageHours: Double?
    public var worker: WorkerShare
    public var facility: FacilityShare
    /// A worker council or fund's share of what the buyer pays, and its name.
    public var fundShareOfSale: Double?
    public var fundName: String?

    /// What each recorded worker receives for the data.
    public struct WorkerShare: Sendable, Hashable {
        public var perRecordedHour: Double?
        /// A one-off sum for giving consent.
        public var perConsent: Double?
        /// A share of what the buyer pays for the footage.
        public var shareOfSale: Double?
        /// A royalty on later licensing of the data, as a share of that revenue.
        public var royaltyShare: Double?
        /// Paid to the worker, not to the facility on the worker's behalf.
        public var paidToWorker: Bool?

        public init(
            perRecordedHour: Double? = nil, perConsent: Double? = nil, shareOfSale: Double? = nil,
            royaltyShare: Double? = nil,
            paidToWorker: Bool? = nil
        ) {
            self.perRecordedHour = perRecordedHour
            self.perConsent = perConsent
            self.shareOfSale = shareOfSale
            self.royaltyShare = royaltyShare
            self.paidToWorker = paidToWorker
        }
    }

    /// What the facility or vendor receives for giving access.
    public struct FacilityShare: Sendable, Hashable {
        public var accessFeePerMonth: Double?
        public var shareOfSale: Double?
        public init(accessFeePerMonth: Double? = nil, shareOfSale: Double? = nil) {
            self.accessFeePerMonth = accessFeePerMonth
            self.shareOfSale = shareOfSale
        }
    }

    public init(
        currency: String? = nil, recordedHoursPerWeek: Double? = nil, buyerPerFootageHour: Double? = nil,
        buyerPerLicence: Double? = nil,
        licenceFootageHours: Double? = nil, worker: WorkerShare = WorkerShare(),
        facility: FacilityShare = FacilityShare(),
        fundShareOfSale: Double? = nil, fundName: String? = nil
    ) {
        self.currency = currency
        self.recordedHoursPerWeek = recordedHoursPerWeek
        self.buyerPerFootageHour = buyerPerFootageHour
        self.buyerPerLicence = buyerPerLicence
        self.licenceFootageHours = licenceFootageHours
        self.worker = worker
        self.facility = facility
        self.fundShareOfSale = fundShareOfSale
        self.fundName = fundName
    }
}
