import DecisionFiles
import Foundation
import Pricing
import ReferenceData
import Testing
import WagefileTestSupport
import WorkModel

/// The shipped grade structure, placement in it, and the errors a broken grades table gives.
struct JobArchitectureTests {
    let reference: ReferenceSet

    init() throws { reference = try Shipped.get().reference }

    func grade(_ id: String) throws -> JobGrade { try #require(reference.grade(id)) }

    // MARK: The shipped structure

    @Test func nineteenGradesSpanTheAnnotatorToBeyondTheDomainExpert() throws {
        let grades = reference.grades
        #expect(grades.map(\.id) == (1...19).map { String(format: "G%02d", $0) })
        #expect(grades.first?.midUSDHourly == 17.00)
        #expect(grades.last?.midUSDHourly == 629.22)
        // Below the volume annotator's 19.36 USD/h and above the domain expert's 360.56.
        #expect(try #require(grades.first).minUSDHourly < 19.36)
        #expect(try #require(grades.last).maxUSDHourly > 360.56 * 2)
        for grade in grades {
            #expect(grade.ref.source == "wagefile-defaults" && grade.ref.confidence == .medium, "\(grade.id)")
            #expect(reference.origins["grades/\(grade.id)"]?.file == "reference/grades.yaml")
        }
    }

    @Test func progressionRisesSpreadsWidenAndNeighboursOverlap() {
        let grades = reference.grades
        var previousProgression = 0.0
        for (lower, upper) in zip(grades, grades.dropFirst()) {
            let progression = GradeStructure.progression(from: lower, to: upper)
            let overlap = GradeStructure.overlap(lower: lower, upper: upper)
            #expect(progression > previousProgression, "\(lower.id) to \(upper.id): \(progression)")
            #expect(upper.rangeSpread >= lower.rangeSpread, "\(upper.id)")
            #expect(overlap > 0.35 && overlap < 0.55, "\(lower.id)/\(upper.id) overlap \(overlap)")
            previousProgression = progression
        }
        #expect(grades.first?.rangeSpread == 0.30 && grades.last?.rangeSpread == 0.80)
    }

    @Test func progressionAndOverlapWorkedOutByHand() throws {
        let g01 = try grade("G01"), g02 = try grade("G02"), g18 = try grade("G18"), g19 = try grade("G19")
        // G01: min = 17 / (1 + 0.30 / 2) = 14.7826, max = 14.7826 x 1.30 = 19.2174.
        #expect(abs(g01.minUSDHourly - 14.7826) < 0.0001)
        #expect(abs(g01.maxUSDHourly - 19.2174) < 0.0001)
        // G02: min = 19.21 / 1.15 = 16.7043, max = 21.7157.
        // progression = 19.21 / 17 - 1 = 0.13; overlap = (19.2174 - 16.7043) / (21.7157 - 16.7043) = 0.5015.
        #expect(abs(GradeStructure.progression(from: g01, to: g02) - 0.13) < 0.00001)
        #expect(abs(GradeStructure.overlap(lower: g01, upper: g02) - 0.5015) < 0.0001)
        // G18 (spread 0.8): min 341.2571, max 614.2629; G19: min 449.4429, max 809.
        // progression = 629.22 / 477.76 - 1 = 0.3170; overlap = (614.2629 - 449.4429) / (809 - 449.4429) = 0.4584.
        #expect(abs(GradeStructure.progression(from: g18, to: g19) - 0.3170) < 0.0001)
        #expect(abs(GradeStructure.overlap(lower: g18, upper: g19) - 0.4584) < 0.0001)
    }

    // MARK: Placement

    /// The structure is anchored on the benchmarks: each sourced P50 sits nearest one grade's
    /// midpoint, within 4.4% of it.
    @Test(arguments: [
        ("volume-annotator", "G02"), ("ai-tutor", "G06"), ("applied-ai-fellow", "G07"), ("prompt-engineer", "G08"),
        ("rlhf-specialist", "G09"), ("red-teamer", "G13"), ("domain-expert-evaluator", "G17"),
    ])
    func eachBenchmarkRoleIsPlacedInItsGrade(_ benchmark: String, _ expected: String) throws {
        let p50 = try #require(reference.benchmarks.first { $0.id == benchmark }).p50HourlyUSD
        let placement = try #require(GradePlacement.place(midUSD: p50, in: reference.grades))
        #expect(placement.grade.id == expected)
        #expect(abs(placement.midToGradeMid - 1) < 0.044, "\(benchmark): \(placement.midToGradeMid)")
        // A priced midpoint within 3% of its P50 (the pay line's target) stays in the same grade:
        // every P50 is at least 3% (in log) inside its grade's boundaries with its neighbours.
        for neighbour in [placement.lower, placement.upper].compactMap({ $0 }) {
            let boundary = (placement.grade.midUSDHourly * neighbour.midUSDHourly).squareRoot()
            #expect(abs(log(p50 / boundary)) > log(1.03), "\(benchmark) is within 3% of the \(neighbour.id) boundary")
        }
    }

    @Test func placementIsNearestInLogSpaceWithTiesToTheLowerGrade() throws {
        let grades = reference.grades
        // Between G08 (48.86) and G09 (58.98) the boundary is their geometric mean, 53.68.
        let boundary = (48.86 * 58.98).squareRoot()
        #expect(GradePlacement.place(midUSD: boundary * 0.999, in: grades)?.grade.id == "G08")
        #expect(GradePlacement.place(midUSD: boundary * 1.001, in: grades)?.grade.id == "G09")
        // The arithmetic midpoint, 53.92, is nearer G09 in log space.
        #expect(GradePlacement.place(midUSD: 53.92, in: grades)?.grade.id == "G09")
        // Outside the structure: the end grade, with a penetration outside 0...1.
        let low = try #require(GradePlacement.place(midUSD: 5, in: grades))
        #expect(low.grade.id == "G01" && low.lower == nil && low.rangePenetration < 0)
        let high = try #require(GradePlacement.place(midUSD: 2_000, in: grades))
        #expect(high.grade.id == "G19" && high.upper == nil && high.rangePenetration > 1)
        #expect(GradePlacement.place(midUSD: 0, in: grades) == nil)
        #expect(GradePlacement.place(midUSD: 30, in: []) == nil)
        // An exact tie (20 is a factor of 2 from both 10 and 40) goes to the lower grade.
        let pair = [10.0, 40].enumerated().map {
            JobGrade(id: "T\($0)", name: "T", midUSDHourly: $1, rangeSpread: 0.5, ref: grades[0].ref)
        }
        #expect(GradePlacement.place(midUSD: 20, in: pair)?.grade.id == "T0")
    }

    @Test func theDecisionFilePlacesTheRoleBeforeLocationAndLocalisesTheGradeLikeTheBand() throws {
        let shipped = try Shipped.get()
        // A Berlin analyst priced in EUR: the grade compares US dollars, the range is shown in EUR.
        let text = BaseSpec.edit([
            19: "worker: {status: employee, jurisdiction: DE, hours_per_week: 40}", 20: "currency: EUR",
            21: "offered: {amount: 30, basis: hourly}",
        ])
        let file = shipped.builder.build(try readSpec(text))
        let section = try #require(file.grade)
        let pricing = shipped.pricer.price(try readSpec(text), on: Shipped.asOf)
        let expected = try #require(
            GradePlacement.place(midUSD: pricing.preLocationMidUSD, in: shipped.reference.grades))
        #expect(section.id == expected.grade.id)
        let scale = pricing.location.factor * (pricing.exchangeRate?.perUSD ?? 1)
        #expect(section.currency == "EUR")
        #expect(abs(section.hourly.mid - Format.round(expected.grade.midUSDHourly * scale, places: 2)) < 0.005)
        #expect(abs(section.hourly.min - Format.round(expected.grade.minUSDHourly * scale, places: 2)) < 0.005)
        #expect(section.usdHourly.mid == expected.grade.midUSDHourly)
        #expect(abs(section.roleMidToGradeMid - Format.round(expected.midToGradeMid, places: 4)) < 0.00005)
        #expect(section.lower?.id != nil && section.upper?.id != nil)
        // Every grade figure is in the provenance list with its source.
        let figures = Set(file.provenance.map(\.figure))
        #expect(
            figures.isSuperset(of: [
                "grade.usdHourly.mid", "grade.rangeSpread", "grade.hourly.mid", "grade.roleMidToGradeMid",
                "grade.lower.progression", "grade.upper.progression",
            ]))
        #expect(file.provenance.first { $0.figure == "grade.usdHourly.mid" }?.source == "wagefile-defaults")
        // And in every rendering.
        #expect(MarkdownRendering.render(file).contains("## Job grade"))
        #expect(HTMLRendering.body(file).contains("<h2>Job grade</h2>"))
        let header = CSVRendering.headerLine().split(separator: ",").map(String.init)
        let row = CSVRendering.row(file).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(header.count == row.count)
        #expect(row[try #require(header.firstIndex(of: "grade"))] == section.id)
    }

    // MARK: Broken grades tables

    static func grades(_ rows: String) -> String { "grades:\n" + rows }

    @Test func gradesListedOutOfOrderAreRejectedWhereTheyStand() throws {
        let found = try ReferenceDataTests.problems(
            Self.grades(
                """
                  - {id: X1, name: One, mid_usd_hourly: 700, range_spread: 0.9, source: wagefile-defaults, as_of: 2026-12, confidence: medium}
                  - {id: X2, name: Two, mid_usd_hourly: 650, range_spread: 0.9, source: wagefile-defaults, as_of: 2026-12, confidence: medium}

                """))
        #expect(
            found.map(\.description) == [
                "user.yaml:3:41: grades[1].mid_usd_hourly: grades ascend: 650 USD/h is not above 'X1' (700 USD/h) listed before it",
                "user.yaml:3:5: grades.X2.mid_usd_hourly: grades must ascend in the order listed: 'X2' (650 USD/h) comes after 'X1' (700 USD/h)",
            ])
    }

    @Test func anOverrideThatMovesAGradePastItsNeighbourIsRejected() throws {
        let found = try ReferenceDataTests.problems(
            Self.grades(
                """
                  - {id: G05, name: Trainer, mid_usd_hourly: 40, range_spread: 0.35, source: wagefile-defaults, as_of: 2026-12, confidence: medium}

                """))
        // Reported at the override, the record that changed, naming the shipped grade it overtakes.
        #expect(
            found.map(\.description) == [
                "user.yaml:2:5: grades.G05.mid_usd_hourly: grades must ascend in the order listed: 'G06' (34.48 USD/h) comes after 'G05' (40 USD/h)"
            ])
    }

    @Test func aSpreadThatIsNotPositiveAndAMissingMidpointAreRejected() throws {
        let found = try ReferenceDataTests.problems(
            Self.grades(
                """
                  - {id: X1, name: One, mid_usd_hourly: 700, range_spread: 0, source: wagefile-defaults, as_of: 2026-12, confidence: medium}
                  - {id: X2, name: Two, range_spread: 0.5, source: wagefile-defaults, as_of: 2026-12, confidence: medium}
                  - {id: X3, name: Three, mid_usd_hourly: 900, range_spread: 9, source: wagefile-defaults, as_of: 2026-12, confidence: medium}

                """))
        #expect(
            found.map(\.description) == [
                "user.yaml:2:60: grades[0].range_spread: expected a number above 0, found 0",
                "user.yaml:3:5: grades[1].mid_usd_hourly: required field is missing",
                "user.yaml:4:62: grades[2].range_spread: expected a number from 0 to 5, found 9",
            ])
    }

    @Test func aGradeWithAnUnknownFieldOrSourceIsRejected() throws {
        let found = try ReferenceDataTests.problems(
            Self.grades(
                """
                  - {id: G20, name: Top, mid_usd_hourly: 800, range_spread: 0.9, midpoint: 800, source: my-survey, as_of: 2026-12, confidence: medium}

                """))
        #expect(found.map(prefix) == ["user.yaml:2:66: grades[0].midpoint", "user.yaml:2:5: grades.G20.source"])
        #expect(found.last?.message == "no source 'my-survey' in the source ledger")
    }

    @Test func aValidOverrideAddsAGradeOnTop() throws {
        var parser = try ReferenceDataTests.shippedParser()
        parser.add(
            Self.grades(
                "  - {id: G20, name: Luminary, mid_usd_hourly: 850, range_spread: 0.9, source: wagefile-defaults, as_of: 2026-12, confidence: low}\n"
            ), file: "user.yaml")
        let set = try parser.build()
        #expect(set.grades.count == 20 && set.grades.last?.id == "G20")
        #expect(set.origins["grades/G20"]?.file == "user.yaml")
        #expect(GradePlacement.place(midUSD: 900, in: set.grades)?.grade.id == "G20")
    }
}
