import Foundation
import Signal
import Testing
import WorkModel

/// Gwet's AC1 against irrCAC 0.4.4 (scripts/gwet-oracles.py), read in item order and with the
/// lines interleaved (the per-unit kernel then gathers each unit's judgments), on one and several
/// shards.
@Suite struct GwetAC1Tests {
    static let sets = [
        "fleiss-six-raters", "alpha-nominal-labels", "alpha-int-ragged", "alpha-nulls", "kappa-two-raters",
        "gwet-dominant-label",
    ]

    static func reference(_ name: String) throws -> Double {
        let object = try Oracle.expected("gwet-ac1")
        let sets = try #require(object["sets"] as? [String: Double])
        return try #require(sets[name])
    }

    @Test("AC1 equals irrCAC to 1e-12, in item order or interleaved, on 1 or 3 shards", arguments: sets)
    func matchesIrrCAC(name: String) throws {
        let reference = try Self.reference(name)
        let lines = String(decoding: try Oracle.judgments(name), as: UTF8.self).split(separator: "\n").map(String.init)
        // Even lines, then odd ones: every item's judgments are split in two runs.
        let interleaved =
            stride(from: 0, to: lines.count, by: 2).map { lines[$0] }
            + stride(from: 1, to: lines.count, by: 2).map { lines[$0] }
        for (text, partitions) in [(lines, 1), (lines, 3), (interleaved, 1), (interleaved, 3)] {
            let set = try Sample.jsonl(text.joined(separator: "\n") + "\n", partitions: partitions)
            let ac1 = try #require(GwetAC1.ac1(set, agreement: AgreementCounts.count(set)))
            #expect(abs(ac1 - reference) < 1e-12, "\(name), \(partitions) shards: \(ac1) vs \(reference)")
        }
    }

    @Test("Where one label dominates, AC1 stays high while kappa collapses")
    func dominantLabelParadox() throws {
        let report = AgreementAnalysis.report(try Oracle.set("gwet-dominant-label"), files: [])
        let ac1 = try #require(report.gwetAC1), kappa = try #require(report.fleissKappa)
        #expect(ac1 > 0.8)
        #expect(kappa < 0.2)
    }

    @Test("One category used: AC1 is undefined, not a number made up")
    func singleCategory() throws {
        let set = try Sample.jsonl(
            #"{"item":"a","reviewer":"x","value":"ok"}"# + "\n" + #"{"item":"a","reviewer":"y","value":"ok"}"# + "\n")
        #expect(GwetAC1.ac1(set, agreement: AgreementCounts.count(set)) == nil)
    }
}
