import Foundation
import Portfolio
import Pricing
import ReferenceData
import Testing
import WorkModel

/// A compensation survey's rows become benchmark evidence the pay line runs through.
/// examples/market-data/survey.csv is hand-made in the layout of a survey cut (its figures are
/// illustrative, not a vendor's).
struct SurveyImportTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../examples/market-data"
    ).standardized

    func text(_ name: String) throws -> String {
        try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    }

    func importSurvey(_ csv: String? = nil, mapping: String? = nil) throws -> SurveyImport {
        let reference = try ReferenceLoader.load()
        return try SurveyImport.read(
            try HRISTable.parse(try csv ?? text("survey.csv"), file: "survey.csv"),
            mapping: try SurveyMapping.read(try mapping ?? text("mapping.yaml"), file: "mapping.yaml"),
            reference: reference, file: "survey.csv")
    }

    func problems(_ csv: String? = nil, mapping: String? = nil) throws -> [String] {
        do {
            _ = try importSurvey(csv, mapping: mapping)
            return []
        } catch let error as InputError {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func eachMappedRowBecomesABenchmarkInUSDollarsAnHour() throws {
        let survey = try importSurvey()
        #expect(
            survey.benchmarks.map(\.id) == [
                "example-survey-2026-aiq-200-us", "example-survey-2026-aiq-200-de-berlin",
                "example-survey-2026-aiq-200-in-bengaluru",
                "example-survey-2026-ann-100-us",
            ])
        let byID = Dictionary(uniqueKeysWithValues: survey.benchmarks.map { ($0.id, $0) })
        // 112,000 USD a year / 2,080 h; 70,500 EUR / 2,080 / 0.86; 1,600,000 INR / 2,080 / 88.5; 20 USD an hour.
        expectClose(byID["example-survey-2026-aiq-200-us"]?.p50HourlyUSD, 112_000.0 / 2080, tolerance: 1e-9)
        expectClose(
            byID["example-survey-2026-aiq-200-de-berlin"]?.p50HourlyUSD, 70_500.0 / 2080 / 0.86, tolerance: 1e-9)
        expectClose(
            byID["example-survey-2026-aiq-200-in-bengaluru"]?.p50HourlyUSD, 1_600_000.0 / 2080 / 88.5, tolerance: 1e-9)
        expectClose(byID["example-survey-2026-ann-100-us"]?.p50HourlyUSD, 20, tolerance: 1e-12)
        let berlin = try #require(byID["example-survey-2026-aiq-200-de-berlin"])
        #expect(berlin.market == "DE")
        #expect(berlin.locality == "Berlin")
        #expect(berlin.replaces == ["rlhf-specialist"])
        #expect(berlin.ref == SourceRef(source: "example-survey-2026", asOf: "2026-09", confidence: .medium))
        #expect(berlin.factors == (try ReferenceLoader.load()).benchmarks.first { $0.id == "rlhf-specialist" }?.factors)
        #expect(
            berlin.derivation.contains(
                "P50 70500 EUR per year / 2080 h / 0.86 EUR per USD; P25 61000, P75 80000; survey.csv line 3"))
        #expect(
            survey.unmappedJobs.map(\.job) == ["ENG-300"],
            "a job the mapping does not list is reported, not dropped silently")
    }

    /// The written reference file loads, the survey replaces the rate cards it stands for, and
    /// each surveyed market is priced at its own median.
    @Test func theImportPricesEachSurveyedMarketAtItsMedian() throws {
        let survey = try importSurvey()
        let reference = try ReferenceLoader.load(extra: [("survey.yaml", survey.referenceYAML)])
        #expect(reference.source("example-survey-2026") != nil)
        #expect(!reference.pricedBenchmarks.contains { $0.id == "rlhf-specialist" || $0.id == "volume-annotator" })
        let pricer = try Pricer(reference: reference)
        for entry in pricer.calibration {
            #expect(
                abs(entry.residual) < 1e-9,
                "\(entry.benchmark.id) priced \(entry.pricedMidUSD) against \(entry.benchmark.p50HourlyUSD)")
        }
        // Bengaluru's differential measured on its own median against the US line at the same points
        // (the US survey's median): (1,600,000 / 2,080 / 88.5) / (112,000 / 2,080) = 0.1614; the
        // reference file keeps six decimals of each hourly figure.
        let bengaluru = try #require(pricer.market(jurisdiction: "IN-KA", locality: "Bengaluru")?.calibrated)
        expectClose(bengaluru.factor, (1_600_000.0 / 2080 / 88.5) / (112_000.0 / 2080), tolerance: 1e-6)
        #expect(bengaluru.basis?.contains("the published differential was 0.206") == true)
        // Elsewhere in India the published differential still applies.
        #expect(pricer.market(jurisdiction: "IN-MH", locality: "Mumbai") == nil)
    }

    @Test func badRowsAreLocatedAndNothingIsImported() throws {
        let csv = """
            Job Code,Job Title,Country,Metro,Currency,Pay Period,Base Salary P25,Base Salary P50,Base Salary P75
            AIQ-200,AI Quality Analyst II,Atlantis,,USD,Annual,1,2,3
            AIQ-200,AI Quality Analyst II,United States,,XXX,Annual,1,2,3
            AIQ-200,AI Quality Analyst II,Germany,,EUR,Weekly,1,2,3
            AIQ-200,AI Quality Analyst II,India,,INR,Annual,5,2,3
            ANN-100,Data Annotator I,United States,,USD,Hourly,1,n/a,3
            """
        #expect(
            try problems(csv) == [
                "survey.csv:2:3: market: expected a jurisdiction code such as US or DE-BE (translate the export's names under values.market), found 'Atlantis'",
                "survey.csv:3:5: currency: no exchange rate for 'XXX' (known: USD, EUR, GBP, INR, KES, PHP, NGN, BRL, MXN, IDR, PKR, COP, UGX, VES)",
                "survey.csv:4:6: period: expected annual or hourly (translate under values.period), found 'Weekly'",
                "survey.csv:5:8: p50: P25 5 <= P50 2 <= P75 3 does not hold",
                "survey.csv:6:8: p50: expected a positive amount, found 'n/a'",
            ])
    }

    @Test func aMappingWithoutAProfileOrAColumnIsRefused() throws {
        let mapping = """
            mapping: wagefile.survey-mapping/v1
            source: {key: s, title: S, publisher: P, as_of: 2026-09, confidence: high}
            columns: {job: Job Code, p50: Median}
            defaults: {currency: USD, period: annual}
            jobs:
              X-1: {title: Unprofiled}
            """
        let found = try problems(mapping: mapping)
        #expect(found.contains("mapping.yaml:3:10: columns.market: no column and no default for market"))
        #expect(
            found.contains(
                "mapping.yaml:6:8: jobs.X-1: name the shipped benchmark whose profile this job has (benchmark:) or give its factors"
            ))
    }
}

private func expectClose(
    _ value: Double?, _ expected: Double, tolerance: Double, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    guard let value else {
        Issue.record("no value; expected \(expected)", sourceLocation: sourceLocation)
        return
    }
    #expect(abs(value - expected) <= tolerance, "\(value) is not \(expected)", sourceLocation: sourceLocation)
}
