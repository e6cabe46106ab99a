import Foundation
import Signal
import Testing

@Suite("Signal bundle and schema")
struct BundleTests {
    @Test("The bundle lists every file with its size and checksum, and its judgments read back to the same figures")
    func bundleRoundTrip() throws {
        let set = try Oracle.set("alpha-int-ragged", options: JudgmentSetOptions(level: .interval))
        let report = AgreementAnalysis.report(set, files: ["alpha-int-ragged.jsonl"])
        let files = SignalBundle.files(set, report: report, rubrics: [("rubric.md", Data("# Score 0-4\n".utf8))])
        let manifest = SignalBundle.manifest(files: files, created: "2026-12-01", report: report, goldItems: 0) {
            data in "len\(data.count)"
        }
        #expect(
            manifest.files.map(\.path) == [
                "judgments.jsonl", "gold.jsonl", "calibration.jsonl", "agreement.json", "rubrics/rubric.md",
            ])
        #expect(manifest.files.map(\.bytes) == files.map(\.data.count))
        #expect(manifest.files.map(\.sha256) == files.map { "len\($0.data.count)" })
        #expect(manifest.files[0].records == set.judgmentCount)
        #expect(manifest.summary.alpha == report.alpha)
        // The exported judgments are canonical JSON Lines that read back to the same alpha.
        var collector = JudgmentCollector(partitions: 3)
        try files[0].data.withUnsafeBytes { try collector.readJSONLines($0, file: "judgments.jsonl") }
        let again = try collector.finish(JudgmentSetOptions(level: .interval))
        #expect(again.judgmentCount == set.judgmentCount)
        #expect(abs((alpha(again) ?? .nan) - (report.alpha ?? .nan)) < 1e-12)
        let encoded = String(decoding: SignalBundle.encode(manifest), as: UTF8.self)
        #expect(encoded.contains("\"format\" : \"wagefile.signal-bundle/v1\""))
    }

    @Test("Canonical lines escape what JSON needs and keep the schema's key order")
    func canonicalLine() {
        let line = SignalBundle.canonicalLine(
            Judgment(
                item: "q\"1\"\n", reviewer: "r\\2", value: .number(2.5), time: 60, rubric: "tone", optionA: "x",
                optionB: "y"))
        #expect(line == #"{"item":"q\"1\"\n","reviewer":"r\\2","value":2.5,"a":"x","b":"y","time":60,"rubric":"tone"}"#)
        #expect(
            SignalBundle.canonicalLine(Judgment(item: "i", reviewer: "r", value: nil))
                == #"{"item":"i","reviewer":"r","value":null}"#)
    }

    @Test("The committed JSON Schema is the one `wagefile schema judgment` prints")
    func committedSchema() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("docs/schema/judgment-v1.json")
        let committed = try String(contentsOf: docs, encoding: .utf8)
        #expect(committed == JudgmentSchema.text + "\n")
        let object = try JSONSerialization.jsonObject(with: Data(JudgmentSchema.text.utf8)) as? [String: Any]
        #expect((object?["required"] as? [String]) == ["item", "reviewer", "value"])
    }
}
