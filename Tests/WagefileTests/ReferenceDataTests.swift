import Foundation
import Pricing
import ReferenceData
import Testing
import WagefileTestSupport
import WorkModel

/// The shipped reference tables, user overrides, and the errors a broken user file gives.
struct ReferenceDataTests {
    let reference: ReferenceSet

    init() throws { reference = try Shipped.get().reference }

    /// A parser holding the shipped documents, as `ReferenceLoader.load()` builds it.
    static func shippedParser() throws -> ReferenceParser {
        var parser = ReferenceParser()
        for document in try ReferenceLoader.shippedDocuments() {
            parser.add(document.text, file: "reference/" + document.name, shipped: true)
        }
        return parser
    }

    /// The diagnostics from adding `user` (as `user.yaml`) on top of the shipped documents.
    static func problems(
        _ user: String, file: String = "user.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> [Diagnostic] {
        var parser = try shippedParser()
        parser.add(user, file: file)
        do {
            _ = try parser.build()
            Issue.record("expected the reference data to be rejected", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// An annotator rate card override; `lines` 2-11 hold the record.
    static let annotatorOverride = """
        categories:
          - id: annotator
            name: Data annotator
            tier_role: Volume tier
            rate_low: 18
            rate_high: 25
            currency: USD
            layer: annotation
            source: ratecards-2026-06
            as_of: 2026-07
            confidence: high
        """

    // MARK: Shipped

    @Test func theShippedFilesAreAllLoaded() throws {
        let names = try ReferenceLoader.shippedDocuments().map(\.name)
        #expect(
            names == [
                "anchors.yaml", "benchmarks.yaml", "categories.yaml", "exchange-rates.yaml", "factors.yaml",
                "grades.yaml",
                "jurisdictions.yaml", "layers.yaml", "location-factors.yaml", "on-costs.yaml", "policy.yaml",
                "premiums.yaml", "segments.yaml",
                "sources.yaml", "tasks.yaml", "titles.yaml", "wage-floors.yaml", "worker-status-law.yaml",
            ])
    }

    @Test func allSevenLayersFourSegmentsAndSixCategoriesExist() {
        #expect(Set(reference.layers.map(\.id)) == Set(WorkLayer.allCases))
        #expect(reference.layers.count == 7)
        #expect(Set(reference.segments.map(\.id)) == Set(LaborSegment.allCases))
        #expect(reference.segments.count == 4)
        #expect(
            reference.categories.map(\.id) == [
                "annotator", "ai-tutor", "rlhf-specialist", "prompt-engineer", "domain-expert-evaluator", "red-teamer",
            ])
        #expect(reference.layer(.physicalData)?.segment == .commodityAnnotation)
        #expect(reference.layer(.evaluationLead)?.next == [])
    }

    @Test func theRateCardsMatchThePublishedRanges() {
        let cards = Dictionary(uniqueKeysWithValues: reference.categories.map { ($0.id, [$0.rateLow, $0.rateHigh]) })
        #expect(
            cards == [
                "annotator": [15, 25], "ai-tutor": [20, 55], "rlhf-specialist": [50, 65], "prompt-engineer": [40, 65],
                "domain-expert-evaluator": [130, 1000], "red-teamer": [100, 200],
            ])
        #expect(reference.categories.allSatisfy { $0.currency == "USD" && $0.ref.source == "ratecards-2026-06" })
    }

    @Test func theClaudeCorpsAnchorIs85000USDAYear() throws {
        let anchor = try #require(reference.anchor("applied-ai-fellowship"))
        #expect(anchor.low == 85000)
        #expect(anchor.high == nil)
        #expect(anchor.basis == .annual)
        #expect(anchor.currency == "USD")
        #expect(anchor.layer == .appliedAIOps)
        #expect(anchor.ref == SourceRef(source: "claude-corps-2026", asOf: "2026-06", confidence: .high))
        #expect(reference.layer(.appliedAIOps)?.anchor == "applied-ai-fellowship")
    }

