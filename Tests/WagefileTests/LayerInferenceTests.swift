import DecisionFiles
import Pricing
import ReferenceData
import Testing
import WorkModel

/// The tasks decide the work layer; title, direction and declared category are only checked against them.
struct LayerInferenceTests {
    let shipped: Shipped

    init() throws { shipped = try Shipped.get() }

    static let evaluationFactors = [
        "judgment": "comparative", "expertise": "trained", "scope": "task-set", "modality": "text",
        "language": "common",
        "impact": "product-quality", "authority": "recommends", "data_sensitivity": "internal",
        "content_exposure": "occasional",
    ]

    func spec(
        title: String = "Model Response Reviewer", tasks: [TaskShare], direction: Direction = .train,
        category: String? = nil
    ) -> RoleSpec {
        RoleSpec(
            id: "inference", title: title, judgmentPurchased: "Judgment", tasks: tasks, direction: direction,
            category: category,
            factors: Self.evaluationFactors, worker: Worker(status: .contractor, jurisdiction: "US"), currency: "USD",
            budgetOwner: "product-quality")
    }

    func infer(_ spec: RoleSpec) -> LayerInference { LayerInference.infer(spec, reference: shipped.reference) }

    @Test func unstatedSharesSplitWhatTheStatedOnesLeave() {
        let shares = LayerInference.resolvedShares([
            TaskShare(task: "a", share: 0.5), TaskShare(task: "b"), TaskShare(task: "c"),
        ])
        #expect(shares == [0.5, 0.25, 0.25])
        let even = LayerInference.resolvedShares([
            TaskShare(task: "a"), TaskShare(task: "b"), TaskShare(task: "c"), TaskShare(task: "d"),
        ])
        #expect(even == [0.25, 0.25, 0.25, 0.25])
        let overfull = LayerInference.resolvedShares([
            TaskShare(task: "a", share: 0.7), TaskShare(task: "b", share: 0.5), TaskShare(task: "c"),
        ])
        #expect(overfull == [0.7, 0.5, 0], "nothing is left for the unstated task, and it never goes negative")
    }

