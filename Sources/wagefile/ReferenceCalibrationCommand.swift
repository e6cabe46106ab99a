import ArgumentParser
import Foundation
import Pricing

/// `wagefile reference calibration`: the pay line's fit to its own benchmarks, published.
struct ReferenceCalibrationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibration",
        abstract:
            "Print each benchmark's market P50, the midpoint priced from its own profile in its own market, and the residual.",
        discussion:
            "Also checks that each rate card's benchmark is priced inside the card's published range. docs/PRICING.md explains the method."
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var reference: ReferenceOptions
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        let pricer = try reference.pricer()
        let report = CalibrationReport(pricer: pricer)
        switch format {
        case .text: print(report.text, terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }
}
