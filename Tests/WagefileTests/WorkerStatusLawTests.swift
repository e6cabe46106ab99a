import Compliance
import ReferenceData
import Testing
import WorkModel

/// Shared builders for the worker-status and wage-hour law tests: a spec with the worker,
/// offer and protections each rule reads.
enum StatusLawFixture {
    static func spec(
        status: WorkerStatus = .contractor, jurisdiction: String = "US-CA", location: String? = nil,
        hoursPerWeek: Double? = nil, offered: PayQuote? = nil, practice: PayPractice = PayPractice(),
        engagement: Engagement = Engagement(), overtime: Bool? = nil, exemption: Worker.OvertimeExemptionClass? = nil,
        dutiesMet: Bool? = nil
    ) -> RoleSpec {
        RoleSpec(
            id: "status-law-fixture", title: "Status law fixture",
            judgmentPurchased: "Whether a model's answer is right",
            tasks: [TaskShare(task: "label-images")], direction: .train, factors: [:],
            worker: Worker(
                status: status, jurisdiction: jurisdiction, location: location, hoursPerWeek: hoursPerWeek,
                overtimeExemption: exemption, exemptDutiesMet: dutiesMet),
            currency: "USD", offered: offered, payPractice: practice, engagement: engagement,
            protections: Protections(overtime: overtime))
    }

    static func annual(_ amount: Double) -> PayQuote { PayQuote(amount: amount, currency: "USD", basis: .annual) }

    static func assess(_ spec: RoleSpec, hoursPerWeek: Double = 40, asOf: CalendarDate = Shipped.asOf) throws
        -> ComplianceReport
    {
        try ComplianceFixture.assess(spec, hours: ComplianceFixture.hours(hoursPerWeek), asOf: asOf)
    }

    static func assessment(_ test: String, _ spec: RoleSpec, asOf: CalendarDate = Shipped.asOf) throws
        -> ClassificationAssessment?
    {
        try assess(spec, asOf: asOf).classification.assessments.first { $0.test == test }
    }

    /// A physician or lawyer with her own practice: she sets her hours, serves other clients,
    /// uses her own tools and premises, the hirer states outcomes, not methods, and may not end
    /// the engagement at will.
    static let independentProfessional = Engagement(
        hirerControlsWork: false, technologyMonitoring: false, hirerSetsSchedule: false, detailedInstructions: false,
        hirerTrains: false, workerInvestment: true, permanence: .ongoing, integralToBusiness: true,
        independentSkill: true,
        worksForOthers: true, paidBy: .time, contract: .contractor, ownBusiness: true, writtenContract: true,
        businessLocation: true, businessLicence: true, setsOwnRates: true, dischargeAtWill: false)

    /// An annotator with no business of her own, on the hirer's schedule and tools.
    static let captiveAnnotator = Engagement(
        hirerControlsWork: true, technologyMonitoring: true, hirerSetsSchedule: true, detailedInstructions: true,
        hirerTrains: true, workerInvestment: false, profitOrLoss: false, permanence: .ongoing, integralToBusiness: true,
        independentSkill: false, worksForOthers: false, paidBy: .time, contract: .contractor, ownBusiness: false,
        dischargeAtWill: true)

    static func with(_ base: Engagement, _ change: (inout Engagement) -> Void) -> Engagement {
        var copy = base
        change(&copy)
        return copy
    }
}

/// California: the AB 2257 exemptions (Lab. Code 2776-2784) route to Borello, and Borello weighs
/// its own factors.
@Suite struct CaliforniaExemptionTests {
    typealias F = StatusLawFixture

