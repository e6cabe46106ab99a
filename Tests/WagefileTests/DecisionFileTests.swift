import Foundation
import Testing
import WagefileTestSupport
import WorkModel
import Specs
import DecisionFiles

/// The decision file as JSON: the schema users and tools read, checked through JSONSerialization
/// so the test sees exactly what a consumer sees.
struct DecisionFileTests {
    let shipped: Shipped

    init() throws { shipped = try Shipped.get() }

    func decisionFile(_ fixture: String) throws -> DecisionFile {
        shipped.builder.build(try readSpec(try Fixtures.text("specs/\(fixture)"), file: fixture))
    }

    func json(_ file: DecisionFile) throws -> [String: Any] {
        let text = try JSONRendering.pretty(file)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func object(_ value: Any?, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(value as? [String: Any], sourceLocation: sourceLocation)
    }

    func number(_ value: Any?, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Double {
        try #require((value as? NSNumber)?.doubleValue, sourceLocation: sourceLocation)
    }

    /// min, mid and max of a range (`DecisionFile.Range` has no public initializer).
    func values(_ range: DecisionFile.Range) -> [Double] { [range.min, range.mid, range.max] }

    @Test func theJSONHasEveryPartOfTheDecisionFile() throws {
        let root = try json(try decisionFile("rlhf-specialist.yaml"))
        #expect(root["schema"] as? String == "wagefile.decision/v1")
        #expect(root["layer"] as? String == "evaluation")

        let scores = try object(root["scores"])
        #expect(try number(scores["complexity"]) == 200)
        #expect(try number(scores["consequence"]) == 110)

        let band = try object(root["band"])
        #expect(band["currency"] as? String == "USD")
        let hourly = try object(band["hourly"])
        // exp(2.433917 + 0.0046613 x 310) = 48.3723; / 1.2 = 40.3102; x 1.4 = 56.4343.
        #expect(try number(hourly["min"]) == 40.31)
        #expect(try number(hourly["mid"]) == 48.37)
        #expect(try number(hourly["max"]) == 56.43)
        let annual = try object(band["annual"])
        // The spec states 30 h/week: 1,560 h/year, rounded to whole currency units.
        #expect(try number(annual["min"]) == 62884)
        #expect(try number(annual["mid"]) == 75461)
        #expect(try number(annual["max"]) == 88038)

        let offered = try object(root["offered"])
        // 55 / 48.3723 = 1.13702 and (55 - 40.3102) / (56.4343 - 40.3102) = 0.91105.
        #expect(try number(offered["compaRatio"]) == 1.137)
        #expect(try number(offered["rangePenetration"]) == 0.911)
        #expect(offered["circle"] as? String == "in-range")
        // 55 / sqrt(50 x 65) = 0.96477 of the RLHF rate card's geometric midpoint.
        #expect(try number(offered["marketRatio"]) == 0.9648)

        let questions = try #require(root["questions"] as? [[String: Any]])
        #expect(questions.count == 10)
        #expect(questions.compactMap { $0["number"] as? Int } == Array(1...10))
        #expect(questions.allSatisfy { ($0["question"] as? String)?.isEmpty == false && ($0["answer"] as? String)?.isEmpty == false })

        #expect(root["findings"] is [Any])
        let path = try object(root["pathUpward"])
        let next = try #require(path["nextLayers"] as? [[String: Any]])
        #expect(next.compactMap { $0["layer"] as? String } == ["evaluation-lead", "data-quality-ops"])
        #expect(path["internalCandidates"] is [Any])

        let provenance = try #require(root["provenance"] as? [[String: Any]])
        #expect(!provenance.isEmpty)
        for entry in provenance {
            #expect((entry["figure"] as? String)?.isEmpty == false)
            #expect((entry["source"] as? String)?.isEmpty == false)
            #expect((entry["derivation"] as? String)?.isEmpty == false)
        }
        let mid = try #require(provenance.first { $0["figure"] as? String == "band.hourly.mid" })
        #expect(try number(mid["value"]) == 48.37)
        #expect(mid["source"] as? String == "computed")
    }

    @Test func everyFindingCarriesItsEvidence() throws {
        // An AI Trainer title on expert-review work, deployed, with a low offer and no budget owner.
        let spec = try readSpec(BaseSpec.edit([
            3: "title: AI Trainer", 8: "  - {task: review-domain-output, share: 0.6}", 9: "  - {task: sign-off-domain-output, share: 0.4}",
            10: "direction: deploy", 21: "offered: {amount: 10, basis: hourly}", 22: nil,
        ]))
        let root = try json(shipped.builder.build(spec))
        let findings = try #require(root["findings"] as? [[String: Any]])
        #expect(Set(findings.compactMap { $0["rule"] as? String }).isSuperset(of: ["title-layer-mismatch", "direction-mismatch", "green-circle", "no-budget-owner"]))
        for finding in findings {
            #expect(["info", "warning", "blocking"].contains(finding["severity"] as? String))
            #expect((finding["rule"] as? String)?.isEmpty == false)
            #expect((finding["message"] as? String)?.isEmpty == false)
            #expect(finding["evidence"] is [String])
        }
        #expect(findings.first?["severity"] as? String == "blocking", "blocking findings come first")
    }

    @Test func appliedPremiumsAreTracedInTheProvenance() throws {
        let file = try decisionFile("clinical-reviewer.yaml")
        #expect(file.band.premiums.map(\.id) == ["harmful-content-exposure", "credential", "release-authority", "named-sign-off"])
        expectClose(file.band.premiumMultiplier, 1.5939, tolerance: 1e-9)  // 1.15 x 1.2 x 1.1 x 1.05
        #expect(file.band.premiums.first?.trigger == "content_exposure: routine")

        let root = try json(file)
        let provenance = try #require(root["provenance"] as? [[String: Any]])
        let figures = Set(provenance.compactMap { $0["figure"] as? String })
        for premium in file.band.premiums {
            #expect(figures.contains("band.premiums.\(premium.id)"), "no provenance for premium \(premium.id)")
        }
        let credential = try #require(provenance.first { $0["figure"] as? String == "band.premiums.credential" })
        #expect(try number(credential["value"]) == 20)
        #expect(credential["source"] as? String == "wagefile-defaults")
        #expect(credential["confidence"] as? String == "low")

        // 810 points: exp(2.433917 + 0.0046613 x 810) = 497.496 x 1.5939 = 792.96; spread 0.6.
        #expect(file.layer == "expert-review")
        #expect(values(file.band.hourly) == [609.97, 792.96, 975.95])
        #expect(file.scores.total == 810)
    }

    @Test func aPerTaskSpecInShillingsIsPricedInShillings() throws {
        let file = try decisionFile("kes-per-task.yaml")
        #expect(file.band.currency == "KES")
        #expect(file.band.exchangeRate == 129.2)
        #expect(file.layer == "annotation")
        // 95 points: exp(2.433917 + 0.0046613 x 95) = 17.7563 USD/h, spread 0.3, x 129.2 KES per USD.
        #expect(values(file.band.hourly) == [1994.89, 2294.12, 2593.35])
        #expect(values(file.band.annual) == [4_149_363, 4_771_767, 5_394_172])
        #expect(values(file.band.usdHourly) == [15.44, 17.76, 20.07])

        let offered = try #require(file.offered)
        #expect(offered.basis == "per-task")
        #expect(offered.minutesPerTask == 4)
        #expect(offered.hourly == 900, "60 KES per task at 4 minutes per task")
        #expect(offered.currency == "KES")
        #expect(offered.compaRatio == 0.3923)
        #expect(offered.circle == "green")

        let lowConfidence = try #require(file.findings.first { $0.rule == "low-confidence-figure" })
        #expect(lowConfidence.severity == .info)
        #expect(lowConfidence.evidence.contains("exchange rate KES 129.2 per USD (wagefile-fx-approx, 2025-10)"))
        let rate = try #require(file.provenance.first { $0.figure == "band.exchangeRate" })
        #expect(rate.value == 129.2)
        #expect(rate.confidence == .low)
        #expect(file.market.rateCard?.low == 1938, "the 15 USD/h rate card floor in shillings")
    }

    @Test func anOfferBelowTheBandIsAGreenCircleThatBlocks() throws {
        // The base spec's band is 23.04-32.26 USD/h (190 points, spread 0.4); 10 USD/h is below it.
        let file = shipped.builder.build(try readSpec(BaseSpec.with(line: 21, "offered: {amount: 10, basis: hourly}")))
        #expect(file.offered?.circle == "green")
        let finding = try #require(file.findings.first { $0.rule == "green-circle" })
        #expect(finding.severity == .blocking)
        #expect(finding.message == "The offer is below the band minimum by 13.04 USD/h: the work is underpaid for its complexity and consequences.")
        #expect(finding.fix == "Raise the offer to at least 23.04 USD/h, or record an approved exception with its reason.")
        #expect(file.blocking)
        #expect(file.findings.first?.severity == .blocking)
    }

    @Test func anOfferInsideTheBandBlocksNothing() throws {
        let file = shipped.builder.build(try readSpec(BaseSpec.text))
        #expect(values(file.band.hourly) == [23.04, 27.65, 32.26])
        #expect(file.offered?.circle == "in-range")
        #expect(file.offered?.compaRatio == 1.0851)  // 30 / 27.6484
        #expect(file.offered?.rangePenetration == 0.7552)  // (30 - 23.0403) / (32.2565 - 23.0403)
        #expect(!file.blocking)
        #expect(!file.findings.contains { $0.rule == "green-circle" || $0.rule == "red-circle" })
    }

    @Test func anOfferAboveTheBandIsARedCircleWarning() throws {
        let file = shipped.builder.build(try readSpec(BaseSpec.with(line: 21, "offered: {amount: 40, basis: hourly}")))
        #expect(file.offered?.circle == "red")
        let finding = try #require(file.findings.first { $0.rule == "red-circle" })
        #expect(finding.severity == .warning)
        #expect(finding.message == "The offer is above the band maximum by 7.74 USD/h.")
        #expect(!file.blocking)
    }

    @Test func withoutAnOfferThereIsNoCompaRatio() throws {
        let file = shipped.builder.build(try readSpec(BaseSpec.without(lines: 21)))
        #expect(file.offered == nil)
        #expect(file.findings.contains { $0.rule == "no-offer" && $0.severity == .info })
        let root = try json(file)
        #expect(root["offered"] == nil)
    }

    @Test func theJSONRoundTripsThroughCodable() throws {
        let file = try decisionFile("kes-per-task.yaml")
        let decoded = try JSONDecoder().decode(DecisionFile.self, from: Data(try JSONRendering.pretty(file).utf8))
        #expect(decoded == file)
        let line = try JSONRendering.line(file)
        #expect(!line.contains("\n"), "JSON Lines output is one line")
        #expect(try JSONDecoder().decode(DecisionFile.self, from: Data(line.utf8)) == file)
    }
}
