public import Foundation
import WorkModel

/// The portable signal bundle (`wagefile.signal-bundle/v1`, docs/SIGNAL-BUNDLE.md): the
/// judgments in canonical JSON Lines, the gold set, the rubrics as given, each reviewer's
/// calibration history and the agreement report, listed in a manifest with SHA-256 checksums.
/// The signal is the customer's: any tool that reads JSON can take it elsewhere.
public enum SignalBundle {
    /// One file of the bundle, in memory, before it is written.
    public struct File: Sendable {
        /// Path inside the bundle: `judgments.jsonl`, `gold.jsonl`, `calibration.jsonl`,
        /// `agreement.json` or `rubrics/<name>`.
        public var path: String
        /// What the file holds: `judgments`, `gold`, `calibration`, `agreement` or `rubric`.
        public var kind: String
        /// The file's bytes (UTF-8 text for every file but the rubrics, which are copied as given).
        public var data: Data
        /// Lines of a JSON Lines file; nil for `agreement.json` and rubrics.
        public var records: Int?
    }

    /// `manifest.json`: what the bundle holds, with a SHA-256 checksum of each file.
    public struct Manifest: Sendable, Codable {
        /// The bundle format's identifier, `wagefile.signal-bundle/v1`.
        public var format = "wagefile.signal-bundle/v1"
        /// When the bundle was made, as the caller gives it (the export's evaluation date).
        public var created: String
        /// One entry per file, in the order of `SignalBundle.files`.
        public var files: [Entry]
        /// Headline figures of the agreement report.
        public var summary: Summary

        /// One bundle file in the manifest.
        public struct Entry: Sendable, Codable {
            /// Path inside the bundle.
            public var path: String
            /// What the file holds (see `SignalBundle.File.kind`).
            public var kind: String
            /// Size of the file in bytes.
            public var bytes: Int
            /// SHA-256 of the file's bytes, as the caller's hash function writes it (lowercase hex in
            /// `wagefile export bundle`).
            public var sha256: String
            /// Lines of a JSON Lines file; nil for other files.
            public var records: Int?
        }

        /// The report's headline figures, so a reader need not open `agreement.json`.
        public struct Summary: Sendable, Codable {
            /// Level of measurement of the report.
            public var level: MeasurementLevel
            /// The rubric measured; nil when the judgments carry none.
            public var rubric: String?
            /// Items with at least one value (`AgreementReport.units`).
            public var items: Int
            /// Judgments, with or without a value.
            public var judgments: Int
            /// Distinct reviewers.
            public var reviewers: Int
            /// Items with a gold answer.
            public var goldItems: Int
            /// Krippendorff's alpha; nil when undefined.
            public var alpha: Double?
        }
    }

    /// The bundle's files; `rubrics` are (file name, contents) copied as given.
    public static func files(_ set: JudgmentSet, report: AgreementReport, rubrics: [(name: String, data: Data)])
        -> [File]
    {
        var judgments = ""
        var count = 0
        set.forEachJudgment { judgment in
            judgments += canonicalLine(judgment)
            judgments += "\n"
            count += 1
        }
        let gold = set.goldAnswers()
        let goldText = gold.map { "{\"item\":\(json($0.item)),\"value\":\(json($0.value))}\n" }.joined()
        var calibration = ""
        var calibrationRows = 0
        for reviewer in report.reviewers {
            for window in reviewer.calibration ?? [] {
                calibration +=
                    "{\"reviewer\":\(json(reviewer.id)),\"start\":\(json(window.start)),\"judged\":\(window.judged),\"correct\":\(window.correct),\"accuracy\":\(window.accuracy),\"against\":\(json(window.against))}\n"
                calibrationRows += 1
            }
        }
        var files = [
            File(path: "judgments.jsonl", kind: "judgments", data: Data(judgments.utf8), records: count),
            File(path: "gold.jsonl", kind: "gold", data: Data(goldText.utf8), records: gold.count),
            File(
                path: "calibration.jsonl", kind: "calibration", data: Data(calibration.utf8), records: calibrationRows),
            File(
                path: "agreement.json", kind: "agreement", data: Data(AgreementRendering.json(report).utf8),
                records: nil),
        ]
        for rubric in rubrics {
            files.append(File(path: "rubrics/\(rubric.name)", kind: "rubric", data: rubric.data, records: nil))
        }
        return files
    }

    /// The manifest of `files`: sizes, checksums from `sha256` and the report's summary;
    /// `created` is written as given.
    public static func manifest(
        files: [File], created: String, report: AgreementReport, goldItems: Int, sha256: (Data) -> String
    ) -> Manifest {
        Manifest(
            created: created,
            files: files.map {
                Manifest.Entry(
                    path: $0.path, kind: $0.kind, bytes: $0.data.count, sha256: sha256($0.data), records: $0.records)
            },
            summary: Manifest.Summary(
                level: report.level, rubric: report.rubric, items: report.units, judgments: report.judgments,
                reviewers: report.reviewerCount, goldItems: goldItems, alpha: report.alpha))
    }

    /// The manifest as pretty-printed JSON with sorted keys and a final newline.
    public static func encode(_ manifest: Manifest) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(manifest)) ?? Data("{}".utf8)) + Data("\n".utf8)
    }

    /// One judgment in canonical form, keys in schema order.
    public static func canonicalLine(_ j: Judgment) -> String {
        var line = "{\"item\":\(json(j.item)),\"reviewer\":\(json(j.reviewer)),\"value\":\(j.value.map(json) ?? "null")"
        if let a = j.optionA, let b = j.optionB { line += ",\"a\":\(json(a)),\"b\":\(json(b))" }
        if let time = j.time { line += ",\"time\":\(time)" }
        if let rubric = j.rubric { line += ",\"rubric\":\(json(rubric))" }
        return line + "}"
    }

    static func json(_ value: JudgmentValue) -> String {
        switch value {
        case .number: return value.description
        case .label(let text): return json(text)
        }
    }

    static func json(_ text: String) -> String { Format.jsonString(text) }
}

extension JudgmentSet {
    /// Every judgment as a canonical `Judgment` (names resolved), in shard order.
    public func forEachJudgment(_ body: (Judgment) -> Void) {
        for shard in shards {
            for i in 0..<shard.judgmentCount {
                let v = shard.value[i]
                var judgment = Judgment(
                    item: shard.items.string(shard.unit[i]), reviewer: reviewers[Int(shard.reviewer[i])],
                    value: v < 0 ? nil : domain.values[Int(v)])
                if !shard.time.isEmpty, shard.time[i] != Int64.min { judgment.time = shard.time[i] }
                if let rubric { judgment.rubric = rubric }
                if !shard.optionA.isEmpty, shard.optionA[i] >= 0, shard.optionB[i] >= 0 {
                    judgment.optionA = options[Int(shard.optionA[i])]
                    judgment.optionB = options[Int(shard.optionB[i])]
                }
                body(judgment)
            }
        }
    }
}
