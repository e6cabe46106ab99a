import FuzzSupport
import Signal
import WorkModel

/// judgment CSV with a header row and the default column names, as `wagefile agree` reads them, through the whole agreement report.
@main enum JudgmentsCSVFuzz {
    static func main() {
        FuzzEntry.main("fuzz-judgments-csv") { bytes in
            JudgmentFuzzing.analyse { collector throws(InputError) in
                try collector.readDelimited(bytes, file: "fuzz.csv")
            }
        }
    }
}
