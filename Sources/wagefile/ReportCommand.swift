import ArgumentParser
import Foundation
import Logging
import Portfolio
import ReferenceData
import Signal
import Storage
import WebApp
import WorkModel

/// `wagefile report compression|cost|pay-equity|vendors|datasets|path-upward`: the portfolio
/// views over the database the server uses.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Portfolio views across the organization, from the database.",
        discussion:
            "Decision support, not legal advice. Exit codes: 0 ok, 1 the view found something that blocks (see each), 2 bad input.",
        subcommands: [Compression.self, Cost.self, PayEquity.self, Vendors.self, Datasets.self, PathUpward.self])

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case json, md, csv }

    /// What every view shares: the database, the date, the reference data, the format and the output file.
    struct Common: ParsableArguments {
        @Option(name: .customLong("format"), help: "json, md or csv (csv for compression and cost).")
        var format: OutputFormat = .md
        @Option(
            name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
        var output: String?
        @Option(name: .customLong("currency"), help: ArgumentHelp("Report currency (ISO 4217).", valueName: "code"))
        var currency = "USD"
        @OptionGroup var evaluation: EvaluationDateOption
        @OptionGroup var reference: ReferenceOptions
        @OptionGroup var database: DatabaseOptions

        func snapshot(evidence: [String] = []) async throws -> PortfolioSnapshot {
            let date = try evaluation.date()
            let referenceSet = try reference.load()
            let code = currency.uppercased()
            guard code == "USD" || referenceSet.exchangeRate(code) != nil else {
                Diagnostics.print([
                    "--currency: no exchange rate for '\(currency)'; known: \(referenceSet.exchangeRates.map(\.currency).joined(separator: ", "))"
                ])
                throw Outcome.badInput
            }
            let reviewers = try Self.evidence(evidence)
            return try await database.withStore(logger: Logger(label: "wagefile.report")) { store in
                try await StoreErrors.mapped {
                    _ = try await store.migrations.run()
                    return try await PortfolioData.snapshot(
                        store: store, reference: referenceSet, asOf: date, evidence: reviewers)
                }
            }
        }

        static func evidence(_ paths: [String]) throws -> [String: AgreementReport.ReviewerQuality] {
            var reports: [AgreementReport] = []
            for path in paths {
                do {
                    reports.append(
                        try JSONDecoder().decode(
                            AgreementReport.self, from: Data(contentsOf: URL(fileURLWithPath: path))))
                } catch {
                    Diagnostics.print([
                        "\(path): not an agreement report from `wagefile agree --format json` (\(error.localizedDescription))"
                    ])
                    throw Outcome.badInput
                }
            }
            return PortfolioSnapshot.evidence(from: reports)
        }

        func emit(json: () throws -> String, markdown: () -> String, csv: (() -> String)?) throws {
            let text: String
            switch format {
            case .json: text = try json()
            case .md: text = markdown()
            case .csv:
                guard let csv else {
                    Diagnostics.print(["--format csv: this view has json and md only"])
                    throw Outcome.badInput
                }
                text = csv()
            }
            if let output { try OutputFiles.write(text, to: output) } else { print(text, terminator: "") }
        }
    }

    struct Compression: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compression",
            abstract:
                "Internal people doing AI work against their band, new hires and external hires; cost to minimum and parity."
        )
        @OptionGroup var common: Common
        @Option(
            name: .customLong("new-hire-threshold"),
            help: "Compression when tenured staff lead new hires by less than this share.")
        var newHireThreshold = 0.05
        @Option(
            name: .customLong("supervisor-premium"),
            help: "The premium a manager should hold over the best-paid direct report.")
        var supervisorPremium = 0.10
        @Option(
            name: .customLong("external-gap"),
            help: "Flag internal people this share below external hires doing the same work.")
        var externalGap = 0.05

        func run() async throws {
            for (name, value) in [
                ("--new-hire-threshold", newHireThreshold), ("--supervisor-premium", supervisorPremium),
                ("--external-gap", externalGap),
            ]
            where !(value >= 0 && value < 1) {
                Diagnostics.print(["\(name): expected a share from 0 to below 1 (0.05 is 5%), found \(value)"])
                throw Outcome.badInput
            }
            var policy = CompressionPolicy()
            policy.newHireThreshold = newHireThreshold
            policy.supervisorPremium = supervisorPremium
            policy.externalGapThreshold = externalGap
            let report = CompressionReport.build(
                try await common.snapshot(), currency: common.currency.uppercased(), policy: policy)
            try common.emit(
                json: { try PortfolioRendering.json(report) }, markdown: { PortfolioRendering.markdown(report) },
                csv: { PortfolioRendering.csv(report) })
        }
    }

    struct Cost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cost",
            abstract:
                "Annualized cost by work layer, budget owner and employment model, with vendor spend and shifted cost.")
        enum Grouping: String, ExpressibleByArgument, CaseIterable { case layer, grade }
        @OptionGroup var common: Common
        @Option(
            name: .customLong("by"),
            help: "layer (default), or grade: also split every line and total by the wage file's grade.")
        var by: Grouping = .layer
        func run() async throws {
            let report = CostReport.build(
                try await common.snapshot(), currency: common.currency.uppercased(), byGrade: by == .grade)
            try common.emit(
                json: { try PortfolioRendering.json(report) }, markdown: { PortfolioRendering.markdown(report) },
                csv: { report.csv() })
        }
    }

    struct PayEquity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pay-equity",
            abstract:
                "Pay gaps as the EU Pay Transparency Directive measures them: per category of equal value, with the 5% joint-assessment rule."
        )
        @OptionGroup var common: Common
        @Option(name: .customLong("threshold"), help: "Flag adjusted gaps above this share (the EU directive's 5%).")
        var threshold = 0.05
        func run() async throws {
            guard threshold > 0 && threshold < 1 else {
                Diagnostics.print(["--threshold: expected a share above 0 and below 1, found \(threshold)"])
                throw Outcome.badInput
            }
            let report = PayEquityReport.build(try await common.snapshot(), threshold: threshold)
            try common.emit(
                json: { try PortfolioRendering.json(report) }, markdown: { PortfolioRendering.markdown(report) },
                csv: nil)
        }
    }

    struct Vendors: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vendors",
            abstract:
                "The vendor register: checklist, supply-chain risks, audits, open blocking findings (exit 1 when any).")
        @OptionGroup var common: Common
        func run() async throws {
            let report = VendorRegister.build(try await common.snapshot(), includeSpend: true)
            try common.emit(
                json: { try PortfolioRendering.json(report) }, markdown: { PortfolioRendering.markdown(report) },
                csv: nil)
            if report.blockingVendors > 0 { throw Outcome.blockingFindings }
        }
    }

    struct Datasets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "datasets",
            abstract: "Every dataset and the wage file of the work that made it (exit 1 when one is incomplete).")
        @OptionGroup var common: Common
        func run() async throws {
            let report = DatasetRegister.build(try await common.snapshot())
            try common.emit(
                json: { try PortfolioRendering.json(report) }, markdown: { PortfolioRendering.markdown(report) },
                csv: nil)
            if report.incomplete > 0 { throw Outcome.blockingFindings }
        }
    }

    struct PathUpward: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "path-upward",
            abstract: "For each person doing AI work: the next layer, the pay gap and the evidence that qualifies them."
        )
        @OptionGroup var common: Common
        @Option(
            name: .customLong("evidence"),
            help: ArgumentHelp(
                "An agreement report (`wagefile agree --format json`) whose reviewers are people (repeatable).",
                valueName: "report.json"))
        var evidence: [String] = []
        func run() async throws {
            let report = PathUpwardReport.build(
                try await common.snapshot(evidence: evidence), currency: common.currency.uppercased())
            try common.emit(
                json: { try PortfolioRendering.json(report) }, markdown: { PortfolioRendering.markdown(report) },
                csv: nil)
        }
    }
}
