import Foundation
public import Signal
public import WorkModel

/// What every judgment importer's harness does with what it read: finish the set at each
/// measurement level (and as pairwise choices), then run the whole agreement report with a
/// small bootstrap and Dawid-Skene, and render it. A reader that accepts input the statistics
/// cannot take is as much a bug as a reader that crashes.
public enum JudgmentFuzzing {
    public static func analyse(_ fill: (inout JudgmentCollector) throws(InputError) -> Void) {
        for (level, pairwise) in [
            (MeasurementLevel.nominal, false), (.ordinal, false), (.interval, false), (.ratio, false), (.nominal, true),
        ] {
            var collector = JudgmentCollector(partitions: 2, expectedJudgments: 64)
            let set: JudgmentSet
            do {
                try fill(&collector)
                set = try collector.finish(JudgmentSetOptions(level: level, pairwise: pairwise))
            } catch {
                fuzzInvariant(!error.diagnostics.isEmpty, "a rejected file must say why")
                continue
            }
            var options = AgreementOptions()
            options.bootstrapReplicates = 16
            options.dawidSkene = DawidSkeneOptions(maxIterations: 8, tolerance: 1e-5)
            let report = AgreementAnalysis.report(set, files: ["fuzz"], options: options)
            // Strict encoding throws on NaN or infinity: a statistic that is not a number must be null.
            fuzzInvariant((try? JSONEncoder().encode(report)) != nil, "the report holds a NaN or infinite figure")
            _ = AgreementRendering.json(report)
            _ = AgreementRendering.markdown(report)
            _ = AgreementRendering.html(report)
        }
    }
}
