import Compliance
import ReferenceData
import Testing
import WorkModel

/// Every classification rule pack on both sides of its thresholds, which statuses and places get
/// which tests, and the missing facts and disclaimer every result carries.
@Suite struct ClassificationTests {
    func report(
        _ engagement: Engagement, status: WorkerStatus = .contractor, jurisdiction: String = "US-CA",
        layer: WorkLayer = .annotation, asOf: CalendarDate = Shipped.asOf
    ) throws -> ComplianceReport {
        try ComplianceFixture.assess(
            ComplianceFixture.spec(status: status, jurisdiction: jurisdiction, engagement: engagement), layer: layer,
            asOf: asOf)
    }

    func assessment(
        _ test: String, _ engagement: Engagement, status: WorkerStatus = .contractor, jurisdiction: String = "US-CA",
        layer: WorkLayer = .annotation, asOf: CalendarDate = Shipped.asOf,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ClassificationAssessment {
        let found = try report(engagement, status: status, jurisdiction: jurisdiction, layer: layer, asOf: asOf)
            .classification.assessments.first { $0.test == test }
        return try #require(found, "no \(test) assessment", sourceLocation: sourceLocation)
    }

    func tests(_ report: ComplianceReport) -> [String] { report.classification.assessments.map(\.test) }

    // MARK: California ABC

    /// A California contractor doing a labelling vendor's core work.
    static let californiaLabeller = Engagement(
        hirerControlsWork: true, detailedInstructions: true, integralToBusiness: true, worksForOthers: false)

    @Test func aCaliforniaLabellerFailsAllThreeProngs() throws {
        let report = try report(Self.californiaLabeller)
        #expect(tests(report) == ["flsa-2024", "flsa-2021", "dol-2026-proposal", "california-abc", "irs-common-law"])
        #expect(
            report.classification.note
                == "Tests applied: FLSA economic-reality test (2024 rule); FLSA independent-contractor rule (2021); DOL proposed independent-contractor rule (2026); California ABC test; IRS common-law control test."
        )
        let abc = try #require(report.classification.assessments.first { $0.test == "california-abc" })
        #expect(abc.risk == .high)
        #expect(abc.standing == .inForce)
        #expect(abc.severity == .blocking)
        #expect(abc.conclusion == "Prongs A, B, C fail: the worker is presumed an employee under California law.")
        #expect(abc.factors.map(\.factor) == ["A-control", "B-usual-course", "C-independent-trade"])
        #expect(abc.factors.allSatisfy { $0.leaning == .employee })
        #expect(abc.missingFacts.isEmpty, "a failed prong needs no more facts")
        let finding = try #require(report.finding("classification.california-abc"))
        #expect(finding.severity == .blocking)
        #expect(
            finding.message
                == "California ABC test: high risk. Prongs A, B, C fail: the worker is presumed an employee under California law. Decision support, not legal advice."
        )
        #expect(
            finding.fix
                == "Engage the workers as employees (directly or through an employer of record), or change how the work is controlled, with legal review."
        )
    }

    @Test func allThreeProngsHoldingIsLowRisk() throws {
        let engagement = Engagement(
            hirerControlsWork: false, technologyMonitoring: false, hirerSetsSchedule: false,
            detailedInstructions: false,
            integralToBusiness: false, worksForOthers: true)
        let abc = try assessment("california-abc", engagement)
        #expect(abc.risk == .low)
        #expect(abc.severity == .info)
        #expect(abc.conclusion == "All three prongs hold on the stated facts.")
        #expect(abc.factors.allSatisfy { $0.leaning == .contractor })
        #expect(abc.missingFacts.isEmpty)
        #expect(try report(engagement).finding("classification.california-abc")?.fix == nil)
    }

    @Test func anUnprovenProngIsMediumRisk() throws {
        let engagement = Engagement(
            hirerControlsWork: false, technologyMonitoring: false, hirerSetsSchedule: false,
            detailedInstructions: false,
            worksForOthers: true)
        let abc = try assessment("california-abc", engagement)
        #expect(abc.risk == .medium)
        #expect(abc.severity == .warning)
        #expect(abc.conclusion == "Prong B cannot be shown from the spec; the hirer must prove all three.")
        #expect(abc.missingFacts == ["engagement.integral_to_business"])
        #expect(
            abc.factors[1].reasoning
                == "unproven: not stated; prong B usually fails for annotators doing a labelling vendor's core work")
        let evaluator = try assessment("california-abc", engagement, layer: .evaluation)
        #expect(evaluator.risk == .medium)
        #expect(
            evaluator.factors[1].reasoning == "unproven: not stated", "the annotation hint is for annotation work only")
    }

    @Test func oneControlIndicatorFailsProngA() throws {
        // Prong A reads control, schedule, instructions and monitoring together: one is enough.
        let engagement = Engagement(
            hirerControlsWork: false, technologyMonitoring: true, hirerSetsSchedule: false, detailedInstructions: false,
            integralToBusiness: false, worksForOthers: true)
        let abc = try assessment("california-abc", engagement)
        #expect(abc.risk == .high)
        #expect(abc.conclusion == "Prong A fails: the worker is presumed an employee under California law.")
    }

    // MARK: FLSA 2021 (enforcement practice)

    @Test func flsa2021BothCoreFactorsTowardEmploymentIsHigh() throws {
        let result = try assessment(
            "flsa-2021", Engagement(hirerControlsWork: true, workerInvestment: false, profitOrLoss: false))
        #expect(result.risk == .high)
        #expect(result.standing == .enforcementPractice)
        #expect(result.severity == .warning, "enforcement practice warns, it does not block")
        #expect(
            result.conclusion
                == "Both core factors point to employment: a substantial likelihood the worker is an employee.")
        #expect(
            result.factors.map(\.factor) == ["control", "profit-or-loss", "skill", "permanence", "integrated-unit"])
    }

    @Test func flsa2021BothCoreFactorsTowardABusinessIsLow() throws {
        let result = try assessment(
            "flsa-2021",
            Engagement(
                hirerControlsWork: false, hirerSetsSchedule: false, detailedInstructions: false, profitOrLoss: true))
        #expect(result.risk == .low)
        #expect(result.severity == .info)
        #expect(
            result.conclusion
                == "Both core factors point to an independent business: a substantial likelihood the worker is a contractor."
        )
    }

    @Test func flsa2021DisagreeingCoreFactorsAreDecidedByTheGuideposts() throws {
        let towardEmployment = Engagement(
            hirerControlsWork: true, profitOrLoss: true, permanence: .ongoing, integralToBusiness: true,
            independentSkill: false)
        let high = try assessment("flsa-2021", towardEmployment)
        #expect(high.risk == .high)
        #expect(high.conclusion == "The core factors disagree and the guideposts point to employment.")
        let unknownGuideposts = Engagement(hirerControlsWork: true, profitOrLoss: true)
        let medium = try assessment("flsa-2021", unknownGuideposts)
        #expect(medium.risk == .medium)
        #expect(
            medium.conclusion
                == "The core factors disagree; the guideposts decide (0 toward employment, 0 toward independence).")
    }

    @Test func flsa2021WithOneCoreFactorUnknown() throws {
        #expect(
            try assessment("flsa-2021", Engagement(hirerControlsWork: true)).risk == .medium,
            "profit unknown, control toward employment")
        let neither = try assessment("flsa-2021", Engagement())
        #expect(neither.risk == .undetermined)
        #expect(neither.severity == .info)
    }

    // MARK: FLSA 2024 (totality of six factors)

    // Factors: profit-or-loss, investment, permanence, control (incl. monitoring), integral, skill.
    @Test func flsa2024FourFactorsTowardEmploymentIsHigh() throws {
        // 4 employee, 2 unknown.
        let result = try assessment(
            "flsa-2024",
            Engagement(hirerControlsWork: true, workerInvestment: false, profitOrLoss: false, integralToBusiness: true))
        #expect(result.risk == .high)
        #expect(result.severity == .blocking)
        #expect(result.conclusion == "4 of 6 factors point to economic dependence: likely an employee under the FLSA.")
    }

    @Test func flsa2024TwoThirdsOfKnownFactorsIsHigh() throws {
        // 3 employee, 1 contractor: 3 / 4 = 0.75 >= 2/3.
        let result = try assessment(
            "flsa-2024",
            Engagement(workerInvestment: false, profitOrLoss: false, permanence: .ongoing, independentSkill: true))
        #expect(result.risk == .high)
        #expect(result.conclusion == "3 of 6 factors point to economic dependence: likely an employee under the FLSA.")
    }

    @Test func flsa2024MixedFactorsAreMedium() throws {
        // 3 employee, 2 contractor: 3 / 5 = 0.6, between 1/3 and 2/3.
        let threeOfFive = try assessment(
            "flsa-2024",
            Engagement(
                workerInvestment: false, profitOrLoss: false, permanence: .ongoing, integralToBusiness: false,
                independentSkill: true))
        #expect(threeOfFive.risk == .medium)
        #expect(threeOfFive.severity == .warning)
        #expect(threeOfFive.conclusion == "The factors are mixed (3 toward employment, 2 toward independent business).")
        // 2 employee, 4 contractor: exactly 1/3 is still mixed.
        let oneThird = try assessment(
            "flsa-2024",
            Engagement(
                hirerControlsWork: false, technologyMonitoring: false, hirerSetsSchedule: false,
                detailedInstructions: false,
                workerInvestment: false, profitOrLoss: false, permanence: .project, integralToBusiness: false,
                independentSkill: true))
        #expect(oneThird.risk == .medium)
    }

    @Test func flsa2024FewFactorsTowardEmploymentIsLow() throws {
        // 1 employee, 4 contractor: 1 / 5 = 0.2.
        let result = try assessment(
            "flsa-2024",
            Engagement(
                workerInvestment: true, profitOrLoss: true, permanence: .project, integralToBusiness: true,
                independentSkill: true))
        #expect(result.risk == .low)
        #expect(result.conclusion == "4 of 6 factors point to a business of the worker's own.")
    }

    @Test func flsa2024WithFewerThanFourKnownFactorsIsUndetermined() throws {
        // 3 employee, 0 contractor, 3 unknown: three known factors cannot be weighed.
        let result = try assessment(
            "flsa-2024", Engagement(workerInvestment: false, profitOrLoss: false, permanence: .ongoing))
        #expect(result.risk == .undetermined)
        #expect(result.severity == .warning)
        #expect(result.conclusion == "Only 3 of 6 factors can be read from the spec; the totality cannot be weighed.")
    }

    // MARK: DOL 2026 proposal

    @Test func theDOLProposalIsProposedAndNeverMoreThanInfo() throws {
        let high = try assessment("dol-2026-proposal", Engagement(hirerControlsWork: true, profitOrLoss: false))
        #expect(high.risk == .high)
        #expect(high.standing == .proposed)
        #expect(high.severity == .info)
        #expect(high.factors.map(\.factor) == ["control", "profit-or-loss", "skill", "permanence", "integrated-unit"])
        for engagement in [
            Self.californiaLabeller, Engagement(hirerControlsWork: true), Engagement(),
            Engagement(hirerControlsWork: true, profitOrLoss: false),
        ] {
            let finding = try #require(try report(engagement).finding("classification.dol-2026-proposal"))
            #expect(finding.severity == .info)
        }
    }

    @Test func theDOLProposalReadsProfitWithoutTheInvestmentComparison() throws {
        // A worker investment alone shows a business under the 2021 rule, not under the proposal.
        let engagement = Engagement(hirerControlsWork: true, workerInvestment: true)
        #expect(try assessment("flsa-2021", engagement).factors[1].leaning == .contractor)
        #expect(try assessment("dol-2026-proposal", engagement).factors[1].leaning == .unknown)
    }

    // MARK: IRS common law

    @Test func irsTwoCategoriesTowardEmploymentIsHigh() throws {
        let result = try assessment("irs-common-law", Engagement(detailedInstructions: true, expensesReimbursed: true))
        #expect(result.factors.map(\.factor) == ["behavioral", "financial", "relationship"])
        #expect(result.factors.map(\.leaning) == [.employee, .employee, .unknown])
        #expect(result.risk == .high)
        #expect(result.severity == .blocking)
        #expect(
            result.conclusion
                == "2 of 3 categories point to employment: the hirer likely controls the work as an employer does.")
    }

    @Test func irsOneCategoryTowardEmploymentIsMedium() throws {
        let result = try assessment(
            "irs-common-law", Engagement(detailedInstructions: true, workerInvestment: true, contract: .contractor))
        #expect(result.factors.map(\.leaning) == [.employee, .contractor, .contractor])
        #expect(result.risk == .medium)
    }

    @Test func irsNoCategoryTowardEmploymentIsLow() throws {
        let result = try assessment(
            "irs-common-law", Engagement(detailedInstructions: false, workerInvestment: true, contract: .contractor))
        #expect(result.factors.map(\.leaning) == [.contractor, .contractor, .contractor])
        #expect(result.risk == .low)
    }

    @Test func irsTwoEmptyCategoriesAreUndetermined() throws {
        let result = try assessment("irs-common-law", Engagement(detailedInstructions: true))
        #expect(result.risk == .undetermined)
        #expect(result.conclusion == "Two or more categories have no stated facts.")
    }

    @Test func irsATiedCategoryIsNeutral() throws {
        let result = try assessment("irs-common-law", Engagement(detailedInstructions: true, hirerTrains: false))
        #expect(result.factors[0].leaning == .neutral)
        #expect(
            result.factors[0].reasoning
                == "detailed instructions say how to do each task; the hirer does not train the worker (1 toward employment, 1 toward independence)"
        )
    }

    // MARK: EU Platform Work Directive

    @Test func aGermanPlatformWorkerUnderControlIsPresumedEmployedPendingTransposition() throws {
        let report = try report(Engagement(hirerControlsWork: true), status: .platformWorker, jurisdiction: "DE")
        #expect(tests(report) == ["eu-platform-work"])
        let result = try #require(report.classification.assessments.first)
        #expect(result.risk == .high)
        #expect(result.standing == .pendingTransposition)
        #expect(result.severity == .warning)
        #expect(
            result.conclusion
                == "Employment is presumed (1 strong indicator of control and direction) and the platform must rebut it; the rebuttal evidence falls short (rebuttal-business, rebuttal-others, rebuttal-organisation not shown)."
        )
        #expect(report.finding("classification.eu-platform-work")?.severity == .warning)
        // The day before the deadline is still pending.
        let eve = try assessment(
            "eu-platform-work", Engagement(hirerControlsWork: true), status: .platformWorker, jurisdiction: "DE",
            asOf: ComplianceFixture.date(2026, 12, 1))
        #expect(eve.standing == .pendingTransposition)
    }

    @Test func theGermanPresumptionOnlyInformsOnceTheDeadlinePassesWithoutKnownTransposition() throws {
        // A directive binds private parties only through national law; Germany's transposition is
        // not known here (all states ship as unknown), so German law decides and the file informs.
        let date = ComplianceFixture.date(2026, 12, 2)
        let report = try report(
            Engagement(hirerControlsWork: true), status: .platformWorker, jurisdiction: "DE", asOf: date)
        let result = try #require(report.classification.assessments.first)
        #expect(result.standing == .notTransposed)
        #expect(result.severity == .info)
        #expect(report.finding("classification.eu-platform-work")?.severity == .info)
    }

    @Test func thePresumptionWithoutControlIsLowAndWithGapsUndetermined() throws {
        let none = Engagement(
            hirerControlsWork: false, technologyMonitoring: false, hirerSetsSchedule: false,
            detailedInstructions: false,
            automatedDeactivation: false)
        #expect(try assessment("eu-platform-work", none, status: .platformWorker, jurisdiction: "DE").risk == .low)
        let gaps = try assessment(
            "eu-platform-work", Engagement(hirerControlsWork: false), status: .platformWorker, jurisdiction: "DE")
        #expect(gaps.risk == .undetermined)
        #expect(gaps.severity == .info)
        #expect(
            try assessment(
                "eu-platform-work", Engagement(automatedDeactivation: true), status: .platformWorker, jurisdiction: "DE"
            ).risk == .undetermined,
            "automated deactivation is a weaker indicator: alone it does not trigger the presumption, but the unstated facts could"
        )
    }

    @Test func thePresumptionNeedsPlatformWorkInTheEU() throws {
        // A contractor through a platform is covered; one outside it is not.
        let viaPlatform = try report(Engagement(hirerControlsWork: true, throughPlatform: true), jurisdiction: "DE")
        #expect(tests(viaPlatform) == ["eu-platform-work"])
        let direct = try report(Engagement(hirerControlsWork: true, throughPlatform: false), jurisdiction: "DE")
        #expect(tests(direct).isEmpty)
        #expect(direct.classification.note.hasPrefix("No Wagefile rule pack covers DE yet"))
        // A platform worker outside the EU is not.
        #expect(
            !tests(try report(Engagement(hirerControlsWork: true), status: .platformWorker, jurisdiction: "KE"))
                .contains("eu-platform-work"))
    }

    // MARK: UK status and IR35

    @Test func personalServiceControlAndMutualityIsAnEmployee() throws {
        let engagement = Engagement(
            hirerControlsWork: true, substitutionAllowed: false, mutualityOfObligation: true, throughIntermediary: false
        )
        let report = try report(engagement, jurisdiction: "GB")
        #expect(tests(report) == ["uk-status"], "no IR35 without an intermediary")
        let result = try #require(report.classification.assessments.first)
        #expect(result.risk == .high)
        #expect(result.severity == .blocking)
        #expect(result.conclusion == "Personal service, control and mutuality of obligation: likely an employee.")
        #expect(
            result.factors.map(\.factor) == [
                "substitution", "control", "mutuality", "financial-risk", "part-of-organisation",
            ])
    }

    @Test func aRightOfSubstitutionIsSelfEmployment() throws {
        let result = try assessment(
            "uk-status",
            Engagement(
                hirerControlsWork: true, substitutionAllowed: true, mutualityOfObligation: false,
                throughIntermediary: false),
            jurisdiction: "GB")
        #expect(result.risk == .low)
        #expect(result.conclusion == "A genuine right of substitution: likely self-employed.")
        // Substitution against control and mutuality is not enough.
        let doubtful = try assessment(
            "uk-status",
            Engagement(
                hirerControlsWork: true, substitutionAllowed: true, mutualityOfObligation: true,
                throughIntermediary: false),
            jurisdiction: "GB")
        #expect(doubtful.risk == .medium)
    }

    @Test func personalServiceWithoutMutualityIsAWorker() throws {
        let result = try assessment(
            "uk-status",
            Engagement(substitutionAllowed: false, mutualityOfObligation: false, throughIntermediary: false),
            jurisdiction: "GB")
        #expect(result.risk == .high)
        #expect(
            result.conclusion
                == "Personal service without full employment indicators: likely a worker, owed the minimum wage and holiday pay."
        )
        let business = try assessment(
            "uk-status",
            Engagement(
                workerInvestment: true, profitOrLoss: true, integralToBusiness: false, substitutionAllowed: false,
                mutualityOfObligation: false, throughIntermediary: false),
            jurisdiction: "GB")
        #expect(business.risk == .medium)
        // An investment of the worker's own is enough to show financial risk.
        let invested = try assessment(
            "uk-status",
            Engagement(
                workerInvestment: true, profitOrLoss: false, integralToBusiness: false, substitutionAllowed: false,
                mutualityOfObligation: false, throughIntermediary: false),
            jurisdiction: "GB")
        #expect(invested.factors[3].leaning == .contractor)
        #expect(invested.risk == .medium)
        let unknown = try assessment("uk-status", Engagement(throughIntermediary: false), jurisdiction: "GB")
        #expect(unknown.risk == .undetermined)
        #expect(
            unknown.conclusion
                == "Whether the worker must do the work personally is not stated; it decides worker status.")
    }

    @Test func ir35AppliesToContractorsAndConsultantsUnlessNoIntermediary() throws {
        let engagement = Engagement(hirerControlsWork: true, substitutionAllowed: false, mutualityOfObligation: true)
        #expect(
            tests(try report(engagement, jurisdiction: "GB")) == ["uk-status", "uk-ir35"], "intermediary not stated")
        #expect(tests(try report(engagement, status: .consultant, jurisdiction: "GB")) == ["uk-status", "uk-ir35"])
        #expect(tests(try report(engagement, status: .platformWorker, jurisdiction: "GB")) == ["uk-status"])
        var direct = engagement
        direct.throughIntermediary = false
        #expect(tests(try report(direct, jurisdiction: "GB")) == ["uk-status"])

        let unstated = try assessment("uk-ir35", engagement, jurisdiction: "GB")
        #expect(unstated.factors.first?.factor == "intermediary")
        #expect(unstated.factors.first?.leaning == .unknown)
        #expect(unstated.missingFacts.first == "engagement.through_intermediary")
        #expect(unstated.missingFacts.last == "engagement.client_size")
        #expect(unstated.risk == .high)
    }

    @Test func ir35ThroughAnIntermediaryFollowsTheStatusAndNamesTheDecider() throws {
        let inside = try assessment(
            "uk-ir35",
            Engagement(
                hirerControlsWork: true, substitutionAllowed: false, mutualityOfObligation: true, clientSize: .large,
                throughIntermediary: true),
            status: .consultant, jurisdiction: "GB")
        #expect(inside.risk == .high)
        #expect(inside.factors.first?.leaning == .neutral)
        #expect(!inside.missingFacts.contains("engagement.through_intermediary"))
        #expect(!inside.missingFacts.contains("engagement.client_size"))
        #expect(
            inside.conclusion
                == "The engagement looks inside IR35 (employment-like). As a large client you must issue a Status Determination Statement with reasons."
        )
        let outside = try assessment(
            "uk-ir35",
            Engagement(
                hirerControlsWork: false, substitutionAllowed: true, mutualityOfObligation: false, clientSize: .small,
                throughIntermediary: true),
            jurisdiction: "GB")
        #expect(outside.risk == .low)
        #expect(
            outside.conclusion
                == "The engagement looks outside IR35. As a small client, the worker's company decides its status.")
        let eitherSide = try assessment(
            "uk-ir35",
            Engagement(
                hirerControlsWork: true, substitutionAllowed: true, mutualityOfObligation: true, clientSize: .medium,
                throughIntermediary: true),
            status: .consultant, jurisdiction: "GB")
        #expect(eitherSide.risk == .medium)
        #expect(
            eitherSide.conclusion
                == "The engagement could fall either side of IR35. As a medium client you must issue a Status Determination Statement with reasons."
        )
    }

    // MARK: Who is tested

    @Test(arguments: [WorkerStatus.employee, .fellow, .vendorEmployee, .dataByproduct])
    func statusesTheContractDoesNotDisputeGetNoAssessments(_ status: WorkerStatus) throws {
        let report = try report(Self.californiaLabeller, status: status)
        #expect(report.classification.assessments.isEmpty)
        #expect(report.classification.status == status.rawValue)
        #expect(!report.rules.contains { $0.hasPrefix("classification.") })
        switch status {
        case .vendorEmployee: #expect(report.classification.note.contains("joint employer"))
        case .dataByproduct: #expect(report.classification.note.contains("data-rights questions"))
        default:
            #expect(report.classification.note == "Engaged as \(status.rawValue): no misclassification test applies.")
        }
    }

    @Test func aJurisdictionWithoutRulePacksSaysSo() throws {
        let report = try report(Self.californiaLabeller, jurisdiction: "KE")
        #expect(report.classification.assessments.isEmpty)
        #expect(
            report.classification.note
                == "No Wagefile rule pack covers KE yet; national tests apply. Add the facts to the engagement section and take advice locally."
        )
        #expect(!report.rules.contains { $0.hasPrefix("classification.") })
    }

    // MARK: Missing facts and the disclaimer

    @Test func everyAssessmentListsTheFactsItLacks() throws {
        let report = try report(Engagement())
        let missing = Dictionary(
            uniqueKeysWithValues: report.classification.assessments.map { ($0.test, $0.missingFacts) })
        let e = { (field: String) in "engagement." + field }
        #expect(
            missing["california-abc"]
                == [
                    "hirer_controls_work", "hirer_sets_schedule", "detailed_instructions", "technology_monitoring",
                    "integral_to_business", "works_for_others",
                ].map(e))
        #expect(
            missing["flsa-2024"]
                == [
                    "profit_or_loss", "worker_investment", "permanence", "hirer_controls_work", "hirer_sets_schedule",
                    "detailed_instructions",
                    "technology_monitoring", "integral_to_business", "independent_skill",
                ].map(e))
        #expect(
            missing["flsa-2021"]
                == [
                    "hirer_controls_work", "hirer_sets_schedule", "detailed_instructions", "profit_or_loss",
                    "worker_investment", "independent_skill",
                    "permanence", "integral_to_business",
                ].map(e))
        #expect(
            missing["dol-2026-proposal"]
                == [
                    "hirer_controls_work", "hirer_sets_schedule", "detailed_instructions", "profit_or_loss",
                    "independent_skill", "permanence",
                    "integral_to_business",
                ].map(e))
        #expect(
            missing["irs-common-law"] == [
                e("detailed_instructions"), e("hirer_trains"), e("technology_monitoring"), e("expenses_reimbursed"),
                e("worker_investment"),
                e("works_for_others"), e("paid_by"), e("profit_or_loss"), e("contract"), "protections.benefits",
                e("permanence"), e("integral_to_business"),
            ])
        let abc = try #require(report.finding("classification.california-abc"))
        #expect(
            abc.evidence.contains(
                "missing facts: engagement.hirer_controls_work, engagement.hirer_sets_schedule, engagement.detailed_instructions, engagement.technology_monitoring, engagement.integral_to_business, engagement.works_for_others"
            ))
        #expect(abc.severity == .warning, "unproven prongs are medium risk")

        let eu = try assessment("eu-platform-work", Engagement(), status: .platformWorker, jurisdiction: "DE")
        #expect(
            eu.missingFacts
                == [
                    "hirer_controls_work", "hirer_sets_schedule", "detailed_instructions", "technology_monitoring",
                    "automated_deactivation",
                    "own_business", "profit_or_loss", "works_for_others", "substitution_allowed",
                ].map(e))
        let uk = try assessment("uk-status", Engagement(), jurisdiction: "GB")
        #expect(
            uk.missingFacts
                == [
                    "substitution_allowed", "hirer_controls_work", "hirer_sets_schedule", "detailed_instructions",
                    "technology_monitoring",
                    "mutuality_of_obligation", "profit_or_loss", "worker_investment", "integral_to_business",
                ].map(e))
    }

    @Test func everyClassificationFindingSaysItIsNotLegalAdvice() throws {
        let reports = [
            try report(Self.californiaLabeller), try report(Engagement()), try report(Engagement(), jurisdiction: "GB"),
            try report(Engagement(hirerControlsWork: true), status: .platformWorker, jurisdiction: "DE"),
            try report(
                Engagement(hirerControlsWork: false, substitutionAllowed: true, throughIntermediary: true),
                status: .consultant, jurisdiction: "GB"),
        ]
        var count = 0
        for report in reports {
            #expect(report.classification.disclaimer.contains("not legal advice"))
            for finding in report.findings where finding.rule.hasPrefix("classification.") {
                count += 1
                #expect(finding.message.contains("not legal advice"), "\(finding.rule)")
            }
        }
        #expect(count == 5 + 5 + 2 + 1 + 2)
    }
}
