import ArgumentParser
import Foundation
import Signal
import WorkModel

/// The judgment files and how to read them: shared by `agree` and `export bundle`.
struct JudgmentInputs: ParsableArguments {
    @Argument(help: ArgumentHelp("Judgment files, or - for standard input.", valueName: "file"))
    var files: [String] = []

    @Option(help: "Level of measurement: nominal, ordinal, interval or ratio.")
    var level: MeasurementLevel = .nominal

    @Option(
        help: ArgumentHelp(
            "Input format (default: from the file name and content).",
            valueName: "jsonl|csv|tsv|label-studio|argilla|sagemaker"))
    var from: JudgmentFormat?

    @Option(help: ArgumentHelp("CSV columns, e.g. item=task_id,reviewer=annotator,value=label.", valueName: "mapping"))
    var map: String?

    @Option(help: ArgumentHelp("Gold answers: JSON Lines {\"item\",\"value\"} or CSV item,value.", valueName: "file"))
    var gold: String?

    @Option(
        help: ArgumentHelp("The order of label values for the ordinal level, e.g. low,mid,high.", valueName: "values"))
    var valueOrder: String?

    @Option(help: "Only the judgments of this rubric (question), when the export has several.")
    var rubric: String?

    @Flag(help: "Treat values as pairwise choices a / b / tie between the judgment's options a and b.")
    var pairs = false

    @Option(
        help: ArgumentHelp(
            "Label Studio: the task data key that names the item; Argilla: the record field (default: the tool's id).",
            valueName: "key"))
    var itemKey: String?

    @Flag(
        help:
            "Label Studio: also count ground-truth annotations as their authors' judgments (by default they are gold only)."
    )
    var countGold = false

    @Option(
        help: ArgumentHelp(
            "Argilla: the response statuses that count, comma-separated (default: submitted).", valueName: "statuses"))
    var status: String?

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "CSV: keep rows where COLUMN=VALUE, or drop those where COLUMN!=VALUE (repeatable).", valueName: "condition"
        ))
    var filters: [String] = []

    @Option(
        help: ArgumentHelp(
            "CSV: columns that are each a question about the row's item (a trailing * takes every column with that prefix).",
            valueName: "columns"))
    var wideQuestions: String?

    @Option(
        help: ArgumentHelp(
            "CSV: columns that are each an item, rated by the row's reviewer (a trailing * takes a prefix).",
            valueName: "columns"))
    var wideItems: String?

    @Option(
        help: ArgumentHelp(
            "CSV: a one-hot group: the columns PREFIX.value whose cell is true give the value (repeatable).",
            valueName: "prefix"))
    var oneHot: [String] = []

    @Option(help: ArgumentHelp("CSV: rows after the header to skip (Qualtrics: 2).", valueName: "n"))
    var skipRows = 0

    @Option(
        help: ArgumentHelp(
            "A reviewer that is a model (an LLM judge; a trailing * matches a prefix), held to the human consensus and gold and left out of the human figures (repeatable).",
            valueName: "reviewer"))
    var judge: [String] = []

    @Option(help: "Parallel readers (default: the number of cores).")
    var threads: Int?

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one judgment file, or - for standard input.") }
        if let threads, threads < 1 { throw ValidationError("--threads: expected at least 1.") }
    }

    /// Runs `body`, printing an unreadable file or bad judgments as diagnostics, exit 2.
    static func reportingBadInput<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as InputError {
            Diagnostics.print(error.diagnostics)
            throw Outcome.badInput
        } catch let error as MappedFileError {
            Diagnostics.print([error.description])
            throw Outcome.badInput
        }
    }

    static func list(_ text: String?) -> [String] {
        text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            ?? []
    }

    var importOptions: ImportOptions {
        let statuses =
            status.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) } ?? [
                "submitted"
            ]
        return ImportOptions(itemKey: itemKey, countGold: countGold, statuses: statuses, rubric: rubric)
    }

    /// Reads every file (mapped, one format each) and the gold file into one finished set.
    /// `readDone` runs between reading and finishing (for `agree --timings`).
    func read(progress: Bool = true, readDone: () -> Void = {}) throws -> JudgmentSet {
        var mapped: [MappedFile] = []
        var expected = 0
        for path in files {
            let file = try MappedFile(path: path)
            mapped.append(file)
            expected += file.withBytes { JudgmentCollector.estimatedJudgments(in: $0) }
        }
        let partitions = min(max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount), 16)
        var collector = JudgmentCollector(partitions: partitions, expectedJudgments: min(expected, 50_000_000))
        let mapping = try map.map { try ColumnMapping(parsing: $0) } ?? ColumnMapping()
        let layout = TableLayout(
            filters: try filters.map { try RowFilter(parsing: $0) },
            questionColumns: Self.list(wideQuestions), itemColumns: Self.list(wideItems), oneHotPrefixes: oneHot,
            skipRows: skipRows)
        for file in mapped {
            let bar = ReadProgress(path: file.path, total: progress ? file.count : 0)
            try collector.read(
                file, format: from, mapping: mapping, importing: importOptions, layout: layout, progress: bar.callback)
            bar.finish()
        }
        if let gold {
            let file = try MappedFile(path: gold)
            try file.withBytes { collector.addGold(try GoldFile.read($0, file: gold), file: gold) }
        }
        readDone()
        let order = valueOrder.map {
            $0.split(separator: ",").map { JudgmentValue(text: $0.trimmingCharacters(in: .whitespaces)) }
        }
        var options = JudgmentSetOptions(level: level, valueOrder: order, rubric: rubric, pairwise: pairs)
        options.judges = judge
        return try collector.finish(options)
    }
}