    @Test func labCode2783ALicensedPhysicianIsJudgedByBorelloNotABC() throws {
        let spec = F.spec(engagement: F.with(F.independentProfessional) { $0.licensedProfession = .physician })
        let report = try F.assess(spec)
        let tests = report.classification.assessments.map(\.test)
        #expect(!tests.contains("california-abc"), "Lab. Code 2783 takes a licensed physician out of the ABC test")
        let borello = try #require(report.classification.assessments.first { $0.test == "california-borello" })
        #expect(borello.risk == .low)
        #expect(borello.severity == .info)
        #expect(
            borello.conclusion.hasPrefix(
                "A licensed physician is exempt from the ABC test (Lab. Code 2783), so Borello decides status."))
        #expect(
            borello.conclusion.contains("health-care entity"), "the medical licensees' condition is flagged for counsel"
        )
        #expect(borello.factors.map(\.factor).prefix(3) == ["exemption", "right-to-control", "discharge-at-will"])
    }

    @Test func borelloRightToControlAndDischargeAtWillMakeALicensedLawyerHighRisk() throws {
        let spec = F.spec(engagement: F.with(F.captiveAnnotator) { $0.licensedProfession = .lawyer })
        let borello = try #require(try F.assessment("california-borello", spec))
        #expect(borello.risk == .high)
        #expect(borello.severity == .blocking)
        #expect(borello.conclusion.contains("controls the manner and means of the work and may discharge at will"))
    }

    @Test func borelloDischargeAtWillKeepsAnOtherwiseIndependentLawyerAtMediumNotLow() throws {
        let independent = F.spec(engagement: F.with(F.independentProfessional) { $0.licensedProfession = .lawyer })
        let atWill = F.spec(
            engagement: F.with(F.independentProfessional) {
                $0.licensedProfession = .lawyer
                $0.dischargeAtWill = true
            })
        #expect(try F.assessment("california-borello", independent)?.risk == .low)
        #expect(try F.assessment("california-borello", atWill)?.risk == .medium)
    }

    @Test func labCode2776BusinessToBusinessWithEveryCriterionGoesToBorelloAndOneMissingKeepsABC() throws {
        let b2b = F.with(F.independentProfessional) {
            $0.californiaExemption = .businessToBusiness
            $0.detailedInstructions = false
            $0.servesHirerDirectly = true
            $0.advertisesServices = true
        }
        let exempt = try F.assess(F.spec(engagement: b2b))
        #expect(exempt.classification.assessments.contains { $0.test == "california-borello" })
        #expect(!exempt.classification.assessments.contains { $0.test == "california-abc" })

        let noAdvert = try F.assess(F.spec(engagement: F.with(b2b) { $0.advertisesServices = nil }))
        let abc = try #require(noAdvert.classification.assessments.first { $0.test == "california-abc" })
        #expect(
            abc.conclusion.hasPrefix(
                "The Lab. Code 2776 (business-to-business) exemption is claimed but does not hold (not shown: 2776(a)(8) advertises to the public), so the ABC test applies."
            ))
        #expect(abc.missingFacts.contains("engagement.advertises_services"))
        #expect(!noAdvert.classification.assessments.contains { $0.test == "california-borello" })
    }

    @Test func labCode2778ProfessionalServicesNeedsTheWrittenContract() throws {
        let writer = F.with(F.independentProfessional) { $0.californiaExemption = .professionalServices }
        #expect(try F.assessment("california-borello", F.spec(engagement: writer)) != nil)
        let noContract = F.spec(engagement: F.with(writer) { $0.writtenContract = false })
        let abc = try #require(try F.assessment("california-abc", noContract))
        #expect(abc.conclusion.contains("not met: 2778(b) written contract"))
    }

    @Test func anOtherLicenceIsNotALabCode2783Occupation() throws {
        let spec = F.spec(engagement: F.with(F.captiveAnnotator) { $0.licensedProfession = .other })
        #expect(try F.assessment("california-abc", spec)?.risk == .high)
    }
}

/// The FLSA tests read the facts an independent professional has.
@Suite struct FLSAIndependentProfessionalTests {
    typealias F = StatusLawFixture

    @Test func cfr795_110APhysicianWithHerOwnPracticeIsLowRiskAndACaptiveAnnotatorHigh() throws {
        let physician = F.spec(jurisdiction: "US-TX", engagement: F.independentProfessional)
        let annotator = F.spec(jurisdiction: "US-TX", engagement: F.captiveAnnotator)
        for test in ["flsa-2024", "flsa-2021", "dol-2026-proposal"] {
            #expect(try F.assessment(test, physician)?.risk == .low, "\(test): physician")
            #expect(try F.assessment(test, annotator)?.risk == .high, "\(test): annotator")
        }
        let rule2024 = try #require(try F.assessment("flsa-2024", physician))
        // Hand-worked: profit (own practice), investment, control and skill point to a business;
        // permanence is ongoing but not exclusive (neutral); integral points to employment. 1 of 5 known.
        #expect(
            rule2024.factors.map(\.leaning) == [
                .contractor, .contractor, .neutral, .contractor, .employee, .contractor,
            ])
        #expect(rule2024.conclusion == "4 of 6 factors point to a business of the worker's own.")
    }

    @Test func cfr795_105d1iRubricGuidelinesAreQualityStandardsForABusinessButControlWithoutOne() throws {
        let rubric = F.with(F.independentProfessional) { $0.detailedInstructions = true }
        let business = F.spec(jurisdiction: "US-TX", engagement: rubric)
        #expect(try F.assessment("flsa-2021", business)?.risk == .low)
        let control = try #require(try F.assessment("flsa-2021", business)?.factors.first { $0.factor == "control" })
        #expect(control.leaning == .contractor)
        #expect(control.reasoning.contains("quality standards agreed between businesses"))
        let noBusiness = F.spec(
            jurisdiction: "US-TX",
            engagement: F.with(rubric) {
                $0.ownBusiness = false
                $0.worksForOthers = false
            })
        #expect(
            try F.assessment("flsa-2021", noBusiness)?.factors.first { $0.factor == "control" }?.leaning == .employee)
    }

    @Test func theOwnBusinessFieldIsListedAsMissingWhenNothingElseShowsProfitOrLoss() throws {
        let spec = F.spec(
            jurisdiction: "US-TX",
            engagement: Engagement(hirerControlsWork: false, hirerSetsSchedule: false, detailedInstructions: false))
        let result = try #require(try F.assessment("flsa-2021", spec))
        #expect(result.risk == .undetermined)
        #expect(result.missingFacts.contains("engagement.profit_or_loss"))
    }
}

