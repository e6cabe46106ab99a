import FuzzSupport
import Signal
import WorkModel

/// canonical judgment JSON Lines, as `wagefile agree` reads them, through the whole agreement report.
@main enum JudgmentsJSONLFuzz {
    static func main() {
        FuzzEntry.main("fuzz-judgments-jsonl") { bytes in
            JudgmentFuzzing.analyse { collector throws(InputError) in
                try collector.readJSONLines(bytes, file: "fuzz.jsonl")
            }
        }
    }
}
