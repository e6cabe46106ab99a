import FuzzSupport
import Signal
import WorkModel

/// Argilla-style records with responses, as `wagefile agree` reads them, through the whole agreement report.
@main enum ArgillaFuzz {
    static func main() {
        FuzzEntry.main("fuzz-argilla") { bytes in
            JudgmentFuzzing.analyse { collector throws(InputError) in
                try ArgillaImporter.read(bytes, file: "fuzz.json", into: &collector)
            }
        }
    }
}
