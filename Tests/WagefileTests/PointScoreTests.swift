import Testing
import ReferenceData
import Pricing

/// Point-factor scores from the shipped factor tables (Sources/ReferenceData/Resources/factors.yaml).
struct PointScoreTests {
    let tables: [EvaluationFactor]

    init() throws { tables = try Shipped.get().reference.factors }

    @Test func rlhfSpecialistScoresByAxis() {
        // Complexity: comparative 80 + specialist 90 + task-set 20 + text 10 + common 0 = 200.
        // Consequence: product-quality 60 + recommends 20 + internal 10 + occasional 20 = 110.
        let score = PointScore.score(
            [
                "judgment": "comparative", "expertise": "specialist", "scope": "task-set", "modality": "text",
                "language": "common", "impact": "product-quality", "authority": "recommends",
                "data_sensitivity": "internal", "content_exposure": "occasional",
            ], tables: tables)
        #expect(score.complexity == 200)
        #expect(score.consequence == 110)
        #expect(score.total == 310)
        #expect(score.factors.map(\.factor) == [
            "judgment", "expertise", "scope", "modality", "language", "impact", "authority", "data_sensitivity", "content_exposure",
        ], "complexity factors first, each in table order")
        #expect(score.factors.map(\.points) == [80, 90, 20, 10, 0, 60, 20, 10, 20])
        #expect(score.factors.prefix(5).allSatisfy { $0.axis == "complexity" })
        #expect(score.factors.suffix(4).allSatisfy { $0.axis == "consequence" })
    }

    @Test func lowestAndHighestProfiles() {
        let lowest = Dictionary(uniqueKeysWithValues: tables.map { ($0.id, $0.levels[0].id) })
        let highest = Dictionary(uniqueKeysWithValues: tables.compactMap { table in table.levels.last.map { (table.id, $0.id) } })
        // 20 + 10 + 10 + 10 + 0 and 10 + 0 + 0 + 0.
        #expect(PointScore.score(lowest, tables: tables).complexity == 50)
        #expect(PointScore.score(lowest, tables: tables).consequence == 10)
        // adversarial 200 + senior-credentialed 340 + organization 80 + multimodal 45 + scarce 50;
        // regulated-or-safety 180 + named-sign-off 100 + special-category 60 + extreme 100.
        #expect(PointScore.score(highest, tables: tables).complexity == 715)
        #expect(PointScore.score(highest, tables: tables).consequence == 440)
    }

    @Test func clinicalReviewerProfile() {
        // diagnostic 130 + credentialed 250 + task-set 20 + text 10 + common 0 = 410;
        // regulated-or-safety 180 + named-sign-off 100 + special-category 60 + routine 60 = 400.
        let score = PointScore.score(
            [
                "judgment": "diagnostic", "expertise": "credentialed", "scope": "task-set", "modality": "text",
                "language": "common", "impact": "regulated-or-safety", "authority": "named-sign-off",
                "data_sensitivity": "special-category", "content_exposure": "routine",
            ], tables: tables)
        #expect(score.complexity == 410)
        #expect(score.consequence == 400)
    }

    @Test func missingOrUnknownLevelsScoreNothingInsteadOfCrashing() {
        let score = PointScore.score(["judgment": "design", "scope": "galaxy", "authority": "release-gating"], tables: tables)
        #expect(score.complexity == 150, "design 150; the unknown scope level adds nothing")
        #expect(score.consequence == 70, "release-gating 70")
        #expect(score.factors.map(\.factor) == ["judgment", "authority"])
        #expect(PointScore.score([:], tables: tables).total == 0)
    }
}
