import Foundation
import Signal
import WorkModel

/// Reads committed oracle fixtures (`Fixtures/oracles`, written by scripts/signal-oracles.py
/// from the reference packages).
enum Oracle {
    static var folder: URL {
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures/oracles")
            ?? URL(fileURLWithPath: "Fixtures/oracles")
    }

    static func expected(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("\(name).json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return object
    }

    static func judgments(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent("\(name).jsonl"))
    }

    static func set(_ name: String, partitions: Int = 2, options: JudgmentSetOptions = JudgmentSetOptions()) throws
        -> JudgmentSet
    {
        var collector = JudgmentCollector(partitions: partitions)
        let data = try judgments(name)
        try data.withUnsafeBytes { try collector.readJSONLines($0, file: "\(name).jsonl") }
        return try collector.finish(options)
    }
}

/// Builds sets from text in tests.
enum Sample {
    static func jsonl(
        _ text: String, file: String = "t.jsonl", partitions: Int = 2,
        options: JudgmentSetOptions = JudgmentSetOptions()
    ) throws -> JudgmentSet {
        var collector = JudgmentCollector(partitions: partitions)
        try Data(text.utf8).withUnsafeBytes { try collector.readJSONLines($0, file: file) }
        return try collector.finish(options)
    }

    static func csv(
        _ text: String, file: String = "t.csv", mapping: ColumnMapping = ColumnMapping(), partitions: Int = 2,
        options: JudgmentSetOptions = JudgmentSetOptions()
    ) throws -> JudgmentSet {
        var collector = JudgmentCollector(partitions: partitions)
        try Data(text.utf8).withUnsafeBytes { try collector.readDelimited($0, file: file, mapping: mapping) }
        return try collector.finish(options)
    }

    /// The problems a read reports, as `file:line:column: field: message` lines.
    static func problems(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let error as InputError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }
}

func alpha(_ set: JudgmentSet) -> Double? {
    if case .success(let value) = KrippendorffAlpha.alpha(
        AgreementCounts.count(set).coincidences, domain: set.domain, level: set.level)
    {
        return value
    }
    return nil
}
