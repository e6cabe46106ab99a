import DecisionFiles
import FuzzSupport
import Pricing
import ReferenceData
import Specs
import WorkModel

/// Role and contract specs (YAML or JSON) as `wagefile price` reads them: a spec the reader
/// accepts must also price and render in every format.
@main enum RoleSpecFuzz {
    static func main() {
        guard let reference = try? ReferenceLoader.load(), let pricer = try? Pricer(reference: reference) else {
            fuzzInvariant(false, "the shipped reference data must load")
            return
        }
        let pricing = BatchPricing(
            builder: DecisionFileBuilder(pricer: pricer, asOf: CalendarDate(year: 2026, month: 12, day: 2)))
        FuzzEntry.main("fuzz-role-spec") { bytes in
            switch pricing.price(bytes.fuzzText, file: "fuzz.yaml") {
            case .rejected(let error):
                fuzzInvariant(!error.diagnostics.isEmpty, "a rejected spec must say why")
            case .priced(let file):
                fuzzInvariant(
                    (try? JSONRendering.pretty(file)) != nil, "an accepted spec's decision file must encode as JSON")
                _ = MarkdownRendering.render(file)
                _ = HTMLRendering.render(file)
                _ = CSVRendering.row(file)
            }
        }
    }
}
