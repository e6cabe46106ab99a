/// A role or vendor contract as an analyst describes it: the inputs to the ten questions of a
/// decision file. Vocabulary fields (task kinds, factor levels, categories) are plain strings
/// here because the vocabulary is reference data users can extend; the spec reader checks them
/// against the loaded reference.
public struct RoleSpec: Sendable, Hashable {
    public var id: String
    public var kind: SpecKind
    public var title: String
    /// Question 1 in the analyst's words: what human judgment is bought.
    public var judgmentPurchased: String
    public var tasks: [TaskShare]
    public var direction: Direction
    /// Declared job category; when absent it is inferred from the tasks.
    public var category: String?
    /// Factor id to level id on every axis, e.g. `["judgment": "comparative", "authority": "none"]`.
    public var factors: [String: String]
    /// Factors the spec left out and that took their table's default level.
    public var assumedFactors: [String] = []
    /// Question 3 in the analyst's words: what happens if the work is wrong.
    public var consequenceIfWrong: String?
    public var expertise: Expertise
    public var language: String?
    public var worker: Worker
    public var currency: String
    public var offered: PayQuote?
    /// How the work is really paid: fees, unpaid time, rejections (effective pay).
    public var payPractice: PayPractice
    /// How the worker is engaged: the facts classification tests read.
    public var engagement: Engagement
    public var protections: Protections
    public var dataRights: DataRights
    public var internalCandidates: [InternalCandidate]
    public var budgetOwner: String?
    public var governanceOwner: String?
    public var vendor: VendorTerms?
    /// The job advertisement, for the pay-transparency laws (nil when the spec does not say).
    public var posting: Posting?
    /// Where each field sits in the source file, for diagnostics raised after parsing.
    public var locations: [String: SourceLocation]
    public var file: String

    public init(
        id: String, kind: SpecKind = .role, title: String, judgmentPurchased: String,
        tasks: [TaskShare], direction: Direction, category: String? = nil, factors: [String: String],
        consequenceIfWrong: String? = nil, expertise: Expertise = Expertise(), language: String? = nil,
        worker: Worker, currency: String, offered: PayQuote? = nil, payPractice: PayPractice = PayPractice(),
        engagement: Engagement = Engagement(), protections: Protections = Protections(),
        dataRights: DataRights = DataRights(), internalCandidates: [InternalCandidate] = [],
        budgetOwner: String? = nil, governanceOwner: String? = nil, vendor: VendorTerms? = nil,
        locations: [String: SourceLocation] = [:], file: String = "<memory>"
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.judgmentPurchased = judgmentPurchased
        self.tasks = tasks
        self.direction = direction
        self.category = category
        self.factors = factors
        self.consequenceIfWrong = consequenceIfWrong
        self.expertise = expertise
        self.language = language
        self.worker = worker
        self.currency = currency
        self.offered = offered
        self.payPractice = payPractice
        self.engagement = engagement
        self.protections = protections
        self.dataRights = dataRights
        self.internalCandidates = internalCandidates
        self.budgetOwner = budgetOwner
        self.governanceOwner = governanceOwner
        self.vendor = vendor
        self.locations = locations
        self.file = file
    }

    public func location(of field: String) -> SourceLocation {
        locations[field] ?? locations[""] ?? .start
    }
}

/// A task kind from the reference vocabulary and the share of working time it takes.
public struct TaskShare: Sendable, Hashable {
    public var task: String
    /// Share of time in 0...1; nil means "split the rest evenly".
    public var share: Double?
    public var note: String?

    public init(task: String, share: Double? = nil, note: String? = nil) {
        self.task = task
        self.share = share
        self.note = note
    }
}

/// What the worker brings (question 4).
public struct Expertise: Sendable, Hashable {
    public var domain: String?
    public var credential: String?

    public init(domain: String? = nil, credential: String? = nil) {
        self.domain = domain
        self.credential = credential
    }
}

/// Who does the work and where (question 5).
public struct Worker: Sendable, Hashable {
    public var status: WorkerStatus
    /// ISO 3166 code with optional subdivision: `US-CA`, `KE`, `IN-HR`.
    public var jurisdiction: String
    public var location: String?
    public var headcount: Int?
    public var hoursPerWeek: Double?
    public var hoursPerDay: Double?
    /// The skill tier a wage order classes the work in (Haryana: unskilled to highly-skilled).
    public var skillLevel: String?
    /// The occupation a wage order names (Kenya: general-labourer, night-watchman).
    public var occupation: String?
    /// The white-collar overtime exemption an employer relies on when it does not pay overtime.
    public var overtimeExemption: OvertimeExemptionClass?
    /// The primary duty meets the duties test of that exemption, as the employer's review found.
    public var exemptDutiesMet: Bool?

