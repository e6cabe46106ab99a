import ArgumentParser
import Foundation
import Signal
import Storage
import WorkModel

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export what the customer owns in a portable form.",
        subcommands: [ExportBundleCommand.self])
}

struct ExportBundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract:
            "Write a signal bundle: judgments, gold set, rubrics, calibration history and agreement, with a manifest and SHA-256 checksums.",
        discussion: "The format is documented in docs/SIGNAL-BUNDLE.md. The folder is written whole or not at all.")

    @OptionGroup var input: JudgmentInputs

    @Option(name: .shortAndLong, help: ArgumentHelp("The bundle folder to create (must not exist).", valueName: "dir"))
    var output: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Rubric documents to include as given.", valueName: "file"))
    var rubricFile: [String] = []

    @Option(help: "Calibration window in days.")
    var windowDays = 7

    @OptionGroup var evaluation: EvaluationDateOption

    func run() throws {
        try JudgmentInputs.reportingBadInput { try write() }
    }

    private func write() throws {
        guard !FileManager.default.fileExists(atPath: output) else {
            throw InputError([
                Diagnostic(
                    file: output, location: .start, field: "--output",
                    message: "already exists; a bundle is written into a new folder")
            ])
        }
        let set = try input.read()
        var options = AgreementOptions()
        options.calibration = CalibrationOptions(windowDays: windowDays)
        let report = AgreementAnalysis.report(set, files: input.files, options: options)
        var rubrics: [(name: String, data: Data)] = []
        for path in rubricFile {
            let name = (path as NSString).lastPathComponent
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputError([
                    Diagnostic(file: path, location: .start, field: "--rubric-file", message: "cannot be read")
                ])
            }
            rubrics.append((name, data))
        }
        let bundleFiles = SignalBundle.files(set, report: report, rubrics: rubrics)
        let manifest = SignalBundle.manifest(
            files: bundleFiles, created: try evaluation.date().description, report: report,
            goldItems: set.goldAnswers().count,
            sha256: Digest.sha256Hex)
        // Written beside the target and renamed: an interrupted export leaves no half bundle.
        let target = URL(fileURLWithPath: output)
        let staging = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(
                at: staging.appendingPathComponent("rubrics"), withIntermediateDirectories: true)
            for file in bundleFiles { try file.data.write(to: staging.appendingPathComponent(file.path)) }
            try SignalBundle.encode(manifest).write(to: staging.appendingPathComponent("manifest.json"))
            try FileManager.default.moveItem(at: staging, to: target)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        print("wrote \(output): \(bundleFiles.count + 1) files, \(report.judgments) judgments")
    }
}
