import Pricing
import ReferenceData
import Testing

/// Point-factor scores from the shipped factor tables (Sources/ReferenceData/Resources/factors.yaml).
struct PointScoreTests {
    let tables: [EvaluationFactor]

    init() throws { tables = try Shipped.get().reference.factors }

    @Test func rlhfSpecialistScoresByAxis() {
        // Complexity: comparative 90 + specialist 90 + task-set 20 + text 10 = 210.
        // Consequence: product-quality 60 + recommends 20 + internal 10 = 90.
        // Conditions: occasional content 20 + no night work 0 + sedentary 0 (both defaults) = 20.
        // Market: common language, 0 (premiums only).
        let score = PointScore.score(
            [
                "judgment": "comparative", "expertise": "specialist", "scope": "task-set", "modality": "text",
                "language": "common", "impact": "product-quality", "authority": "recommends",
                "data_sensitivity": "internal", "content_exposure": "occasional",
            ], tables: tables)
        #expect(score.complexity == 210)
        #expect(score.consequence == 90)
        #expect(score.conditions == 20)
        #expect(score.total == 320)
        #expect(
            score.factors.map(\.factor) == [
                "judgment", "expertise", "scope", "modality", "impact", "authority", "data_sensitivity",
                "content_exposure", "night_work",
                "physical_strain", "language",
            ], "axes in order, each in table order")
        #expect(score.factors.map(\.points) == [90, 90, 20, 10, 60, 20, 10, 20, 0, 0, 0])
        #expect(
            score.factors.map(\.axis) == ["complexity"] + ["complexity"] + ["complexity", "complexity"] + [
                "consequence", "consequence", "consequence",
            ] + ["conditions", "conditions", "conditions"] + ["market"])
        #expect(score.factors.filter { $0.assumed == true }.map(\.factor) == ["night_work", "physical_strain"])
    }

    @Test func lowestAndHighestProfiles() {
        let lowest = Dictionary(uniqueKeysWithValues: tables.map { ($0.id, $0.levels[0].id) })
        let highest = Dictionary(
            uniqueKeysWithValues: tables.compactMap { table in table.levels.last.map { (table.id, $0.id) } })
        // 20 + 10 + 10 + 10, 10 + 0 + 0 and 0 + 0 + 0.
        #expect(PointScore.score(lowest, tables: tables).complexity == 50)
        #expect(PointScore.score(lowest, tables: tables).consequence == 10)
        #expect(PointScore.score(lowest, tables: tables).conditions == 0)
        // adversarial 200 + senior-credentialed 340 + organization 80 + multimodal 45;
        // regulated-or-safety 180 + named-sign-off 100 + special-category 60; extreme 100 + regular 25 + heavy 45.
        #expect(PointScore.score(highest, tables: tables).complexity == 665)
        #expect(PointScore.score(highest, tables: tables).consequence == 340)
        #expect(PointScore.score(highest, tables: tables).conditions == 170)
    }

    @Test func clinicalReviewerProfile() {
        // diagnostic 130 + credentialed 250 + task-set 20 + text 10 = 410;
        // regulated-or-safety 180 + named-sign-off 100 + special-category 60 = 340; routine content 60.
        let score = PointScore.score(
            [
                "judgment": "diagnostic", "expertise": "credentialed", "scope": "task-set", "modality": "text",
                "language": "common", "impact": "regulated-or-safety", "authority": "named-sign-off",
                "data_sensitivity": "special-category", "content_exposure": "routine",
            ], tables: tables)
        #expect(score.complexity == 410)
        #expect(score.consequence == 340)
        #expect(score.conditions == 60)
    }

    @Test func missingOrUnknownLevelsScoreNothingInsteadOfCrashing() {
        let score = PointScore.score(
            ["judgment": "design", "scope": "galaxy", "authority": "release-gating"], tables: tables)
        #expect(score.complexity == 150, "design 150; the unknown scope level adds nothing")
        #expect(score.consequence == 70, "release-gating 70")
        // Factors with a default (night work, physical strain) take it; the others score nothing.
        #expect(score.factors.map(\.factor) == ["judgment", "authority", "night_work", "physical_strain"])
        #expect(PointScore.score([:], tables: tables).total == 0)
    }
}
