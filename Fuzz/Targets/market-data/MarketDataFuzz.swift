import FuzzSupport
import Portfolio
import Pricing
import ReferenceData
import WorkModel

/// Survey exports as `wagefile import market-data` reads them, through the example mapping: a
/// file either imports into a reference document the loader accepts, or is refused with reasons.
@main enum MarketDataFuzz {
    static let mapping = """
        mapping: wagefile.survey-mapping/v1
        source: {key: fuzz-survey, title: Fuzz survey, publisher: Fuzz, as_of: 2026-09, confidence: low}
        columns: {job: Job Code, title: Job Title, market: Country, locality: Metro, currency: Currency, period: Pay Period, p25: Base Salary P25, p50: Base Salary P50, p75: Base Salary P75}
        values:
          market: {United States: US, Germany: DE, India: IN}
          period: {Annual: annual, Hourly: hourly}
        jobs:
          AIQ-200: {benchmark: rlhf-specialist}
          ANN-100: {benchmark: volume-annotator}
        """

    static func main() {
        guard let mapping = try? SurveyMapping.read(mapping, file: "mapping.yaml"),
            let reference = try? ReferenceLoader.load()
        else {
            fuzzInvariant(false, "the harness's mapping and the shipped reference data must read")
            return
        }
        FuzzEntry.main("fuzz-market-data") { bytes in
            do throws(InputError) {
                let table = try HRISTable.parse(bytes.fuzzText, file: "fuzz.csv")
                let survey = try SurveyImport.read(table, mapping: mapping, reference: reference, file: "fuzz.csv")
                fuzzInvariant(!survey.benchmarks.isEmpty, "an import without benchmarks must be refused")
                // What the importer writes must load; a pay line that falls is the one refusal left.
                let loaded = try ReferenceLoader.load(extra: [("survey.yaml", survey.referenceYAML)])
                _ = try? Pricer(reference: loaded)
            } catch {
                fuzzInvariant(!error.diagnostics.isEmpty, "a rejected survey must say why")
            }
        }
    }
}
