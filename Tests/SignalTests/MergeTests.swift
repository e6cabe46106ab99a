import Foundation
import Signal
import Testing

/// Statistics are built from sufficient statistics that add up: several files equal their
/// concatenation, any number of partitions gives the same answer, and shard counts merge.
@Suite("Merging")
struct MergeTests {
    @Test(
        "Two files with items split between them give the result of their concatenation",
        arguments: ["alpha-int-ragged", "alpha-nominal-labels"])
    func filesEqualConcatenation(name: String) throws {
        let lines = String(decoding: try Oracle.judgments(name), as: UTF8.self).split(separator: "\n")
        // Every third line to the second file: most items end up in both files.
        let first = lines.enumerated().filter { $0.offset % 3 != 0 }.map { String($0.element) }.joined(separator: "\n")
        let second = lines.enumerated().filter { $0.offset % 3 == 0 }.map { String($0.element) }.joined(separator: "\n")
        for level in [MeasurementLevel.nominal, .interval] where name != "alpha-nominal-labels" || level == .nominal {
            let options = JudgmentSetOptions(level: level)
            let whole = try Oracle.set(name, options: options)
            var collector = JudgmentCollector(partitions: 3)
            try Data(first.utf8).withUnsafeBytes { try collector.readJSONLines($0, file: "a.jsonl") }
            try Data(second.utf8).withUnsafeBytes { try collector.readJSONLines($0, file: "b.jsonl") }
            let split = try collector.finish(options)
            let a = AgreementAnalysis.report(whole, files: ["whole"])
            let b = AgreementAnalysis.report(split, files: ["a", "b"])
            #expect(a.units == b.units && a.pairableUnits == b.pairableUnits && a.judgments == b.judgments)
            #expect(abs((a.alpha ?? .nan) - (b.alpha ?? .nan)) < 1e-12)
            #expect(abs((a.fleissKappa ?? .nan) - (b.fleissKappa ?? .nan)) < 1e-12)
            #expect(a.reviewers == b.reviewers)
            #expect(a.alphaCI == b.alphaCI, "the bootstrap resamples the same unit patterns")
        }
    }

    @Test("The number of reader partitions does not change any figure", arguments: [1, 2, 5, 16])
    func partitionsDoNotMatter(partitions: Int) throws {
        let reference = AgreementAnalysis.report(
            try Oracle.set("alpha-half-step", partitions: 1, options: JudgmentSetOptions(level: .ratio)), files: [])
        let report = AgreementAnalysis.report(
            try Oracle.set("alpha-half-step", partitions: partitions, options: JudgmentSetOptions(level: .ratio)),
            files: [])
        #expect(abs((report.alpha ?? .nan) - (reference.alpha ?? .nan)) < 1e-12)
        #expect(report.reviewers == reference.reviewers)
        #expect(report.alphaCI == reference.alphaCI)
        let fit1 = DawidSkene.fit(try Oracle.set("ds-ragged", partitions: 1))
        let fitN = DawidSkene.fit(try Oracle.set("ds-ragged", partitions: partitions))
        #expect(fit1.iterations == fitN.iterations)
        for (x, y) in zip(fit1.lossHistory, fitN.lossHistory) { #expect(abs(x - y) < 1e-12) }
    }

    @Test("Coincidence matrices of unit-disjoint parts add up to the whole's, and alpha follows")
    func coincidencesAdd() throws {
        let set = try Oracle.set("alpha-int-ragged", partitions: 4, options: JudgmentSetOptions(level: .interval))
        let whole = AgreementCounts.count(set)
        var summed = Coincidences(valueCount: set.domain.count)
        let lines = String(decoding: try Oracle.judgments("alpha-int-ragged"), as: UTF8.self).split(separator: "\n")
            .map(String.init)
        // Split by item: items with an even number go left, the rest right.
        let left = lines.filter { ($0.split(separator: "\"")[3].last?.wholeNumberValue ?? 0) % 2 == 0 }
        let right = lines.filter { ($0.split(separator: "\"")[3].last?.wholeNumberValue ?? 0) % 2 == 1 }
        #expect(left.count + right.count == lines.count)
        for half in [left, right] {
            var collector = JudgmentCollector(partitions: 1)
            try Data(half.joined(separator: "\n").utf8).withUnsafeBytes {
                try collector.readJSONLines($0, file: "half.jsonl")
            }
            let halfSet = try collector.finish(JudgmentSetOptions(level: .interval))
            #expect(halfSet.domain == set.domain)
            summed.merge(AgreementCounts.count(halfSet).coincidences)
        }
        for c in 0..<set.domain.count {
            for k in 0..<set.domain.count { #expect(abs(summed[c, k] - whole.coincidences[c, k]) < 1e-9) }
        }
        guard case .success(let a) = KrippendorffAlpha.alpha(summed, domain: set.domain, level: .interval),
            case .success(let b) = KrippendorffAlpha.alpha(whole.coincidences, domain: set.domain, level: .interval)
        else {
            Issue.record("alpha undefined")
            return
        }
        #expect(abs(a - b) < 1e-12)
    }
}
