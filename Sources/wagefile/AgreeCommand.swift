public import ArgumentParser
import Foundation
import Logging
public import Signal
import Storage
import WorkModel

struct AgreeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agree",
        abstract:
            "Measure agreement and reviewer quality in judgment files (Krippendorff's alpha, kappas, Dawid-Skene, Bradley-Terry).",
        discussion: """
            Reads canonical JSON Lines (wagefile.judgment/v1), CSV or TSV with a header, Label Studio JSON exports and
            Argilla records; several files are one data set (an item in two files is one item). Values that read as
            numbers are numbers. See docs/SIGNAL.md for every statistic's definition and its edge cases.
            Exit codes: 0 ok, 2 bad input (every problem is printed as file:line:column: field: message).
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case json, md, html }

    @OptionGroup var input: JudgmentInputs

    @Option(name: .shortAndLong, help: "Output format: json, md or html.")
    var format: OutputFormat = .json

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

    @Flag(help: "Print the time of each phase (read, finish, statistics) on standard error.")
    var timings = false

    @Option(
        help: ArgumentHelp(
            "Also store the judgments in the database as this set id, and count alpha there.", valueName: "set-id"))
    var store: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if !(0...1).contains(usefulAgreement) {
            throw ValidationError("--useful-agreement: expected a share from 0 to 1.")
        }
        if bootstrap < 0 || bootstrap > 100_000 {
            throw ValidationError("--bootstrap: expected 0 to 100000 replicates.")
        }
        if windowDays < 1 { throw ValidationError("--window-days: expected at least 1.") }
        if dsIterations < 1 { throw ValidationError("--ds-iterations: expected at least 1.") }
        if parsedTolerance == nil {
            throw ValidationError("--ds-tolerance: expected a number or -inf, found '\(dsTolerance)'.")
        }
    }

    private var parsedTolerance: Double? {
        dsTolerance == "-inf" ? -Double.infinity : Double(dsTolerance)
    }

    func run() async throws {
        var (report, set) = try JudgmentInputs.reportingBadInput { try analyse() }
        if let store { report.storedSet = try await stored(set, id: store) }
        print(render(report), terminator: "")
    }

    /// Imports the set (one transaction, audited) and recounts alpha's coincidences in SQL.
    private func stored(_ set: JudgmentSet, id: String) async throws -> AgreementReport.StoredSetSummary {
        var rows: [StoredJudgment] = []
        rows.reserveCapacity(set.judgmentCount)
        set.forEach { item, reviewer, value, _ in
            rows.append(StoredJudgment(item: item, reviewer: reviewer, value: value?.description))
        }
        let name = input.files.joined(separator: ", ")
        let (record, cells) = try await database.withStore(logger: Logger(label: "wagefile.agree")) { [rows] store in
            try await StoreErrors.mapped {
                try await store.migrations.run()
                let record = try await store.judgments.importSet(
                    id: id, name: name, source: "wagefile agree", judgments: rows, by: .system)
                return (record, try await store.judgments.coincidences(setId: id))
            }
        }
        let matrix = Coincidences(
            valueCount: set.domain.count,
            cells: cells.compactMap { cell in
                guard let c = set.domain.code(of: JudgmentValue(text: cell.c)),
                    let k = set.domain.code(of: JudgmentValue(text: cell.k))
                else { return nil }
                return (c, k, cell.weight)
            })
        var alpha: Double?
        if case .success(let value) = KrippendorffAlpha.alpha(matrix, domain: set.domain, level: set.level) {
            alpha = value
        }
        return AgreementReport.StoredSetSummary(
            id: record.id, database: DatabaseURL.redacted(database.resolved), judgments: record.judgments,
            alphaFromDatabase: alpha)
    }

    private func analyse() throws -> (AgreementReport, JudgmentSet) {
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
        let set = try input.read { phase("read") }
        phase("finish")
        var options = AgreementOptions()
        options.bootstrapReplicates = bootstrap
        options.seed = seed
        options.usefulAgreement = usefulAgreement
        options.calibration = CalibrationOptions(windowDays: windowDays, driftThreshold: driftThreshold)
        if dawidSkene || labelsOut != nil {
            options.dawidSkene = DawidSkeneOptions(maxIterations: dsIterations, tolerance: parsedTolerance ?? 1e-5)
        }
        let (report, fit) = AgreementAnalysis.run(set, files: input.files, options: options)
        if let labelsOut, let fit {
            var text = "item,label,posterior\n"
            for label in fit.labels() {
                text +=
                    "\(CSVText.escape(label.item)),\(CSVText.escape(set.domain.values[label.code].description)),\(label.posterior)\n"
            }
            try OutputFiles.write(text, to: labelsOut)
        }
        return (report, set)
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
