import Foundation
import Signal
import Testing
import WorkModel

/// Inputs the fuzzers (scripts/fuzz.sh) crashed on, each kept as the behaviour a user now gets.
/// The raw inputs are also in Fuzz/Regressions, which CI replays through the harnesses.
@Suite("Fuzz regressions: Signal")
struct SignalFuzzRegressionTests {
    @Test("An empty file with Dawid-Skene asked for reports no classes instead of crashing")
    func emptyFileDawidSkene() throws {
        let set = try Sample.jsonl("")
        var options = AgreementOptions()
        options.dawidSkene = DawidSkeneOptions()
        let report = AgreementAnalysis.report(set, files: ["empty.jsonl"], options: options)
        #expect(report.judgments == 0)
        #expect(report.alpha == nil)
        #expect(report.dawidSkene?.priors.isEmpty == true)
        #expect(report.dawidSkene?.labelCounts.isEmpty == true)
    }
}
