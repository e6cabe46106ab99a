import DecisionFiles
import Foundation
import Specs
import Testing
import WagefileTestSupport
import WorkModel

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
        #expect(try number(scores["complexity"]) == 210)
        #expect(try number(scores["consequence"]) == 90)
        #expect(try number(scores["conditions"]) == 20)

        let band = try object(root["band"])
        #expect(band["currency"] as? String == "USD")
        let hourly = try object(band["hourly"])
        // 320 points is the RLHF benchmark's knot: 57.01; / 1.2 = 47.5083; x 1.4 = 66.5117.
        #expect(try number(hourly["min"]) == 47.51)
        #expect(try number(hourly["mid"]) == 57.01)
        #expect(try number(hourly["max"]) == 66.51)
        let annual = try object(band["annual"])
        // The spec states 30 h/week: 1,560 h/year, rounded to whole currency units.
        #expect(try number(annual["min"]) == 74113)
        #expect(try number(annual["mid"]) == 88936)
        #expect(try number(annual["max"]) == 103758)

        let offered = try object(root["offered"])
        // 55 / 57.01 = 0.96474 and (55 - 47.5083) / (66.5117 - 47.5083) = 0.39423.
        #expect(try number(offered["compaRatio"]) == 0.9647)
        #expect(try number(offered["rangePenetration"]) == 0.3942)
        #expect(offered["circle"] as? String == "in-range")
        // 55 / sqrt(50 x 65) = 0.96477 of the RLHF rate card's geometric midpoint.
        #expect(try number(offered["marketRatio"]) == 0.9648)

        let questions = try #require(root["questions"] as? [[String: Any]])
        #expect(questions.count == 10)
        #expect(questions.compactMap { $0["number"] as? Int } == Array(1...10))
        #expect(
            questions.allSatisfy {
                ($0["question"] as? String)?.isEmpty == false && ($0["answer"] as? String)?.isEmpty == false
            })

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
        #expect(try number(mid["value"]) == 57.01)
        #expect(mid["source"] as? String == "computed")
    }

    @Test func everyFindingCarriesItsEvidence() throws {
        // An AI Trainer title on expert-review work, deployed, with a low offer and no budget owner.
        let spec = try readSpec(
            BaseSpec.edit([
                3: "title: AI Trainer", 8: "  - {task: review-domain-output, share: 0.6}",
                9: "  - {task: sign-off-domain-output, share: 0.4}",
                10: "direction: deploy", 21: "offered: {amount: 10, basis: hourly}", 22: nil,
            ]))
        let root = try json(shipped.builder.build(spec))
        let findings = try #require(root["findings"] as? [[String: Any]])
        #expect(
            Set(findings.compactMap { $0["rule"] as? String }).isSuperset(of: [
                "title-layer-mismatch", "direction-mismatch", "green-circle", "no-budget-owner",
            ]))
        for finding in findings {
            #expect(["info", "warning", "blocking"].contains(finding["severity"] as? String))
            #expect((finding["rule"] as? String)?.isEmpty == false)
            #expect((finding["message"] as? String)?.isEmpty == false)
            #expect(finding["evidence"] is [String])
        }
        #expect(findings.first?["severity"] as? String == "blocking", "blocking findings come first")
    }

    @Test func aScarceLanguagePremiumIsTracedInTheProvenance() throws {
        let spec = try readSpec(BaseSpec.with(line: 14, "language: scarce"))
        let file = shipped.builder.build(spec)
        #expect(file.band.premiums.map(\.id) == ["scarce-language"])
        expectClose(file.band.premiumMultiplier, 1.15, tolerance: 1e-12)
        #expect(file.band.premiums.first?.trigger == "language: scarce")
        let root = try json(file)
        let provenance = try #require(root["provenance"] as? [[String: Any]])
        let premium = try #require(provenance.first { $0["figure"] as? String == "band.premiums.scarce-language" })
        #expect(try number(premium["value"]) == 15)
        #expect(premium["source"] as? String == "wagefile-defaults")
        #expect(premium["confidence"] as? String == "low")
        // The base band (26.40 mid, below) x 1.15.
        #expect(values(file.band.hourly) == [25.30, 30.36, 35.41])
    }

    @Test func aClinicalSignOffAboveTheHighestBenchmarkFollowsTheFittedSlope() throws {
        let file = try decisionFile("clinical-reviewer.yaml")
        // 410 complexity + 340 consequence + 60 conditions = 810 points, 150 above the domain-expert
        // knot (660, 360.56): 360.56 x exp(0.00505944 x 150) = 770.14; no premiums; spread 0.6.
        #expect(file.band.premiums.isEmpty)
        #expect(file.scores.total == 810)
        #expect(file.scores.conditions == 60)
        #expect(file.layer == "expert-review")
        #expect(values(file.band.hourly) == [592.42, 770.14, 947.87])
        #expect(
            file.market.payLine.placement?.hasPrefix(
                "above the highest benchmark domain-expert-evaluator (660 points, 360.56 USD/h)") == true)
        let beyond = try #require(file.findings.first { $0.rule == "priced-beyond-benchmarks" })
        #expect(beyond.severity == .warning)
        #expect(
            beyond.message
                == "At 810 points the role is 150 points above the highest benchmark, so its midpoint rests on the fitted slope, not on a market figure."
        )
        #expect(beyond.evidence.last == "slope 0.005059 ln(USD/h) per point: x2.136 on the benchmark")
    }

    @Test func aPerTaskSpecInShillingsIsPricedInNairobisMarket() throws {
        let file = try decisionFile("kes-per-task.yaml")
        #expect(file.band.currency == "KES")
        #expect(file.band.exchangeRate == 129.2)
        #expect(file.layer == "annotation")
        // 95 points is the annotator knot, 19.36 USD/h; Nairobi's differential 0.072; spread 0.3;
        // x 129.2 KES per USD: mid 180.09, min 180.09 / 1.15 = 156.60.
        #expect(file.band.locationMarket == "KE (Nairobi)")
        #expect(file.band.locationFactor == 0.072)
        #expect(values(file.band.hourly) == [156.6, 180.09, 203.59])
        #expect(values(file.band.annual) == [325_736, 374_596, 423_457])
        #expect(values(file.band.usdHourly) == [1.21, 1.39, 1.58])

        let offered = try #require(file.offered)
        #expect(offered.basis == "per-task")
        #expect(offered.minutesPerTask == 4)
        #expect(offered.hourly == 900, "60 KES per task at 4 minutes per task")
        #expect(offered.currency == "KES")
        // Five times Nairobi's annotation midpoint: above the band, a warning.
        #expect(offered.compaRatio == 4.9974)
        #expect(offered.circle == "red")

        let lowConfidence = try #require(file.findings.first { $0.rule == "low-confidence-figure" })
        #expect(lowConfidence.severity == .info)
        #expect(lowConfidence.evidence.contains("exchange rate KES 129.2 per USD (wagefile-fx-approx, 2025-10)"))
        #expect(lowConfidence.evidence.contains("location factor KE 0.072 (ilostat-earnings-2025)"))
        let rate = try #require(file.provenance.first { $0.figure == "band.exchangeRate" })
        #expect(rate.value == 129.2)
        #expect(rate.confidence == .low)
        // The 15 USD/h published card low, moved into Nairobi's market: 15 x 0.072 x 129.2.
        #expect(file.market.rateCard?.low == 139.54)
        #expect(file.market.rateCard?.locationFactor == 0.072)
    }

    @Test func anOfferFarBelowTheBandIsAGreenCircleThatBlocks() throws {
        // The base spec's band is 22.00-30.80 USD/h (190 points, spread 0.4); 10 USD/h is below it
        // at a compa-ratio of 10 / 26.40 = 0.379, with no rate card for the category.
        let file = shipped.builder.build(try readSpec(BaseSpec.with(line: 21, "offered: {amount: 10, basis: hourly}")))
        #expect(file.offered?.circle == "green")
        let finding = try #require(file.findings.first { $0.rule == "green-circle" })
        #expect(finding.severity == .blocking)
        #expect(
            finding.message
                == "The offer is below the band minimum by 12.00 USD/h. At a compa-ratio of 0.379, under the policy's 0.8 and outside any published market range for the category, this is pay far below the market for the work."
        )
        #expect(
            finding.fix == "Raise the offer to at least 22.00 USD/h, or record an approved exception with its reason.")
        #expect(file.blocking)
        #expect(file.findings.first?.severity == .blocking)
    }

    @Test func anOfferJustBelowTheBandIsAWarning() throws {
        // 21.50 / 26.40 = 0.8145: under the minimum, but within the policy's tolerance.
        let file = shipped.builder.build(
            try readSpec(BaseSpec.with(line: 21, "offered: {amount: 21.5, basis: hourly}")))
        let finding = try #require(file.findings.first { $0.rule == "green-circle" })
        #expect(finding.severity == .warning)
        #expect(!file.blocking)
    }

    @Test func anOfferInsideTheBandBlocksNothing() throws {
        let file = shipped.builder.build(try readSpec(BaseSpec.text))
        // 190 points, 95 of the 165 from the annotator knot (19.36) to the tutor knot (33.17):
        // exp(ln 19.36 + ln(33.17 / 19.36) x 95 / 165) = 26.3961; / 1.2 = 21.9968; x 1.4 = 30.7955.
        #expect(values(file.band.hourly) == [22.0, 26.4, 30.8])
        #expect(file.offered?.circle == "in-range")
        #expect(file.offered?.compaRatio == 1.1365)  // 30 / 26.3961
        #expect(file.offered?.rangePenetration == 0.9096)  // (30 - 21.9968) / (30.7955 - 21.9968)
        #expect(!file.blocking)
        #expect(!file.findings.contains { $0.rule == "green-circle" || $0.rule == "red-circle" })
    }

    @Test func anOfferAboveTheBandIsARedCircleWarning() throws {
        let file = shipped.builder.build(try readSpec(BaseSpec.with(line: 21, "offered: {amount: 40, basis: hourly}")))
        #expect(file.offered?.circle == "red")
        let finding = try #require(file.findings.first { $0.rule == "red-circle" })
        #expect(finding.severity == .warning)
        #expect(finding.message == "The offer is above the band maximum by 9.20 USD/h.")
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
