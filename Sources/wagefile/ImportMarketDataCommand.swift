import ArgumentParser
import Foundation
import Portfolio
import Pricing
import ReferenceData
import WorkModel

/// `wagefile import market-data SURVEY.csv --mapping M.yaml --output DIR/survey.yaml`: a
/// compensation survey's P25/P50/P75 rows into benchmark evidence the pay line runs through.
struct ImportMarketDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "market-data",
        abstract: "Import a compensation survey export (P25/P50/P75 per job and market) as benchmark evidence.",
        discussion: """
            The mapping (YAML, wagefile.survey-mapping/v1) names the survey as a source, says which column holds the job \
            code, market, currency, period and percentiles, and gives each surveyed job a factor profile (or the shipped \
            benchmark whose profile it has, whose evidence the survey then replaces). The result is a reference file: \
            price with --reference pointing at its folder, and `wagefile reference calibration` shows the fit. The file \
            is checked to load with the shipped tables (and any --reference) before it is written. Rows of jobs the \
            mapping does not list are counted on standard error. Exit codes: 0 imported, 2 bad input (nothing written).
            """)

    @Argument(help: ArgumentHelp("The survey's CSV export.", valueName: "survey.csv"))
    var file: String

    @Option(name: .customLong("mapping"), help: ArgumentHelp("The survey mapping (YAML).", valueName: "mapping.yaml"))
    var mapping: String

    @Option(
        name: .customLong("output"),
        help: ArgumentHelp("Where to write the reference file (default: standard output).", valueName: "file.yaml"))
    var output: String?

    @OptionGroup var reference: ReferenceOptions

    func run() throws {
        let directories = reference.directories.map { URL(fileURLWithPath: $0) }
        let imported: SurveyImport
        let priced: ReferenceSet
        do {
            let current = try ReferenceLoader.load(overrides: directories)
            let table = try HRISTable.parse(try Self.text(file), file: file)
            imported = try SurveyImport.read(
                table, mapping: try SurveyMapping.read(try Self.text(mapping), file: mapping), reference: current,
                file: file)
            priced = try ReferenceLoader.load(
                overrides: directories, extra: [(output ?? "market-data.yaml", imported.referenceYAML)])
        } catch {
            Diagnostics.print(error.diagnostics)
            throw Outcome.badInput
        }
        let pricer: Pricer
        do {
            pricer = try Pricer(reference: priced)
        } catch {
            Diagnostics.print(["\(file): with these benchmarks \(error)"])
            throw Outcome.badInput
        }
        if let output {
            do {
                try OutputFiles.write(imported.referenceYAML, to: output)
            } catch {
                Diagnostics.print(["\(output): \(error)"])
                throw Outcome.badInput
            }
        } else {
            print(imported.referenceYAML, terminator: "")
        }
        Diagnostics.print(Self.summary(imported, pricer: pricer))
    }

    static func text(_ path: String) throws(InputError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw InputError([
                Diagnostic(file: path, location: .start, field: "", message: "cannot read the file as UTF-8 text")
            ])
        }
        return text
    }

    /// What was imported and how the pay line now fits it, for standard error.
    static func summary(_ imported: SurveyImport, pricer: Pricer) -> [String] {
        var lines = [
            "imported \(imported.benchmarks.count) benchmarks from \(imported.source.title) (\(imported.source.key), \(imported.source.ref.asOf))"
        ]
        let replaced = Set(imported.benchmarks.flatMap(\.replaces)).sorted()
        if !replaced.isEmpty { lines.append("replaced shipped evidence for: \(replaced.joined(separator: ", "))") }
        if !imported.unmappedJobs.isEmpty {
            let rows = imported.unmappedJobs.reduce(0) { $0 + $1.rows }
            lines.append(
                "not imported: \(rows) rows of \(imported.unmappedJobs.count) job codes the mapping does not list: "
                    + imported.unmappedJobs.prefix(10).map { "\($0.job) (\($0.rows))" }.joined(separator: ", ")
                    + (imported.unmappedJobs.count > 10 ? ", ..." : ""))
        }
        let ids = Set(imported.benchmarks.map(\.id))
        for entry in pricer.calibration where ids.contains(entry.benchmark.id) {
            lines.append(
                "  \(entry.benchmark.id): P50 \(Format.money(entry.benchmark.p50HourlyUSD)) USD/h, priced \(Format.money(entry.pricedMidUSD)), residual \(Format.percent(entry.residual, places: 1))"
            )
        }
        return lines
    }
}
