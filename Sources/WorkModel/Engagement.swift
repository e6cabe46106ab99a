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

    public enum Permanence: String, Sendable, Hashable, CaseIterable {
        case oneOff = "one-off", project, recurring, ongoing
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
        throughIntermediary: Bool? = nil, automatedDeactivation: Bool? = nil
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
    }
}