    public enum OvertimeExemptionClass: String, Sendable, Hashable, CaseIterable {
        case executive, administrative, professional, computer
        case highlyCompensated = "highly-compensated"
        case none
    }

    public init(
        status: WorkerStatus, jurisdiction: String, location: String? = nil, headcount: Int? = nil,
        hoursPerWeek: Double? = nil, hoursPerDay: Double? = nil, skillLevel: String? = nil, occupation: String? = nil,
        overtimeExemption: OvertimeExemptionClass? = nil, exemptDutiesMet: Bool? = nil
    ) {
        self.skillLevel = skillLevel
        self.occupation = occupation
        self.status = status
        self.jurisdiction = jurisdiction
        self.location = location
        self.headcount = headcount
        self.hoursPerWeek = hoursPerWeek
        self.hoursPerDay = hoursPerDay
        self.overtimeExemption = overtimeExemption
        self.exemptDutiesMet = exemptDutiesMet
    }
}

/// Protections the offer includes (question 7). Nil means the spec does not say.
public struct Protections: Sendable, Hashable {
    public var benefits: Bool?
    public var overtime: Bool?
    public var paidQualification: Bool?
    public var paymentDisputeProcess: Bool?
    public var wellbeingSupport: Bool?
    public var safetyTraining: Bool?

    public init(
        benefits: Bool? = nil, overtime: Bool? = nil, paidQualification: Bool? = nil,
        paymentDisputeProcess: Bool? = nil, wellbeingSupport: Bool? = nil, safetyTraining: Bool? = nil
    ) {
        self.benefits = benefits
        self.overtime = overtime
        self.paidQualification = paidQualification
        self.paymentDisputeProcess = paymentDisputeProcess
        self.wellbeingSupport = wellbeingSupport
        self.safetyTraining = safetyTraining
    }
}

/// Data rights for work that records the worker or generates data from them (question 8).
public struct DataRights: Sendable, Hashable {
    public var workerDataRecorded: Bool
    public var biometric: Bool?
    /// The data is processed to identify the worker's health or infer it (GDPR special category).
    public var healthInference: Bool?
    public var biometricUse: BiometricUse?
    public var consent: Consent?
    public var canRefuseWithoutPenalty: Bool?
    public var paidDirectly: Bool?
    public var downstreamUseDisclosed: Bool?
    public var secondaryUseLimits: Bool?
    public var retention: String?
    public var benefitSharing: Bool?
    /// The recordings are sold or licensed to others.
    public var soldOrLicensed: Bool?
    /// A data-protection impact assessment was done.
    public var impactAssessment: Bool?
    /// The recordings are used to infer the worker's emotions (EU AI Act Art. 5(1)(f)).
    public var emotionInference: Bool?
    /// What the recording pays, apart from the wage.
    public var payment: DataPayment?

    public enum BiometricUse: String, Sendable, Hashable, CaseIterable {
        case authentication, identification
        case trainingData = "training-data"
    }

    public init(
        workerDataRecorded: Bool = false, biometric: Bool? = nil, healthInference: Bool? = nil,
        biometricUse: BiometricUse? = nil, consent: Consent? = nil, canRefuseWithoutPenalty: Bool? = nil,
        paidDirectly: Bool? = nil, downstreamUseDisclosed: Bool? = nil, secondaryUseLimits: Bool? = nil,
        retention: String? = nil, benefitSharing: Bool? = nil, soldOrLicensed: Bool? = nil,
        impactAssessment: Bool? = nil,
        emotionInference: Bool? = nil, payment: DataPayment? = nil
    ) {
        self.emotionInference = emotionInference
        self.payment = payment
        self.workerDataRecorded = workerDataRecorded
        self.biometric = biometric
        self.healthInference = healthInference
        self.biometricUse = biometricUse
        self.consent = consent
        self.canRefuseWithoutPenalty = canRefuseWithoutPenalty
        self.paidDirectly = paidDirectly
        self.downstreamUseDisclosed = downstreamUseDisclosed
        self.secondaryUseLimits = secondaryUseLimits
        self.retention = retention
        self.benefitSharing = benefitSharing
        self.soldOrLicensed = soldOrLicensed
        self.impactAssessment = impactAssessment
    }
}