/// The Platform Work Directive: the presumption binds only where transposed, and its trigger and
/// rebuttal are weighed by strength (Directive (EU) 2024/2831, Art. 5).
@Suite struct EUPlatformWorkTests {
    typealias F = StatusLawFixture
    static let afterDeadline = CalendarDate(year: 2026, month: 12, day: 5)

    /// Free to organise the work, a business of one's own, other clients.
    static let independent = Engagement(
        hirerControlsWork: false, technologyMonitoring: false, hirerSetsSchedule: false, detailedInstructions: false,
        profitOrLoss: true, worksForOthers: true, substitutionAllowed: true, throughPlatform: true,
        automatedDeactivation: false,
        ownBusiness: true)

    func eu(_ engagement: Engagement, country: String = "DE", asOf: CalendarDate = Shipped.asOf) throws
        -> ClassificationAssessment
    {
        try #require(
            try F.assessment(
                "eu-platform-work", F.spec(status: .platformWorker, jurisdiction: country, engagement: engagement),
                asOf: asOf))
    }

    @Test func art5OneWeakerIndicatorAgainstFourContraryFactsDoesNotTriggerThePresumption() throws {
        let result = try eu(F.with(Self.independent) { $0.technologyMonitoring = true })
        #expect(result.risk == .low)
        #expect(
            result.conclusion
                == "A single weaker indicator does not trigger the presumption on its own; no strong indicator of control and direction is stated."
        )
    }

    @Test func art5OneStrongIndicatorTriggersItAndStrongRebuttalEvidenceMakesItMediumNotHigh() throws {
        let rebutted = try eu(F.with(Self.independent) { $0.hirerControlsWork = true })
        #expect(rebutted.risk == .medium)
        #expect(
            rebutted.conclusion.hasPrefix(
                "Employment is presumed (1 strong indicator of control and direction); the platform's rebuttal evidence is strong"
            ))
        let unrebutted = try eu(
            F.with(Self.independent) {
                $0.hirerControlsWork = true
                $0.worksForOthers = false
            })
        #expect(unrebutted.risk == .high)
        #expect(unrebutted.conclusion.contains("rebuttal-others not shown"))
    }

    @Test func art5TwoWeakerIndicatorsTogetherTriggerIt() throws {
        let result = try eu(
            F.with(Self.independent) {
                $0.technologyMonitoring = true
                $0.detailedInstructions = true
                $0.ownBusiness = false
                $0.profitOrLoss = false
            })
        #expect(result.risk == .high)
        #expect(
            result.conclusion.hasPrefix(
                "Employment is presumed (2 weaker indicators of control and direction together)"))
    }

    @Test func art29BeforeTheDeadlineTheDirectiveIsPendingTransposition() throws {
        let result = try eu(
            F.with(Self.independent) {
                $0.hirerControlsWork = true
                $0.worksForOthers = false
            })
        #expect(result.standing == .pendingTransposition)
        #expect(result.severity == .warning)
    }

    @Test func art29AfterTheDeadlineInAStateNotKnownToHaveTransposedTheNationalRuleAppliesAsInformation() throws {
        let result = try eu(
            F.with(Self.independent) {
                $0.hirerControlsWork = true
                $0.worksForOthers = false
            }, asOf: Self.afterDeadline)
        #expect(result.risk == .high, "the weighing is still shown")
        #expect(result.standing == .notTransposed)
        #expect(result.severity == .info, "an untransposed directive does not block")
        #expect(
            result.conclusion.hasPrefix(
                "Not binding here: The 2026-12-02 deadline has passed but DE has not been found to have transposed it (eu-pwd-transposition, confidence low); a directive does not bind private parties, so DE's own employment-status rule applies."
            ))
        let spain = try eu(Self.independent, country: "ES", asOf: Self.afterDeadline)
        #expect(spain.standingNote.contains("Ley 12/2021 (Ley Rider)"))
        let belgium = try eu(Self.independent, country: "BE", asOf: Self.afterDeadline)
        #expect(belgium.standingNote.contains("programme law of 26 December 2022"))
    }

    @Test func everyEUMemberStateHasATranspositionRowWithASourceInTheLedger() throws {
        let reference = try ComplianceFixture.reference()
        let members = reference.jurisdictions.filter { $0.groups.contains("eu") }.map(\.code)
        #expect(members.count == 27)
        for code in members {
            let row = try #require(PlatformWorkTransposition.status(of: code), "no row for \(code)")
            #expect(reference.source(row.ref.source) != nil, "\(code): source \(row.ref.source)")
        }
    }
}
