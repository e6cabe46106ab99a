import ArgumentParser
import DecisionFiles
import Foundation
import Planning
import Pricing
import ReferenceData
import WorkModel

/// `wagefile plan FILE`: an alignment program's budget by reviewer tier, with its uncertainty,
/// hiring, the cost of a useful preference pair and (with --frontier) the routing frontier.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan an alignment program's budget by reviewer tier (wagefile.program/v1).",
        discussion: """
            Line items are at the most likely throughput, rate and agreement; a seeded Monte Carlo gives P10/P50/P90.
            Rates come from a rate card (rate: {card: ...}), a role spec's band (rate: {band: spec-id}, with --specs), or are given.
            Exit codes: 0 ok, 2 bad input. Decision support: every figure moves with the stated assumptions.
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case json, md, html }

    @Argument(help: ArgumentHelp("The program spec (YAML or JSON).", valueName: "program.yaml"))
    var file: String

    @Option(name: .customLong("format"), help: "json, md or html.")
    var format: OutputFormat = .md

    @Flag(name: .customLong("frontier"), help: "Sweep the routing and report the cost against agreement frontier.")
    var frontier = false

    @Option(
        name: .customLong("specs"),
        help: ArgumentHelp("Role specs whose bands `rate: {band: id}` refers to (files or folders).", valueName: "path")
    )
    var specs: [String] = []

    @Option(
        name: .customLong("agreement"),
        help: ArgumentHelp(
            "A tier's agreement as `wagefile agree --format json` measured it: tier=agree.json (repeatable).",
            valueName: "tier=file"))
    var measuredAgreement: [String] = []

    @Option(name: .customLong("draws"), help: "Override the spec's Monte Carlo draws.")
    var draws: Int?

    @Option(name: .customLong("seed"), help: "Override the spec's Monte Carlo seed.")
    var seed: UInt64?

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    @OptionGroup var reference: ReferenceOptions
    @OptionGroup var evaluation: EvaluationDateOption

    func run() throws {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            Diagnostics.print(["\(file): cannot read the file (\(error.localizedDescription))"])
            throw Outcome.badInput
        }
        var spec: ProgramSpec
        do { spec = try ProgramSpecReader.read(text, file: file) } catch {
            Diagnostics.print(error.diagnostics)
            throw Outcome.badInput
        }
        if let draws {
            guard (1...10_000_000).contains(draws) else {
                Diagnostics.print(["--draws: expected 1 to 10,000,000, found \(draws)"])
                throw Outcome.badInput
            }
            spec.draws = draws
        }
        if let seed { spec.seed = seed }
        let agreementSources = try applyMeasuredAgreement(to: &spec)
        let pricer = try reference.pricer()
        let bands = try bandsFromSpecs(pricer: pricer)
        let (resolved, sources, problems) = RateResolver(reference: pricer.reference, band: { bands[$0] }).resolve(spec)
        if !problems.isEmpty {
            Diagnostics.print(problems.map { "\(file): \($0)" })
            throw Outcome.badInput
        }
        let plan = ProgramPlan.build(resolved, rateSources: sources, agreementSources: agreementSources)
        let sweep = frontier ? RoutingOptimizer.sweep(resolved) : nil
        let rendered: String
        switch format {
        case .json:
            struct Output: Encodable {
                var plan: ProgramPlan
                var frontier: RoutingFrontier?
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            rendered = String(decoding: try encoder.encode(Output(plan: plan, frontier: sweep)), as: UTF8.self) + "\n"
        case .md:
            rendered = PlanRendering.markdown(plan, frontier: sweep)
        case .html:
            rendered = PlanRendering.page(plan, frontier: sweep)
        }
        if let output { try OutputFiles.write(rendered, to: output) } else { print(rendered, terminator: "") }
    }

    /// Each `--agreement tier=file`: the file's `percentAgreement` becomes the tier's agreement.
    func applyMeasuredAgreement(to spec: inout ProgramSpec) throws -> [String: String] {
        var sources: [String: String] = [:]
        var problems: [String] = []
        for argument in measuredAgreement {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                problems.append("--agreement: expected tier=agree.json, found '\(argument)'")
                continue
            }
            let tier = String(argument[..<equals]), path = String(argument[argument.index(after: equals)...])
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("--agreement \(tier): cannot read \(path)")
                continue
            }
            struct Report: Decodable {
                var schema: String?
                var percentAgreement: Double?
                var judgments: Int?
            }
            guard let report = try? JSONDecoder().decode(Report.self, from: data),
                report.schema == "wagefile.agreement/v1"
            else {
                problems.append("\(path): expected the JSON report of `wagefile agree` (schema wagefile.agreement/v1)")
                continue
            }
            guard let measured = report.percentAgreement else {
                problems.append("\(path): percentAgreement: absent (no item had two judgments to compare)")
                continue
            }
            if let problem = MeasuredAgreement.apply(measured, to: tier, in: &spec) {
                problems.append("--agreement \(tier): \(problem)")
                continue
            }
            sources[tier] =
                "`wagefile agree` on \(path) (percent agreement \(Format.fixed(measured, places: 4))\(report.judgments.map { " over \($0) judgments" } ?? ""))"
        }
        if !problems.isEmpty {
            Diagnostics.print(problems)
            throw Outcome.badInput
        }
        return sources
    }

    /// The hourly band of each role spec given with --specs, priced on the evaluation date.
    func bandsFromSpecs(pricer: Pricer) throws -> [String: RateResolver.Band] {
        guard !specs.isEmpty else { return [:] }
        let (inputs, problems) = SpecInputs.collect(specs)
        if !problems.isEmpty {
            Diagnostics.print(problems)
            throw Outcome.badInput
        }
        let batch = BatchPricing(builder: DecisionFileBuilder(pricer: pricer, asOf: try evaluation.date()))
        var bands: [String: RateResolver.Band] = [:]
        for input in inputs {
            switch batch.price(input.text, file: input.name) {
            case .priced(let file):
                let employeePay = file.loadedCost?.basis == "employee-pay"
                bands[file.spec.id] = RateResolver.Band(
                    min: file.band.hourly.min, mid: file.band.hourly.mid, max: file.band.hourly.max,
                    currency: file.band.currency,
                    market: file.band.locationMarket,
                    loadFactor: employeePay ? file.loadedCost?.bandMid?.loadFactor : nil)
            case .rejected(let error):
                Diagnostics.print(error.diagnostics)
                throw Outcome.badInput
            }
        }
        return bands
    }
}
