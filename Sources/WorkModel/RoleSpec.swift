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
    /// Factor id to level id for both axes, e.g. `["judgment": "comparative", "authority": "none"]`.
    public var factors: [String: String]
    /// Question 3 in the analyst's words: what happens if the work is wrong.
    public var consequenceIfWrong: String?
    public var expertise: Expertise
    public var language: String?
    public var worker: Worker
    public var currency: String
    public var offered: PayQuote?
    public var protections: Protections
    public var dataRights: DataRights
    public var internalCandidates: [InternalCandidate]
    public var budgetOwner: String?
    public var governanceOwner: String?
    public var vendor: VendorTerms?
    /// Where each field sits in the source file, for diagnostics raised after parsing.
    public var locations: [String: SourceLocation]
    public var file: String

    public init(
        id: String, kind: SpecKind = .role, title: String, judgmentPurchased: String,
        tasks: [TaskShare], direction: Direction, category: String? = nil, factors: [String: String],
        consequenceIfWrong: String? = nil, expertise: Expertise = Expertise(), language: String? = nil,
        worker: Worker, currency: String, offered: PayQuote? = nil, protections: Protections = Protections(),
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

    public init(
        status: WorkerStatus, jurisdiction: String, location: String? = nil, headcount: Int? = nil,
        hoursPerWeek: Double? = nil, hoursPerDay: Double? = nil
    ) {
        self.status = status
        self.jurisdiction = jurisdiction
        self.location = location
        self.headcount = headcount
        self.hoursPerWeek = hoursPerWeek
        self.hoursPerDay = hoursPerDay
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
    public var consent: String?
    public var canRefuseWithoutPenalty: Bool?
    public var paidDirectly: Bool?
    public var downstreamUseDisclosed: Bool?
    public var secondaryUseLimits: Bool?
    public var retention: String?
    public var benefitSharing: Bool?

    public init(
        workerDataRecorded: Bool = false, biometric: Bool? = nil, consent: String? = nil,
        canRefuseWithoutPenalty: Bool? = nil, paidDirectly: Bool? = nil, downstreamUseDisclosed: Bool? = nil,
        secondaryUseLimits: Bool? = nil, retention: String? = nil, benefitSharing: Bool? = nil
    ) {
        self.workerDataRecorded = workerDataRecorded
        self.biometric = biometric
        self.consent = consent
        self.canRefuseWithoutPenalty = canRefuseWithoutPenalty
        self.paidDirectly = paidDirectly
        self.downstreamUseDisclosed = downstreamUseDisclosed
        self.secondaryUseLimits = secondaryUseLimits
        self.retention = retention
        self.benefitSharing = benefitSharing
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

/// What a vendor contract says about the vendor and what it bills.
public struct VendorTerms: Sendable, Hashable {
    public var name: String
    public var billRate: PayQuote?
    /// Whether the vendor discloses what its workers are actually paid.
    public var workerPayDisclosed: Bool?

    public init(name: String, billRate: PayQuote? = nil, workerPayDisclosed: Bool? = nil) {
        self.name = name
        self.billRate = billRate
        self.workerPayDisclosed = workerPayDisclosed
    }
}
