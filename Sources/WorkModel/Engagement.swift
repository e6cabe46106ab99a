/// The facts of how a worker is engaged, as the classification tests read them (question 5).
/// Each is optional: a test that needs an unstated fact lists it as missing instead of guessing.
public struct Engagement: Sendable, Hashable {
    /// The hirer decides how the work is done.
    public var hirerControlsWork: Bool?
    /// The hirer monitors the work with technology (screen, keystroke, time or quality tracking).
    public var technologyMonitoring: Bool?
    /// The hirer sets the hours or shifts.
    public var hirerSetsSchedule: Bool?
    /// Detailed instructions or guidelines say how to do each task.
    public var detailedInstructions: Bool?
    /// The hirer trains the worker in its methods.
    public var hirerTrains: Bool?
    /// The worker has a significant investment of their own (equipment, staff, premises).
    public var workerInvestment: Bool?
    /// The worker can make a profit or loss through managerial skill (set prices, hire help, win clients).
    public var profitOrLoss: Bool?
    public var permanence: Permanence?
    /// The work is part of the hirer's usual course of business.
    public var integralToBusiness: Bool?
    /// The work needs specialised skill used with business-like initiative.
    public var independentSkill: Bool?
    /// The worker offers the same services to others as an independent business.
    public var worksForOthers: Bool?
    /// The worker may send a substitute (UK).
    public var substitutionAllowed: Bool?
    /// The hirer must offer work and the worker must accept it (UK).
    public var mutualityOfObligation: Bool?
    public var paidBy: PaidBy?
    /// The hirer reimburses the worker's expenses.
    public var expensesReimbursed: Bool?
    /// What the written contract calls the relationship.
    public var contract: ContractLabel?
    /// The client's size under the UK off-payroll rules.
    public var clientSize: ClientSize?
    /// The work is organised through a digital labour platform.
    public var throughPlatform: Bool?
    /// The worker supplies services through their own company or another intermediary.
    public var throughIntermediary: Bool?
    /// Accounts can be suspended or terminated by an automated system without human review.
    public var automatedDeactivation: Bool?
    /// The worker runs an independently established practice or business of their own
    /// (own clients, own premises or licence, sets own prices): read by the FLSA, Borello and
    /// Lab. Code 2776 tests.
    public var ownBusiness: Bool?
    /// A written contract states the services, the rate and when payment is due (New York's
    /// Freelance Isn't Free Act; Lab. Code 2776 and 2778).
    public var writtenContract: Bool?
    /// The worker keeps a business location separate from the hirer's (Lab. Code 2776, 2778).
    public var businessLocation: Bool?
    /// The worker holds any business licence the work requires (Lab. Code 2776, 2778).
    public var businessLicence: Bool?
    /// The worker advertises the services to the public (Lab. Code 2776).
    public var advertisesServices: Bool?
    /// The services go to the hirer itself, not to the hirer's customers (Lab. Code 2776(a)(2)).
    public var servesHirerDirectly: Bool?
    /// The worker sets or negotiates their own rates (Lab. Code 2776, 2778).
    public var setsOwnRates: Bool?
    /// The hirer may end the engagement at will, without cause (Borello: strong evidence of employment).
    public var dischargeAtWill: Bool?
    /// The licensed profession the worker practises in this work, if any (Lab. Code 2783; New
    /// York's Freelance Isn't Free Act excludes lawyers and licensed medical professionals).
    public var licensedProfession: LicensedProfession?
    /// The California exemption from the ABC test the hirer relies on, besides a licensed occupation.
    public var californiaExemption: CaliforniaExemption?
    /// Days after the work is completed by which the contract pays (New York: 30 at most when the contract names no date).
    public var paymentDueDays: Double?