/// The consent record for recorded work: what was obtained and how.
public struct Consent: Sendable, Hashable {
    public var obtained: Bool?
    /// A signed written release (BIPA asks for one).
    public var written: Bool?
    /// Withdrawable as easily as it was given.
    public var withdrawable: Bool?
    /// A notice listing each purpose and the retention period (DPDP, BIPA).
    public var itemisedNotice: Bool?
    public var language: String?
    /// Where the record is kept, in the analyst's words.
    public var record: String?
    /// What happens to recordings already captured when consent is withdrawn.
    public var onWithdrawal: OnWithdrawal?

    public enum OnWithdrawal: String, Sendable, Hashable, CaseIterable {
        /// Deleted, and left out of every later training run.
        case delete
        /// Kept for models already trained, left out of later training runs.
        case excludeFromFutureTraining = "exclude-from-future-training"
        /// Kept and used as before.
        case keep
    }

    public init(
        obtained: Bool? = nil, written: Bool? = nil, withdrawable: Bool? = nil, itemisedNotice: Bool? = nil,
        language: String? = nil, record: String? = nil
    ) {
        self.obtained = obtained
        self.written = written
        self.withdrawable = withdrawable
        self.itemisedNotice = itemisedNotice
        self.language = language
        self.record = record
    }
}

/// An internal employee who already does, or could do, this work (question 9).
public struct InternalCandidate: Sendable, Hashable {
    public var name: String
    public var currentTitle: String?
    public var currentLayer: String?
    public var currentPay: PayQuote?
    public var evidence: [String]

    public init(
        name: String, currentTitle: String? = nil, currentLayer: String? = nil,
        currentPay: PayQuote? = nil, evidence: [String] = []
    ) {
        self.name = name
        self.currentTitle = currentTitle
        self.currentLayer = currentLayer
        self.currentPay = currentPay
        self.evidence = evidence
    }
}

/// What a vendor contract says about the vendor, what it bills and what the buyer knows.
public struct VendorTerms: Sendable, Hashable {
    public var name: String
    public var billRate: PayQuote?
    /// Whether the vendor discloses what its workers are actually paid.
    public var workerPayDisclosed: Bool?
    /// What the vendor's workers are paid, when disclosed; effective pay is computed from it.
    public var workerPay: PayQuote?
    public var checklist: ProcurementChecklist
    public var supplyChain: SupplyChainRisks
    /// Date of the buyer's last audit of the vendor, `YYYY-MM-DD`.
    public var lastAudit: CalendarDate?

    public init(
        name: String, billRate: PayQuote? = nil, workerPayDisclosed: Bool? = nil, workerPay: PayQuote? = nil,
        checklist: ProcurementChecklist = ProcurementChecklist(), supplyChain: SupplyChainRisks = SupplyChainRisks(),
        lastAudit: CalendarDate? = nil
    ) {
        self.name = name
        self.billRate = billRate
        self.workerPayDisclosed = workerPayDisclosed
        self.workerPay = workerPay
        self.checklist = checklist
        self.supplyChain = supplyChain
        self.lastAudit = lastAudit
    }
}

/// The job advertisement as the pay-range posting laws read it (NYC Local Law 32 of 2022, NY
/// Labor Law 194-b, Cal. Lab. Code 432.3, RCW 49.58.110, Colorado's Equal Pay for Equal Work
/// Act, Illinois 820 ILCS 112/10, the EU Pay Transparency Directive Art. 5).
public struct Posting: Sendable, Hashable {
    /// The role is or will be advertised (internally or externally, directly or through an agency).
    public var advertised: Bool?
    /// The range the advertisement carries; nil when it carries none.
    public var range: PostedRange?
    /// The employer's headcount, for the laws' employer-size thresholds.
    public var employerEmployees: Int?

    public init(advertised: Bool? = nil, range: PostedRange? = nil, employerEmployees: Int? = nil) {
        self.advertised = advertised
        self.range = range
        self.employerEmployees = employerEmployees
    }
}

/// A posted pay range, in the spec's currency on a stated basis.
public struct PostedRange: Sendable, Hashable {
    public var min: Double
    public var max: Double
    public var basis: PayBasis

    public init(min: Double, max: Double, basis: PayBasis) {
        self.min = min
        self.max = max
        self.basis = basis
    }
}
