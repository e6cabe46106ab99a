/// The buyer's procurement checklist for a vendor contract ("AI Training Work Splits the Pay
/// Band", June 2026): what the buyer should know before buying AI training work at scale.
/// Nil means the vendor has not answered.
public struct ProcurementChecklist: Sendable, Hashable {
    /// The buyer knows which workers are vendor employees, contractors, agency or platform workers.
    public var workerStatusKnown: Bool?
    /// Screening and assessments are paid.
    public var assessmentsPaid: Bool?
    /// Unpaid qualification work is used.
    public var unpaidQualification: Bool?
    /// A task rejection can erase completed work without pay.
    public var rejectionErasesWork: Bool?
    /// The jurisdictions whose law governs the contract and the work.
    public var governingJurisdictions: [String]
    public var minimumWageAssured: Bool?
    public var overtimePaid: Bool?
    public var benefitsAndLeave: Bool?
    public var complaintsChannel: Bool?
    public var paymentDisputeProcess: Bool?
    /// Harmful-content exposure is handled (limits, opt-outs, counselling).
    public var harmfulContentSafeguards: Bool?
    /// The buyer's own instructions control how the vendor's workers work.
    public var buyerControlsWork: Bool?

    public init(
        workerStatusKnown: Bool? = nil, assessmentsPaid: Bool? = nil, unpaidQualification: Bool? = nil,
        rejectionErasesWork: Bool? = nil, governingJurisdictions: [String] = [], minimumWageAssured: Bool? = nil,
        overtimePaid: Bool? = nil, benefitsAndLeave: Bool? = nil, complaintsChannel: Bool? = nil,
        paymentDisputeProcess: Bool? = nil, harmfulContentSafeguards: Bool? = nil, buyerControlsWork: Bool? = nil
    ) {
        self.workerStatusKnown = workerStatusKnown
        self.assessmentsPaid = assessmentsPaid
        self.unpaidQualification = unpaidQualification
        self.rejectionErasesWork = rejectionErasesWork
        self.governingJurisdictions = governingJurisdictions
        self.minimumWageAssured = minimumWageAssured
        self.overtimePaid = overtimePaid
        self.benefitsAndLeave = benefitsAndLeave
        self.complaintsChannel = complaintsChannel
        self.paymentDisputeProcess = paymentDisputeProcess
        self.harmfulContentSafeguards = harmfulContentSafeguards
        self.buyerControlsWork = buyerControlsWork
    }
}

/// Supply-chain risks of AI data work as SOMO's April 2026 report names them. `true` means
/// the buyer's audit found the risk, `false` that it checked and did not, nil that it has not looked.
public struct SupplyChainRisks: Sendable, Hashable {
    public var lowWages: Bool?
    public var unpaidLabor: Bool?
    public var unsafeConditions: Bool?
    public var weakTransparency: Bool?
    public var limitedRemedy: Bool?

    public init(
        lowWages: Bool? = nil, unpaidLabor: Bool? = nil, unsafeConditions: Bool? = nil,
        weakTransparency: Bool? = nil, limitedRemedy: Bool? = nil
    ) {
        self.lowWages = lowWages
        self.unpaidLabor = unpaidLabor
        self.unsafeConditions = unsafeConditions
        self.weakTransparency = weakTransparency
        self.limitedRemedy = limitedRemedy
    }
}