    @Test func theTasksDecideTheLayerNotTheTitle() {
        let inference = infer(
            spec(
                title: "RLHF Specialist", tasks: [TaskShare(task: "label-images"), TaskShare(task: "categorize-text")]))
        #expect(inference.layer == .annotation)
        #expect(inference.conflictingTitleHint?.layer == .evaluation, "the title suggests evaluation work")
        #expect(
            inference.reasons.first == "100% of working time is annotation work: label-images 50%, categorize-text 50%")
    }

    @Test func theLargestShareOfTimeWins() {
        // 30% evaluation; the two unstated expert-review tasks split the remaining 70%.
        let inference = infer(
            spec(tasks: [
                TaskShare(task: "pairwise-preference", share: 0.3), TaskShare(task: "review-domain-output"),
                TaskShare(task: "verify-domain-reasoning"),
            ]))
        #expect(inference.layer == .expertReview)
        #expect(inference.shares.map(\.layer) == ["expert-review", "evaluation"])
        expectClose(inference.shares.first?.share, 0.7, tolerance: 1e-12)
        expectClose(inference.shares.last?.share, 0.3, tolerance: 1e-12)
        #expect(inference.shares.first?.tasks == ["review-domain-output 35%", "verify-domain-reasoning 35%"])
        #expect(inference.category == "domain-expert-evaluator", "the category with the most time, inferred")
        #expect(!inference.categoryDeclared)
    }

    @Test func aTieGoesToTheEarlierLayer() {
        let inference = infer(
            spec(tasks: [TaskShare(task: "apply-rubric", share: 0.5), TaskShare(task: "label-images", share: 0.5)]))
        #expect(inference.layer == .annotation, "annotation comes before evaluation in the layer order")
    }

    @Test func aiTrainerDoingExpertReviewIsATitleLayerMismatch() throws {
        let role = spec(
            title: "AI Trainer",
            tasks: [
                TaskShare(task: "review-domain-output", share: 0.6),
                TaskShare(task: "sign-off-domain-output", share: 0.4),
            ], direction: .evaluate)
        let inference = infer(role)
        #expect(inference.layer == .expertReview)
        let hint = try #require(inference.conflictingTitleHint)
        #expect(hint.pattern == "ai trainer")
        #expect(hint.layer == .annotation)
        #expect(inference.reasons.contains("the title 'AI Trainer' suggests annotation, but the tasks decide"))

        let findings = shipped.builder.build(role).findings
        let finding = try #require(findings.first { $0.rule == "title-layer-mismatch" })
        #expect(finding.severity == .warning)
        #expect(
            finding.message
                == "The title 'AI Trainer' suggests annotation work, but the tasks are expert-review work; price the work, not the title."
        )
        #expect(finding.evidence.first?.hasPrefix("title pattern 'ai trainer' suggests annotation") == true)
    }

    @Test func aTitleThatAgreesRaisesNoMismatch() {
        let role = spec(title: "Senior RLHF Rater", tasks: [TaskShare(task: "pairwise-preference")])
        let inference = infer(role)
        #expect(inference.layer == .evaluation)
        #expect(inference.conflictingTitleHint == nil)
        #expect(!shipped.builder.build(role).findings.contains { $0.rule == "title-layer-mismatch" })
    }

    @Test func theLongestTitlePatternWins() {
        #expect(shipped.reference.titleHint(for: "Head of Evaluation and AI Trainer")?.layer == .evaluationLead)
        #expect(shipped.reference.titleHint(for: "AI TRAINER")?.layer == .annotation, "matching ignores case")
        #expect(shipped.reference.titleHint(for: "Operations Manager") == nil)
    }

    @Test func aDeclaredCategoryTheTasksContradictIsACategoryMismatch() throws {
        let role = spec(
            tasks: [TaskShare(task: "pairwise-preference", share: 0.8), TaskShare(task: "label-images", share: 0.2)],
            category: "annotator")
        let inference = infer(role)
        #expect(inference.category == "annotator", "the declared category is kept")
        #expect(inference.categoryDeclared)
        #expect(inference.inferredCategory == "rlhf-specialist")

        let finding = try #require(shipped.builder.build(role).findings.first { $0.rule == "category-mismatch" })
        #expect(finding.severity == .warning)
        #expect(finding.evidence == ["declared category: annotator", "tasks point at: rlhf-specialist"])
    }

    @Test func aDeclaredCategoryTheTasksAgreeWithIsQuiet() {
        let role = spec(tasks: [TaskShare(task: "pairwise-preference")], category: "rlhf-specialist")
        #expect(infer(role).inferredCategory == nil)
        #expect(!shipped.builder.build(role).findings.contains { $0.rule == "category-mismatch" })
    }

    @Test func deployingOnAnnotationTasksIsADirectionMismatch() throws {
        let role = spec(
            title: "Labeling Associate", tasks: [TaskShare(task: "label-images"), TaskShare(task: "mark-objects")],
            direction: .deploy)
        let inference = infer(role)
        #expect(inference.layer == .annotation)
        #expect(!inference.directionFits)
        #expect(
            inference.reasons.contains("direction 'deploy' is unusual for annotation work (expected train or evaluate)")
        )

        let finding = try #require(shipped.builder.build(role).findings.first { $0.rule == "direction-mismatch" })
        #expect(finding.severity == .warning)
        #expect(finding.message == "Direction 'deploy' is unusual for annotation work.")
        #expect(finding.evidence == ["direction 'deploy' is unusual for annotation work (expected train or evaluate)"])
    }

    @Test func deployingAppliedAIWorkFits() {
        let role = spec(
            title: "AI Enablement Lead",
            tasks: [TaskShare(task: "configure-ai-workflows"), TaskShare(task: "train-staff-on-ai")], direction: .deploy
        )
        let inference = infer(role)
        #expect(inference.layer == .appliedAIOps)
        #expect(inference.directionFits)
        #expect(!shipped.builder.build(role).findings.contains { $0.rule == "direction-mismatch" })
    }
}
