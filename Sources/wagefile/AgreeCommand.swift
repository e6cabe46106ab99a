public import ArgumentParser
import Foundation
public import Signal
import WorkModel

struct AgreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agree",
        abstract: "Measure agreement and reviewer quality in judgment files (Krippendorff's alpha, kappas, Dawid-Skene, Bradley-Terry).",
        discussion: """
            Reads canonical JSON Lines (wagefile.judgment/v1), CSV or TSV with a header, Label Studio JSON exports and
            Argilla records; several files are one data set (an item in two files is one item). Values that read as
            numbers are numbers. See docs/SIGNAL.md for every statistic's definition and its edge cases.
            Exit codes: 0 ok, 2 bad input (every problem is printed as file:line:column: field: message).
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case json, md, html }

    @Argument(help: ArgumentHelp("Judgment files, or - for standard input.", valueName: "file"))
    var files: [String]

    @Option(help: "Level of measurement: nominal, ordinal, interval or ratio.")
    var level: MeasurementLevel = .nominal

    @Option(name: .shortAndLong, help: "Output format: json, md or html.")
    var format: OutputFormat = .json

    @Option(help: ArgumentHelp("Input format (default: from the file name and content).", valueName: "jsonl|csv|tsv|label-studio|argilla"))
    var from: JudgmentFormat?

    @Option(help: ArgumentHelp("CSV columns, e.g. item=task_id,reviewer=annotator,value=label.", valueName: "mapping"))
    var map: String?

    @Option(help: ArgumentHelp("Gold answers: JSON Lines {\"item\",\"value\"} or CSV item,value.", valueName: "file"))
    var gold: String?

    @Option(help: ArgumentHelp("The order of label values for the ordinal level, e.g. low,mid,high.", valueName: "values"))
    var valueOrder: String?

    @Option(help: "Measure only the judgments of this rubric (question), when the export has several.")
    var rubric: String?

    @Flag(help: "Treat values as pairwise choices a / b / tie between the judgment's options a and b: adds Bradley-Terry scores and the share of useful pairs.")
    var pairs = false

    @Option(help: "Agreement a pair's judges need for the pair to count as useful (with --pairs).")
    var usefulAgreement = 0.8

    @Flag(help: "Aggregate labels with Dawid-Skene and estimate each reviewer's accuracy.")
    var dawidSkene = false

    @Option(help: "Dawid-Skene: most EM iterations.")
    var dsIterations = 100

    @Option(help: "Dawid-Skene: stop when the bound per label improves by less than this (-inf runs every iteration).")
    var dsTolerance = "1e-5"

    @Option(help: ArgumentHelp("Write the Dawid-Skene labels as CSV item,label,posterior.", valueName: "file"))
    var labelsOut: String?

    @Option(help: "Bootstrap replicates for alpha's confidence interval (0 for none).")
    var bootstrap = 1000

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 20_240_601

    @Option(help: "Calibration window in days (judgments with a time).")
    var windowDays = 7

    @Option(help: "Calibration: the accuracy drop that counts as drift.")
    var driftThreshold = 0.10

    @Option(help: "Parallel readers (default: the number of cores).")
    var threads: Int?

    @Flag(help: "Print the time of each phase (read, finish, statistics) on standard error.")
    var timings = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one judgment file, or - for standard input.") }
        if !(0...1).contains(usefulAgreement) { throw ValidationError("--useful-agreement: expected a share from 0 to 1.") }
        if bootstrap < 0 || bootstrap > 100_000 { throw ValidationError("--bootstrap: expected 0 to 100000 replicates.") }
        if windowDays < 1 { throw ValidationError("--window-days: expected at least 1.") }
        if dsIterations < 1 { throw ValidationError("--ds-iterations: expected at least 1.") }
        if parsedTolerance == nil { throw ValidationError("--ds-tolerance: expected a number or -inf, found '\(dsTolerance)'.") }
    }

    private var parsedTolerance: Double? {
        dsTolerance == "-inf" ? -Double.infinity : Double(dsTolerance)
    }

    func run() throws {
        do {
            let report = try analyse()
            print(render(report), terminator: "")
        } catch let error as InputError {
            Diagnostics.print(error.diagnostics)
            throw Outcome.badInput
        } catch let error as MappedFileError {
            Diagnostics.print([error.description])
            throw Outcome.badInput
        }
    }

    private func analyse() throws -> AgreementReport {
        let clock = ContinuousClock()
        var phaseStart = clock.now
        func phase(_ name: String) {
            guard timings else { return }
            let now = clock.now
            let d = now - phaseStart
            let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            FileHandle.standardError.write(Data("timing \(name): \(String(format: "%.3f", seconds)) s\n".utf8))
            phaseStart = now
        }
        defer { phase("statistics") }
        let partitions = threads ?? ProcessInfo.processInfo.activeProcessorCount
        var mapped: [MappedFile] = []
        var expected = 0
        for path in files {
            let file = try MappedFile(path: path)
            mapped.append(file)
            expected += file.count / 40
        }
        let collector = JudgmentCollector(partitions: min(max(1, partitions), 16), expectedJudgments: min(expected, 50_000_000))
        let mapping = try map.map { try ColumnMapping(parsing: $0) } ?? ColumnMapping()
        for file in mapped {
            let bar = ReadProgress(path: file.path, total: file.count)
            try file.withBytes { bytes in
                let format = from ?? JudgmentFormat.detect(path: file.path, prefix: bytes)
                switch format {
                case .jsonl: try collector.readJSONLines(bytes, file: file.path, progress: bar.callback)
                case .csv: try collector.readDelimited(bytes, file: file.path, mapping: mapping, progress: bar.callback)
                case .tsv: try collector.readDelimited(bytes, file: file.path, mapping: mapping, delimiter: 9, progress: bar.callback)
                case .labelStudio: try LabelStudioImporter.read(bytes, file: file.path, into: collector)
                case .argilla: try ArgillaImporter.read(bytes, file: file.path, into: collector)
                }
            }
            bar.finish()
        }
        if let gold {
            let file = try MappedFile(path: gold)
            try file.withBytes { collector.addGold(try GoldFile.read($0, file: gold), file: gold) }
        }
        phase("read")
        let order = valueOrder.map { $0.split(separator: ",").map { JudgmentValue(text: $0.trimmingCharacters(in: .whitespaces)) } }
        let set = try collector.finish(JudgmentSetOptions(level: level, valueOrder: order, rubric: rubric, pairwise: pairs))
        phase("finish")
        var options = AgreementOptions()
        options.bootstrapReplicates = bootstrap
        options.seed = seed
        options.usefulAgreement = usefulAgreement
        options.calibration = CalibrationOptions(windowDays: windowDays, driftThreshold: driftThreshold)
        if dawidSkene || labelsOut != nil {
            options.dawidSkene = DawidSkeneOptions(maxIterations: dsIterations, tolerance: parsedTolerance ?? 1e-5)
        }
        let (report, fit) = AgreementAnalysis.run(set, files: files, options: options)
        if let labelsOut, let fit {
            var text = "item,label,posterior\n"
            for label in fit.labels() {
                text += "\(CSVText.escape(label.item)),\(CSVText.escape(set.domain.values[label.code].description)),\(label.posterior)\n"
            }
            try OutputFiles.write(text, to: labelsOut)
        }
        return report
    }

    private func render(_ report: AgreementReport) -> String {
        switch format {
        case .json: return AgreementRendering.json(report)
        case .md: return AgreementRendering.markdown(report)
        case .html: return AgreementRendering.html(report)
        }
    }
}

extension MeasurementLevel: ExpressibleByArgument {}
extension JudgmentFormat: ExpressibleByArgument {}

/// A percentage on standard error while a large file is read, only on a terminal.
final class ReadProgress: Sendable {
    let callback: (@Sendable (Int) -> Void)?
    private let enabled: Bool
    private let label: String

    init(path: String, total: Int) {
        enabled = isatty(STDERR_FILENO) == 1 && total >= 32 << 20
        label = (path as NSString).lastPathComponent
        let name = label
        if enabled {
            callback = { @Sendable (done: Int) -> Void in
                let percent = min(100, done * 100 / max(1, total))
                let filled = percent / 5
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
                FileHandle.standardError.write(Data("\rreading \(name) [\(bar)] \(percent)%".utf8))
            }
        } else {
            callback = nil
        }
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\rreading \(label) [####################] 100%\n".utf8)) }
    }
}