    @Test func everyRecordNamesASourceInTheLedger() {
        let ledger = Set(reference.sources.map(\.key))
        var refs: [(String, SourceRef)] = []
        refs += reference.sources.map { ("sources/\($0.key)", $0.ref) }
        refs += reference.segments.map { ("segments/\($0.id.rawValue)", $0.ref) }
        refs += reference.layers.map { ("layers/\($0.id.rawValue)", $0.ref) }
        refs += reference.categories.map { ("categories/\($0.id)", $0.ref) }
        refs += reference.anchors.map { ("anchors/\($0.id)", $0.ref) }
        refs += reference.factors.map { ("factors/\($0.id)", $0.ref) }
        refs += reference.premiums.map { ("premiums/\($0.id)", $0.ref) }
        refs += reference.benchmarks.map { ("benchmarks/\($0.id)", $0.ref) }
        refs += reference.tasks.map { ("tasks/\($0.id)", $0.ref) }
        refs += reference.titleHints.map { ("title_hints/\($0.pattern)", $0.ref) }
        refs += reference.exchangeRates.map { ("exchange_rates/\($0.currency)", $0.ref) }
        refs.append(("policy", reference.policy.ref))
        #expect(refs.count > 100)
        for (record, ref) in refs {
            #expect(ledger.contains(ref.source), "\(record) cites '\(ref.source)', which is not in sources.yaml")
            #expect(!ref.asOf.isEmpty, "\(record) has no as_of")
        }
    }

    @Test func everyShippedRecordKnowsWhereItCameFrom() throws {
        let origin = try #require(reference.origins["categories/annotator"])
        #expect(origin.file == "reference/categories.yaml")
        #expect(origin.location == SourceLocation(line: 3, column: 5))
        #expect(origin.shipped)
        #expect(!origin.overridesShipped)
        #expect(reference.origins["policy/policy"]?.file == "reference/policy.yaml")
    }

