import FuzzSupport
import Signal
import WorkModel

/// Label Studio JSON exports (tasks with annotations), as `wagefile agree` reads them, through the whole agreement report.
@main enum LabelStudioFuzz {
    static func main() {
        FuzzEntry.main("fuzz-label-studio") { bytes in
            JudgmentFuzzing.analyse { collector throws(InputError) in
                try LabelStudioImporter.read(bytes, file: "fuzz.json", into: &collector)
            }
        }
    }
}