    /// Licensed occupations that Lab. Code 2783 sends to Borello (the medical ones when they
    /// serve a health-care entity or their own practice).
    public enum LicensedProfession: String, Sendable, Hashable, CaseIterable {
        case physician, surgeon, dentist, podiatrist, psychologist, veterinarian
        case lawyer, architect, engineer, accountant
        case privateInvestigator = "private-investigator"
        case insurance
        case securities
        /// Licensed in a profession the statute does not list.
        case other

        /// Licensed medical professionals, whom New York's Freelance Isn't Free Act excludes.
        public var isMedical: Bool {
            [.physician, .surgeon, .dentist, .podiatrist, .psychologist, .veterinarian].contains(self)
        }
    }

    public enum CaliforniaExemption: String, Sendable, Hashable, CaseIterable {
        case businessToBusiness = "business-to-business"
        case professionalServices = "professional-services"
        case none
    }

    public enum Permanence: String, Sendable, Hashable, CaseIterable {
        case oneOff = "one-off"
        case project, recurring, ongoing
    }

    public enum PaidBy: String, Sendable, Hashable, CaseIterable {
        case time, output, project
    }

    public enum ContractLabel: String, Sendable, Hashable, CaseIterable {
        case employment, worker, contractor, none
    }

    public enum ClientSize: String, Sendable, Hashable, CaseIterable {
        case small, medium, large
    }

    public init(
        hirerControlsWork: Bool? = nil, technologyMonitoring: Bool? = nil, hirerSetsSchedule: Bool? = nil,
        detailedInstructions: Bool? = nil, hirerTrains: Bool? = nil, workerInvestment: Bool? = nil,
        profitOrLoss: Bool? = nil, permanence: Permanence? = nil, integralToBusiness: Bool? = nil,
        independentSkill: Bool? = nil, worksForOthers: Bool? = nil, substitutionAllowed: Bool? = nil,
        mutualityOfObligation: Bool? = nil, paidBy: PaidBy? = nil, expensesReimbursed: Bool? = nil,
        contract: ContractLabel? = nil, clientSize: ClientSize? = nil, throughPlatform: Bool? = nil,
        throughIntermediary: Bool? = nil, automatedDeactivation: Bool? = nil, ownBusiness: Bool? = nil,
        writtenContract: Bool? = nil, businessLocation: Bool? = nil, businessLicence: Bool? = nil,
        advertisesServices: Bool? = nil, servesHirerDirectly: Bool? = nil, setsOwnRates: Bool? = nil,
        dischargeAtWill: Bool? = nil, licensedProfession: LicensedProfession? = nil,
        californiaExemption: CaliforniaExemption? = nil, paymentDueDays: Double? = nil
    ) {
        self.hirerControlsWork = hirerControlsWork
        self.technologyMonitoring = technologyMonitoring
        self.hirerSetsSchedule = hirerSetsSchedule
        self.detailedInstructions = detailedInstructions
        self.hirerTrains = hirerTrains
        self.workerInvestment = workerInvestment
        self.profitOrLoss = profitOrLoss
        self.permanence = permanence
        self.integralToBusiness = integralToBusiness
        self.independentSkill = independentSkill
        self.worksForOthers = worksForOthers
        self.substitutionAllowed = substitutionAllowed
        self.mutualityOfObligation = mutualityOfObligation
        self.paidBy = paidBy
        self.expensesReimbursed = expensesReimbursed
        self.contract = contract
        self.clientSize = clientSize
        self.throughPlatform = throughPlatform
        self.throughIntermediary = throughIntermediary
        self.automatedDeactivation = automatedDeactivation
        self.ownBusiness = ownBusiness
        self.writtenContract = writtenContract
        self.businessLocation = businessLocation
        self.businessLicence = businessLicence
        self.advertisesServices = advertisesServices
        self.servesHirerDirectly = servesHirerDirectly
        self.setsOwnRates = setsOwnRates
        self.dischargeAtWill = dischargeAtWill
        self.licensedProfession = licensedProfession
        self.californiaExemption = californiaExemption
        self.paymentDueDays = paymentDueDays
    }
}
