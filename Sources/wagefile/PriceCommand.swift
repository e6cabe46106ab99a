import ArgumentParser
import DecisionFiles
import Foundation
import WorkModel

struct PriceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price",
        abstract: "Price role and vendor-contract specs into decision files.",
        discussion: """
            Give spec files, folders of specs, or - to read JSON Lines (one spec per line) from standard input.
            One spec prints as JSON by default; several print as JSON Lines. A spec that cannot be read is
            reported on standard error (and as a wagefile.error/v1 record in JSON Lines) and the rest are still priced.
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case json, jsonl, md, html, csv
    }

    @Argument(help: ArgumentHelp("Spec files, folders, or - for JSON Lines on stdin.", valueName: "spec"))
    var paths: [String]

    @Option(
        name: .shortAndLong,
        help: "Output format: json, jsonl, md, html or csv (default: json for one spec, jsonl for several).")
    var format: OutputFormat?

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Write one file per spec into this folder instead of standard output.", valueName: "dir"))
    var output: String?

    @OptionGroup var reference: ReferenceOptions
    @OptionGroup var evaluation: EvaluationDateOption

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one spec file, folder, or - for standard input.") }
    }

    func run() throws {
        let builder = DecisionFileBuilder(pricer: try reference.pricer(), asOf: try evaluation.date())
        let batch = BatchPricing(builder: builder)
        let (inputs, problems) = SpecInputs.collect(paths)
        Diagnostics.print(problems)

        let single = inputs.count == 1 && !inputs[0].isJSONLines && paths.count == 1
        let format = format ?? (single ? .json : .jsonl)
        if output == nil && !single && (format == .html || format == .json) {
            throw ValidationError(
                "Several specs need --format jsonl, csv or md on standard output, or --output DIR for one \(format.rawValue) file each."
            )
        }
        if let output { try OutputFiles.ensureDirectory(output) }

        var stdout = StandardOutput()
        if format == .csv && output == nil { stdout.line(CSVRendering.headerLine()) }
        var rejected = problems.count
        var blocking = false
        var written: [String: String] = [:]
        let progress = Progress(total: inputs.count)

        func handle(_ outcome: BatchPricing.Outcome) throws {
            switch outcome {
            case .rejected(let error):
                rejected += 1
                Diagnostics.print(error.diagnostics)
                if format == .jsonl && output == nil { stdout.line(try JSONRendering.line(RejectedSpec(error))) }
            case .priced(let file):
                blocking = blocking || file.blocking
                if let output {
                    let name = file.spec.id + "." + (format == .jsonl ? "json" : format.rawValue)
                    if let earlier = written[name] {
                        Diagnostics.print([
                            "\(file.spec.file): id: '\(file.spec.id)' was already written from \(earlier); ids must be unique"
                        ])
                        rejected += 1
                        return
                    }
                    written[name] = file.spec.file
                    try OutputFiles.write(
                        try render(file, as: format, standalone: true),
                        to: (output as NSString).appendingPathComponent(name))
                } else {
                    stdout.line(try render(file, as: format, standalone: single))
                }
            }
        }

        for input in inputs {
            if input.isJSONLines {
                for line in BatchPricing.lines(of: input.text) {
                    try handle(batch.price(String(line.text), file: input.name, lineOffset: line.offset))
                    progress.advance()
                }
            } else {
                try handle(batch.price(input.text, file: input.name))
                progress.advance()
            }
        }
        stdout.flush()
        progress.finish()
        if rejected > 0 { throw Outcome.badInput }
        if blocking { throw Outcome.blockingFindings }
    }

    func render(_ file: DecisionFile, as format: OutputFormat, standalone: Bool) throws -> String {
        switch format {
        case .json: return standalone ? try JSONRendering.pretty(file) : try JSONRendering.line(file)
        case .jsonl: return try JSONRendering.line(file)
        case .md: return MarkdownRendering.render(file)
        case .html: return HTMLRendering.render(file)
        case .csv: return (output != nil ? CSVRendering.headerLine() + "\n" : "") + CSVRendering.row(file)
        }
    }
}

/// A progress count on standard error, only when it is a terminal and the batch is large.
final class Progress {
    private let total: Int
    private var done = 0
    private let enabled: Bool

    init(total: Int) {
        self.total = total
        self.enabled = isatty(STDERR_FILENO) == 1 && total >= 200
    }

    func advance() {
        done += 1
        guard enabled, done % 100 == 0 else { return }
        FileHandle.standardError.write(Data("\rpriced \(done)/\(total)".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\rpriced \(done)/\(total)\n".utf8)) }
    }
}