    @Test func theVocabularyComesFromTheTables() {
        let vocabulary = reference.vocabulary
        #expect(vocabulary.taskKinds.count == 36)
        #expect(
            vocabulary.factorOrder == [
                "judgment", "expertise", "scope", "modality", "impact", "authority", "data_sensitivity",
                "content_exposure", "night_work", "physical_strain",
                "language",
            ])
        #expect(vocabulary.factorDefaults == ["night_work": "none", "physical_strain": "sedentary"])
        #expect(vocabulary.factorLevels["language"] == ["common", "less-common", "scarce"])
        #expect(vocabulary.currencies.first == "USD")
        #expect(vocabulary.currencies.contains("KES"))
        #expect(vocabulary.budgetOwners.contains("product-quality"))
    }

    @Test func thePolicyPricesInTheWorkersMarketFortyHoursFiftyTwoWeeks() {
        let policy = reference.policy
        #expect(policy.locationPolicy == .workerMarket)
        #expect(policy.locationPolicyByLayer.isEmpty)
        #expect(policy.hirerMarket == "US")
        #expect(policy.farBelowMarketCompaRatio == 0.8)
        #expect(
            policy.hours == HoursBasis(hoursPerDay: 8, hoursPerWeek: 40, weeksPerYear: 52, source: "wagefile-defaults"))
        #expect(
            policy.rangeSpreads == [
                .annotation: 0.3, .evaluation: 0.4, .expertReview: 0.6, .dataQualityOps: 0.4, .appliedAIOps: 0.5,
                .physicalData: 0.3,
                .evaluationLead: 0.5,
            ])
    }

    @Test func theKenyanShillingRateIsLowConfidence() throws {
        let rate = try #require(reference.exchangeRate("KES"))
        #expect(rate.perUSD == 129.2)
        #expect(rate.ref.confidence == .low)
        #expect(reference.exchangeRate("USD")?.perUSD == 1)
    }

    // MARK: Overrides

    @Test func aUserFileReplacesAShippedRecordById() throws {
        var parser = try Self.shippedParser()
        parser.add(Self.annotatorOverride, file: "user/categories.yaml")
        let set = try parser.build()
        let annotator = try #require(set.category("annotator"))
        #expect(annotator.rateLow == 18)
        #expect(annotator.ref == SourceRef(source: "ratecards-2026-06", asOf: "2026-07", confidence: .high))
        #expect(set.categories.count == 6, "replaced, not added")
        #expect(set.categories.first?.id == "annotator", "the record keeps its place")
        let origin = try #require(set.origins["categories/annotator"])
        #expect(origin.file == "user/categories.yaml")
        #expect(origin.location == SourceLocation(line: 2, column: 5))
        #expect(!origin.shipped)
        #expect(origin.overridesShipped)
        #expect(set.origins["categories/ai-tutor"]?.overridesShipped == false, "other records are untouched")
    }

    @Test func aUserFileAddsNewRecords() throws {
        var parser = try Self.shippedParser()
        parser.add(
            "exchange_rates:\n  - {currency: ZAR, per_usd: 17.5, source: wagefile-fx-approx, as_of: 2026-10, confidence: medium}\n",
            file: "user/rates.yaml")
        let set = try parser.build()
        #expect(set.exchangeRate("ZAR")?.perUSD == 17.5)
        #expect(set.vocabulary.currencies.last == "ZAR")
        #expect(set.origins["exchange_rates/ZAR"]?.overridesShipped == false)
    }

    @Test func aPartialPolicyOverrideKeepsTheRest() throws {
        var parser = try Self.shippedParser()
        parser.add(
            "policy:\n  hours_per_week: 37.5\n  range_spreads: {evaluation: 0.5}\n  source: wagefile-defaults\n  as_of: 2026-12\n  confidence: high\n",
            file: "user/policy.yaml")
        let policy = try parser.build().policy
        #expect(policy.hoursPerWeek == 37.5)
        #expect(policy.hours.hoursPerYear == 1950)
        #expect(policy.weeksPerYear == 52, "kept from the shipped policy")
        #expect(policy.rangeSpreads[.evaluation] == 0.5)
        #expect(policy.rangeSpreads[.annotation] == 0.3, "kept from the shipped policy")
    }

    @Test func anOverrideChangesThePrice() throws {
        var parser = try Self.shippedParser()
        parser.add(
            "policy: {range_spreads: {evaluation: 0.6}, source: wagefile-defaults, as_of: 2026-12, confidence: high}\n",
            file: "user/policy.yaml")
        let wide = try Pricer(reference: try parser.build())
        let spec = try readSpec(BaseSpec.text)
        let shippedBand = try Shipped.get().pricer.price(spec, on: Shipped.asOf).bandHourly
        let wideBand = wide.price(spec, on: Shipped.asOf).bandHourly
        expectClose(wideBand.mid, shippedBand.mid, tolerance: 1e-9, "the midpoint does not move")
        expectClose(wideBand.min, shippedBand.mid / 1.3, tolerance: 1e-9)
        expectClose(wideBand.max, shippedBand.mid / 1.3 * 1.6, tolerance: 1e-9)
    }

    @Test func theLoaderReadsAnOverrideDirectory() throws {
        let set = try ReferenceLoader.load(overrides: [try Fixtures.url("overrides")])
        #expect(set.category("annotator")?.rateLow == 18)
        #expect(set.category("annotator")?.rateHigh == 28)
        let origin = try #require(set.origins["categories/annotator"])
        #expect(origin.file.hasSuffix("Fixtures/overrides/categories.yaml"))
        #expect(origin.overridesShipped)
    }

    @Test func theLoaderNamesABrokenOverrideFile() throws {
        let error = #expect(throws: InputError.self) {
            try ReferenceLoader.load(overrides: [try Fixtures.url("broken-reference")])
        }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(error?.diagnostics.count == 1)
        #expect(diagnostic.file.hasSuffix("Fixtures/broken-reference/premiums.yaml"))
        #expect(diagnostic.location == SourceLocation(line: 3, column: 5))
        #expect(diagnostic.field == "premiums.factor")
        #expect(diagnostic.message == "no factor 'shift' in the factor tables")
    }

    @Test func theLoaderRejectsAMissingDirectory() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/wagefile-reference")
        let error = #expect(throws: InputError.self) { try ReferenceLoader.load(overrides: [missing]) }
        #expect(
            error?.diagnostics.first?.description
                == "/nonexistent/wagefile-reference:1:1: (document): no such directory of reference files")
    }

    // MARK: Broken user files

    @Test func aRecordWithoutConfidenceIsRejected() throws {
        let found = try Self.problems(
            Self.annotatorOverride.replacingOccurrences(of: "\n    confidence: high", with: ""))
        #expect(found.map(\.description) == ["user.yaml:2:5: categories[0].confidence: required field is missing"])
    }

    @Test func anAsOfThatIsNotADateIsRejected() throws {
        let found = try Self.problems(
            Self.annotatorOverride.replacingOccurrences(of: "as_of: 2026-07", with: "as_of: June 2026"))
        #expect(
            found.map(\.description) == [
                "user.yaml:10:12: categories[0].as_of: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found 'June 2026'"
            ])
        let month = try Self.problems(
            Self.annotatorOverride.replacingOccurrences(of: "as_of: 2026-07", with: "as_of: 2026-13"))
        #expect(month.map(prefix) == ["user.yaml:10:12: categories[0].as_of"])
    }

    @Test func anUnknownSourceKeyIsRejected() throws {
        let found = try Self.problems(
            Self.annotatorOverride.replacingOccurrences(of: "source: ratecards-2026-06", with: "source: my-survey"))
        #expect(
            found.map(\.description) == ["user.yaml:2:5: categories.source: no source 'my-survey' in the source ledger"]
        )
    }

    @Test func factorLevelsOutOfOrderAreRejected() throws {
        let factors = """
            factors:
              - id: stamina
                axis: complexity
                name: Stamina
                question: How long can the worker keep going?
                levels:
                  - {id: short, points: 30, description: "Short sessions"}
                  - {id: long, points: 10, description: "Long sessions"}
                source: wagefile-defaults
                as_of: 2026-11-01
                confidence: medium
            """
        let found = try Self.problems(factors)
        let order = try #require(found.first { $0.file == "user.yaml" })
        #expect(
            order.description
                == "user.yaml:8:28: factors[0].levels[1].points: levels go lowest first: 10 points is below 'short' (30)"
        )
    }

    @Test func aPremiumOnAnUnknownFactorIsRejected() throws {
        let found = try Self.problems(try Fixtures.text("broken-reference/premiums.yaml"))
        #expect(found.map(\.description) == ["user.yaml:3:5: premiums.factor: no factor 'shift' in the factor tables"])
    }

    @Test func aPremiumOnAnUnknownLevelIsRejected() throws {
        let found = try Self.problems(
            "premiums:\n  - {id: fast, name: Fast, percent: 5, factor: language, levels: [galaxy], source: wagefile-defaults, as_of: 2026, confidence: low}\n"
        )
        #expect(found.map(\.description) == ["user.yaml:2:5: premiums.levels: 'galaxy' is not a level of 'language'"])
    }

    @Test func aPremiumOnAPointScoringFactorIsRejected() throws {
        // One fact, one uplift: scope already scores points.
        let found = try Self.problems(
            "premiums:\n  - {id: wide, name: Wide, percent: 5, factor: scope, levels: [program], source: wagefile-defaults, as_of: 2026, confidence: low}\n"
        )
        #expect(
            found.map(\.description) == [
                "user.yaml:2:5: premiums.factor: 'scope' scores complexity points; a premium may only ride on a market factor (axis: market), so one fact is never paid twice"
            ])
    }

    @Test func aMarketFactorThatScoresPointsIsRejected() throws {
        let found = try Self.problems(
            """
            factors:
              - id: shift
                axis: market
                name: Shift premium
                question: Which shift?
                levels:
                  - {id: day, points: 0, description: Day}
                  - {id: night, points: 15, description: Night}
                source: wagefile-defaults
                as_of: 2026
                confidence: low
            """)
        #expect(
            found.first?.description
                == "user.yaml:7:7: factors[0].levels: a market factor scores no points (it may only trigger premiums); level 'night' has 15"
        )
    }

    @Test func aLocalityDifferentialNeedsItsOwnIdAndAKnownHirerMarket() throws {
        let found = try Self.problems(
            """
            location_factors:
              - {jurisdiction: KE, localities: [Mombasa], factor: 0.06, source: wagefile-defaults, as_of: 2026, confidence: low}
            policy: {hirer_market: ZZ, source: wagefile-defaults, as_of: 2026, confidence: low}
            """)
        #expect(
            found.map(\.description).contains(
                "user.yaml:2:5: location_factors[0].id: a differential for localities needs its own id (the jurisdiction code names the whole jurisdiction)"
            ))
        #expect(
            found.contains {
                $0.field == "policy.hirer_market" && $0.message == "no location factor for the hirer market 'ZZ'"
            })
    }

    @Test func aMisspelledTableIsRejectedWithAHint() throws {
        let found = try Self.problems("categorys: []\n")
        #expect(found.count == 1)
        #expect(found.first.map(prefix) == "user.yaml:1:1: categorys")
        #expect(found.first?.message.hasPrefix("unknown field; did you mean 'categories'?") == true)
    }

    @Test func aUserFileThatIsNotYAMLIsNamed() throws {
        let found = try Self.problems("categories: [\n")
        #expect(found.map(prefix) == ["user.yaml:2:1: (document)"])
        #expect(found.first?.message.hasPrefix("not valid YAML:") == true)
    }

    @Test func aBadPolicyValueIsRejected() throws {
        let found = try Self.problems(
            "policy: {hours_per_week: 0, source: wagefile-defaults, as_of: 2026-12, confidence: high}\n")
        #expect(
            found.map(\.description) == ["user.yaml:1:26: policy.hours_per_week: expected a number above 0, found 0"])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() throws {
        let found = try Self.problems(
            Self.annotatorOverride.replacingOccurrences(of: "as_of: 2026-07", with: "as_of: soon") + "\n"
                + "premiums:\n  - {id: night, name: Night, percent: 10, factor: shift, levels: [night], source: wagefile-defaults, as_of: 2026, confidence: low}\n"
        )
        #expect(found.map(prefix) == ["user.yaml:10:12: categories[0].as_of", "user.yaml:13:5: premiums.factor"])
    }
}
